/* Suppression hides every small count, and the independent checker recovers nothing hidden. */
#include <stdint.h>
#include <time.h>

#include "ops/disclosure/disclosure.h"
#include "tests/harness.h"

static uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int64_t rng_below(uint64_t *s, int64_t n)
{
	return (int64_t)(rng_next(s) % (uint64_t)n);
}

static rx_ops_table *table_of(int rows, int cols, const int64_t *v)
{
	rx_ops_table *t = rx_ops_table_new(rows, cols);

	for (int i = 0; t && i < rows; i++)
		for (int j = 0; j < cols; j++)
			rx_ops_table_set(t, i, j, v[i * cols + j], NULL);
	return t;
}

/* No shown entry lies in 1..thr, no zero is hidden, and every line has 0 or >= 2 hidden entries. */
static int published_ok(const rx_ops_table *t, int64_t thr)
{
	int rows = rx_ops_table_rows(t), cols = rx_ops_table_cols(t);

	for (int i = 0; i <= rows; i++) {
		int n = 0;

		for (int j = 0; j <= cols; j++) {
			int64_t v = rx_ops_table_get(t, i, j);
			int h = rx_ops_table_hidden(t, i, j);

			if ((!h && v >= 1 && v <= thr) || (h && v == 0))
				return 0;
			n += h;
		}
		if (n == 1)
			return 0;
	}
	for (int j = 0; j <= cols; j++) {
		int n = 0;

		for (int i = 0; i <= rows; i++)
			n += rx_ops_table_hidden(t, i, j);
		if (n == 1)
			return 0;
	}
	return 1;
}

/* Every aggregate position has 0 or >= 2 hidden entries among the family and the aggregate. */
static int family_lines_ok(rx_ops_table *const *t, size_t n, const rx_ops_table *agg)
{
	for (int i = 0; i <= rx_ops_table_rows(agg); i++)
		for (int j = 0; j <= rx_ops_table_cols(agg); j++) {
			int h = rx_ops_table_hidden(agg, i, j);

			for (size_t k = 0; k < n && h < 2; k++)
				h += rx_ops_table_hidden(t[k], i, j);
			if (h == 1)
				return 0;
		}
	return 1;
}

static void test_known_table(void)
{
	static const int64_t v[] = {
		20, 3, 15, 8,
		12, 10, 2, 9,
		30, 25, 18, 11,
		7, 14, 6, 1,
	};
	rx_ops_table *t = table_of(4, 4, v);
	rx_error err = { 0 };
	size_t det = 1;

	REQUIRE(t);
	CHECK_EQ(rx_ops_table_get(t, 0, 4), 46);
	CHECK_EQ(rx_ops_table_get(t, 4, 3), 29);
	CHECK_EQ(rx_ops_table_get(t, 4, 4), 191);
	CHECK_EQ(rx_ops_suppress(&t, 1, NULL, NULL, &err), 0);
	CHECK(rx_ops_table_hidden(t, 0, 1));
	CHECK(rx_ops_table_hidden(t, 1, 2));
	CHECK(rx_ops_table_hidden(t, 3, 3));
	CHECK(!rx_ops_table_hidden(t, 4, 4)); /* the grand total stays */
	CHECK(published_ok(t, 4));
	/* three primaries need no more than a rectangle each */
	CHECK(rx_ops_table_hidden_count(t) <= 12);
	CHECK_EQ(rx_ops_check_tables(&det, &t, 1, NULL, 1, &err), 0);
	CHECK_EQ(det, 0);
	rx_ops_table_free(t);
}

static void test_small_margins(void)
{
	static const int64_t v[] = {
		0, 0, 3, 0,   /* one small cell: its row total is small too */
		0, 0, 0, 0,   /* an all-zero row */
		9, 12, 7, 20,
		1, 0, 0, 0,   /* a total of 1 */
		15, 8, 6, 10,
	};
	rx_ops_table *t = table_of(5, 4, v);
	rx_error err = { 0 };
	size_t det = 1;

	REQUIRE(t);
	CHECK_EQ(rx_ops_suppress(&t, 1, NULL, NULL, &err), 0);
	CHECK(rx_ops_table_hidden(t, 0, 4));
	CHECK(rx_ops_table_hidden(t, 3, 4));
	for (int j = 0; j <= 4; j++)
		CHECK(!rx_ops_table_hidden(t, 1, j));
	CHECK(published_ok(t, 4));
	CHECK_EQ(rx_ops_check_tables(&det, &t, 1, NULL, 1, &err), 0);
	CHECK_EQ(det, 0);
	rx_ops_table_free(t);
}

