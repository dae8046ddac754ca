/* Stats: the payload codec (and its refusals), a county of 10 schools suppressed and checked, reports, speed (compliance: tests/ops/audit/test_compliance.c). */
#include <stdint.h>
#include <time.h>

#include "ops/audit/audit.h"
#include "ops/stats/stats.h"
#include "schema/obligation.h"
#include "tests/harness.h"

static uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A school with figures drawn from seed: many small counts, as real schools have. */
static void school(rx_ops_stats *s, uint64_t seed, int k)
{
	uint64_t r = seed * 1000 + (uint64_t)k;

	memset(s, 0, sizeof(*s));
	s->scope = RX_OPS_STATS_SCHOOL;
	snprintf(s->node, sizeof(s->node), "%016llx", 0x1000ULL + (unsigned long long)k);
	s->year = 2024;
	snprintf(s->round, sizeof(s->round), "2024a");
	for (int t = 0; t < RX_STATS_NTABLES; t++)
		for (int i = 0; i < rx_ops_stats_rows(t); i++)
			for (int j = 0; j < rx_ops_stats_cols(t); j++) {
				uint64_t x = rng_next(&r) % 100;
				/* a third zero, a third small, the rest up to 60 */
				*rx_ops_stats_at(s, t, i, j) = x < 33 ? 0 : x < 66 ?
					(int64_t)(1 + x % 4) : (int64_t)(x - 40);
			}
	s->staff.teachers_full = k % 3;
	s->staff.teachers_part = 1;
	s->staff.room_hours_x10 = 60 + 10 * k;
	s->staff.lessons_x100 = 50 + 25 * k;
	s->staff.classes_g4 = 12;
	s->staff.classes_committee = 12 - k % 2;
	s->staff.school_type = 1 + k % 3;
	s->staff.school_stage = 1 + k % 3;
	s->staff.room_weeks = 12;
	s->staff.room_weeks_ok = 12 - k % 4;
	s->staff.lesson_slots = 60;
	s->staff.lesson_slots_ok = 55;
	rx_ops_stats_margins(s);
}

static int same(const rx_ops_stats *a, const rx_ops_stats *b)
{
	return a->scope == b->scope && !strcmp(a->node, b->node) && a->year == b->year &&
		!strcmp(a->round, b->round) && !memcmp(a->v, b->v, sizeof(a->v)) &&
		!memcmp(a->hidden, b->hidden, sizeof(a->hidden)) &&
		!memcmp(&a->staff, &b->staff, sizeof(a->staff));
}

static void test_roundtrip(void)
{
	rx_ops_stats s[2], *d = NULL;
	rx_buf b = RX_BUF_INIT;
	rx_error err = { 0 };
	size_t n = 0;

	school(&s[0], 1, 1);
	school(&s[1], 1, 2);
	REQUIRE(rx_ops_stats_encode(&b, s, 2, &err) == 0);
	/* RX_STATS_SEED=FILE: keep this payload (the seed of tests/fuzz/corpus/fuzz_stats) */
	if (getenv("RX_STATS_SEED")) {
		FILE *f = fopen(getenv("RX_STATS_SEED"), "wb");

		CHECK(f && fwrite(b.data, 1, b.len, f) == b.len && fclose(f) == 0);
	}
	REQUIRE(rx_ops_stats_decode(&d, &n, b.data, b.len, &err) == 0);
	CHECK_EQ(n, 2);
	CHECK(same(&d[0], &s[0]) && same(&d[1], &s[1]));
	free(d);
	/* out of order or of two rounds: the encoder refuses */
	CHECK_EQ(rx_ops_stats_encode(&b, (rx_ops_stats[]){ s[1], s[0] }, 2, &err), RX_EUSAGE);
	snprintf(s[1].round, sizeof(s[1].round), "2024b");
	CHECK_EQ(rx_ops_stats_encode(&b, s, 2, &err), RX_EUSAGE);
	snprintf(s[0].round, sizeof(s[0].round), "bad round");
	CHECK_EQ(rx_ops_stats_encode(&b, s, 1, &err), RX_EUSAGE);
	rx_buf_free(&b);
}

static int decodes(const uint8_t *p, size_t len)
{
	rx_ops_stats *d = NULL;
	rx_error err = { 0 };
	size_t n;
	int rc = rx_ops_stats_decode(&d, &n, p, len, &err);

	free(d);
	return rc;
}

