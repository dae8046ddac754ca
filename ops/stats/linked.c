/* The attacker's view of a published round: every table, the county sums and the relations between tables, as one linear system. */
#include <stdlib.h>
#include <string.h>

#include "ops/stats/stats.h"
#include "schema/obligation.h"

#define E RX_OPS_STATS_ENTRIES
#define NT RX_STATS_NTABLES
#define TERMS_MAX 8

/* One relation between entries of one record: sum(coef * entry) == 0 on exact figures. */
typedef struct rel_term {
	int8_t t, i, j, coef;
} rel_term;

typedef struct relation {
	const char *name;
	rel_term term[TERMS_MAX];
	int n;
	int sure; /* 1: true of every record by how it is counted (docs/stats.md) */
} relation;

#define LV RX_STATS_LEVELS
#define CV RX_STATS_COVERAGE
#define OB RX_STATS_OBLIG
#define IN RX_STATS_INCIDENTS

/* The relations docs/disclosure.md lists (the coverage-by-grade ones are built in rel_grade). */
static const relation relations[] = {
	{ "screened_twice", { { OB, RX_ACT_SCREENING, 0, 1 }, { CV, 12, 0, -1 },
		{ CV, 12, 1, -1 } }, 3, 1 },
	{ "screening_owed", { { OB, RX_ACT_SCREENING, 4, 1 }, { LV, 24, 5, -1 } }, 2, 0 },
	{ "visits_owed", { { OB, RX_ACT_HOME_VISIT, 4, 1 },
		{ OB, RX_ACT_HOME_VISIT_ON_SITE, 4, 1 }, { LV, 24, 5, -1 } }, 3, 1 },
	{ "visits_done", { { OB, RX_ACT_HOME_VISIT, 0, 1 },
		{ OB, RX_ACT_HOME_VISIT_ON_SITE, 0, 1 }, { CV, 12, 0, -1 },
		{ CV, 12, 2, -1 } }, 4, 1 },
	{ "referrals_owed", { { OB, RX_ACT_REFERRAL, 4, 1 }, { LV, 24, 0, -1 } }, 2, 0 },
	{ "reviews", { { OB, RX_ACT_REVIEW, 4, 1 }, { IN, 1, 5, -1 } }, 2, 1 },
	{ "reviews_on_time", { { OB, RX_ACT_REVIEW, 0, 1 }, { IN, 0, 0, -1 } }, 2, 1 },
	{ "reviews_late", { { OB, RX_ACT_REVIEW, 1, 1 }, { IN, 0, 2, -1 } }, 2, 1 },
};
#define NREL (sizeof(relations) / sizeof(relations[0]))
#define NGRADE 12
#define NALL (NREL + NGRADE)

/* Relation r: the fixed list, then coverage row g == levels rows (g, boys) + (g, girls). */
static relation rel_get(size_t r)
{
	relation g = { "grade", { { 0 } }, 3, 1 };
	int gr;

	if (r < NREL)
		return relations[r];
	gr = (int)(r - NREL);
	g.term[0] = (rel_term){ CV, (int8_t)gr, 4, 1 };
	g.term[1] = (rel_term){ LV, (int8_t)(2 * gr), 5, -1 };
	g.term[2] = (rel_term){ LV, (int8_t)(2 * gr + 1), 5, -1 };
	return g;
}

static size_t at(rel_term x)
{
	return (size_t)x.i * (size_t)(rx_ops_stats_cols(x.t) + 1) + (size_t)x.j;
}

size_t rx_ops_stats_relations(void)
{
	return NALL;
}

const char *rx_ops_stats_relation_name(size_t r)
{
	return r < NALL ? rel_get(r).name : NULL;
}

int rx_ops_stats_relation_holds(const rx_ops_stats *s, size_t r)
{
	relation x = rel_get(r);
	int64_t sum = 0;

	for (int k = 0; k < x.n; k++) {
		size_t e = at(x.term[k]);
		if (s->hidden[x.term[k].t][e])
			return -1;
		sum += x.term[k].coef * s->v[x.term[k].t][e];
	}
	return sum == 0;
}

/* --- The system --- */

typedef struct eqs {
	size_t *start, *var; /* equation q: var[start[q] .. start[q + 1] - 1] */
	int8_t *coef;
	size_t n, nterm, cap, capt;
} eqs;

