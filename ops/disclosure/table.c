/* Count tables with margins: the model that suppression and the checker share. */
#include <stdlib.h>
#include <string.h>

#include "ops/disclosure/disclosureInt.h"

rx_ops_table *rx_ops_table_new(int rows, int cols)
{
	rx_ops_table *t;
	size_t n;

	if (rows < 1 || cols < 1 || rows > RX_OPS_DIM_MAX || cols > RX_OPS_DIM_MAX)
		return NULL;
	if (!(t = calloc(1, sizeof(*t))))
		return NULL;
	n = (size_t)(rows + 1) * (size_t)(cols + 1);
	t->rows = rows;
	t->cols = cols;
	t->v = calloc(n, sizeof(*t->v));
	t->hide = calloc(n, 1);
	if (!t->v || !t->hide) {
		rx_ops_table_free(t);
		return NULL;
	}
	return t;
}

void rx_ops_table_free(rx_ops_table *t)
{
	if (!t)
		return;
	free(t->v);
	free(t->hide);
	free(t);
}

int rx_ops_table_rows(const rx_ops_table *t)
{
	return t->rows;
}

int rx_ops_table_cols(const rx_ops_table *t)
{
	return t->cols;
}

int rx_ops_table_set(rx_ops_table *t, int row, int col, int64_t count, rx_error *err)
{
	int64_t d;

	if (row < 0 || col < 0 || row >= t->rows || col >= t->cols)
		return rx_error_set(err, RX_EUSAGE, "cell (%d, %d) outside a %dx%d table",
			row, col, t->rows, t->cols);
	if (count < 0 || count > RX_OPS_COUNT_MAX)
		return rx_error_set(err, RX_EINPUT, "count %lld out of range",
			(long long)count);
	d = count - t->v[RX_OPS_AT(t, row, col)];
	t->v[RX_OPS_AT(t, row, col)] = count;
	t->v[RX_OPS_AT(t, row, t->cols)] += d;
	t->v[RX_OPS_AT(t, t->rows, col)] += d;
	t->v[RX_OPS_AT(t, t->rows, t->cols)] += d;
	memset(t->hide, 0, (size_t)(t->rows + 1) * (size_t)(t->cols + 1));
	return 0;
}

int64_t rx_ops_table_get(const rx_ops_table *t, int row, int col)
{
	if (row < 0 || col < 0 || row > t->rows || col > t->cols)
		return -1;
	return t->v[RX_OPS_AT(t, row, col)];
}

int rx_ops_table_hidden(const rx_ops_table *t, int row, int col)
{
	if (row < 0 || col < 0 || row > t->rows || col > t->cols)
		return 0;
	return t->hide[RX_OPS_AT(t, row, col)];
}

int rx_ops_table_hide(rx_ops_table *t, int row, int col, int hidden, rx_error *err)
{
	if (row < 0 || col < 0 || row > t->rows || col > t->cols)
		return rx_error_set(err, RX_EUSAGE, "entry (%d, %d) outside a %dx%d table",
			row, col, t->rows, t->cols);
	t->hide[RX_OPS_AT(t, row, col)] = hidden != 0;
	return 0;
}

size_t rx_ops_table_hidden_count(const rx_ops_table *t)
{
	size_t n = (size_t)(t->rows + 1) * (size_t)(t->cols + 1), c = 0;

	for (size_t x = 0; x < n; x++)
		c += t->hide[x];
	return c;
}

int rx_ops_table_sum(rx_ops_table **out, rx_ops_table *const *tables, size_t n,
	rx_error *err)
{
	rx_ops_table *a;
	size_t cells;

	*out = NULL;
	if (n == 0 || n > RX_OPS_FAMILY_MAX)
		return rx_error_set(err, RX_EUSAGE, "a family needs 1..%d tables",
			RX_OPS_FAMILY_MAX);
	if (!(a = rx_ops_table_new(tables[0]->rows, tables[0]->cols)))
		return rx_error_nomem(err);
	cells = (size_t)(a->rows + 1) * (size_t)(a->cols + 1);
	for (size_t k = 0; k < n; k++) {
		if (tables[k]->rows != a->rows || tables[k]->cols != a->cols) {
			rx_ops_table_free(a);
			return rx_error_set(err, RX_EINPUT,
				"table %zu of the family has another shape", k);
		}
		for (size_t x = 0; x < cells; x++)
			a->v[x] += tables[k]->v[x];
	}
	*out = a;
	return 0;
}

int rx_ops_rate_shown(int64_t num, int num_hidden, int64_t den, int den_hidden)
{
	return !num_hidden && !den_hidden && den > 0 && num >= 0;
}
