/* Internals of disclosure control shared by its files: the linked tables, the checkers' parts. */
#ifndef RX_OPS_DISCLOSURE_INT_H
#define RX_OPS_DISCLOSURE_INT_H

#include <stdint.h>

#include "ops/disclosure/disclosure.h"

/* -- Internals of rx_ops_table shared by the table, suppression and checker files. -- */

/* Cells and margins live in one (rows + 1) x (cols + 1) grid, row-major. */
struct rx_ops_table {
	int rows, cols;
	int64_t *v;    /* values; margins are kept equal to the sums */
	uint8_t *hide; /* 1 = published as '*' */
};

#define RX_OPS_AT(t, i, j) ((size_t)(i) * (size_t)((t)->cols + 1) + (size_t)(j))

/* -- Internals of the checker's linear system, shared by its bound and elimination passes. -- */

/* Equations are stored row after row: terms start[e] .. start[e + 1] - 1. */
struct rx_ops_lsys {
	size_t nvars, neq, nterm, cap_start, cap_var, cap_coef;
	uint8_t *known, *det;
	int64_t *val, *lo, *hi;
	size_t *start;
	size_t *tvar;
	int8_t *tcoef;
};

/* Mark in s->det the hidden vars fixed by the equations alone (RX_OPS_DET_LINEAR). */
int rx_ops_check_linear(rx_ops_lsys *s, rx_error *err);

/* Narrow s->lo / s->hi of hidden vars from hidden >= lower; mark RX_OPS_DET_BOUNDS. */
int rx_ops_check_bounds(rx_ops_lsys *s, int64_t lower, rx_error *err);

#endif
