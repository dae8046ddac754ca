/* Scales: built-in files, scoring and bands, and a strict parser. */
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

static int total(rx_schema_scale *s, const int *a, size_t n, rx_schema_score *sc)
{
	rx_error err = { 0 };

	return rx_schema_scale_score(s, a, n, sc, &err) < 0 ? -1 : sc->total;
}

/* CES-DC, for primary grades 4-6: 20 items, 4 reverse-scored (docs/scales.md). */
static void test_cesdc(void)
{
	rx_schema_scale *s;
	rx_schema_score sc;
	int a[20] = { 0 };
	rx_error err = { 0 };

	REQUIRE((s = load("cesdc")) != NULL);
	CHECK_EQ(rx_schema_scale_items(s), 20);
	/* all 0: the four positive items (4, 8, 12, 16) count 3 each */
	REQUIRE(rx_schema_scale_score(s, a, 20, &sc, &err) == 0);
	CHECK_EQ(sc.total, 12);
	CHECK_EQ(sc.answers[3], 0); /* the answer is kept as given */
	a[3] = a[7] = a[11] = a[15] = 3; /* feeling good, hopeful, happy, having fun: 0 */
	REQUIRE(rx_schema_scale_score(s, a, 20, &sc, &err) == 0);
	CHECK_EQ(sc.total, 0);
	for (int i = 0; i < 20; i++)
		a[i] = 1;
	REQUIRE(rx_schema_scale_score(s, a, 20, &sc, &err) == 0);
	CHECK_EQ(sc.total, 16 + 4 * 2);
	CHECK_STR(sc.band_label, "elevated");
	/* grade 5, age 10 fits; grade 8, age 14 does not */
	CHECK(rx_schema_scale_fits(s, 5, 10));
	CHECK(!rx_schema_scale_fits(s, 8, 14));
	rx_schema_scale_free(s);
}

/* A reverse list is checked like any key. */
static void test_reverse_key(void)
{
	static const char *const bad[] = { "reverse = 0", "reverse = 5", "reverse = 1,,2",
		"reverse = x", "reverse = 1, 1" };
	char txt[400];
	rx_schema_scale *s = NULL;
	rx_error err = { 0 };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(txt, sizeof(txt), "id = t\nname = 测\nname_en = t\nitems = 4\nmin = 0\n"
			"max = 3\nbands = 0:low\n%s\n", bad[i]);
		CHECK(rx_schema_scale_parse(&s, txt, strlen(txt), &err) == RX_EINPUT);
		CHECK(strstr(err.msg, "reverse") != NULL);
		rx_error_clear(&err);
	}
}

static void test_builtins(void)
{
	size_t n;
	const rx_schema_builtin *b = rx_schema_builtin_list(&n);
	rx_schema_scale *s;

	CHECK_EQ(n, 14); /* 6 scales, .rules, .due, .compliance, .groups, .calendar, .transfer, 2 letters */
	CHECK(rx_schema_builtin_find("due", "default") != NULL);
	CHECK(rx_schema_builtin_find("scale", "phq9") != NULL);
	CHECK(rx_schema_builtin_find("rules", "default") != NULL);
	CHECK(rx_schema_builtin_find("scale", "nope") == NULL);
	CHECK_EQ(b[n - 1].data[b[n - 1].len], 0);
	REQUIRE((s = load("phqa")) != NULL);
	CHECK_STR(rx_schema_scale_id(s), "phqa");
	CHECK_EQ(rx_schema_scale_items(s), 9);
	CHECK(rx_schema_scale_item_text(s, 9) != NULL);
	/* the form's supplementary items 10-13, the two suicide questions critical */
	CHECK_EQ(rx_schema_scale_items_all(s), 13);
	CHECK(rx_schema_scale_item_text(s, 12) != NULL);
	CHECK(rx_schema_scale_item_text(s, 14) == NULL);
	CHECK_EQ(rx_schema_scale_critical_count(s), 3);
	CHECK_EQ(rx_schema_scale_critical_item(s, 1), 12);
	CHECK_EQ(rx_schema_scale_critical_item(s, 2), 13);
	CHECK_STR(rx_schema_scale_short(s), "PHQ-A");
	rx_schema_scale_free(s);
	REQUIRE((s = load("gad7")) != NULL);
	CHECK_EQ(rx_schema_scale_items(s), 7);
	CHECK_EQ(rx_schema_scale_critical_count(s), 0);
	rx_schema_scale_free(s);
}