static rx_ops_table *random_table(uint64_t *seed, int rows, int cols)
{
	rx_ops_table *t = rx_ops_table_new(rows, cols);
	int64_t pzero = rng_below(seed, 90), big = rng_below(seed, 3) ? 12 : 60;

	for (int i = 0; t && i < rows; i++) {
		int kind = (int)rng_below(seed, 8);

		for (int j = 0; j < cols; j++) {
			int64_t x = rng_below(seed, 100) < pzero ? 0 : rng_below(seed, big);

			if (kind == 0)
				x = 0; /* an all-zero row */
			else if (kind == 1)
				x = j == i % cols ? 1 + rng_below(seed, 4) : 0; /* one small cell */
			rx_ops_table_set(t, i, j, x, NULL);
		}
	}
	return t;
}

static void test_random_tables(void)
{
	uint64_t seed = 20250101;
	int failed = 0, shown_total = 0;

	for (int r = 0; r < 500 && failed < 5; r++) {
		int rows = 1 + (int)rng_below(&seed, 7), cols = 1 + (int)rng_below(&seed, 6);
		rx_ops_suppress_opts o = { r % 5 == 0 ? 2 : r % 7 == 0 ? 9 : 0 };
		rx_ops_table *t = random_table(&seed, rows, cols);
		rx_error err = { 0 };
		size_t det = 1;

		REQUIRE(t);
		CHECK_EQ(rx_ops_suppress(&t, 1, NULL, &o, &err), 0);
		CHECK_EQ(rx_ops_check_tables(&det, &t, 1, NULL, 1, &err), 0);
		if (!published_ok(t, o.threshold ? o.threshold : 4) || det != 0) {
			fprintf(stderr, "random table %d (%dx%d): %zu determined\n", r,
				rows, cols, det);
			failed++;
		}
		shown_total += !rx_ops_table_hidden(t, rows, cols);
		rx_ops_table_free(t);
	}
	CHECK_EQ(failed, 0);
	CHECK(shown_total > 250); /* most grand totals survive */
}

static void free_family(rx_ops_table **t, size_t n, rx_ops_table *agg)
{
	for (size_t k = 0; k < n; k++)
		rx_ops_table_free(t[k]);
	free(t);
	rx_ops_table_free(agg);
}

static rx_ops_table **random_family(uint64_t *seed, size_t n, int rows, int cols)
{
	rx_ops_table **t = calloc(n, sizeof(*t));

	for (size_t k = 0; t && k < n; k++)
		t[k] = random_table(seed, rows, cols);
	return t;
}

static void test_linked_family(void)
{
	uint64_t seed = 77;
	int failed = 0;

	for (int r = 0; r < 40 && failed < 3; r++) {
		size_t n = r == 0 ? 10 : 1 + (size_t)rng_below(&seed, 10), det = 1;
		int rows = 1 + (int)rng_below(&seed, 5), cols = 1 + (int)rng_below(&seed, 4);
		rx_ops_table **t = random_family(&seed, n, rows, cols), *agg = NULL;
		rx_error err = { 0 };
		int ok = 1;

		REQUIRE(t);
		CHECK_EQ(rx_ops_table_sum(&agg, t, n, &err), 0);
		CHECK_EQ(rx_ops_suppress(t, n, agg, NULL, &err), 0);
		CHECK_EQ(rx_ops_check_tables(&det, t, n, agg, 1, &err), 0);
		for (size_t k = 0; k < n; k++)
			ok &= published_ok(t[k], 4);
		ok &= published_ok(agg, 4) && family_lines_ok(t, n, agg);
		if (!ok || det) {
			fprintf(stderr, "family %d (%zu of %dx%d): %zu determined (%s)\n",
				r, n, rows, cols, det, err.msg);
			failed++;
		}
		free_family(t, n, agg);
	}
	CHECK_EQ(failed, 0);
}

