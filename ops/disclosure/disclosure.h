/* Disclosure control: small-cell suppression with complementary cells, its exact checker, differential-privacy noise. */
#ifndef RX_OPS_DISCLOSURE_H
#define RX_OPS_DISCLOSURE_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/error.h"

/* -- Disclosure control for count tables: small-cell and complementary suppression, rates, and an exact checker. -- */

#define RX_OPS_THRESHOLD_DEFAULT 4
#define RX_OPS_DIM_MAX 1024                 /* rows or columns per table */
#define RX_OPS_COUNT_MAX ((int64_t)1 << 40) /* largest count a cell may hold */
#define RX_OPS_FAMILY_MAX 100000            /* sub-tables in a linked family */

/*
 * A rows x cols table of non-negative counts with its published margins.
 * Row totals are addressed as column `cols`, column totals as row `rows`,
 * and the grand total as (rows, cols); the margins follow the cells.
 */
typedef struct rx_ops_table rx_ops_table;

/* A zeroed table, or NULL (out of memory, or a dimension outside 1..RX_OPS_DIM_MAX). */
rx_ops_table *rx_ops_table_new(int rows, int cols);
void rx_ops_table_free(rx_ops_table *t);
int rx_ops_table_rows(const rx_ops_table *t);
int rx_ops_table_cols(const rx_ops_table *t);

/* Set one cell (not a margin) to count; the margins follow. Clears the hidden mask. */
int rx_ops_table_set(rx_ops_table *t, int row, int col, int64_t count, rx_error *err);

/* The true value of a cell or margin (row == rows or col == cols); -1 when out of range. */
int64_t rx_ops_table_get(const rx_ops_table *t, int row, int col);

/* 1 when the cell or margin is hidden ('*' when published), 0 when shown. */
int rx_ops_table_hidden(const rx_ops_table *t, int row, int col);

/*
 * Mark a cell or margin hidden or shown by hand: for a table received in its
 * published form, and for testing the checker. RX_EUSAGE when out of range.
 */
int rx_ops_table_hide(rx_ops_table *t, int row, int col, int hidden, rx_error *err);

/* Number of hidden entries, cells and margins together. */
size_t rx_ops_table_hidden_count(const rx_ops_table *t);

/*
 * The aggregate of a linked family: a new table whose every cell is the sum
 * of the same cell of the n sub-tables (all of one shape). Caller frees *out.
 */
int rx_ops_table_sum(rx_ops_table **out, rx_ops_table *const *tables, size_t n,
	rx_error *err);

typedef struct rx_ops_suppress_opts {
	int64_t threshold; /* counts 1..threshold are hidden; 0 means the default 4 */
	int keep;          /* 1: entries already hidden stay hidden (as primaries) */
} rx_ops_suppress_opts;

/*
 * Decide the hidden mask of every cell and margin. With agg NULL the n tables
 * are independent; otherwise they are a linked family and agg must be their
 * cell-wise sum (rx_ops_table_sum). Counts 1..threshold are hidden (primary),
 * 0 is always shown, and complementary cells are hidden so that every hidden
 * value has another non-negative table consistent with everything published
 * (see docs/disclosure.md). Deterministic. opts may be NULL.
 */
int rx_ops_suppress(rx_ops_table *const *tables, size_t n, rx_ops_table *agg,
	const rx_ops_suppress_opts *opts, rx_error *err);

/*
 * Whether a rate num/den may be shown: only when both counts are shown and
 * den > 0 (a shown rate over a hidden count would give the count back).
 */
int rx_ops_rate_shown(int64_t num, int num_hidden, int64_t den, int den_hidden);

/* --- The checker: what an attacker can work out from published numbers. --- */

/*
 * A linear system over variables that are either published (known value) or
 * hidden, with equations sum(coef_i * var_i) = 0, coef_i = +1 or -1.
 */
typedef struct rx_ops_lsys rx_ops_lsys;

#define RX_OPS_DET_LINEAR 1 /* fixed by the equations alone */
#define RX_OPS_DET_BOUNDS 2 /* fixed by the equations and hidden >= lower */

rx_ops_lsys *rx_ops_lsys_new(size_t nvars);
void rx_ops_lsys_free(rx_ops_lsys *s);
/* Publish var with value; every var starts hidden. */
void rx_ops_lsys_known(rx_ops_lsys *s, size_t var, int64_t value);
int rx_ops_lsys_equation(rx_ops_lsys *s, const size_t *vars, const int8_t *coef,
	size_t n, rx_error *err);

/*
 * Decide for every hidden var whether it is determined: exactly by modular
 * Gaussian elimination (two 61-bit primes), and by bound propagation with
 * every hidden value >= lower (1 when zeros are always published, as ours
 * are). RX_EINPUT when the system is too large for the dense exact check or
 * the published numbers are inconsistent.
 */
int rx_ops_lsys_solve(rx_ops_lsys *s, int64_t lower, rx_error *err);
/* Only the bound propagation: linear in the size, for families too big for the dense check. */
int rx_ops_lsys_solve_bounds(rx_ops_lsys *s, int64_t lower, rx_error *err);
/* RX_OPS_DET_* bits for var after solve; 0 for published vars. */
int rx_ops_lsys_determined(const rx_ops_lsys *s, size_t var);
/* Bounds found for var after solve (hi == INT64_MAX: none). */
void rx_ops_lsys_bounds(const rx_ops_lsys *s, size_t var, int64_t *lo, int64_t *hi);

/*
 * Build the system an attacker sees from the published view of tables (and
 * agg, NULL when unlinked): every row, column and, for a family, every
 * aggregate position is an equation. Var of (table k, row i, col j) is
 * (k * (rows + 1) + i) * (cols + 1) + j, with agg as table n.
 */
int rx_ops_lsys_from_tables(rx_ops_lsys **out, rx_ops_table *const *tables,
	size_t n, const rx_ops_table *agg, rx_error *err);

/*
 * Build, solve, and count the hidden entries an attacker can determine;
 * *determined == 0 means nothing hidden can be worked out.
 */
int rx_ops_check_tables(size_t *determined, rx_ops_table *const *tables,
	size_t n, const rx_ops_table *agg, int64_t lower, rx_error *err);

/* -- Differential privacy for count tables: the two-sided geometric mechanism with epsilon accounting. -- */

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
