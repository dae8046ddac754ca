/* SDS and SAS (Zung): reversed items, int(raw × 1.25) standard scores and the Chinese cut-offs, hand-computed. */
#include <string.h>

#include "schema/schema.h"
#include "tests/harness.h"

static rx_schema_scale *load(const char *id)
{
	rx_schema_scale *s = NULL;
	rx_error err = { 0 };

	if (rx_schema_builtin_scale(&s, id, &err) < 0)
		fprintf(stderr, "load %s: %s\n", id, err.msg);
	return s;
}

static rx_schema_score sc;

static int score(rx_schema_scale *s, const int *a)
{
	rx_error err = { 0 };

	memset(&sc, 0, sizeof(sc));
	if (rx_schema_scale_score(s, a, 20, &sc, &err) < 0) {
		fprintf(stderr, "score: %s\n", err.msg);
		return -1;
	}
	return sc.standard;
}

/*
 * Answers giving raw total `raw`: the healthiest pattern (1 on plain items,
 * 4 on reversed ones: raw 20), then plain items raised one step at a time.
 */
static void pattern(int *a, const int *rev, size_t nrev, int raw)
{
	for (int i = 0; i < 20; i++)
		a[i] = 1;
	for (size_t i = 0; i < nrev; i++)
		a[rev[i] - 1] = 4;
	for (int i = 0, extra = raw - 20; extra > 0; i = (i + 1) % 20) {
		int r = 0;
		for (size_t k = 0; k < nrev; k++)
			r |= rev[k] - 1 == i;
		if (r && a[i] > 1)
			a[i]--, extra--;
		else if (!r && a[i] < 4)
			a[i]++, extra--;
	}
}

static const int sds_rev[] = { 2, 5, 6, 11, 12, 14, 16, 17, 18, 20 };
static const int sas_rev[] = { 5, 9, 13, 17, 19 };

static void test_sds(void)
{
	rx_schema_scale *s;
	int a[20];
	/* hand-computed: plain items 1,3,4,7,8,9,10,13,15,19 = 3+3+3+2+1+2+3+3+3+2 = 25;
	 * reversed 2,5,6,11,12,14,16,17,18,20 answered 1,2,2,2,1,1,1,1,1,2 count
	 * 4+3+3+3+4+4+4+4+4+3 = 36; raw 61, standard int(76.25) = 76: 重度 */
	static const int d[20] = { 3, 1, 3, 3, 2, 2, 2, 1, 2, 3, 2, 1, 3, 1, 3, 1, 1, 1, 2, 2 };
	/* plain 2+1+2+1+1+2+3+2+3+1 = 18, reversed 3,4,2,3,2,4,1,3,2,4 count
	 * 2+1+3+2+3+1+4+2+3+1 = 22; raw 40, standard 50: 无抑郁 */
	static const int c[20] = { 2, 3, 1, 2, 4, 2, 1, 1, 2, 3, 3, 2, 2, 4, 3, 1, 3, 2, 1, 4 };

	REQUIRE((s = load("sds")) != NULL);
	CHECK(rx_schema_scale_has_standard(s));
	CHECK_STR(rx_schema_scale_answer_label(s, 7, 3), "相当多时间");
	CHECK_EQ(score(s, d), 76);
	CHECK_EQ(sc.total, 61);
	CHECK_STR(sc.band_label_zh, "重度抑郁");
	CHECK(!sc.voided);
	CHECK_EQ(score(s, c), 50);
	CHECK_EQ(sc.total, 40);
	CHECK_STR(sc.band_label_zh, "无抑郁");
	/* all "1": the ten reversed items count 4 each, raw 50, standard 62 */
	for (int i = 0; i < 20; i++)
		a[i] = 1;
	CHECK_EQ(score(s, a), 62);
	CHECK_STR(sc.band_label_zh, "轻度抑郁");
	/* healthiest and worst */
	pattern(a, sds_rev, 10, 20);
	CHECK_EQ(score(s, a), 25);
	CHECK_EQ(sc.total, 20);
	pattern(a, sds_rev, 10, 80);
	CHECK_EQ(score(s, a), 100);
	/* edges: raw 42 -> 52, 43 -> 53, 50 -> 62, 51 -> 63, 58 -> 72, 59 -> 73 */
	static const struct { int raw, std; const char *band; } e[] = {
		{ 42, 52, "无抑郁" }, { 43, 53, "轻度抑郁" }, { 50, 62, "轻度抑郁" },
		{ 51, 63, "中度抑郁" }, { 58, 72, "中度抑郁" }, { 59, 73, "重度抑郁" } };
	for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
		pattern(a, sds_rev, 10, e[i].raw);
		CHECK_EQ(score(s, a), e[i].std);
		CHECK_EQ(sc.total, e[i].raw);
		CHECK_STR(sc.band_label_zh, e[i].band);
	}
	/* item 19 (better off dead): 相当多时间 or more is critical */
	pattern(a, sds_rev, 10, 20);
	a[18] = 2;
	score(s, a);
	CHECK_EQ(sc.critical, 0);
	a[18] = 3;
	score(s, a);
	CHECK_EQ(sc.critical, 1);
	/* answers are 1-4: 0 and 5 are refused */
	a[0] = 0;
	CHECK_EQ(score(s, a), -1);
	a[0] = 5;
	CHECK_EQ(score(s, a), -1);
	rx_schema_scale_free(s);
}