/* Build an encoding of one school, then break it in one way. */
static void encode_one(rx_buf *b, const rx_ops_stats *s)
{
	rx_error err = { 0 };

	rx_buf_reset(b);
	rx_ops_stats_encode(b, s, 1, &err);
}

static void test_refusals(void)
{
	rx_ops_stats s, t;
	rx_buf b = RX_BUF_INIT;
	size_t tables_at, tables_end;
	int all = 1;

	school(&s, 7, 3);
	encode_one(&b, &s);
	REQUIRE(decodes(b.data, b.len) == 0);
	/* every truncation */
	for (size_t len = 0; len < b.len; len++)
		all &= decodes(b.data, len) == RX_EINPUT;
	CHECK(all);
	/* a trailing byte */
	rx_buf_put(&b, "", 1, NULL);
	CHECK_EQ(decodes(b.data, b.len), RX_EINPUT);
	/* any flipped bit inside the tables: a hidden mark or a count that no longer adds up */
	encode_one(&b, &s);
	tables_at = 7 + 12 + strlen(s.round);
	tables_end = b.len - RX_OPS_STATS_STAFF_N; /* one-byte staffing figures follow */
	all = 1;
	for (size_t i = tables_at; i < tables_end; i++)
		for (int bit = 0; bit < 8; bit++) {
			b.data[i] ^= (uint8_t)(1u << bit);
			all &= decodes(b.data, b.len) == RX_EINPUT;
			b.data[i] ^= (uint8_t)(1u << bit);
		}
	CHECK(all);
	/* header: magic, version, count 0, count too large for the bytes */
	b.data[0] ^= 1;
	CHECK_EQ(decodes(b.data, b.len), RX_EINPUT);
	b.data[0] ^= 1;
	b.data[4] = 1;
	CHECK_EQ(decodes(b.data, b.len), RX_EINPUT);
	b.data[4] = 2, b.data[5] = 0, b.data[6] = 0;
	CHECK_EQ(decodes(b.data, b.len), RX_EINPUT);
	b.data[5] = 0xff, b.data[6] = 0xff;
	CHECK_EQ(decodes(b.data, b.len), RX_EINPUT);
	b.data[5] = 0, b.data[6] = 2;
	CHECK_EQ(decodes(b.data, b.len), RX_EINPUT);
	b.data[6] = 1;
	/* scope 3, year 1999, a round with a bad byte, a round of 17 bytes */
	b.data[7] = 3;
	CHECK_EQ(decodes(b.data, b.len), RX_EINPUT);
	b.data[7] = 1, b.data[16] = 1999 >> 8, b.data[17] = 1999 & 0xff;
	CHECK_EQ(decodes(b.data, b.len), RX_EINPUT);
	b.data[16] = 2024 >> 8, b.data[17] = 2024 & 0xff, b.data[19] = '/';
	CHECK_EQ(decodes(b.data, b.len), RX_EINPUT);
	b.data[19] = '2', b.data[18] = 17;
	CHECK_EQ(decodes(b.data, b.len), RX_EINPUT);
	b.data[18] = 5;
	CHECK_EQ(decodes(b.data, b.len), 0);
	/* a school's own figures hide nothing; a margin that does not add up */
	t = s, t.hidden[RX_STATS_LEVELS][0] = 1, t.v[RX_STATS_LEVELS][0] = 0;
	encode_one(&b, &t);
	CHECK_EQ(decodes(b.data, b.len), RX_EINPUT);
	t = s, (*rx_ops_stats_at(&t, RX_STATS_GROUPS, 7, 5))++;
	encode_one(&b, &t);
	CHECK_EQ(decodes(b.data, b.len), RX_EINPUT);
	/* more committee classes than classes; room hours beyond a week */
	t = s, t.staff.classes_committee = 13;
	encode_one(&b, &t);
	CHECK_EQ(decodes(b.data, b.len), RX_EINPUT);
	t = s, t.staff.room_hours_x10 = 1681;
	encode_one(&b, &t);
	CHECK_EQ(decodes(b.data, b.len), RX_EINPUT);
	/* more weeks or class-fortnights met than judged; an unknown school type */
	t = s, t.staff.room_weeks_ok = 13;
	encode_one(&b, &t);
	CHECK_EQ(decodes(b.data, b.len), RX_EINPUT);
	t = s, t.staff.lesson_slots_ok = 61;
	encode_one(&b, &t);
	CHECK_EQ(decodes(b.data, b.len), RX_EINPUT);
	t = s, t.staff.school_type = 4;
	encode_one(&b, &t);
	CHECK_EQ(decodes(b.data, b.len), RX_EINPUT);
	rx_buf_free(&b);
}

