/* Small-cell and complementary suppression: every hidden entry gets a box of hidden entries that can shift. */
#include <stdlib.h>
#include <string.h>

#include "ops/disclosure/disclosureInt.h"

/*
 * The family is a 3-D array (table k, row i, col j) whose last index on every
 * axis is the total along that axis (agg is table n, the margins are row
 * `rows` and col `cols`). With sign (-1)^(number of total indices), every
 * line of it sums to zero. So adding d * (-1)^(a+b+e) at the eight corners
 * of a box {k0,k1} x {i0,i1} x {j0,j1} (a, b, e: which end of each pair),
 * times that sign, keeps every published equation true. A box all of whose
 * corners are hidden and stay >= 1 after the shift proves that each corner
 * has a second possible value. Unlinked tables use rectangles the same way.
 */

#define PARTNERS 8 /* partner tables tried first for a box; all if none fits */

typedef struct cube {
	rx_ops_table *const *t; /* the n sub-tables */
	rx_ops_table *agg;      /* their sum, or NULL for one lone table */
	size_t n, nk;
	int nr, nc;
	uint8_t *prot;  /* nk * nr * nc: 1 = inside a chosen box */
	uint32_t *ord;  /* per position: sub-tables with a nonzero there, smallest first */
	uint32_t *olen; /* per position: length of its ord list */
	uint32_t *first2; /* per position: index in ord of the first value >= 2 */
} cube;

typedef struct box {
	size_t k[2]; /* k[1] == SIZE_MAX for a rectangle in a lone table */
	int i[2], j[2];
	int64_t cost;
} box;

typedef struct ord_ent {
	int64_t v;
	uint32_t k;
} ord_ent;

static rx_ops_table *tab(const cube *c, size_t k)
{
	return k < c->n ? c->t[k] : c->agg;
}

/* Information lost by hiding a shown value: small counts are cheap, margins and aggregates dear. */
static int64_t weight(const cube *c, size_t k, int i, int j, int64_t v)
{
	int64_t w = 1 + v;

	if (i == c->nr - 1 || j == c->nc - 1)
		w *= 2;
	if (k == c->n)
		w *= 2;
	return w;
}

/*
 * Cost of hiding rectangle {i0,i1} x {j0,j1} of table k as end a of a box;
 * narrows *allow (bit 1: d = +1 keeps every corner >= 1, bit 2: d = -1).
 * -1 when a corner is 0: zeros are always shown.
 */
static int64_t rect_eval(const cube *c, size_t k, int a, const int i[2],
	const int j[2], int *allow)
{
	rx_ops_table *t = tab(c, k);
	int64_t cost = 0;

	for (int b = 0; b < 2; b++)
		for (int e = 0; e < 2; e++) {
			size_t x = RX_OPS_AT(t, i[b], j[e]);
			int par = a + b + e + (k == c->n) + (i[b] == c->nr - 1) +
				(j[e] == c->nc - 1);

			if (t->v[x] == 0)
				return -1;
			/* a 1 may only go up: d * (-1)^par must be +1 */
			if (t->v[x] == 1)
				*allow &= (par & 1) ? 2 : 1;
			if (!t->hide[x])
				cost += weight(c, k, i[b], j[e], t->v[x]);
		}
	return cost;
}

static void try_partner(const cube *c, size_t k, size_t k2, const int i[2],
	const int j[2], int64_t c0, int allow, box *best)
{
	int64_t c1 = rect_eval(c, k2, 1, i, j, &allow);

	if (c1 < 0 || !allow || c0 + c1 >= best->cost)
		return;
	*best = (box){ { k, k2 }, { i[0], i[1] }, { j[0], j[1] }, c0 + c1 };
}

/*
 * Partners: the sub-tables smallest at (i0, j0) first, then those smallest
 * among values >= 2 (two 1s at one position cannot both go up), then the
 * aggregate, which always fits.
 */