static int eq_add(eqs *q, const size_t *v, const int8_t *c, size_t n)
{
	if (q->n + 2 > q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 256;
		size_t *s = realloc(q->start, cap * sizeof(*s));
		if (!s)
			return -1;
		q->start = s, q->cap = cap;
	}
	if (q->nterm + n > q->capt) {
		size_t cap = q->capt ? q->capt * 2 : 1024;
		size_t *v2;
		int8_t *c2;
		while (cap < q->nterm + n)
			cap *= 2;
		if (!(v2 = realloc(q->var, cap * sizeof(*v2))))
			return -1;
		q->var = v2;
		if (!(c2 = realloc(q->coef, cap)))
			return -1;
		q->coef = c2, q->capt = cap;
	}
	if (q->n == 0)
		q->start[0] = 0;
	memcpy(q->var + q->nterm, v, n * sizeof(*v));
	memcpy(q->coef + q->nterm, c, n);
	q->nterm += n;
	q->start[++q->n] = q->nterm;
	return 0;
}

static void eq_free(eqs *q)
{
	free(q->start), free(q->var), free(q->coef);
}

static size_t var_of(size_t rec, int t, size_t e)
{
	return (rec * NT + (size_t)t) * E + e;
}

static int table_eqs(eqs *q, size_t rec, int t, size_t *v, int8_t *c)
{
	int R = rx_ops_stats_rows(t), C = rx_ops_stats_cols(t);

	for (int i = 0; i <= R; i++) {
		for (int j = 0; j <= C; j++)
			v[j] = var_of(rec, t, (size_t)i * (size_t)(C + 1) + (size_t)j), c[j] = j == C ? -1 : 1;
		if (eq_add(q, v, c, (size_t)C + 1) < 0)
			return -1;
	}
	for (int j = 0; j < C; j++) {
		for (int i = 0; i <= R; i++)
			v[i] = var_of(rec, t, (size_t)i * (size_t)(C + 1) + (size_t)j), c[i] = i == R ? -1 : 1;
		if (eq_add(q, v, c, (size_t)R + 1) < 0)
			return -1;
	}
	return 0;
}

/*
 * The system of view[0..n): per record every table's rows and columns; when
 * the last record is a county with schools before it, each of its entries is
 * their sum; each relation of a record that holds on exact; without exact
 * figures (a hub checks what it received), each relation true of every
 * record by how it is counted that the view does not contradict.
 */
static int build(eqs *q, const rx_ops_stats *view, const rx_ops_stats *exact, size_t n)
{
	const rx_ops_stats *ref = exact ? exact : view;
	size_t *v = malloc((n + 32) * sizeof(*v));
	int8_t *c = malloc(n + 32);
	int linked = n > 1 && view[n - 1].scope == RX_OPS_STATS_COUNTY, rc = -1;

	if (!v || !c)
		goto out;
	for (size_t r = 0; r < n; r++) {
		for (int t = 0; t < NT; t++)
			if (table_eqs(q, r, t, v, c) < 0)
				goto out;
		for (size_t k = 0; k < NALL; k++) {
			relation x = rel_get(k);
			if (rx_ops_stats_relation_holds(&ref[r], k) == 0 || (!exact && !x.sure))
				continue; /* not true of this record: no attacker can use it */
			for (int m = 0; m < x.n; m++)
				v[m] = var_of(r, x.term[m].t, at(x.term[m])), c[m] = x.term[m].coef;
			if (eq_add(q, v, c, (size_t)x.n) < 0)
				goto out;
		}
	}
	for (int t = 0; linked && t < NT; t++) {
		int R = rx_ops_stats_rows(t), C = rx_ops_stats_cols(t);
		for (size_t e = 0; e < (size_t)(R + 1) * (size_t)(C + 1); e++) {
			for (size_t r = 0; r < n; r++)
				v[r] = var_of(r, t, e), c[r] = r == n - 1 ? -1 : 1;
			if (eq_add(q, v, c, n) < 0)
				goto out;
		}
	}
	rc = 0;
out:
	free(v), free(c);
	return rc;
}

static int hidden_at(const rx_ops_stats *v, size_t y)
{
	return v[y / (NT * E)].hidden[(y / E) % NT][y % E];
}

static int in_shape(int t, size_t e)
{
	return e < (size_t)(rx_ops_stats_rows(t) + 1) * (size_t)(rx_ops_stats_cols(t) + 1);
}

