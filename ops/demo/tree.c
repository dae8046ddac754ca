/* The demo's city: two counties of three schools (one a small village school), one school with two devices. */
#include "ops/demo/demoInt.h"

static const demo_node tree[] = {
	{ "city", "扬州市教育局", "city", -1 },
	{ "county-baoying", "宝应县教育局", "county", 0 },
	{ "county-gaoyou", "高邮市教育局", "county", 0 },
	{ "school-bycz", "宝应县城关初级中学", "school", 1 },
	{ "school-bysx", "宝应县实验小学", "school", 1 },
	{ "school-byzx", "宝应县中学", "school", 1 },
	{ "school-gydy", "高邮市第一中学", "school", 2 },
	{ "school-gywz", "高邮市汪曾祺学校", "school", 2 },
	{ "school-gygj", "高邮市郭集小学", "school", 2 },
	{ "device-bycz-a", "城关初中心理辅导室电脑", "device", 3 },
	{ "device-bycz-b", "城关初中心理教师笔记本", "device", 3 },
};

const demo_node *demo_tree(size_t *n)
{
	*n = sizeof(tree) / sizeof(tree[0]);
	return tree;
}