static void try_partners(const cube *c, size_t k, const int i[2], const int j[2],
	int64_t c0, int allow, box *best, size_t limit)
{
	size_t pos = (size_t)i[0] * (size_t)c->nc + (size_t)j[0], len = c->olen[pos];
	const uint32_t *o = c->ord + pos * c->n;
	size_t from[2] = { 0, c->first2[pos] };

	for (int w = 0; w < 2; w++)
		for (size_t m = from[w], tried = 0, end = w ? len : from[1];
		     m < end && tried < limit; m++) {
			if (o[m] == k)
				continue;
			tried++;
			try_partner(c, k, o[m], i, j, c0, allow, best);
		}
	if (k != c->n)
		try_partner(c, k, c->n, i, j, c0, allow, best);
}

/* The cheapest valid box through (k, i, j); -1 when there is none. */
static int find_box(const cube *c, size_t k, int i, int j, box *best, size_t limit)
{
	best->cost = INT64_MAX;
	for (int i2 = 0; i2 < c->nr; i2++)
		for (int j2 = 0; j2 < c->nc; j2++) {
			int ii[2] = { i, i2 }, jj[2] = { j, j2 }, allow = 3;
			int64_t c0;

			if (i2 == i || j2 == j)
				continue;
			c0 = rect_eval(c, k, 0, ii, jj, &allow);
			if (c0 < 0 || !allow || c0 >= best->cost)
				continue;
			if (c->agg)
				try_partners(c, k, ii, jj, c0, allow, best, limit);
			else
				*best = (box){ { k, SIZE_MAX }, { i, i2 }, { j, j2 }, c0 };
		}
	return best->cost == INT64_MAX ? -1 : 0;
}

static void apply_box(cube *c, const box *b)
{
	for (int a = 0; a < 2 && b->k[a] != SIZE_MAX; a++) {
		rx_ops_table *t = tab(c, b->k[a]);

		for (int e = 0; e < 4; e++) {
			int i = b->i[e >> 1], j = b->j[e & 1];

			t->hide[RX_OPS_AT(t, i, j)] = 1;
			c->prot[(b->k[a] * (size_t)c->nr + (size_t)i) * (size_t)c->nc +
				(size_t)j] = 1;
		}
	}
}

static int protect_all(cube *c, rx_error *err)
{
	box b;

	for (size_t k = 0; k < c->nk; k++) {
		rx_ops_table *t = tab(c, k);

		for (int i = 0; i < c->nr; i++)
			for (int j = 0; j < c->nc; j++) {
				size_t x = (k * (size_t)c->nr + (size_t)i) * (size_t)c->nc +
					(size_t)j;

				if (!t->hide[RX_OPS_AT(t, i, j)] || c->prot[x])
					continue;
				if (find_box(c, k, i, j, &b, PARTNERS) < 0 &&
				    find_box(c, k, i, j, &b, SIZE_MAX) < 0)
					return rx_error_set(err, RX_EINTERNAL,
						"no protection pattern for table %zu cell (%d, %d)",
						k, i, j);
				apply_box(c, &b);
			}
	}
	return 0;
}

static int ord_cmp(const void *pa, const void *pb)
{
	const ord_ent *a = pa, *b = pb;

	if (a->v != b->v)
		return a->v < b->v ? -1 : 1;
	return a->k < b->k ? -1 : a->k > b->k;
}

static int build_ord(cube *c, rx_error *err)
{
	size_t npos = (size_t)c->nr * (size_t)c->nc;
	ord_ent *tmp = malloc(c->n * sizeof(*tmp));

	c->ord = malloc(npos * c->n * sizeof(*c->ord));
	c->olen = calloc(npos, sizeof(*c->olen));
	c->first2 = calloc(npos, sizeof(*c->first2));
	if (!tmp || !c->ord || !c->olen || !c->first2) {
		free(tmp);
		return rx_error_nomem(err);
	}
	for (size_t p = 0; p < npos; p++) {
		size_t m = 0;

		for (size_t k = 0; k < c->n; k++)
			if (c->t[k]->v[p] > 0)
				tmp[m++] = (ord_ent){ c->t[k]->v[p], (uint32_t)k };
		qsort(tmp, m, sizeof(*tmp), ord_cmp);
		for (size_t q = 0; q < m; q++)
			c->ord[p * c->n + q] = tmp[q].k;
		c->olen[p] = (uint32_t)m;
		while (c->first2[p] < m && tmp[c->first2[p]].v < 2)
			c->first2[p]++;
	}
	free(tmp);
	return 0;
}