static int narrow_of(const rx_ops_lsys *s, size_t var, int64_t protection)
{
	int64_t lo, hi;

	if (rx_ops_lsys_determined(s, var))
		return 1;
	rx_ops_lsys_bounds(s, var, &lo, &hi);
	return hi != INT64_MAX && hi - lo + 1 < protection;
}

#define DENSE_UNKNOWNS 3000
#define DENSE_ENTRIES ((size_t)8 << 20)

static int fits_dense(const eqs *q, const rx_ops_stats *view, size_t n)
{
	size_t nu = 0, ne = 0;

	for (size_t r = 0; r < n; r++)
		for (int t = 0; t < NT; t++)
			for (size_t e = 0; e < E; e++)
				nu += in_shape(t, e) && view[r].hidden[t][e];
	for (size_t k = 0; k < q->n; k++)
		for (size_t m = q->start[k]; m < q->start[k + 1]; m++)
			if (hidden_at(view, q->var[m]) && in_shape((int)((q->var[m] / E) % NT),
			    q->var[m] % E)) {
				ne++;
				break;
			}
	return nu <= DENSE_UNKNOWNS && nu * ne <= DENSE_ENTRIES;
}

static int solve(rx_ops_lsys **out, rx_ops_stats_leak *lk, const eqs *q,
	const rx_ops_stats *view, size_t n, rx_error *err)
{
	rx_ops_lsys *s = rx_ops_lsys_new(n * NT * E);
	int rc;

	if (!s)
		return rx_error_nomem(err);
	for (size_t r = 0; r < n; r++)
		for (int t = 0; t < NT; t++)
			for (size_t e = 0; e < E; e++)
				if (!in_shape(t, e) || !view[r].hidden[t][e])
					rx_ops_lsys_known(s, var_of(r, t, e),
						in_shape(t, e) ? view[r].v[t][e] : 0);
	for (size_t k = 0; k < q->n; k++)
		if ((rc = rx_ops_lsys_equation(s, q->var + q->start[k], q->coef + q->start[k],
		    q->start[k + 1] - q->start[k], err)) < 0)
			goto fail;
	/* the dense exact check only where it fits (ops/disclosure/check_linear.c's limits) */
	lk->exact_check = fits_dense(q, view, n);
	if ((rc = lk->exact_check ? rx_ops_lsys_solve(s, 1, err) :
	    rx_ops_lsys_solve_bounds(s, 1, err)) < 0)
		goto fail;
	*out = s;
	return 0;
fail:
	rx_ops_lsys_free(s);
	return rc;
}

int rx_ops_stats_attack(rx_ops_stats_leak *lk, uint8_t *mask, const rx_ops_stats *view,
	const rx_ops_stats *exact, size_t n, int64_t protection, rx_error *err)
{
	eqs q = { 0 };
	rx_ops_lsys *s = NULL;
	int rc;

	memset(lk, 0, sizeof(*lk));
	if (n == 0)
		return 0;
	if (build(&q, view, exact, n) < 0) {
		eq_free(&q);
		return rx_error_nomem(err);
	}
	if ((rc = solve(&s, lk, &q, view, n, err)) < 0) {
		eq_free(&q);
		return rc;
	}
	for (size_t r = 0; r < n; r++)
		for (int t = 0; t < NT; t++)
			for (size_t e = 0; e < E; e++) {
				size_t x = var_of(r, t, e);
				int nw;
				if (!in_shape(t, e) || !view[r].hidden[t][e])
					continue;
				lk->hidden++;
				lk->exact += rx_ops_lsys_determined(s, x) != 0;
				nw = narrow_of(s, x, protection);
				lk->narrow += (size_t)nw;
				if (mask)
					mask[x] = (uint8_t)nw;
			}
	rx_ops_lsys_free(s);
	eq_free(&q);
	return 0;
}

/* What hiding a shown entry costs: small counts cheap, margins and the county dear. */
static int64_t cost(const rx_ops_stats *w, size_t n, size_t x)
{
	size_t r = x / (NT * E), e = x % E;
	int t = (int)(x / E % NT), C = rx_ops_stats_cols(t), R = rx_ops_stats_rows(t);
	int64_t c = 1 + w[r].v[t][e];

	if ((int)(e / (size_t)(C + 1)) == R || (int)(e % (size_t)(C + 1)) == C)
		c *= 2;
	if (n > 1 && r == n - 1 && w[r].scope == RX_OPS_STATS_COUNTY)
		c *= 2;
	return c;
}

