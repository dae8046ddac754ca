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

static void test_builtins(void)
{
	size_t n;
	const rx_schema_builtin *b = rx_schema_builtin_list(&n);
	rx_schema_scale *s;

	CHECK_EQ(n, 6); /* 3 scales, default.rules, default.due, default.compliance */
	CHECK(rx_schema_builtin_find("due", "default") != NULL);
	CHECK(rx_schema_builtin_find("scale", "phq9") != NULL);
	CHECK(rx_schema_builtin_find("rules", "default") != NULL);
	CHECK(rx_schema_builtin_find("scale", "nope") == NULL);
	CHECK_EQ(b[n - 1].data[b[n - 1].len], 0);
	REQUIRE((s = load("phqa")) != NULL);
	CHECK_STR(rx_schema_scale_id(s), "phqa");
	CHECK_EQ(rx_schema_scale_items(s), 9);
	CHECK(rx_schema_scale_item_text(s, 9) != NULL);
	CHECK(rx_schema_scale_item_text(s, 10) == NULL);
	CHECK_EQ(rx_schema_scale_critical_count(s), 1);
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
	CHECK_EQ(variant("items = 2", "items = 65"), RX_EINPUT);
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
	RUN(test_phq9_scores);
	RUN(test_band_edges);
	RUN(test_score_refuses);
	RUN(test_parse_strict);
	RUN(test_parse_bounds);
	return rx_test_done();
}