/* Each school safe alone is not enough: the county table gives a school's cells back. */
static void test_unlinked_family_leaks(void)
{
	static const int64_t a[] = { 2, 9, 8, 12 }, b[] = { 10, 11, 9, 14 },
		c[] = { 7, 6, 13, 5 };
	rx_ops_table *t[3] = { table_of(2, 2, a), table_of(2, 2, b), table_of(2, 2, c) };
	rx_ops_table *agg = NULL;
	rx_error err = { 0 };
	size_t det = 0;

	REQUIRE(t[0] && t[1] && t[2]);
	REQUIRE(rx_ops_table_sum(&agg, t, 3, &err) == 0);
	CHECK_EQ(rx_ops_suppress(t, 3, NULL, NULL, &err), 0);
	CHECK(rx_ops_table_hidden(t[0], 0, 0));
	CHECK_EQ(rx_ops_check_tables(&det, t, 3, NULL, 1, &err), 0);
	CHECK_EQ(det, 0);
	CHECK_EQ(rx_ops_check_tables(&det, t, 3, agg, 1, &err), 0);
	CHECK(det >= 1);
	/* suppressed as a family, it holds */
	CHECK_EQ(rx_ops_suppress(t, 3, agg, NULL, &err), 0);
	CHECK_EQ(rx_ops_check_tables(&det, t, 3, agg, 1, &err), 0);
	CHECK_EQ(det, 0);
	for (int k = 0; k < 3; k++)
		rx_ops_table_free(t[k]);
	rx_ops_table_free(agg);
}

/* vars 0..2 are cells, var 3 is their total: x0 + x1 + x2 - T = 0 */
static rx_ops_lsys *row_system(const int64_t v[4], const int hidden[4])
{
	static const size_t vars[4] = { 0, 1, 2, 3 };
	static const int8_t coef[4] = { 1, 1, 1, -1 };
	rx_ops_lsys *s = rx_ops_lsys_new(4);

	if (!s || rx_ops_lsys_equation(s, vars, coef, 4, NULL) < 0) {
		rx_ops_lsys_free(s);
		return NULL;
	}
	for (int m = 0; m < 4; m++)
		if (!hidden[m])
			rx_ops_lsys_known(s, (size_t)m, v[m]);
	return s;
}

static void test_checker_catches(void)
{
	static const int64_t v[4] = { 1, 1, 7, 9 }, z[4] = { 0, 0, 7, 7 };
	static const int one[4] = { 0, 1, 0, 0 }, two[4] = { 1, 1, 0, 0 },
		shifted[4] = { 0, 1, 1, 0 };
	rx_ops_lsys *s;
	rx_error err = { 0 };
	int64_t lo, hi;

	/* a row with one hidden cell gives it back exactly */
	REQUIRE((s = row_system(v, one)));
	CHECK_EQ(rx_ops_lsys_solve(s, 0, &err), 0);
	CHECK(rx_ops_lsys_determined(s, 1) & RX_OPS_DET_LINEAR);
	CHECK(!rx_ops_lsys_determined(s, 0));
	rx_ops_lsys_bounds(s, 1, &lo, &hi);
	CHECK(lo == 1 && hi == 1);
	rx_ops_lsys_free(s);
	/* two hidden cells: no linear answer, but 1 + 1 = 2 with hidden >= 1 pins both */
	REQUIRE((s = row_system(v, two)));
	CHECK_EQ(rx_ops_lsys_solve(s, 0, &err), 0);
	CHECK(!rx_ops_lsys_determined(s, 0) && !rx_ops_lsys_determined(s, 1));
	CHECK_EQ(rx_ops_lsys_solve(s, 1, &err), 0);
	CHECK_EQ(rx_ops_lsys_determined(s, 0), RX_OPS_DET_BOUNDS);
	rx_ops_lsys_free(s);
	/* 1 and 7 hidden: the 1 lies in 1..7, not pinned */
	REQUIRE((s = row_system(v, shifted)));
	CHECK_EQ(rx_ops_lsys_solve(s, 1, &err), 0);
	CHECK(!rx_ops_lsys_determined(s, 1));
	rx_ops_lsys_bounds(s, 1, &lo, &hi);
	CHECK(lo == 1 && hi == 7);
	rx_ops_lsys_free(s);
	/* residual 0: the hidden cells are all 0 */
	REQUIRE((s = row_system(z, two)));
	CHECK_EQ(rx_ops_lsys_solve(s, 0, &err), 0);
	CHECK_EQ(rx_ops_lsys_determined(s, 0), RX_OPS_DET_BOUNDS);
	rx_ops_lsys_free(s);
}