/* The equations through each var: eq[vstart[x] .. vstart[x + 1] - 1]. */
static int index_vars(size_t **vstart, size_t **veq, const eqs *q, size_t nvars)
{
	size_t *st = calloc(nvars + 1, sizeof(*st)), *eq = malloc((q->nterm + 1) * sizeof(*eq));

	if (!st || !eq) {
		free(st), free(eq);
		return -1;
	}
	for (size_t m = 0; m < q->nterm; m++)
		st[q->var[m] + 1]++;
	for (size_t x = 0; x < nvars; x++)
		st[x + 1] += st[x];
	for (size_t k = 0; k < q->n; k++)
		for (size_t m = q->start[k]; m < q->start[k + 1]; m++)
			eq[st[q->var[m]]++] = k;
	for (size_t x = nvars; x > 0; x--)
		st[x] = st[x - 1];
	st[0] = 0;
	*vstart = st, *veq = eq;
	return 0;
}

typedef struct wctx {
	const rx_ops_stats *view, *w;
	size_t n;
	const eqs *q;
	const size_t *vstart, *veq;
} wctx;

/*
 * The entry to hide for x: in the equation through x with the fewest hidden
 * entries, the cheapest shown nonzero one; when every equation through x is
 * all hidden or zero, the same search from the hidden entries beside x
 * (depth levels). SIZE_MAX when there is none.
 */
static size_t pick(const wctx *c, size_t x, int depth)
{
	size_t best = SIZE_MAX, bestq_hidden = SIZE_MAX;
	int64_t bestc = INT64_MAX;

	for (size_t z = c->vstart[x]; z < c->vstart[x + 1]; z++) {
		size_t k = c->veq[z], hid = 0, cand = SIZE_MAX;
		int64_t cc = INT64_MAX;
		for (size_t m = c->q->start[k]; m < c->q->start[k + 1]; m++) {
			size_t y = c->q->var[m];
			if (hidden_at(c->view, y))
				hid++;
			else if (c->w[y / (NT * E)].v[(y / E) % NT][y % E] > 0 &&
			    cost(c->w, c->n, y) < cc)
				cc = cost(c->w, c->n, y), cand = y;
		}
		if (cand == SIZE_MAX)
			continue;
		if (hid < bestq_hidden || (hid == bestq_hidden && cc < bestc))
			bestq_hidden = hid, bestc = cc, best = cand;
	}
	for (size_t z = c->vstart[x]; best == SIZE_MAX && depth > 0 && z < c->vstart[x + 1]; z++) {
		size_t k = c->veq[z];
		for (size_t m = c->q->start[k]; best == SIZE_MAX && m < c->q->start[k + 1]; m++)
			if (c->q->var[m] != x && hidden_at(c->view, c->q->var[m]))
				best = pick(c, c->q->var[m], depth - 1);
	}
	return best;
}

/* For every entry flagged in mask, hide one more entry (pick). Returns how many were hidden. */
static size_t widen(rx_ops_stats *view, const rx_ops_stats *w, size_t n, const eqs *q,
	const uint8_t *mask, const size_t *vstart, const size_t *veq)
{
	wctx c = { view, w, n, q, vstart, veq };
	size_t added = 0, total = n * NT * E;

	for (size_t x = 0; x < total; x++) {
		size_t best;
		if (!mask[x] || (best = pick(&c, x, 3)) == SIZE_MAX)
			continue;
		if (!hidden_at(view, best))
			view[best / (NT * E)].hidden[(best / E) % NT][best % E] = 1, added++;
	}
	return added;
}

int rx_ops_stats_widen(size_t *added, rx_ops_stats *view, const rx_ops_stats *exact,
	size_t n, int64_t protection, rx_error *err)
{
	eqs q = { 0 };
	rx_ops_stats_leak lk;
	uint8_t *mask = calloc(n * NT * E, 1);
	size_t *vstart = NULL, *veq = NULL;
	int rc = 0;

	*added = 0;
	if (!mask || build(&q, view, exact, n) < 0 ||
	    index_vars(&vstart, &veq, &q, n * NT * E) < 0) {
		rc = rx_error_nomem(err);
		goto out;
	}
	if ((rc = rx_ops_stats_attack(&lk, mask, view, exact, n, protection, err)) < 0)
		goto out;
	if (lk.narrow)
		*added = widen(view, exact, n, &q, mask, vstart, veq);
out:
	free(mask), free(vstart), free(veq);
	eq_free(&q);
	return rc;
}
