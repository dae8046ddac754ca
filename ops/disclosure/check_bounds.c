/* Bound propagation over the published equations: the non-negativity attack on hidden entries. */
#include "ops/disclosure/disclosureInt.h"

#define ROUNDS_MAX 256
#define INF INT64_MAX

/* The range of one side of an equation, with infinite ends counted apart. */
typedef struct span {
	int64_t lo, hi; /* sums of the finite ends */
	size_t nlo, nhi; /* how many ends are -inf / +inf */
} span;

/* a * x for x in [lo, hi] (hi may be INF); a is +1 or -1. */
static void term(int a, int64_t lo, int64_t hi, int64_t *tl, int64_t *th, int *il, int *ih)
{
	*il = a < 0 && hi == INF;
	*ih = a > 0 && hi == INF;
	*tl = a > 0 ? lo : (*il ? 0 : -hi);
	*th = a > 0 ? (*ih ? 0 : hi) : -lo;
}

/* Narrow var v with coefficient a given sum(a x) over unknowns == c. Returns 1 when narrowed, -1 when empty. */
static int narrow(rx_ops_lsys *s, size_t v, int a, int64_t c, const span *sp)
{
	int64_t tl, th, lo, hi, olo = INF, ohi = INF;
	int il, ih, olo_inf, ohi_inf, changed = 0;

	term(a, s->lo[v], s->hi[v], &tl, &th, &il, &ih);
	olo_inf = sp->nlo - (size_t)il > 0;
	ohi_inf = sp->nhi - (size_t)ih > 0;
	if (!olo_inf)
		olo = sp->lo - tl;
	if (!ohi_inf)
		ohi = sp->hi - th;
	/* a x = c - others, so a x <= c - olo and a x >= c - ohi */
	lo = s->lo[v];
	hi = s->hi[v];
	if (a > 0) {
		if (!olo_inf && c - olo < hi)
			hi = c - olo, changed = 1;
		if (!ohi_inf && c - ohi > lo)
			lo = c - ohi, changed = 1;
	} else {
		if (!ohi_inf && ohi - c < hi)
			hi = ohi - c, changed = 1;
		if (!olo_inf && olo - c > lo)
			lo = olo - c, changed = 1;
	}
	s->lo[v] = lo;
	s->hi[v] = hi;
	return lo > hi ? -1 : changed;
}

static void span_add(span *sp, int a, int64_t lo, int64_t hi, int sign)
{
	int64_t tl, th;
	int il, ih;

	term(a, lo, hi, &tl, &th, &il, &ih);
	sp->lo += sign * tl;
	sp->hi += sign * th;
	sp->nlo += (size_t)(sign * il);
	sp->nhi += (size_t)(sign * ih);
}

/* One pass over equation e; -1 when the published numbers contradict it. */
static int tighten(rx_ops_lsys *s, size_t e, int *changed)
{
	span sp = { 0, 0, 0, 0 };
	int64_t c = 0;

	for (size_t t = s->start[e]; t < s->start[e + 1]; t++) {
		size_t v = s->tvar[t];

		if (s->known[v])
			c -= s->tcoef[t] * s->val[v];
		else
			span_add(&sp, s->tcoef[t], s->lo[v], s->hi[v], 1);
	}
	if ((!sp.nlo && c < sp.lo) || (!sp.nhi && c > sp.hi))
		return -1;
	for (size_t t = s->start[e]; t < s->start[e + 1]; t++) {
		size_t v = s->tvar[t];
		int64_t lo = s->lo[v], hi = s->hi[v];
		int rc;

		if (s->known[v])
			continue;
		if ((rc = narrow(s, v, s->tcoef[t], c, &sp)) < 0)
			return -1;
		if (rc) {
			*changed = 1;
			span_add(&sp, s->tcoef[t], lo, hi, -1);
			span_add(&sp, s->tcoef[t], s->lo[v], s->hi[v], 1);
		}
	}
	return 0;
}

int rx_ops_check_bounds(rx_ops_lsys *s, int64_t lower, rx_error *err)
{
	int changed = 1;

	for (size_t v = 0; v < s->nvars; v++) {
		s->lo[v] = s->known[v] ? s->val[v] : lower;
		s->hi[v] = s->known[v] ? s->val[v] : INF;
	}
	for (int round = 0; round < ROUNDS_MAX && changed; round++) {
		changed = 0;
		for (size_t e = 0; e < s->neq; e++)
			if (tighten(s, e, &changed) < 0)
				return rx_error_set(err, RX_EINPUT,
					"published numbers contradict equation %zu", e);
	}
	for (size_t v = 0; v < s->nvars; v++)
		if (!s->known[v] && s->lo[v] == s->hi[v])
			s->det[v] |= RX_OPS_DET_BOUNDS;
	return 0;
}