/* A 2x2 rectangle with shown margins: linearly open, but two of its cells are 1. */
static void test_checker_rectangle(void)
{
	static const int64_t v[] = { 1, 6, 5, 1 };
	rx_ops_table *t = table_of(2, 2, v);
	rx_error err = { 0 };
	size_t det = 0;

	REQUIRE(t);
	for (int e = 0; e < 4; e++)
		rx_ops_table_hide(t, e >> 1, e & 1, 1, NULL);
	CHECK_EQ(rx_ops_check_tables(&det, &t, 1, NULL, 0, &err), 0);
	CHECK_EQ(det, 0);
	/* 1 + 6 = 7 and 1 + 5 = 6: the 1s cannot go down, so with hidden >= 1... */
	CHECK_EQ(rx_ops_check_tables(&det, &t, 1, NULL, 1, &err), 0);
	CHECK_EQ(det, 0); /* ...they can still go up: 2, 5, 4, 2 fits too */
	rx_ops_table_hide(t, 0, 1, 0, NULL);
	CHECK_EQ(rx_ops_check_tables(&det, &t, 1, NULL, 0, &err), 0);
	CHECK_EQ(det, 3);
	rx_ops_table_free(t);
}

static void test_bad_input(void)
{
	static const size_t vars[2] = { 0, 5 };
	static const int8_t coef[2] = { 1, 2 }, ok[2] = { 1, -1 };
	rx_ops_table *t = rx_ops_table_new(2, 2), *u = rx_ops_table_new(2, 3);
	rx_ops_table *agg = NULL, *two[2] = { t, u };
	rx_ops_suppress_opts o = { -1 };
	rx_ops_lsys *s = rx_ops_lsys_new(6);
	rx_error err = { 0 };

	REQUIRE(t && u && s);
	CHECK(!rx_ops_table_new(0, 3) && !rx_ops_table_new(3, RX_OPS_DIM_MAX + 1));
	CHECK_EQ(rx_ops_table_set(t, 2, 0, 1, &err), RX_EUSAGE);
	CHECK_EQ(rx_ops_table_set(t, 0, 0, -1, NULL), RX_EINPUT);
	CHECK_EQ(rx_ops_table_set(t, 0, 0, RX_OPS_COUNT_MAX + 1, NULL), RX_EINPUT);
	CHECK_EQ(rx_ops_table_sum(&agg, two, 2, NULL), RX_EINPUT);
	CHECK_EQ(rx_ops_suppress(&t, 1, NULL, &o, NULL), RX_EUSAGE);
	CHECK_EQ(rx_ops_suppress(&t, 0, NULL, NULL, NULL), RX_EUSAGE);
	REQUIRE(rx_ops_table_sum(&agg, &t, 1, NULL) == 0);
	rx_ops_table_set(agg, 1, 1, 5, NULL); /* no longer the sum */
	CHECK_EQ(rx_ops_suppress(&t, 1, agg, NULL, NULL), RX_EINPUT);
	CHECK_EQ(rx_ops_suppress(&u, 1, agg, NULL, NULL), RX_EINPUT);
	CHECK_EQ(rx_ops_lsys_equation(s, vars, coef, 2, NULL), RX_EUSAGE);
	CHECK_EQ(rx_ops_lsys_equation(s, vars, ok, 0, NULL), RX_EUSAGE);
	/* published numbers that do not add up */
	CHECK_EQ(rx_ops_lsys_equation(s, vars, ok, 2, NULL), 0);
	rx_ops_lsys_known(s, 0, 3);
	rx_ops_lsys_known(s, 5, 4);
	CHECK_EQ(rx_ops_lsys_solve(s, 0, &err), RX_EINPUT);
	rx_ops_lsys_free(s);
	rx_ops_table_free(t);
	rx_ops_table_free(u);
	rx_ops_table_free(agg);
}

static void test_checker_too_large(void)
{
	rx_ops_lsys *s = rx_ops_lsys_new(5000);
	size_t vars[2];
	static const int8_t coef[2] = { 1, -1 };
	rx_error err = { 0 };

	REQUIRE(s);
	for (size_t v = 0; v + 1 < 5000; v++) {
		vars[0] = v, vars[1] = v + 1;
		REQUIRE(rx_ops_lsys_equation(s, vars, coef, 2, NULL) == 0);
	}
	CHECK_EQ(rx_ops_lsys_solve(s, 0, &err), RX_EINPUT);
	CHECK_EQ(rx_ops_lsys_solve_bounds(s, 0, &err), 0);
	rx_ops_lsys_free(s);
}

