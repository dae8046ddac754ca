/* Warning rules: per-administration levels and how administrations combine. */
#include <string.h>

#include "schema/schema.h"
#include "tests/harness.h"

static rx_schema_rules *rules;
static rx_schema_scale *phq9, *phqa, *gad7;

static rx_schema_level level(rx_schema_scale *s, const int *a)
{
	rx_schema_score sc;
	rx_error err = { 0 };

	if (rx_schema_scale_score(s, a, rx_schema_scale_items(s), &sc, &err) < 0)
		return RX_SCHEMA_LEVEL_MISSING;
	return rx_schema_rules_level(rules, s, &sc);
}

/* PHQ-style answers summing to t with item 9 set to q9. */
static rx_schema_level phq_total(rx_schema_scale *s, int t, int q9)
{
	int a[9] = { 0 };

	a[8] = q9;
	t -= q9;
	for (int i = 0; i < 8 && t > 0; i++) {
		a[i] = t > 3 ? 3 : t;
		t -= a[i];
	}
	return level(s, a);
}

static void test_published_examples(void)
{
	int a1[] = { 1, 1, 1, 1, 1, 0, 0, 0, 0 }, a2[] = { 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	int a3[] = { 3, 3, 3, 3, 3, 3, 3, 3, 3 }, g[] = { 2, 2, 2, 2, 1, 1, 0 };

	CHECK_EQ(level(phq9, a1), RX_SCHEMA_LEVEL_NONE);
	CHECK_EQ(level(phq9, a2), RX_SCHEMA_LEVEL_RED);
	CHECK_EQ(level(phq9, a3), RX_SCHEMA_LEVEL_RED);
	CHECK_EQ(level(gad7, g), RX_SCHEMA_LEVEL_YELLOW);
	CHECK_EQ(level(phqa, a2), RX_SCHEMA_LEVEL_RED);
}

static void test_edges(void)
{
	rx_schema_scale *both[] = { phq9, phqa };

	for (int i = 0; i < 2; i++) {
		rx_schema_scale *s = both[i];
		CHECK_EQ(phq_total(s, 9, 0), RX_SCHEMA_LEVEL_NONE);
		CHECK_EQ(phq_total(s, 10, 0), RX_SCHEMA_LEVEL_YELLOW);
		CHECK_EQ(phq_total(s, 14, 0), RX_SCHEMA_LEVEL_YELLOW);
		CHECK_EQ(phq_total(s, 15, 0), RX_SCHEMA_LEVEL_ORANGE);
		CHECK_EQ(phq_total(s, 19, 0), RX_SCHEMA_LEVEL_ORANGE);
		CHECK_EQ(phq_total(s, 20, 0), RX_SCHEMA_LEVEL_RED);
		CHECK_EQ(phq_total(s, 10, 2), RX_SCHEMA_LEVEL_RED);
	}
	int g9[] = { 3, 3, 3, 0, 0, 0, 0 }, g10[] = { 3, 3, 3, 1, 0, 0, 0 };
	int g14[] = { 3, 3, 3, 3, 2, 0, 0 }, g15[] = { 3, 3, 3, 3, 3, 0, 0 };
	int g21[] = { 3, 3, 3, 3, 3, 3, 3 };
	CHECK_EQ(level(gad7, g9), RX_SCHEMA_LEVEL_NONE);
	CHECK_EQ(level(gad7, g10), RX_SCHEMA_LEVEL_YELLOW);
	CHECK_EQ(level(gad7, g14), RX_SCHEMA_LEVEL_YELLOW);
	CHECK_EQ(level(gad7, g15), RX_SCHEMA_LEVEL_ORANGE);
	CHECK_EQ(level(gad7, g21), RX_SCHEMA_LEVEL_ORANGE);
}

static void test_combine_round(void)
{
	bool d;

	CHECK_EQ(rx_schema_level_combine_round(RX_SCHEMA_LEVEL_RED, RX_SCHEMA_LEVEL_NONE, &d),
		 RX_SCHEMA_LEVEL_RED);
	CHECK(d);
	CHECK_EQ(rx_schema_level_combine_round(RX_SCHEMA_LEVEL_NONE, RX_SCHEMA_LEVEL_RED, &d),
		 RX_SCHEMA_LEVEL_RED);
	CHECK(d);
	CHECK_EQ(rx_schema_level_combine_round(RX_SCHEMA_LEVEL_ORANGE, RX_SCHEMA_LEVEL_YELLOW, &d),
		 RX_SCHEMA_LEVEL_YELLOW);
	CHECK(!d);
	CHECK_EQ(rx_schema_level_combine_round(RX_SCHEMA_LEVEL_RED, RX_SCHEMA_LEVEL_RED, &d),
		 RX_SCHEMA_LEVEL_RED);
	CHECK(!d);
	CHECK_EQ(rx_schema_level_combine_round(RX_SCHEMA_LEVEL_RED, RX_SCHEMA_LEVEL_ORANGE, &d),
		 RX_SCHEMA_LEVEL_RED);
	CHECK(!d);
	/* worse later: the later one wins (was "the lower": none) */
	CHECK_EQ(rx_schema_level_combine_round(RX_SCHEMA_LEVEL_NONE, RX_SCHEMA_LEVEL_ORANGE, &d),
		 RX_SCHEMA_LEVEL_ORANGE);
	CHECK(d);
	CHECK_EQ(rx_schema_level_combine_round(RX_SCHEMA_LEVEL_YELLOW, RX_SCHEMA_LEVEL_ORANGE, &d),
		 RX_SCHEMA_LEVEL_ORANGE);
	CHECK(!d);
	/* better later: the later one, discordant when two steps apart */
	CHECK_EQ(rx_schema_level_combine_round(RX_SCHEMA_LEVEL_ORANGE, RX_SCHEMA_LEVEL_NONE, &d),
		 RX_SCHEMA_LEVEL_NONE);
	CHECK(d);
	CHECK_EQ(rx_schema_level_combine_round(RX_SCHEMA_LEVEL_YELLOW, RX_SCHEMA_LEVEL_MISSING, &d),
		 RX_SCHEMA_LEVEL_YELLOW);
	CHECK(d);
	CHECK_EQ(rx_schema_level_combine_round(RX_SCHEMA_LEVEL_MISSING, RX_SCHEMA_LEVEL_NONE, &d),
		 RX_SCHEMA_LEVEL_NONE);
	CHECK(d);
	CHECK_EQ(rx_schema_level_combine_round(RX_SCHEMA_LEVEL_MISSING, RX_SCHEMA_LEVEL_MISSING, &d),
		 RX_SCHEMA_LEVEL_MISSING);
	CHECK(!d);
	CHECK_EQ(rx_schema_level_combine_round(RX_SCHEMA_LEVEL_YELLOW, RX_SCHEMA_LEVEL_NONE, &d),
		 RX_SCHEMA_LEVEL_NONE);
	CHECK(!d);
}

static rx_schema_date D(int y, int m, int d)
{
	return (rx_schema_date){ y, m, d };
}

/* PHQ-9 totals t1 on d1 and t2 on d2 (0: not taken), combined as of today. */
static rx_schema_round pair(int t1, rx_schema_date d1, int t2, rx_schema_date d2,
	rx_schema_date today)
{
	rx_schema_adm a1 = { t1 < 0 ? RX_SCHEMA_LEVEL_MISSING : phq_total(phq9, t1, 0), d1 };
	rx_schema_adm a2 = { t2 < 0 ? RX_SCHEMA_LEVEL_MISSING : phq_total(phq9, t2, 0), d2 };
	rx_schema_round r;

	rx_schema_round_combine(&r, &a1, &a2, 30, today);
	return r;
}

static void test_round_dates(void)
{
	rx_schema_date today = D(2024, 10, 20);
	rx_schema_round r;

	/* PHQ-9 0 then 16: at least orange (it was none) */
	r = pair(0, D(2024, 9, 10), 16, D(2024, 10, 10), today);
	CHECK(r.level >= RX_SCHEMA_LEVEL_ORANGE);
	CHECK_EQ(r.discordant, 1);
	CHECK_EQ(r.since.day, 10);
	CHECK_EQ(r.since.month, 10);
	/* 16 then 0: none, but discordant: owes an assessment from the later day */
	r = pair(16, D(2024, 9, 10), 0, D(2024, 10, 10), today);
	CHECK_EQ(r.level, RX_SCHEMA_LEVEL_NONE);
	CHECK_EQ(r.discordant, 1);
	CHECK_EQ(r.worse, RX_SCHEMA_LEVEL_ORANGE);
	CHECK_EQ(r.start.month, 10);
	/* the order is by date, not by administration number */
	r = pair(16, D(2024, 10, 10), 0, D(2024, 9, 10), today);
	CHECK(r.level >= RX_SCHEMA_LEVEL_ORANGE);
	/* one step apart: not discordant */
	r = pair(12, D(2024, 9, 10), 16, D(2024, 10, 10), today);
	CHECK_EQ(r.level, RX_SCHEMA_LEVEL_ORANGE);
	CHECK_EQ(r.discordant, 0);
	/* one administration: awaited for 30 days, then discordant */
	r = pair(3, D(2024, 10, 1), -1, D(0, 0, 0), D(2024, 10, 30));
	CHECK_EQ(r.level, RX_SCHEMA_LEVEL_NONE);
	CHECK_EQ(r.discordant, 0);
	r = pair(-1, D(0, 0, 0), 3, D(2024, 10, 1), D(2024, 10, 31));
	CHECK_EQ(r.discordant, 2);
	CHECK_EQ(r.since.day, 1);
	CHECK_EQ(r.start.day, 31);
	r = pair(-1, D(0, 0, 0), -1, D(0, 0, 0), today);
	CHECK_EQ(r.level, RX_SCHEMA_LEVEL_MISSING);
	CHECK_EQ(r.discordant, 0);
}

static void test_age(void)
{
	CHECK_EQ(rx_schema_age_on(D(2014, 3, 5), D(2024, 3, 4)), 9);
	CHECK_EQ(rx_schema_age_on(D(2014, 3, 5), D(2024, 3, 5)), 10);
	CHECK_EQ(rx_schema_age_on(D(2014, 3, 5), D(2024, 2, 28)), 9);
	CHECK_EQ(rx_schema_age_on(D(0, 0, 0), D(2024, 2, 28)), -1);
}

/* PHQ-A's supplementary suicide items: not summed, red when answered yes. */
static void test_phqa_supplementary(void)
{
	int a[13] = { 0 };
	rx_schema_score sc;
	rx_error err = { 0 };

	a[11] = 1; /* q12: serious thoughts of ending one's life, past month */
	REQUIRE(rx_schema_scale_score(phqa, a, 13, &sc, &err) == 0);
	CHECK_EQ(sc.total, 0);
	CHECK(sc.critical != 0);
	CHECK_EQ(rx_schema_rules_level(rules, phqa, &sc), RX_SCHEMA_LEVEL_RED);
	a[11] = 0, a[12] = 1; /* q13: ever attempted */
	REQUIRE(rx_schema_scale_score(phqa, a, 13, &sc, &err) == 0);
	CHECK_EQ(rx_schema_rules_level(rules, phqa, &sc), RX_SCHEMA_LEVEL_RED);
	a[12] = RX_SCHEMA_UNANSWERED, a[11] = RX_SCHEMA_UNANSWERED;
	REQUIRE(rx_schema_scale_score(phqa, a, 13, &sc, &err) == 0);
	CHECK_EQ(sc.critical, 0);
	CHECK_EQ(rx_schema_rules_level(rules, phqa, &sc), RX_SCHEMA_LEVEL_NONE);
	CHECK_EQ(rx_schema_rules_check(rules, phqa, &err), 0);
}

static void test_combine_scales(void)
{
	rx_schema_level l[] = { RX_SCHEMA_LEVEL_YELLOW, RX_SCHEMA_LEVEL_MISSING,
				RX_SCHEMA_LEVEL_ORANGE };
	rx_schema_level m[] = { RX_SCHEMA_LEVEL_MISSING };

	CHECK_EQ(rx_schema_level_combine_scales(l, 3), RX_SCHEMA_LEVEL_ORANGE);
	CHECK_EQ(rx_schema_level_combine_scales(l, 2), RX_SCHEMA_LEVEL_YELLOW);
	CHECK_EQ(rx_schema_level_combine_scales(m, 1), RX_SCHEMA_LEVEL_MISSING);
	CHECK_EQ(rx_schema_level_combine_scales(l, 0), RX_SCHEMA_LEVEL_MISSING);
}

static void test_names(void)
{
	rx_schema_level l;
	rx_error err = { 0 };

	CHECK_STR(rx_schema_level_name(RX_SCHEMA_LEVEL_ORANGE), "orange");
	CHECK_STR(rx_schema_level_name_zh(RX_SCHEMA_LEVEL_RED), "红");
	CHECK_STR(rx_schema_level_name_zh(RX_SCHEMA_LEVEL_NONE), "无");
	CHECK_STR(rx_schema_level_name(RX_SCHEMA_LEVEL_MISSING), "?");
	CHECK_EQ(rx_schema_level_parse(&l, "黄", &err), 0);
	CHECK_EQ(l, RX_SCHEMA_LEVEL_YELLOW);
	CHECK_EQ(rx_schema_level_parse(&l, " Red ", &err), 0);
	CHECK_EQ(l, RX_SCHEMA_LEVEL_RED);
	CHECK_EQ(rx_schema_level_parse(&l, "purple", &err), RX_EINPUT);
}

static int parse(const char *text)
{
	rx_schema_rules *r = NULL;
	rx_error err = { 0 };
	int rc = rx_schema_rules_parse(&r, text, strlen(text), &err);

	rx_schema_rules_free(r);
	return rc;
}

static void test_rules_parse(void)
{
	rx_schema_rules *r = NULL;
	rx_error err = { 0 };
	rx_schema_score sc;
	int a[] = { 3, 3, 0, 0, 0, 0, 0 };

	CHECK_EQ(parse("red = gad7 total > 5\n"), 0);
	CHECK_EQ(parse("红 = gad7 total > 5\n"), RX_EINPUT); /* keys are ASCII */
	CHECK_EQ(parse("# only a comment\n"), RX_EINPUT);
	CHECK_EQ(parse("none = gad7 total >= 5\n"), RX_EINPUT);
	CHECK_EQ(parse("purple = gad7 total >= 5\n"), RX_EINPUT);
	CHECK_EQ(parse("red = GAD7 total >= 5\n"), RX_EINPUT);
	CHECK_EQ(parse("red = gad7 q0 >= 5\n"), RX_EINPUT);
	CHECK_EQ(parse("red = gad7 q129 >= 5\n"), RX_EINPUT);
	CHECK_EQ(parse("red = gad7 total\n"), RX_EINPUT);
	CHECK_EQ(parse("red = gad7 total >= \n"), RX_EINPUT);
	CHECK_EQ(parse("red = gad7\n"), RX_EINPUT);
	CHECK_EQ(parse("name = a\nname = b\nred = gad7 total >= 1\n"), RX_EINPUT);
	const char *t = "red = gad7 q2 == 3\norange = gad7 total < 7\nyellow = gad7 q8 >= 1\n";

	REQUIRE(rx_schema_rules_parse(&r, t, strlen(t), &err) == 0);
	CHECK_EQ(rx_schema_rules_check(r, gad7, &err), RX_EINPUT); /* q8 of 7 */
	REQUIRE(rx_schema_scale_score(gad7, a, 7, &sc, &err) == 0);
	CHECK_EQ(rx_schema_rules_level(r, gad7, &sc), RX_SCHEMA_LEVEL_RED);
	a[1] = 2;
	REQUIRE(rx_schema_scale_score(gad7, a, 7, &sc, &err) == 0);
	CHECK_EQ(rx_schema_rules_level(r, gad7, &sc), RX_SCHEMA_LEVEL_ORANGE);
	CHECK_EQ(rx_schema_rules_level(r, phq9, &sc), RX_SCHEMA_LEVEL_NONE);
	rx_schema_rules_free(r);
	rx_error_clear(&err);
	CHECK_EQ(rx_schema_rules_check(rules, phq9, &err), 0);
	CHECK_STR(rx_schema_rules_name(rules), "default");
}

int main(void)
{
	rx_error err = { 0 };

	if (rx_schema_builtin_rules(&rules, "default", &err) < 0 ||
	    rx_schema_builtin_scale(&phq9, "phq9", &err) < 0 ||
	    rx_schema_builtin_scale(&phqa, "phqa", &err) < 0 ||
	    rx_schema_builtin_scale(&gad7, "gad7", &err) < 0) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return 1;
	}
	RUN(test_published_examples);
	RUN(test_edges);
	RUN(test_combine_round);
	RUN(test_round_dates);
	RUN(test_age);
	RUN(test_phqa_supplementary);
	RUN(test_combine_scales);
	RUN(test_names);
	RUN(test_rules_parse);
	rx_schema_rules_free(rules);
	rx_schema_scale_free(phq9);
	rx_schema_scale_free(phqa);
	rx_schema_scale_free(gad7);
	return rx_test_done();
}
