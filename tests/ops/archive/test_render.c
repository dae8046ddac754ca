/* Text for teachers: display width, aligned tables, field values, date words, grade and class filters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/archive/render.h"
#include "schema/schema.h"
#include "tests/harness.h"

static void test_width(void)
{
	CHECK_EQ(rx_text_width(""), 0);
	CHECK_EQ(rx_text_width("abc"), 3);
	CHECK_EQ(rx_text_width("张三"), 4);
	CHECK_EQ(rx_text_width("8年级3班"), 8);
	CHECK_EQ(rx_text_width("Ｗ００３"), 8);     /* full-width forms */
	CHECK_EQ(rx_text_width("𠀀字"), 4);         /* plane 2 */
	CHECK_EQ(rx_text_width("e\xcc\x81"), 1);    /* e + combining acute */
	CHECK_EQ(rx_text_width("a\xff" "b"), 3);    /* a bad byte counts 1 */
	CHECK_EQ(rx_text_width("\xe4\xb8"), 2);     /* a cut sequence: two bad bytes */
}

/* The table printed into a string (malloc'ed). */
static char *printed(const rx_table *t)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	rx_table_print(f, t, NULL);
	fclose(f);
	return s;
}

static void test_table(void)
{
	static const char *const head[] = { "学号", "姓名", "空", "等级" };
	rx_error err = { 0 };
	rx_table t;
	char *s;

	REQUIRE_ZERO(rx_table_init(&t, 4, head, &err));
	REQUIRE_ZERO(rx_table_row(&t, &err));
	REQUIRE_ZERO(rx_table_set(&t, 0, "A1", &err));
	REQUIRE_ZERO(rx_table_set(&t, 1, "欧阳娜娜", &err));
	REQUIRE_ZERO(rx_table_set(&t, 3, "红", &err));
	REQUIRE_ZERO(rx_table_row(&t, &err));
	REQUIRE_ZERO(rx_table_set(&t, 0, "A0002", &err));
	REQUIRE_ZERO(rx_table_set(&t, 1, "Li\nSi", &err));
	s = printed(&t);
	/* columns line up by display width; the empty column is left out; no trailing blanks */
	CHECK_STR(s, "学号   姓名      等级\n"
		     "A1     欧阳娜娜  红\n"
		     "A0002  Li Si\n");
	free(s);
	rx_table_free(&t);

	REQUIRE_ZERO(rx_table_init(&t, 1, head, &err));
	s = printed(&t);
	CHECK_STR(s, ""); /* no rows: nothing, not even the header */
	free(s);
	t.maxw = 6;
	REQUIRE_ZERO(rx_table_row(&t, &err));
	REQUIRE_ZERO(rx_table_set(&t, 0, "一二三四五", &err));
	REQUIRE_ZERO(rx_table_row(&t, &err));
	REQUIRE_ZERO(rx_table_set(&t, 0, "一二三", &err));
	s = printed(&t);
	CHECK_STR(s, "学号\n一二…\n一二三\n"); /* cut to 6 columns with … */
	free(s);
	rx_table_free(&t);
}

