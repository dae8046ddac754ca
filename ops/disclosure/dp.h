/* Differential privacy for count tables: the two-sided geometric mechanism with epsilon accounting. */
#ifndef RX_OPS_DP_H
#define RX_OPS_DP_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/error.h"
#include "ops/suppress.h"

#define RX_OPS_DP_EPSILON_MAX 20.0

/* A noise source and the epsilon it has spent. */
typedef struct rx_ops_dp rx_ops_dp;

/* Noise from libsodium's system randomness. NULL when out of memory or sodium fails. */
rx_ops_dp *rx_ops_dp_new(void);
/* Reproducible noise from a 32-byte seed, for tests only: never for publication. */
rx_ops_dp *rx_ops_dp_new_seeded(const uint8_t seed[32]);
void rx_ops_dp_free(rx_ops_dp *dp);

/* Total epsilon spent by rx_ops_dp_count and rx_ops_dp_tables so far. */
double rx_ops_dp_spent(const rx_ops_dp *dp);

/*
 * One draw of two-sided geometric noise: P(k) proportional to exp(-epsilon)^|k|.
 * Spends nothing by itself. RX_EUSAGE when epsilon is outside (0, 20].
 */
int rx_ops_dp_noise(rx_ops_dp *dp, double epsilon, int64_t *out, rx_error *err);

/*
 * count plus noise, clamped at 0 (a negative count would be nonsense; the
 * clamp is post-processing and costs no privacy, but biases counts near 0
 * upwards). Records epsilon as spent.
 */
int rx_ops_dp_count(rx_ops_dp *dp, int64_t count, double epsilon, int64_t *out,
	rx_error *err);

/*
 * Noise every cell of the n tables (clamped at 0), recompute their margins
 * from the noisy cells, and, when agg is not NULL, set agg to the sum of the
 * noisy tables, so everything published stays consistent. One student is in
 * one cell of one table, so the whole family spends epsilon once (recorded).
 */
int rx_ops_dp_tables(rx_ops_dp *dp, rx_ops_table *const *tables, size_t n,
	rx_ops_table *agg, double epsilon, rx_error *err);

#endif