/* Varints: not the shortest form, too long, beyond the largest count, a hidden entry with a value. */
static void test_varints(void)
{
	rx_ops_stats s;
	rx_buf b = RX_BUF_INIT, c = RX_BUF_INIT;
	size_t at;

	memset(&s, 0, sizeof(s));
	s.scope = RX_OPS_STATS_SCHOOL;
	snprintf(s.node, sizeof(s.node), "0000000000000001");
	s.year = 2024;
	snprintf(s.round, sizeof(s.round), "r1");
	encode_one(&b, &s);
	REQUIRE(decodes(b.data, b.len) == 0);
	at = 7 + 12 + 2; /* the first entry: 0, one byte */
	REQUIRE(b.data[at] == 0);
	/* 0 written as 0x80 0x00 */
	rx_buf_put(&c, b.data, at, NULL);
	rx_buf_put(&c, "\x80\x00", 2, NULL);
	rx_buf_put(&c, b.data + at + 1, b.len - at - 1, NULL);
	CHECK_EQ(decodes(c.data, c.len), RX_EINPUT);
	/* a count of 2^41 (entry 2^42): beyond RX_OPS_STATS_COUNT_MAX */
	rx_buf_reset(&c);
	rx_buf_put(&c, b.data, at, NULL);
	rx_buf_put(&c, "\x80\x80\x80\x80\x80\x80\x01", 7, NULL);
	rx_buf_put(&c, b.data + at + 1, b.len - at - 1, NULL);
	CHECK_EQ(decodes(c.data, c.len), RX_EINPUT);
	/* eight continuation bytes */
	rx_buf_reset(&c);
	rx_buf_put(&c, b.data, at, NULL);
	rx_buf_put(&c, "\xff\xff\xff\xff\xff\xff\xff\xff\x01", 9, NULL);
	rx_buf_put(&c, b.data + at + 1, b.len - at - 1, NULL);
	CHECK_EQ(decodes(c.data, c.len), RX_EINPUT);
	/* a hidden entry (low bit) with a value, in a county record */
	s.scope = RX_OPS_STATS_COUNTY;
	encode_one(&b, &s);
	REQUIRE(decodes(b.data, b.len) == 0);
	b.data[at] = 1;
	CHECK_EQ(decodes(b.data, b.len), 0);
	b.data[at] = 3;
	CHECK_EQ(decodes(b.data, b.len), RX_EINPUT);
	rx_buf_free(&b);
	rx_buf_free(&c);
}

#define NSCHOOLS 10

/* The published view of table t as suppress tables (true values, published masks). */
static rx_ops_table *as_table(const rx_ops_stats *exact, const rx_ops_stats *view,
	rx_ops_stats_tab t)
{
	int rows = rx_ops_stats_rows(t), cols = rx_ops_stats_cols(t);
	rx_ops_table *tab = rx_ops_table_new(rows, cols);

	for (int i = 0; tab && i < rows; i++)
		for (int j = 0; j < cols; j++)
			rx_ops_table_set(tab, i, j, rx_ops_stats_get(exact, t, i, j), NULL);
	for (int i = 0; tab && i <= rows; i++)
		for (int j = 0; j <= cols; j++)
			rx_ops_table_hide(tab, i, j, rx_ops_stats_is_hidden(view, t, i, j), NULL);
	return tab;
}

static void sum_exact(rx_ops_stats *agg, const rx_ops_stats *s, size_t n)
{
	memset(agg, 0, sizeof(*agg));
	for (size_t k = 0; k < n; k++)
		for (int t = 0; t < RX_STATS_NTABLES; t++)
			for (int e = 0; e < RX_OPS_STATS_ENTRIES; e++)
				agg->v[t][e] += s[k].v[t][e];
}

/* Shown entries are exact and never in 1..thr; hidden ones carry 0; zeros are shown. */
static int shown_ok(const rx_ops_stats *exact, const rx_ops_stats *view, int64_t thr)
{
	for (int t = 0; t < RX_STATS_NTABLES; t++)
		for (int i = 0; i <= rx_ops_stats_rows(t); i++)
			for (int j = 0; j <= rx_ops_stats_cols(t); j++) {
				int64_t x = rx_ops_stats_get(exact, t, i, j);
				int64_t y = rx_ops_stats_get(view, t, i, j);
				if (rx_ops_stats_is_hidden(view, t, i, j) ? (y != 0 || x == 0) :
				    (x != y || (x >= 1 && x <= thr)))
					return 0;
			}
	return 1;
}

