/* The geometric mechanism: its noise has the right law, seeds reproduce, tables stay consistent. */
#include <math.h>
#include <stdint.h>

#include "ops/disclosure/disclosure.h"
#include "tests/harness.h"

static const uint8_t seed_a[32] = { 1, 2, 3 }, seed_b[32] = { 1, 2, 4 };

/* Mean, variance and P(0) of n draws against the two-sided geometric law. */
static void check_law(rx_ops_dp *dp, double eps, int n, double tol)
{
	double a = exp(-eps), var = 2 * a / ((1 - a) * (1 - a)), p0 = (1 - a) / (1 + a);
	double sum = 0, sq = 0, zeros = 0;
	int64_t x;
	int bad = 0;

	for (int m = 0; m < n; m++) {
		bad |= rx_ops_dp_noise(dp, eps, &x, NULL);
		sum += (double)x;
		sq += (double)x * (double)x;
		zeros += x == 0;
	}
	double mean = sum / n, v = sq / n - mean * mean;

	CHECK_EQ(bad, 0);
	printf("epsilon %.1f: mean %.4f, variance %.4f (law %.4f), P(0) %.4f (law %.4f)\n",
		eps, mean, v, var, zeros / n, p0);
	CHECK(fabs(mean) < 6 * sqrt(var / n));
	CHECK(fabs(v - var) < tol * var);
	CHECK(fabs(zeros / n - p0) < 0.01);
}

static void test_law_seeded(void)
{
	rx_ops_dp *dp = rx_ops_dp_new_seeded(seed_a);

	REQUIRE(dp);
	check_law(dp, 0.5, 200000, 0.04);
	check_law(dp, 1.0, 200000, 0.04);
	CHECK(rx_ops_dp_spent(dp) == 0.0); /* bare draws spend nothing */
	rx_ops_dp_free(dp);
}

static void test_law_system(void)
{
	rx_ops_dp *dp = rx_ops_dp_new();

	REQUIRE(dp);
	check_law(dp, 0.5, 200000, 0.08);
	check_law(dp, 1.0, 200000, 0.08);
	rx_ops_dp_free(dp);
}

static void test_seeded_determinism(void)
{
	rx_ops_dp *a = rx_ops_dp_new_seeded(seed_a), *b = rx_ops_dp_new_seeded(seed_a);
	rx_ops_dp *c = rx_ops_dp_new_seeded(seed_b);
	int same = 1, differ = 0;
	int64_t x, y, z;

	REQUIRE(a && b && c);
	for (int m = 0; m < 1000; m++) {
		rx_ops_dp_noise(a, 0.5, &x, NULL);
		rx_ops_dp_noise(b, 0.5, &y, NULL);
		rx_ops_dp_noise(c, 0.5, &z, NULL);
		same &= x == y;
		differ += x != z;
	}
	CHECK(same);
	CHECK(differ > 500);
	rx_ops_dp_free(a);
	rx_ops_dp_free(b);
	rx_ops_dp_free(c);
}

static void test_tables_consistent(void)
{
	rx_ops_table *t[4], *agg = rx_ops_table_new(3, 2);
	rx_ops_dp *dp = rx_ops_dp_new_seeded(seed_b);
	int ok = 1, moved = 0;

	REQUIRE(agg && dp);
	for (int k = 0; k < 4; k++) {
		REQUIRE((t[k] = rx_ops_table_new(3, 2)));
		for (int e = 0; e < 6; e++)
			rx_ops_table_set(t[k], e / 2, e % 2, e == 0 ? 0 : 3 * e + k, NULL);
	}
	CHECK_EQ(rx_ops_dp_tables(dp, t, 4, agg, 0.5, NULL), 0);
	for (int i = 0; i <= 3; i++)
		for (int j = 0; j <= 2; j++) {
			int64_t s = 0;

			for (int k = 0; k < 4; k++) {
				int64_t v = rx_ops_table_get(t[k], i, j);

				ok &= v >= 0;
				moved += i < 3 && j < 2 && v != (i * 2 + j == 0 ? 0 : 3 * (i * 2 + j) + k);
				s += v;
			}
			ok &= s == rx_ops_table_get(agg, i, j);
		}
	for (int k = 0; k < 4; k++)
		for (int i = 0; i < 3; i++)
			ok &= rx_ops_table_get(t[k], i, 2) ==
				rx_ops_table_get(t[k], i, 0) + rx_ops_table_get(t[k], i, 1);
	CHECK(ok);
	CHECK(moved > 5);
	CHECK(rx_ops_dp_spent(dp) == 0.5);
	for (int k = 0; k < 4; k++)
		rx_ops_table_free(t[k]);
	rx_ops_table_free(agg);
	rx_ops_dp_free(dp);
}

static void test_count_and_bad_epsilon(void)
{
	rx_ops_dp *dp = rx_ops_dp_new_seeded(seed_a);
	rx_ops_table *t = rx_ops_table_new(1, 1);
	int64_t x = 7;
	int never_negative = 1;

	REQUIRE(dp && t);
	for (int m = 0; m < 2000; m++) {
		CHECK_EQ(rx_ops_dp_count(dp, 0, 0.1, &x, NULL), 0);
		never_negative &= x >= 0;
	}
	CHECK(never_negative);
	CHECK(fabs(rx_ops_dp_spent(dp) - 200.0) < 1e-6);
	CHECK_EQ(rx_ops_dp_noise(dp, 0.0, &x, NULL), RX_EUSAGE);
	CHECK_EQ(rx_ops_dp_noise(dp, -1.0, &x, NULL), RX_EUSAGE);
	CHECK_EQ(rx_ops_dp_noise(dp, NAN, &x, NULL), RX_EUSAGE);
	CHECK_EQ(rx_ops_dp_count(dp, -3, 1.0, &x, NULL), RX_EINPUT);
	CHECK_EQ(rx_ops_dp_tables(dp, &t, 1, NULL, 21.0, NULL), RX_EUSAGE);
	CHECK(fabs(rx_ops_dp_spent(dp) - 200.0) < 1e-6); /* refusals spend nothing */
	/* a huge epsilon adds (almost) no noise */
	CHECK_EQ(rx_ops_dp_count(dp, 40, 20.0, &x, NULL), 0);
	CHECK_EQ(x, 40);
	rx_ops_table_free(t);
	rx_ops_dp_free(dp);
}

int main(void)
{
	RUN(test_law_seeded);
	RUN(test_law_system);
	RUN(test_seeded_determinism);
	RUN(test_tables_consistent);
	RUN(test_count_and_bad_epsilon);
	return rx_test_done();
}