static void mark_primary(rx_ops_table *t, int64_t thr, int keep)
{
	size_t cells = (size_t)(t->rows + 1) * (size_t)(t->cols + 1);

	for (size_t x = 0; x < cells; x++)
		t->hide[x] = (keep && t->hide[x] && t->v[x] > 0) ||
			(t->v[x] >= 1 && t->v[x] <= thr);
}

static int run_cube(rx_ops_table *const *t, size_t n, rx_ops_table *agg,
	int64_t thr, int keep, rx_error *err)
{
	cube c = { t, agg, n, n + (agg != NULL), t[0]->rows + 1, t[0]->cols + 1,
		NULL, NULL, NULL, NULL };
	int rc;

	for (size_t k = 0; k < c.nk; k++)
		mark_primary(tab(&c, k), thr, keep);
	if (!(c.prot = calloc(c.nk * (size_t)c.nr * (size_t)c.nc, 1))) {
		rc = rx_error_nomem(err);
		goto out;
	}
	if ((agg && (rc = build_ord(&c, err)) < 0) ||
	    (rc = protect_all(&c, err)) < 0)
		goto out;
out:
	free(c.prot);
	free(c.ord);
	free(c.olen);
	free(c.first2);
	return rc;
}

/* The family must share one shape and agg must be its exact sum. */
static int check_family(rx_ops_table *const *t, size_t n, const rx_ops_table *agg,
	rx_error *err)
{
	size_t cells = (size_t)(agg->rows + 1) * (size_t)(agg->cols + 1);
	int64_t *sum;

	for (size_t k = 0; k < n; k++)
		if (t[k]->rows != agg->rows || t[k]->cols != agg->cols)
			return rx_error_set(err, RX_EINPUT,
				"table %zu of the family has another shape", k);
	if (!(sum = calloc(cells, sizeof(*sum))))
		return rx_error_nomem(err);
	for (size_t k = 0; k < n; k++)
		for (size_t x = 0; x < cells; x++)
			sum[x] += t[k]->v[x];
	for (size_t x = 0; x < cells; x++)
		if (sum[x] != agg->v[x]) {
			free(sum);
			return rx_error_set(err, RX_EINPUT,
				"aggregate is not the sum of its family");
		}
	free(sum);
	return 0;
}

int rx_ops_suppress(rx_ops_table *const *tables, size_t n, rx_ops_table *agg,
	const rx_ops_suppress_opts *opts, rx_error *err)
{
	int64_t thr = opts && opts->threshold ? opts->threshold : RX_OPS_THRESHOLD_DEFAULT;
	int keep = opts && opts->keep, rc;

	if (n == 0 || n > RX_OPS_FAMILY_MAX)
		return rx_error_set(err, RX_EUSAGE, "suppression needs 1..%d tables",
			RX_OPS_FAMILY_MAX);
	if (thr < 1 || thr > RX_OPS_COUNT_MAX)
		return rx_error_set(err, RX_EUSAGE, "threshold %lld out of range",
			(long long)thr);
	if (agg) {
		if ((rc = check_family(tables, n, agg, err)) < 0)
			return rc;
		return run_cube(tables, n, agg, thr, keep, err);
	}
	for (size_t k = 0; k < n; k++)
		if ((rc = run_cube(tables + k, 1, NULL, thr, keep, err)) < 0)
			return rc;
	return 0;
}