/* The exact checker on every table of the family: nothing hidden can be worked out. */
static size_t recovered(const rx_ops_stats *exact, const rx_ops_stats *view, size_t n,
	const rx_ops_stats *agg_exact)
{
	size_t total = 0;

	for (int t = 0; t < RX_STATS_NTABLES; t++) {
		rx_ops_table *tabs[NSCHOOLS + 1];
		rx_error err = { 0 };
		size_t det = 99;
		for (size_t k = 0; k < n; k++)
			tabs[k] = as_table(&exact[k], &view[k], t);
		tabs[n] = as_table(agg_exact, &view[n], t);
		if (rx_ops_check_tables(&det, tabs, n, tabs[n], 1, &err) < 0)
			fprintf(stderr, "checker: %s\n", err.msg);
		total += det;
		for (size_t k = 0; k <= n; k++)
			rx_ops_table_free(tabs[k]);
	}
	return total;
}

static void test_county(void)
{
	rx_ops_stats sc[NSCHOOLS], agg, *view = NULL, *d = NULL;
	rx_ops_stats_pubopts po = { 0 };
	rx_buf b = RX_BUF_INIT;
	rx_error err = { 0 };
	size_t n = 0, hidden = 0;
	double eps = -1;
	int ok = 1;

	for (int k = 0; k < NSCHOOLS; k++)
		school(&sc[k], 42, k);
	sum_exact(&agg, sc, NSCHOOLS);
	REQUIRE(rx_ops_stats_family(&view, sc, NSCHOOLS, "00000000000000c1", &po, &eps,
		&err) == 0);
	CHECK_EQ(eps, 0);
	CHECK_EQ(view[NSCHOOLS].scope, RX_OPS_STATS_COUNTY);
	CHECK_STR(view[NSCHOOLS].node, "00000000000000c1");
	/* totals exact where shown, no shown count in 1..4, on schools and the county */
	for (int k = 0; k <= NSCHOOLS; k++)
		ok &= shown_ok(k < NSCHOOLS ? &sc[k] : &agg, &view[k], 4);
	CHECK(ok);
	for (int k = 0; k <= NSCHOOLS; k++)
		for (int t = 0; t < RX_STATS_NTABLES; t++)
			for (int e = 0; e < RX_OPS_STATS_ENTRIES; e++)
				hidden += view[k].hidden[t][e];
	CHECK(hidden > 100); /* the figures are full of small counts: the test means something */
	/* suppression holds after aggregation: schools and county checked together */
	CHECK_EQ(recovered(sc, view, NSCHOOLS, &agg), 0);
	/* the checker can fail: leave one hidden cell alone in a row of school 0 */
	{
		rx_ops_stats *leaky = malloc(sizeof(rx_ops_stats) * (NSCHOOLS + 1));
		int cols = rx_ops_stats_cols(RX_STATS_LEVELS), row = -1, kept = 0;
		REQUIRE(leaky);
		memcpy(leaky, view, sizeof(rx_ops_stats) * (NSCHOOLS + 1));
		for (int i = 0; i < rx_ops_stats_rows(RX_STATS_LEVELS) && row < 0; i++)
			for (int j = 0; j < cols; j++)
				if (rx_ops_stats_is_hidden(&view[0], RX_STATS_LEVELS, i, j))
					row = i;
		REQUIRE(row >= 0);
		for (int j = 0; j <= cols; j++) {
			uint8_t *h = &leaky[0].hidden[RX_STATS_LEVELS][row * (cols + 1) + j];
			if (*h && !kept)
				kept = 1;
			else
				*h = 0;
		}
		CHECK(recovered(sc, leaky, NSCHOOLS, &agg) > 0);
		free(leaky);
	}
	/* the published view encodes and decodes as it is */
	REQUIRE(rx_ops_stats_encode(&b, view, NSCHOOLS + 1, &err) == 0);
	REQUIRE(rx_ops_stats_decode(&d, &n, b.data, b.len, &err) == 0);
	CHECK_EQ(n, NSCHOOLS + 1);
	ok = 1;
	for (size_t k = 0; k < n; k++)
		ok &= same(&d[k], &view[k]);
	CHECK(ok);
	free(d);
	free(view);
	rx_buf_free(&b);
}

