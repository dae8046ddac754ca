/* The linked attack: every table of a round, the county sums and the relations between tables (docs/disclosure.md). */
#include <stdint.h>

#include "ops/stats/stats.h"
#include "schema/obligation.h"
#include "tests/harness.h"

static uint64_t rng(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int64_t draw(uint64_t *r, int64_t max)
{
	return max <= 0 ? 0 : (int64_t)(rng(r) % (uint64_t)(max + 1));
}

static void set(rx_ops_stats *s, int t, int i, int j, int64_t v)
{
	*rx_ops_stats_at(s, t, i, j) = v;
}

/*
 * A school whose tables obey the relations the rules imply: coverage by
 * grade = boys + girls; screening met = screened twice, owed = enrolled;
 * visits owed = enrolled, visits met = visited, few on-site; referrals owed
 * = red; the review row = the incidents.
 */
static void school(rx_ops_stats *s, uint64_t seed, int k)
{
	uint64_t r = seed * 7919 + (uint64_t)k;
	int64_t cov[4] = { 0 }, red = 0, n = 0;

	memset(s, 0, sizeof(*s));
	s->scope = RX_OPS_STATS_SCHOOL;
	snprintf(s->node, sizeof(s->node), "%016llx", 0x2000ULL + (unsigned long long)k);
	s->year = 2025;
	snprintf(s->round, sizeof(s->round), "2025a");
	for (int g = 0; g < 12; g++) {
		int64_t tg = 0, a, b, c;
		for (int x = 0; x < 2; x++)
			for (int j = 0; j < 5; j++) {
				int64_t v = j == 3 ? 10 + draw(&r, 20) : j < 2 ? draw(&r, 2) : draw(&r, 5);
				set(s, RX_STATS_LEVELS, 2 * g + x, j, v);
				tg += v, red += j == 0 ? v : 0;
			}
		a = tg - draw(&r, 3), b = draw(&r, tg - a), c = tg - a - b;
		set(s, RX_STATS_COVERAGE, g, 0, a - 1);
		set(s, RX_STATS_COVERAGE, g, 1, 1);
		set(s, RX_STATS_COVERAGE, g, 2, b);
		set(s, RX_STATS_COVERAGE, g, 3, c);
		n += tg;
	}
	rx_ops_stats_margins(s);
	for (int j = 0; j < 4; j++)
		cov[j] = rx_ops_stats_get(s, RX_STATS_COVERAGE, 12, j);
	/* screening: met = screened twice, the rest open or overdue */
	set(s, RX_STATS_OBLIG, RX_ACT_SCREENING, 0, cov[0] + cov[1]);
	set(s, RX_STATS_OBLIG, RX_ACT_SCREENING, 2, cov[2] + cov[3] - (cov[3] > 0));
	set(s, RX_STATS_OBLIG, RX_ACT_SCREENING, 3, cov[3] > 0);
	/* visits: visited = met (a few on site), the rest owed */
	{
		int64_t visited = cov[0] + cov[2], on = 1 + draw(&r, 3), owed = n - visited;
		set(s, RX_STATS_OBLIG, RX_ACT_HOME_VISIT, 0, visited - on);
		set(s, RX_STATS_OBLIG, RX_ACT_HOME_VISIT_ON_SITE, 0, on);
		set(s, RX_STATS_OBLIG, RX_ACT_HOME_VISIT, 2, owed);
	}
	/* referrals: every red student owes one */
	set(s, RX_STATS_OBLIG, RX_ACT_REFERRAL, 0, red - (red > 1));
	set(s, RX_STATS_OBLIG, RX_ACT_REFERRAL, 1, red > 1);
	/* other obligations: small counts */
	for (int a = RX_ACT_ASSESSMENT; a <= RX_ACT_COUNSELLING; a++)
		if (a != RX_ACT_REFERRAL)
			for (int j = 0; j < 4; j++)
				set(s, RX_STATS_OBLIG, a, j, draw(&r, j ? 3 : 12));
	/* incidents and the review row */
	{
		int64_t in[5];
		for (int j = 0; j < 5; j++)
			set(s, RX_STATS_INCIDENTS, 0, j, in[j] = draw(&r, 2));
		set(s, RX_STATS_OBLIG, RX_ACT_REVIEW, 0, in[0]);
		set(s, RX_STATS_OBLIG, RX_ACT_REVIEW, 1, in[2]);
		set(s, RX_STATS_OBLIG, RX_ACT_REVIEW, 2, in[1] + in[4]);
		set(s, RX_STATS_OBLIG, RX_ACT_REVIEW, 3, in[3]);
	}
	for (int i = 0; i < 7; i++)
		for (int j = 0; j < 5; j++)
			set(s, RX_STATS_GROUPS, i, j, draw(&r, 6));
	rx_ops_stats_margins(s);
}

/* The exact figures of the county: its schools then their sum. */
static rx_ops_stats *exact_county(const rx_ops_stats *sc, size_t n)
{
	rx_ops_stats *x = calloc(n + 1, sizeof(*x));

	if (!x)
		abort();
	memcpy(x, sc, n * sizeof(*x));
	x[n] = sc[0];
	x[n].scope = RX_OPS_STATS_COUNTY;
	memset(x[n].v, 0, sizeof(x[n].v));
	for (size_t k = 0; k < n; k++)
		for (int t = 0; t < RX_STATS_NTABLES; t++)
			for (int e = 0; e < RX_OPS_STATS_ENTRIES; e++)
				x[n].v[t][e] += sc[k].v[t][e];
	return x;
}

#define NS 6

static void test_relations_hold(void)
{
	rx_ops_stats sc[NS], *x;

	for (int k = 0; k < NS; k++)
		school(&sc[k], 1, k);
	x = exact_county(sc, NS);
	CHECK(rx_ops_stats_relations() >= 20);
	for (size_t r = 0; r < rx_ops_stats_relations(); r++)
		for (int k = 0; k <= NS; k++)
			if (rx_ops_stats_relation_holds(&x[k], r) != 1) {
				printf("relation %s fails on record %d\n",
					rx_ops_stats_relation_name(r), k);
				CHECK(0);
			}
	/* a record that breaks one relation: it is not held */
	x[0].v[RX_STATS_OBLIG][RX_ACT_REFERRAL * 5 + 4]++;
	CHECK(rx_ops_stats_relation_holds(&x[0], 4) == 0);
	free(x);
}

/* Table by table (as before), an attacker using the relations pins hidden cells. */
static void test_attack_table_by_table(void)
{
	rx_ops_stats sc[NS], *x, *view = NULL;
	rx_ops_stats_pubopts po = { 0 };
	rx_ops_stats_leak lk;
	rx_error err = { 0 };
	size_t exact_total = 0;

	for (uint64_t seed = 1; seed <= 3; seed++) {
		for (int k = 0; k < NS; k++)
			school(&sc[k], seed, k);
		x = exact_county(sc, NS);
		po.cross_off = 1;
		REQUIRE(rx_ops_stats_family(&view, sc, NS, "00000000000000c1", &po, NULL, &err) == 0);
		REQUIRE(rx_ops_stats_attack(&lk, NULL, view, x, NS + 1, 3, &err) == 0);
		printf("figure: table by table, seed %llu: %zu hidden, %zu exact, %zu narrow\n",
			(unsigned long long)seed, lk.hidden, lk.exact, lk.narrow);
		exact_total += lk.exact;
		/* the on-site visits met of school 0 is pinned (a count of 1..4) */
		CHECK(view[0].hidden[RX_STATS_OBLIG][RX_ACT_HOME_VISIT_ON_SITE * 5]);
		free(view);
		view = NULL;
		free(x);
	}
	CHECK(exact_total > 0);
}

/* The linked suppression: no hidden cell exact, none narrower than the protection. */
static void test_attack_linked(void)
{
	rx_ops_stats sc[NS], *x, *view = NULL;
	rx_ops_stats_pubopts po = { 0 };
	rx_ops_stats_leak lk, off;
	rx_error err = { 0 };

	for (uint64_t seed = 1; seed <= 3; seed++) {
		for (int k = 0; k < NS; k++)
			school(&sc[k], seed, k);
		x = exact_county(sc, NS);
		po.cross_off = 1;
		REQUIRE(rx_ops_stats_family(&view, sc, NS, "00000000000000c1", &po, NULL, &err) == 0);
		REQUIRE(rx_ops_stats_attack(&off, NULL, view, x, NS + 1, 3, &err) == 0);
		free(view);
		po.cross_off = 0;
		REQUIRE(rx_ops_stats_family(&view, sc, NS, "00000000000000c1", &po, NULL, &err) == 0);
		REQUIRE(rx_ops_stats_attack(&lk, NULL, view, x, NS + 1, 3, &err) == 0);
		printf("figure: linked, seed %llu: %zu hidden (%zu table by table), %zu exact, "
			"%zu narrow\n", (unsigned long long)seed, lk.hidden, off.hidden, lk.exact,
			lk.narrow);
		CHECK(lk.exact_check);
		CHECK_EQ(lk.exact, 0);
		CHECK_EQ(lk.narrow, 0);
		/* the city, holding only the view, finds nothing either */
		REQUIRE(rx_ops_stats_attack(&lk, NULL, view, NULL, NS + 1, 3, &err) == 0);
		CHECK_EQ(lk.narrow, 0);
		/* nothing shown in 1..4 */
		for (int k = 0; k <= NS; k++)
			for (int t = 0; t < RX_STATS_NTABLES; t++)
				for (int e = 0; e < RX_OPS_STATS_ENTRIES; e++)
					CHECK(view[k].hidden[t][e] || view[k].v[t][e] == 0 ||
						view[k].v[t][e] > 4);
		free(view);
		view = NULL;
		free(x);
	}
}

/* A leaky county (one hidden cell alone in its row) is caught from its view alone. */
static void test_leaky_caught(void)
{
	rx_ops_stats sc[NS], *view = NULL;
	rx_ops_stats_leak lk;
	rx_error err = { 0 };
	int cols = rx_ops_stats_cols(RX_STATS_GROUPS) + 1;

	for (int k = 0; k < NS; k++)
		school(&sc[k], 4, k);
	REQUIRE(rx_ops_stats_family(&view, sc, NS, "00000000000000c1", NULL, NULL, &err) == 0);
	REQUIRE(rx_ops_stats_attack(&lk, NULL, view, NULL, NS + 1, 3, &err) == 0);
	CHECK_EQ(lk.narrow, 0);
	/* publish one school's groups row in full but one cell */
	for (int j = 0; j <= cols - 1; j++) {
		view[1].hidden[RX_STATS_GROUPS][j] = 0;
		view[1].v[RX_STATS_GROUPS][j] = sc[1].v[RX_STATS_GROUPS][j];
	}
	view[1].hidden[RX_STATS_GROUPS][0] = 1;
	view[1].v[RX_STATS_GROUPS][0] = 0;
	REQUIRE(rx_ops_stats_attack(&lk, NULL, view, NULL, NS + 1, 3, &err) == 0);
	CHECK(lk.exact >= 1);
	free(view);
}

/* Charts draw hidden counts as hidden: one hatched block per bar with a hidden count, never nothing. */
static void test_chart(void)
{
	rx_ops_stats sc[NS], *view = NULL;
	rx_ops_stats_unit u[NS + 1];
	rx_ops_stats_report rep = { "宝应县", 4, 0, &u[NS], u, NS };
	rx_buf html = RX_BUF_INIT;
	rx_error err = { 0 };
	const char *p, *end;
	int want = 0, got = 0, rows = rx_ops_stats_rows(RX_STATS_LEVELS);

	for (int k = 0; k < NS; k++)
		school(&sc[k], 5, k);
	/* a county where the red column is hidden in every row with pupils */
	REQUIRE(rx_ops_stats_family(&view, sc, NS, "00000000000000c1", NULL, NULL, &err) == 0);
	for (int k = 0; k <= NS; k++)
		u[k].s = &view[k], u[k].name = k < NS ? "学校" : "宝应县", u[k].parent = NULL;
	REQUIRE(rx_ops_stats_render(&html, &rep, RX_STATS_HTML, &err) == 0);
	REQUIRE(rx_buf_cstr(&html, &err) == 0);
	for (int i = 0; i < rows; i++)
		for (int j = 0; j <= rx_ops_stats_cols(RX_STATS_LEVELS); j++)
			if (rx_ops_stats_is_hidden(&view[NS], RX_STATS_LEVELS, i, j)) {
				want++;
				break;
			}
	p = (const char *)html.data;
	end = strstr(p, "各校测评覆盖");
	REQUIRE(end);
	while ((p = strstr(p, "fill=\"url(#hid)\" stroke")) && p < end)
		got++, p++;
	/* the legend's swatch, then one block per bar with a hidden count */
	CHECK(want > 0);
	CHECK_EQ(got, want + 1);
	CHECK(strstr((const char *)html.data, "<details open>") != NULL);
	free(view);
	rx_buf_free(&html);
}

int main(void)
{
	RUN(test_relations_hold);
	RUN(test_attack_table_by_table);
	RUN(test_attack_linked);
	RUN(test_leaky_caught);
	RUN(test_chart);
	return rx_test_done();
}
