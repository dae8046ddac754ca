/* Chinese names for synthetic rosters: surnames by frequency, common given-name characters. */
#include <stdio.h>
#include <string.h>

#include "ops/synth/synth.h"

typedef struct surname {
	const char *s;
	unsigned w; /* share in 1/10,000 of the population, roughly (2020 census order) */
} surname;

static const surname surnames[] = {
	{ "王", 710 }, { "李", 700 }, { "张", 650 }, { "刘", 540 }, { "陈", 450 },
	{ "杨", 310 }, { "黄", 220 }, { "赵", 210 }, { "吴", 200 }, { "周", 190 },
	{ "徐", 160 }, { "孙", 150 }, { "马", 140 }, { "朱", 130 }, { "胡", 130 },
	{ "郭", 120 }, { "何", 120 }, { "林", 110 }, { "高", 110 }, { "罗", 100 },
	{ "郑", 90 }, { "梁", 90 }, { "谢", 80 }, { "宋", 70 }, { "唐", 70 },
	{ "许", 70 }, { "韩", 70 }, { "邓", 60 }, { "冯", 60 }, { "曹", 60 },
	{ "彭", 60 }, { "曾", 60 }, { "肖", 60 }, { "田", 50 }, { "董", 50 },
	{ "潘", 50 }, { "袁", 50 }, { "蔡", 50 }, { "蒋", 50 }, { "余", 50 },
	{ "于", 50 }, { "杜", 50 }, { "叶", 40 }, { "程", 40 }, { "魏", 40 },
	{ "苏", 40 }, { "吕", 40 }, { "丁", 40 }, { "任", 40 }, { "卢", 40 },
	{ "姚", 40 }, { "沈", 40 }, { "钟", 30 }, { "姜", 30 }, { "崔", 30 },
	{ "谭", 30 }, { "陆", 30 }, { "范", 30 }, { "汪", 30 }, { "廖", 30 },
	{ "石", 30 }, { "金", 30 }, { "韦", 30 }, { "贾", 30 }, { "夏", 30 },
	{ "付", 30 }, { "方", 30 }, { "邹", 30 }, { "熊", 30 }, { "白", 30 },
	{ "孟", 30 }, { "秦", 30 }, { "邱", 30 }, { "侯", 20 }, { "江", 20 },
	{ "尹", 20 }, { "薛", 20 }, { "闫", 20 }, { "段", 20 }, { "雷", 20 },
	{ "龙", 20 }, { "黎", 20 }, { "史", 20 }, { "陶", 20 }, { "贺", 20 },
	{ "毛", 20 }, { "郝", 20 }, { "顾", 20 }, { "龚", 20 }, { "邵", 20 },
	{ "万", 20 }, { "覃", 20 }, { "武", 20 }, { "钱", 20 }, { "戴", 20 },
	{ "严", 20 }, { "莫", 20 }, { "孔", 20 }, { "向", 20 }, { "常", 20 },
	{ "汤", 20 }, { "康", 10 }, { "易", 10 }, { "乔", 10 }, { "赖", 10 },
	{ "文", 10 }, { "施", 10 }, { "洪", 10 }, { "牛", 10 }, { "樊", 10 },
	{ "葛", 10 }, { "邢", 10 }, { "安", 10 }, { "齐", 10 }, { "伍", 10 },
	{ "庞", 10 }, { "颜", 10 }, { "倪", 10 }, { "温", 10 }, { "欧阳", 3 },
	{ "上官", 1 }, { "司马", 1 }, { "诸葛", 1 },
};

/* Characters common in given names of children born 2006–2020. */
static const char male[] =
	"浩宇轩子梓俊博文杰涛明辉鹏华强伟磊勇军峰斌超健波宏志鑫睿泽晨阳然航凯"
	"瑞铭昊哲逸豪奕霖嘉天一宸煜皓诚君帆毅森林锐翔宁远恒旭东辰钧琦彬坤鸿"
	"飞腾龙虎刚亮晟乐楷晗洋骏杭祥瀚铮烨硕铎涵胜成兴建国海峻轶佑聪畅安"
	"康泓霆锦岩盛源奇";
static const char female[] =
	"欣怡雨涵诗萱佳琪思婷雪颖瑶蕾悦雅静慧敏芳娜丽玉晶倩茜菲璐璇萌琳妍"
	"彤可馨蕊月嫣娅梦洁露莹丹红霞燕艳秀兰凤春桂梅英华珊薇冰语晓若紫灵"
	"宁心柔依清舒钰媛姝婉娟芸蓉莉翠洋文嘉乐一梓子安雯岚";

/* Number of UTF-8 characters (all three bytes here). */
#define CHARS(s) ((sizeof(s) - 1) / 3)

static void pick_char(rx_ops_rng *r, const char *set, size_t n, char *out)
{
	size_t i = rx_ops_rng_below(r, (uint32_t)n);

	memcpy(out, set + 3 * i, 3);
	out[3] = '\0';
}

static const char *pick_surname(rx_ops_rng *r)
{
	size_t n = sizeof(surnames) / sizeof(surnames[0]);
	unsigned total = 0, x;

	for (size_t i = 0; i < n; i++)
		total += surnames[i].w;
	x = rx_ops_rng_below(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < surnames[i].w)
			return surnames[i].s;
		x -= surnames[i].w;
	}
	return surnames[0].s;
}

void rx_ops_synth_name(rx_ops_rng *r, int female_name, char *out, size_t cap)
{
	const char *set = female_name ? female : male;
	size_t n = female_name ? CHARS(female) : CHARS(male);
	const char *fam = pick_surname(r);
	char a[4], b[4] = "";

	pick_char(r, set, n, a);
	/* About one child in seven has a one-character given name. */
	if (!rx_ops_rng_chance(r, 0.14)) {
		do
			pick_char(r, set, n, b);
		while (!strcmp(a, b) && rx_ops_rng_chance(r, 0.9));
	}
	snprintf(out, cap, "%s%s%s", fam, a, b);
}

_Static_assert((sizeof(male) - 1) % 3 == 0, "given-name characters are 3 bytes");
_Static_assert((sizeof(female) - 1) % 3 == 0, "given-name characters are 3 bytes");