static void test_sas(void)
{
	rx_schema_scale *s;
	int a[20];
	/* plain items (all but 5, 9, 13, 17, 19): q1..q20 without them 2+2+1+1+3+2+2+2+1+1+1+2+2+3+1 = 26;
	 * reversed 5, 9, 13, 17, 19 answered 4, 1, 3, 2, 1 count 1+4+2+3+4 = 14;
	 * raw 40, standard 50: 轻度焦虑 (at the cut) */
	static const int p[20] = { 2, 2, 1, 1, 4, 3, 2, 2, 1, 2, 1, 1, 3, 1, 2, 2, 2, 3, 1, 1 };

	REQUIRE((s = load("sas")) != NULL);
	CHECK_EQ(score(s, p), 50);
	CHECK_EQ(sc.total, 40);
	CHECK_STR(sc.band_label_zh, "轻度焦虑");
	for (int i = 0; i < 20; i++)
		a[i] = 1;
	CHECK_EQ(score(s, a), 43); /* 15 + 5 × 4 = 35 -> 43.75 */
	CHECK_STR(sc.band_label_zh, "无焦虑");
	static const struct { int raw, std; const char *band; } e[] = {
		{ 39, 48, "无焦虑" }, { 40, 50, "轻度焦虑" }, { 47, 58, "轻度焦虑" },
		{ 48, 60, "中度焦虑" }, { 55, 68, "中度焦虑" }, { 56, 70, "重度焦虑" },
		{ 20, 25, "无焦虑" }, { 80, 100, "重度焦虑" } };
	for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
		pattern(a, sas_rev, 5, e[i].raw);
		CHECK_EQ(score(s, a), e[i].std);
		CHECK_EQ(sc.total, e[i].raw);
		CHECK_STR(sc.band_label_zh, e[i].band);
	}
	CHECK_EQ(sc.critical, 0);
	rx_schema_scale_free(s);
}

/* Default rules: SDS/SAS bands to yellow/orange/red; SDS item 19 red; a void total counts for nothing. */
static void test_rules(void)
{
	rx_schema_scale *s = load("sds"), *a2 = load("sas");
	rx_schema_rules *r = NULL;
	rx_error err = { 0 };
	int a[20];
	static const struct { int raw; rx_schema_level lv; } e[] = {
		{ 42, RX_SCHEMA_LEVEL_NONE }, { 43, RX_SCHEMA_LEVEL_YELLOW },
		{ 50, RX_SCHEMA_LEVEL_YELLOW }, { 51, RX_SCHEMA_LEVEL_ORANGE },
		{ 58, RX_SCHEMA_LEVEL_ORANGE }, { 59, RX_SCHEMA_LEVEL_RED } };

	REQUIRE(s && a2);
	REQUIRE(rx_schema_builtin_rules(&r, "default", &err) == 0);
	CHECK_EQ(rx_schema_rules_check(r, s, &err), 0);
	for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
		pattern(a, sds_rev, 10, e[i].raw);
		score(s, a);
		CHECK_EQ(rx_schema_rules_level(r, s, &sc), e[i].lv);
	}
	pattern(a, sds_rev, 10, 20);
	a[18] = 3;
	score(s, a);
	CHECK_EQ(rx_schema_rules_level(r, s, &sc), RX_SCHEMA_LEVEL_RED);
	pattern(a, sas_rev, 5, 40);
	score(a2, a);
	CHECK_EQ(rx_schema_rules_level(r, a2, &sc), RX_SCHEMA_LEVEL_YELLOW);
	pattern(a, sas_rev, 5, 39);
	score(a2, a);
	CHECK_EQ(rx_schema_rules_level(r, a2, &sc), RX_SCHEMA_LEVEL_NONE);
	pattern(a, sas_rev, 5, 56);
	score(a2, a);
	CHECK_EQ(rx_schema_rules_level(r, a2, &sc), RX_SCHEMA_LEVEL_RED);
	sc.voided = 1; /* a void result's total proposes nothing */
	CHECK_EQ(rx_schema_rules_level(r, a2, &sc), RX_SCHEMA_LEVEL_NONE);
	rx_schema_rules_free(r);
	rx_schema_scale_free(s);
	rx_schema_scale_free(a2);
}

/* The older files keep their scores; PHQ-A keeps its two suicide questions. */
static void test_old_files(void)
{
	rx_schema_scale *s;
	char d[64];

	REQUIRE((s = load("phqa")) != NULL);
	CHECK_EQ(rx_schema_scale_items_all(s), 13);
	CHECK(strstr(rx_schema_scale_item_text(s, 12), "结束自己生命") != NULL);
	CHECK(strstr(rx_schema_scale_item_text(s, 13), "自杀") != NULL);
	CHECK_STR(rx_schema_scale_answer_label(s, 12, 1), "是");
	CHECK_STR(rx_schema_scale_answer_label(s, 11, 2), "非常困难");
	CHECK_STR(rx_schema_scale_answer_label(s, 3, 2), "一半以上的天数");
	CHECK(rx_schema_scale_answer_label(s, 12, 2) == NULL);
	CHECK(!rx_schema_scale_has_standard(s));
	rx_schema_scale_critical_describe(s, 1, d, sizeof(d));
	CHECK_STR(d, "q12 >= 1");
	rx_schema_scale_free(s);
}

int main(void)
{
	RUN(test_sds);
	RUN(test_sas);
	RUN(test_rules);
	RUN(test_old_files);
	return rx_test_done();
}