/* The city total shows an entry only where every county shows it, and then exactly. */
static void test_city(void)
{
	rx_ops_stats a[4], *va = NULL, *vb = NULL, city;
	const rx_ops_stats *c[2];
	rx_error err = { 0 };
	int ok = 1, any_hidden = 0;

	for (int k = 0; k < 4; k++)
		school(&a[k], 9, k);
	REQUIRE(rx_ops_stats_family(&va, a, 2, "00000000000000c1", NULL, NULL, &err) == 0);
	REQUIRE(rx_ops_stats_family(&vb, a + 2, 2, "00000000000000c2", NULL, NULL, &err) == 0);
	c[0] = &va[2], c[1] = &vb[2];
	rx_ops_stats_city_total(&city, c, 2, "00000000000000aa");
	for (int t = 0; t < RX_STATS_NTABLES; t++)
		for (int e = 0; e < RX_OPS_STATS_ENTRIES; e++) {
			int h = va[2].hidden[t][e] | vb[2].hidden[t][e];
			any_hidden |= h;
			ok &= city.hidden[t][e] == h &&
				city.v[t][e] == (h ? 0 : va[2].v[t][e] + vb[2].v[t][e]);
		}
	CHECK(ok);
	CHECK(any_hidden);
	CHECK_EQ(city.staff.teachers_part, 4);
	free(va);
	free(vb);
}

