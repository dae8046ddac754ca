/* Internals of rx_ops_table shared by the table, suppression and checker files. */
#ifndef RX_OPS_TABLE_INT_H
#define RX_OPS_TABLE_INT_H

#include <stdint.h>

#include "ops/suppress.h"

/* Cells and margins live in one (rows + 1) x (cols + 1) grid, row-major. */
struct rx_ops_table {
	int rows, cols;
	int64_t *v;    /* values; margins are kept equal to the sums */
	uint8_t *hide; /* 1 = published as '*' */
};

#define RX_OPS_AT(t, i, j) ((size_t)(i) * (size_t)((t)->cols + 1) + (size_t)(j))

#endif
