/* The two-sided geometric mechanism: exact integer noise from libsodium randomness. */
#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "ops/disclosure/disclosure.h"

#define BLOCK 256
#define GEOMETRIC_MAX ((int64_t)1 << 40)

struct rx_ops_dp {
	int seeded;
	uint8_t seed[32];
	uint64_t counter;
	uint8_t block[BLOCK];
	size_t used;
	double spent;
};

rx_ops_dp *rx_ops_dp_new(void)
{
	rx_ops_dp *dp;

	if (sodium_init() < 0 || !(dp = calloc(1, sizeof(*dp))))
		return NULL;
	return dp;
}

rx_ops_dp *rx_ops_dp_new_seeded(const uint8_t seed[32])
{
	rx_ops_dp *dp = rx_ops_dp_new();

	if (dp) {
		dp->seeded = 1;
		memcpy(dp->seed, seed, 32);
		dp->used = BLOCK;
	}
	return dp;
}

void rx_ops_dp_free(rx_ops_dp *dp)
{
	if (dp)
		sodium_memzero(dp, sizeof(*dp));
	free(dp);
}

double rx_ops_dp_spent(const rx_ops_dp *dp)
{
	return dp->spent;
}

/* 64 random bits: from the system, or from the seed's stream (block i uses seed xor i). */
static uint64_t random64(rx_ops_dp *dp)
{
	uint8_t s[32];
	uint64_t r;

	if (!dp->seeded) {
		randombytes_buf(&r, sizeof(r));
		return r;
	}
	if (dp->used + sizeof(r) > BLOCK) {
		memcpy(s, dp->seed, 32);
		for (int b = 0; b < 8; b++)
			s[b] ^= (uint8_t)(dp->counter >> (8 * b));
		dp->counter++;
		randombytes_buf_deterministic(dp->block, BLOCK, s);
		dp->used = 0;
	}
	memcpy(&r, dp->block + dp->used, sizeof(r));
	dp->used += sizeof(r);
	return r;
}

/*
 * G >= 0 with P(G >= g) = exp(-epsilon * g): G = floor(-ln(U) / epsilon) for
 * U uniform in (0, 1]; U is never 0, so ln never sees 0.
 */
static int64_t geometric(rx_ops_dp *dp, double epsilon)
{
	double u = (double)((random64(dp) >> 11) + 1) / 9007199254740992.0;
	double g = floor(-log(u) / epsilon);

	return g >= (double)GEOMETRIC_MAX ? GEOMETRIC_MAX : (int64_t)g;
}

static int check_epsilon(double epsilon, rx_error *err)
{
	if (!(epsilon > 0.0 && epsilon <= RX_OPS_DP_EPSILON_MAX))
		return rx_error_set(err, RX_EUSAGE, "epsilon must lie in (0, %g]",
			RX_OPS_DP_EPSILON_MAX);
	return 0;
}

int rx_ops_dp_noise(rx_ops_dp *dp, double epsilon, int64_t *out, rx_error *err)
{
	int rc;

	*out = 0;
	if ((rc = check_epsilon(epsilon, err)) < 0)
		return rc;
	/* the difference of two geometric draws is two-sided geometric */
	*out = geometric(dp, epsilon) - geometric(dp, epsilon);
	return 0;
}

static int64_t noisy(rx_ops_dp *dp, int64_t count, double epsilon)
{
	int64_t v = count + geometric(dp, epsilon) - geometric(dp, epsilon);

	if (v < 0)
		return 0;
	return v > RX_OPS_COUNT_MAX ? RX_OPS_COUNT_MAX : v;
}

int rx_ops_dp_count(rx_ops_dp *dp, int64_t count, double epsilon, int64_t *out,
	rx_error *err)
{
	int rc;

	*out = 0;
	if ((rc = check_epsilon(epsilon, err)) < 0)
		return rc;
	if (count < 0 || count > RX_OPS_COUNT_MAX)
		return rx_error_set(err, RX_EINPUT, "count %lld out of range",
			(long long)count);
	*out = noisy(dp, count, epsilon);
	dp->spent += epsilon;
	return 0;
}

static int noise_table(rx_ops_dp *dp, rx_ops_table *t, double epsilon, rx_error *err)
{
	int rc;

	for (int i = 0; i < rx_ops_table_rows(t); i++)
		for (int j = 0; j < rx_ops_table_cols(t); j++)
			if ((rc = rx_ops_table_set(t, i, j,
			    noisy(dp, rx_ops_table_get(t, i, j), epsilon), err)) < 0)
				return rc;
	return 0;
}

int rx_ops_dp_tables(rx_ops_dp *dp, rx_ops_table *const *tables, size_t n,
	rx_ops_table *agg, double epsilon, rx_error *err)
{
	rx_ops_table *sum = NULL;
	int rc;

	if ((rc = check_epsilon(epsilon, err)) < 0)
		return rc;
	if (n == 0 || (agg && (rx_ops_table_rows(agg) != rx_ops_table_rows(tables[0]) ||
	    rx_ops_table_cols(agg) != rx_ops_table_cols(tables[0]))))
		return rx_error_set(err, RX_EINPUT, "no tables, or an aggregate of another shape");
	for (size_t k = 0; k < n; k++)
		if ((rc = noise_table(dp, tables[k], epsilon, err)) < 0)
			return rc;
	dp->spent += epsilon;
	if (!agg)
		return 0;
	if ((rc = rx_ops_table_sum(&sum, tables, n, err)) < 0)
		return rc;
	for (int i = 0; i < rx_ops_table_rows(agg) && rc == 0; i++)
		for (int j = 0; j < rx_ops_table_cols(agg) && rc == 0; j++)
			rc = rx_ops_table_set(agg, i, j, rx_ops_table_get(sum, i, j), err);
	rx_ops_table_free(sum);
	return rc;
}