static void test_noise(void)
{
	rx_ops_stats sc[NSCHOOLS], *v1 = NULL, *v2 = NULL;
	uint8_t seed[32] = { 1 };
	rx_ops_stats_pubopts po = { 0, 0.5, seed };
	rx_error err = { 0 };
	double eps = 0;
	int ok = 1;

	for (int k = 0; k < NSCHOOLS; k++)
		school(&sc[k], 5, k);
	REQUIRE(rx_ops_stats_family(&v1, sc, NSCHOOLS, "00000000000000c1", &po, &eps, &err) == 0);
	CHECK(eps > 2.49 && eps < 2.51); /* 0.5 for each of the five tables */
	REQUIRE(rx_ops_stats_family(&v2, sc, NSCHOOLS, "00000000000000c1", &po, NULL, &err) == 0);
	CHECK(!memcmp(v1, v2, sizeof(*v1) * (NSCHOOLS + 1))); /* seeded: reproducible */
	/* still no shown count in 1..4 after noise */
	for (int k = 0; k <= NSCHOOLS; k++)
		for (int t = 0; t < RX_STATS_NTABLES; t++)
			for (int e = 0; e < RX_OPS_STATS_ENTRIES; e++)
				ok &= v1[k].hidden[t][e] || v1[k].v[t][e] == 0 || v1[k].v[t][e] > 4;
	CHECK(ok);
	free(v1);
	free(v2);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int render(rx_buf *out, const rx_ops_stats *view, size_t n, rx_ops_stats_format f)
{
	rx_ops_stats_unit *u = calloc(n, sizeof(*u));
	rx_ops_stats_report r = { "宝应县", 4, 0, NULL, u, n - 1 };
	rx_error err = { 0 };
	int rc;

	if (!u)
		return -1;
	for (size_t k = 0; k < n; k++)
		u[k].s = &view[k], u[k].name = k + 1 < n ? "城关中学<&>" : "宝应县";
	r.total = &u[n - 1];
	rc = rx_ops_stats_render(out, &r, f, &err);
	if (rc == 0)
		rc = rx_buf_cstr(out, &err);
	free(u);
	return rc;
}

static void test_reports(void)
{
	rx_ops_stats sc[NSCHOOLS], *view = NULL;
	rx_buf csv = RX_BUF_INIT, json = RX_BUF_INIT, html = RX_BUF_INIT;
	rx_error err = { 0 };
	size_t rows = 0;

	for (int k = 0; k < NSCHOOLS; k++)
		school(&sc[k], 3, k);
	REQUIRE(rx_ops_stats_family(&view, sc, NSCHOOLS, "00000000000000c1", NULL, NULL, &err) == 0);
	REQUIRE(render(&csv, view, NSCHOOLS + 1, RX_STATS_CSV) == 0);
	REQUIRE(render(&json, view, NSCHOOLS + 1, RX_STATS_JSON) == 0);
	REQUIRE(render(&html, view, NSCHOOLS + 1, RX_STATS_HTML) == 0);
	/* tidy: one row per entry of every table, the staffing rows, per unit, plus the header */
	for (size_t i = 0; i < csv.len; i++)
		rows += csv.data[i] == '\n';
	CHECK_EQ(rows, 1 + (NSCHOOLS + 1) * (150 + 48 + 65 + 60 + 12 + RX_OPS_STATS_STAFF_N));
	CHECK(strstr((char *)csv.data, ",levels,7,f,,,red,,") != NULL);
	CHECK(strstr((char *)csv.data, "\"城关中学<&>\"") != NULL);
	CHECK(strstr((char *)json.data, "\"*\"") != NULL);
	CHECK(strstr((char *)json.data, "\"epsilon_spent\":0") != NULL);
	/* self-contained: no URL, no script; names escaped; SVG charts and Chinese labels */
	CHECK(strstr((char *)html.data, "http") == NULL);
	CHECK(strstr((char *)html.data, "<script") == NULL);
	CHECK(strstr((char *)html.data, "城关中学&lt;&amp;&gt;") != NULL);
	CHECK(strstr((char *)html.data, "<svg") != NULL);
	CHECK(strstr((char *)html.data, "预警等级") != NULL);
	if (getenv("RX_STATS_HTML_OUT"))
		fwrite(html.data, 1, html.len, fopen(getenv("RX_STATS_HTML_OUT"), "w"));
	free(view);
	rx_buf_free(&csv);
	rx_buf_free(&json);
	rx_buf_free(&html);
}

/* 3,000 schools: suppress the family and render every format (the time is a figure, never a check). */
static void test_speed(void)
{
	size_t n = 3000;
	rx_ops_stats *sc = calloc(n, sizeof(*sc)), *view = NULL;
	rx_buf out = RX_BUF_INIT;
	rx_error err = { 0 };
	double t0, t1, t2;

	REQUIRE(sc);
	for (size_t k = 0; k < n; k++)
		school(&sc[k], 11, (int)k);
	t0 = now();
	REQUIRE(rx_ops_stats_family(&view, sc, n, "00000000000000c1", NULL, NULL, &err) == 0);
	t1 = now();
	CHECK(render(&out, view, n + 1, RX_STATS_CSV) == 0);
	rx_buf_reset(&out);
	CHECK(render(&out, view, n + 1, RX_STATS_JSON) == 0);
	rx_buf_reset(&out);
	CHECK(render(&out, view, n + 1, RX_STATS_HTML) == 0);
	t2 = now();
	printf("figure: report for %zu schools: suppression %.2f s, CSV+JSON+HTML %.2f s, "
		"total %.2f s\n", n, t1 - t0, t2 - t1, t2 - t0);
	free(sc);
	free(view);
	rx_buf_free(&out);
}

/* OWASP's rule: a text cell that starts with = + - @ tab or CR is shown as text. */
static void test_csv_injection(void)
{
	static const char *const evil[] = { "=HYPERLINK(\"http://x\",\"报表\")",
		"+1+2", "-2+3", "@SUM(A1)", "\tTAB", "\rCR" };
	rx_ops_stats sc[2], *view = NULL;
	rx_error err = { 0 };

	for (int k = 0; k < 2; k++)
		school(&sc[k], 3, k);
	REQUIRE(rx_ops_stats_family(&view, sc, 2, "00000000000000c1", NULL, NULL, &err) == 0);
	for (size_t e = 0; e < sizeof(evil) / sizeof(evil[0]); e++) {
		rx_ops_stats_unit u[2] = { { &view[0], evil[e] }, { &view[2], "宝应县" } };
		rx_ops_stats_report r = { "宝应县", 4, 0, &u[1], u, 1 };
		rx_buf csv = RX_BUF_INIT;
		char want[96];

		REQUIRE(rx_ops_stats_render(&csv, &r, RX_STATS_CSV, &err) == 0 &&
			rx_buf_cstr(&csv, &err) == 0);
		snprintf(want, sizeof(want), ",\"'%c", evil[e][0]);
		CHECK(strstr((char *)csv.data, want) != NULL);
		snprintf(want, sizeof(want), ",\"%c", evil[e][0]);
		CHECK(strstr((char *)csv.data, want) == NULL);
		rx_buf_free(&csv);
	}
	free(view);
}

int main(void)
{
	RUN(test_roundtrip);
	RUN(test_refusals);
	RUN(test_varints);
	RUN(test_county);
	RUN(test_city);
	RUN(test_noise);
	RUN(test_reports);
	RUN(test_csv_injection);
	RUN(test_speed);
	return rx_test_done();
}