static void test_deterministic(void)
{
	uint64_t s1 = 99, s2 = 99;
	rx_ops_table **a = random_family(&s1, 6, 4, 3), **b = random_family(&s2, 6, 4, 3);
	rx_ops_table *aa = NULL, *ab = NULL;
	int same = 1;

	REQUIRE(a && b);
	REQUIRE(rx_ops_table_sum(&aa, a, 6, NULL) == 0 && rx_ops_table_sum(&ab, b, 6, NULL) == 0);
	CHECK_EQ(rx_ops_suppress(a, 6, aa, NULL, NULL), 0);
	CHECK_EQ(rx_ops_suppress(b, 6, ab, NULL, NULL), 0);
	for (int k = 0; k < 6; k++)
		for (int i = 0; i <= 4; i++)
			for (int j = 0; j <= 3; j++)
				same &= rx_ops_table_hidden(a[k], i, j) ==
					rx_ops_table_hidden(b[k], i, j);
	CHECK(same);
	free_family(a, 6, aa);
	free_family(b, 6, ab);
}

static void test_rates(void)
{
	CHECK(rx_ops_rate_shown(12, 0, 40, 0));
	CHECK(!rx_ops_rate_shown(3, 1, 40, 0));
	CHECK(!rx_ops_rate_shown(12, 0, 40, 1));
	CHECK(!rx_ops_rate_shown(0, 0, 0, 0));
}

/* A school: 12 grades x (red, orange, yellow, none, not screened). */
static rx_ops_table *school(uint64_t *seed)
{
	static const int64_t span[5] = { 2, 4, 8, 80, 4 };
	rx_ops_table *t = rx_ops_table_new(12, 5);

	for (int i = 0; t && i < 12; i++)
		for (int j = 0; j < 5; j++)
			rx_ops_table_set(t, i, j, rng_below(seed, span[j] + 1), NULL);
	return t;
}

static void test_performance(void)
{
	size_t n = 3000, hidden = 0, cells = 0, primary = 0;
	uint64_t seed = 3000;
	rx_ops_table **t = calloc(n, sizeof(*t)), *agg = NULL;
	struct timespec t0, t1;
	rx_ops_lsys *s = NULL;
	rx_error err = { 0 };
	int ok = 1;

	REQUIRE(t);
	for (size_t k = 0; k < n; k++)
		REQUIRE((t[k] = school(&seed)));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_EQ(rx_ops_table_sum(&agg, t, n, &err), 0);
	CHECK_EQ(rx_ops_suppress(t, n, agg, NULL, &err), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	for (size_t k = 0; k < n; k++) {
		ok &= published_ok(t[k], 4);
		hidden += rx_ops_table_hidden_count(t[k]);
		for (int e = 0; e < 13 * 6; e++) {
			int64_t v = rx_ops_table_get(t[k], e / 6, e % 6);

			primary += v >= 1 && v <= 4;
		}
		cells += 13 * 6;
	}
	ok &= published_ok(agg, 4) && family_lines_ok(t, n, agg);
	CHECK(ok);
	printf("suppress 3000 schools of 12x5 + county: %.3f s; of %zu school entries "
		"%zu small, %zu hidden; county hides %zu\n", secs, cells, primary, hidden,
		rx_ops_table_hidden_count(agg));
	/* the whole family is too big for the dense check; bounds still run over all of it */
	CHECK_EQ(rx_ops_lsys_from_tables(&s, t, n, agg, &err), 0);
	CHECK_EQ(rx_ops_lsys_solve_bounds(s, 1, &err), 0);
	for (size_t v = 0; s && v < (n + 1) * 78; v++)
		ok &= rx_ops_lsys_determined(s, v) == 0;
	CHECK(ok);
	rx_ops_lsys_free(s);
	free_family(t, n, agg);
}

int main(void)
{
	RUN(test_known_table);
	RUN(test_small_margins);
	RUN(test_random_tables);
	RUN(test_linked_family);
	RUN(test_unlinked_family_leaks);
	RUN(test_checker_catches);
	RUN(test_checker_rectangle);
	RUN(test_bad_input);
	RUN(test_checker_too_large);
	RUN(test_deterministic);
	RUN(test_rates);
	RUN(test_performance);
	return rx_test_done();
}