static void test_values(void)
{
	const rx_schema_type *st = rx_schema_type_find("student"), *rf = rx_schema_type_find("rf");
	const rx_schema_type *cs = rx_schema_type_find("counselling");
	rx_error err = { 0 };
	rx_schema_rec r;
	char buf[256], lb[16];

	rx_schema_rec_init(&r, st);
	REQUIRE_ZERO(rx_schema_rec_set(&r, "g", "女", &err));
	REQUIRE_ZERO(rx_schema_rec_set(&r, "f", "留守;随迁", &err));
	CHECK_STR(rx_rec_value(&r, (size_t)rx_schema_field_find(st, "g"), buf, sizeof(buf)), "女");
	CHECK_STR(rx_rec_value(&r, (size_t)rx_schema_field_find(st, "f"), buf, sizeof(buf)),
		"留守、随迁");
	CHECK(!rx_rec_value(&r, (size_t)rx_schema_field_find(st, "n"), buf, sizeof(buf)));
	REQUIRE_ZERO(rx_schema_rec_set(&r, "f", "无", &err));
	CHECK(!rx_rec_value(&r, (size_t)rx_schema_field_find(st, "f"), buf, sizeof(buf)));
	REQUIRE_ZERO(rx_schema_rec_set(&r, "gr", "8", &err));
	REQUIRE_ZERO(rx_schema_rec_set(&r, "c", "3班", &err));
	rx_rec_grade_class(&r, buf, sizeof(buf));
	CHECK_STR(buf, "8年级3班");
	rx_schema_rec_clear(&r);

	rx_schema_rec_init(&r, rf);
	REQUIRE_ZERO(rx_schema_rec_set(&r, "gc", "yes", &err));
	REQUIRE_ZERO(rx_schema_rec_set(&r, "mc", "0", &err));
	CHECK_STR(rx_rec_value(&r, (size_t)rx_schema_field_find(rf, "gc"), buf, sizeof(buf)), "是");
	CHECK_STR(rx_rec_value(&r, (size_t)rx_schema_field_find(rf, "mc"), buf, sizeof(buf)), "否");
	CHECK_STR(rx_rec_label(rf, (size_t)rx_schema_field_find(rf, "gc"), lb, sizeof(lb)), "绿色通道");
	rx_schema_rec_clear(&r);

	rx_schema_rec_init(&r, cs);
	REQUIRE_ZERO(rx_schema_rec_set(&r, "k", "iv", &err));
	CHECK_STR(rx_rec_value(&r, (size_t)rx_schema_field_find(cs, "k"), buf, sizeof(buf)), "面谈");
	rx_schema_rec_clear(&r);
	CHECK_STR(rx_rec_label(rx_schema_type_find("sc"),
		rx_schema_type_find("sc")->nfields + 8, lb, sizeof(lb)), "第9题");
}

static void test_date_words(void)
{
	rx_schema_date today = { 2024, 3, 1 }, d;

	REQUIRE_ZERO(rx_schema_date_word(&d, "today", today));
	CHECK(d.year == 2024 && d.month == 3 && d.day == 1);
	REQUIRE_ZERO(rx_schema_date_word(&d, " 今天 ", today));
	CHECK(d.year == 2024 && d.month == 3 && d.day == 1);
	REQUIRE_ZERO(rx_schema_date_word(&d, "Yesterday", today));
	CHECK(d.year == 2024 && d.month == 2 && d.day == 29); /* a leap year */
	REQUIRE_ZERO(rx_schema_date_word(&d, "昨天", today));
	CHECK(d.month == 2 && d.day == 29);
	CHECK(rx_schema_date_word(&d, "明天", today) < 0);
	CHECK(rx_schema_date_word(&d, "2024-03-01", today) < 0);
	CHECK(rx_schema_date_word(&d, "", today) < 0);
}

static void test_grade_class(void)
{
	char g[4], c[33];

	REQUIRE_ZERO(rx_schema_grade_norm(g, "八年级"));
	CHECK_STR(g, "8");
	REQUIRE_ZERO(rx_schema_grade_norm(g, "初二"));
	CHECK_STR(g, "8");
	REQUIRE_ZERO(rx_schema_grade_norm(g, "12"));
	CHECK_STR(g, "12");
	CHECK(rx_schema_grade_norm(g, "13") < 0);
	CHECK(rx_schema_grade_norm(g, "x") < 0);
	REQUIRE_ZERO(rx_schema_class_norm(c, "3班"));
	CHECK_STR(c, "3");
	REQUIRE_ZERO(rx_schema_class_norm(c, "03"));
	CHECK_STR(c, "3");
	REQUIRE_ZERO(rx_schema_class_norm(c, "实验班"));
	CHECK_STR(c, "实验班");
	CHECK(rx_schema_class_norm(c, "") < 0);
	CHECK(rx_schema_class_norm(c, "100") < 0);
}

int main(void)
{
	RUN(test_width);
	RUN(test_table);
	RUN(test_values);
	RUN(test_date_words);
	RUN(test_grade_class);
	return rx_test_done();
}