static void test_phq9_scores(void)
{
	rx_schema_scale *s = load("phq9");
	rx_schema_score sc;
	int a1[] = { 1, 1, 1, 1, 1, 0, 0, 0, 0 }, a2[] = { 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	int a3[] = { 3, 3, 3, 3, 3, 3, 3, 3, 3 };
	char d[32];

	REQUIRE(s != NULL);
	CHECK_EQ(total(s, a1, 9, &sc), 5);
	CHECK_STR(sc.band_label, "mild");
	CHECK_STR(sc.band_label_zh, "轻度");
	CHECK_EQ(sc.critical, 0);
	CHECK_EQ(total(s, a2, 9, &sc), 1);
	CHECK_STR(sc.band_label, "minimal");
	CHECK_EQ(sc.critical, 1);
	CHECK_EQ(total(s, a3, 9, &sc), 27);
	CHECK_STR(sc.band_label, "severe");
	rx_schema_scale_critical_describe(s, 0, d, sizeof(d));
	CHECK_STR(d, "q9 >= 1");
	rx_schema_scale_free(s);
}

/* Answers summing to t, item 9 kept at 0. */
static const char *band_at(rx_schema_scale *s, int t)
{
	static rx_schema_score sc;
	int a[9] = { 0 };

	for (int i = 0; i < 8 && t > 0; i++) {
		a[i] = t > 3 ? 3 : t;
		t -= a[i];
	}
	return total(s, a, 9, &sc) < 0 ? "error" : sc.band_label;
}

static void test_band_edges(void)
{
	rx_schema_scale *s = load("phq9"), *g = load("gad7");
	rx_schema_score sc;
	int a[] = { 2, 2, 2, 2, 1, 1, 0 };

	REQUIRE(s && g);
	CHECK_STR(band_at(s, 0), "minimal");
	CHECK_STR(band_at(s, 4), "minimal");
	CHECK_STR(band_at(s, 5), "mild");
	CHECK_STR(band_at(s, 9), "mild");
	CHECK_STR(band_at(s, 10), "moderate");
	CHECK_STR(band_at(s, 14), "moderate");
	CHECK_STR(band_at(s, 15), "moderately-severe");
	CHECK_STR(band_at(s, 19), "moderately-severe");
	CHECK_STR(band_at(s, 20), "severe");
	CHECK_EQ(total(g, a, 7, &sc), 10);
	CHECK_STR(sc.band_label, "moderate");
	rx_schema_scale_free(s);
	rx_schema_scale_free(g);
}

static void test_score_refuses(void)
{
	rx_schema_scale *s = load("phq9");
	rx_schema_score sc;
	rx_error err = { 0 };
	int a[10] = { 0 };

	REQUIRE(s != NULL);
	CHECK_EQ(rx_schema_scale_score(s, a, 8, &sc, &err), RX_EINPUT);
	CHECK(strstr(err.msg, "8 answers") != NULL);
	rx_error_clear(&err);
	CHECK_EQ(rx_schema_scale_score(s, a, 10, &sc, &err), RX_EINPUT);
	rx_error_clear(&err);
	a[3] = 4;
	CHECK_EQ(rx_schema_scale_score(s, a, 9, &sc, &err), RX_EINPUT);
	CHECK(strstr(err.msg, "q4 = 4") != NULL);
	rx_error_clear(&err);
	a[3] = -1;
	CHECK_EQ(rx_schema_scale_score(s, a, 9, &sc, &err), RX_EINPUT);
	rx_schema_scale_free(s);
}

static void test_supplementary(void)
{
	rx_schema_scale *s = load("phqa");
	rx_schema_score sc;
	rx_error err = { 0 };
	int a[13] = { 3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 3, 0, 1 }, lo, hi;

	REQUIRE(s != NULL);
	CHECK_EQ(total(s, a, 13, &sc), 27); /* 10-13 not summed */
	CHECK_EQ(sc.n, 13);
	CHECK_EQ(sc.critical, 1u | 4u); /* q9 and q13 */
	CHECK_EQ(total(s, a, 9, &sc), 27); /* supplementary ones may be left out */
	CHECK_EQ(total(s, a, 12, &sc), -1);
	a[9] = 2; /* q10 is yes/no */
	CHECK_EQ(rx_schema_scale_score(s, a, 13, &sc, &err), RX_EINPUT);
	CHECK(strstr(err.msg, "q10 = 2 outside 0..1") != NULL);
	a[9] = RX_SCHEMA_UNANSWERED;
	CHECK_EQ(total(s, a, 13, &sc), 27);
	a[0] = RX_SCHEMA_UNANSWERED; /* a scored item may not be blank */
	CHECK_EQ(total(s, a, 13, &sc), -1);
	rx_schema_scale_item_range(s, 11, &lo, &hi);
	CHECK_EQ(hi, 3);
	rx_schema_scale_item_range(s, 12, &lo, &hi);
	CHECK_EQ(hi, 1);
	rx_schema_scale_item_range(s, 3, &lo, &hi);
	CHECK_EQ(hi, 3);
	rx_schema_scale_free(s);
}

static void test_fit(void)
{
	rx_schema_scale *p9 = load("phq9"), *pa = load("phqa"), *g7 = load("gad7");
	char d[96];

	REQUIRE(p9 && pa && g7);
	CHECK(!rx_schema_scale_fits(p9, 1, 7));   /* a grade-1 pupil owes no PHQ-9 */
	CHECK(!rx_schema_scale_fits(g7, 1, 7));
	CHECK(!rx_schema_scale_fits(p9, 5, 11));
	CHECK(rx_schema_scale_fits(p9, 6, 12));   /* by age */
	CHECK(rx_schema_scale_fits(p9, 7, 11));   /* by grade */
	CHECK(rx_schema_scale_fits(p9, 12, 18));
	CHECK(!rx_schema_scale_fits(pa, 5, 10));  /* PHQ-A: 11-17 */
	CHECK(!rx_schema_scale_fits(pa, 9, 10));  /* no grade range: the age decides */
	CHECK(rx_schema_scale_fits(pa, 5, 11));
	CHECK(rx_schema_scale_fits(pa, 12, 17));
	CHECK(!rx_schema_scale_fits(pa, 12, 18));
	CHECK(!rx_schema_scale_fits(pa, 9, -1)); /* unknown age */
	rx_schema_scale_fit_describe(pa, d, sizeof(d));
	CHECK_STR(d, "11–17 岁");
	rx_schema_scale_fit_describe(p9, d, sizeof(d));
	CHECK_STR(d, "7 年级及以上或 12 岁及以上");
	rx_schema_scale_free(p9);
	rx_schema_scale_free(pa);
	rx_schema_scale_free(g7);
}

static const char good[] =
	"\xEF\xBB\xBF# a test scale\r\n"
	"id = t2\nname = 测试\nname_en = Test\nitems = 2\nmin = 0\nmax = 4\n"
	"bands = 0:low, 4:high\nbands_zh = 0:低, 4:高\ncritical = q2 >= 3\n"
	"critical = q1 == 4\nq1 = first\n";

static int parse(const char *text, size_t len, char *msg)
{
	rx_schema_scale *s = NULL;
	rx_error err = { 0 };
	int rc = rx_schema_scale_parse(&s, text, len, &err);

	if (msg)
		strcpy(msg, err.msg);
	if (rc == 0) {
		rx_schema_score sc;
		int a[] = { 4, 0 };
		rc = rx_schema_scale_score(s, a, 2, &sc, &err) == 0 &&
		     sc.critical == 2 && !strcmp(sc.band_label_zh, "高") ? 0 : -99;
	}
	rx_schema_scale_free(s);
	return rc;
}

/* good with `from` replaced by `to`, parsed. */
static int variant(const char *from, const char *to)
{
	char buf[2048], *p = strstr(good, from) ? buf : NULL;
	const char *at = strstr(good, from);

	if (!p)
		return -100;
	memcpy(buf, good, (size_t)(at - good));
	strcpy(buf + (at - good), to);
	strcat(buf, at + strlen(from));
	return parse(buf, strlen(buf), NULL);
}

static void test_parse_strict(void)
{
	char msg[RX_ERROR_MSG_MAX];

	CHECK_EQ(parse(good, sizeof(good) - 1, msg), 0);
	CHECK_EQ(variant("id = t2\n", ""), RX_EINPUT);            /* missing key */
	CHECK_EQ(variant("id = t2", "id = T2"), RX_EINPUT);       /* bad id */
	CHECK_EQ(variant("items = 2", "items = 2\nitems = 2"), RX_EINPUT);
	CHECK_EQ(variant("items = 2", "items = 129"), RX_EINPUT);
	CHECK_EQ(variant("items = 2", "items = x"), RX_EINPUT);
	CHECK_EQ(variant("max = 4", "max = 0"), RX_EINPUT);       /* min >= max */
	CHECK_EQ(variant("0:low, 4:high\n", "1:low, 4:high\n"), RX_EINPUT);
	CHECK_EQ(variant("0:low, 4:high\n", "0:low, 9:high\n"), RX_EINPUT);
	CHECK_EQ(variant("0:low, 4:high\n", "0:low, 0:high\n"), RX_EINPUT);
	CHECK_EQ(variant("0:low, 4:high\n", "0:low, 4:high,\n"), RX_EINPUT);
	CHECK_EQ(variant("0:low, 4:high\n", "0:low, 4\n"), RX_EINPUT);
	CHECK_EQ(variant("0:低, 4:高", "0:低, 3:高"), RX_EINPUT);
	CHECK_EQ(variant("q2 >= 3", "q3 >= 3"), RX_EINPUT);       /* beyond items */
	CHECK_EQ(variant("q2 >= 3", "q2 => 3"), RX_EINPUT);
	CHECK_EQ(variant("q2 >= 3", "q2 >= 3 x"), RX_EINPUT);
	CHECK_EQ(variant("q2 >= 3", "total >= 3"), RX_EINPUT);   /* items only */
	CHECK_EQ(variant("q1 = first", "q3 = third"), RX_EINPUT);
	CHECK_EQ(variant("q1 = first", "q1 = a\nq1 = b"), RX_EINPUT);
	CHECK_EQ(variant("q1 = first", "colour = red"), RX_EINPUT);
	CHECK_EQ(variant("q1 = first", "q1 first"), RX_EINPUT);
	CHECK_EQ(variant("q1 = first", "q1 = a\x01"), RX_EINPUT);
	CHECK_EQ(variant("name = 测试", "name = \xC0\xAF"), RX_EINPUT); /* overlong */
	CHECK_EQ(variant("name = 测试", "name = \xED\xA0\x80"), RX_EINPUT); /* surrogate */
	CHECK_EQ(variant("scoring", "x"), -100);
	CHECK_EQ(variant("q1 = first", "scoring = mean"), RX_EINPUT);
	/* supplementary items: numbered after the scored ones, in order */
	CHECK_EQ(variant("q1 = first", "supplementary = q3 0..1"), 0);
	CHECK_EQ(variant("q1 = first", "supplementary = q3 0..1\nsupplementary = q4 0..2\n"
		"q4 = text\ncritical = q4 >= 1"), 0);
	CHECK_EQ(variant("q1 = first", "q3 = text"), RX_EINPUT);
	CHECK_EQ(variant("q1 = first", "supplementary = q4 0..1"), RX_EINPUT);
	CHECK_EQ(variant("q1 = first", "supplementary = q2 0..1"), RX_EINPUT);
	CHECK_EQ(variant("q1 = first", "supplementary = q3 1..1"), RX_EINPUT);
	CHECK_EQ(variant("q1 = first", "supplementary = q3 0-1"), RX_EINPUT);
	CHECK_EQ(variant("q1 = first", "supplementary = q3 0..101"), RX_EINPUT);
	CHECK_EQ(variant("q1 = first", "supplementary = q3"), RX_EINPUT);
	CHECK_EQ(variant("q1 = first", "supplementary = 3 0..1"), RX_EINPUT);
	CHECK_EQ(variant("q1 = first", "supplementary = q3 0.."), RX_EINPUT);
	/* age and grade ranges */
	CHECK_EQ(variant("q1 = first", "grade_min = 7\nage_min = 12\nage_max = 17"), 0);
	CHECK_EQ(variant("q1 = first", "grade_min = 13"), RX_EINPUT);
	CHECK_EQ(variant("q1 = first", "grade_min = 0"), RX_EINPUT);
	CHECK_EQ(variant("q1 = first", "age_min = 12\nage_max = 11"), RX_EINPUT);
	CHECK_EQ(variant("q1 = first", "grade_min = 9\ngrade_max = 7"), RX_EINPUT);
	CHECK_EQ(variant("q1 = first", "age_min = x"), RX_EINPUT);
	CHECK_EQ(variant("q1 = first", "age_min = 3\nage_min = 4"), RX_EINPUT);
	CHECK_EQ(variant("q1 = first", "short = T-2"), 0);
	CHECK_EQ(variant("q1 = first", "short = T-2\nshort = T"), RX_EINPUT);
	/* Truncated anywhere before the bands: always refused, never a crash. */
	for (size_t n = 0; n < (size_t)(strstr(good, "bands") - good); n++)
		CHECK_EQ(parse(good, n, NULL), RX_EINPUT);
}

static void test_parse_bounds(void)
{
	static char big[70000];
	char line[1100];

	memset(big, '#', sizeof(big));
	CHECK_EQ(parse(big, sizeof(big), NULL), RX_EINPUT);
	memset(line, 'x', sizeof(line));
	memcpy(line, "q1 = ", 5);
	CHECK_EQ(parse(line, sizeof(line), NULL), RX_EINPUT);
}

int main(void)
{
	RUN(test_builtins);
	RUN(test_cesdc);
	RUN(test_reverse_key);
	RUN(test_phq9_scores);
	RUN(test_band_edges);
	RUN(test_score_refuses);
	RUN(test_supplementary);
	RUN(test_fit);
	RUN(test_parse_strict);
	RUN(test_parse_bounds);
	return rx_test_done();
}
