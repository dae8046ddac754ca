/* Scoring one administration: totals, standard scores, bands, factors, validity and critical rules. */
#include <stdio.h>
#include <string.h>

#include "schema/scaleInt.h"

/* Answer i (0-based) within its range; a supplementary one may be unanswered. */
static int answer_ok(const rx_schema_scale *s, size_t i, int v, rx_error *err)
{
	int lo, hi;

	if (i >= (size_t)s->items && v == RX_SCHEMA_UNANSWERED)
		return 0;
	rx_schema_scale_item_range(s, i + 1, &lo, &hi);
	if (v >= lo && v <= hi)
		return 0;
	return rx_error_set(err, RX_EINPUT, "%s: q%zu = %d outside %d..%d", s->id, i + 1,
			    v, lo, hi);
}

/* The counted value of scored item i (1-based): reversed items as lo + hi - answer. */
static int counted(const rx_schema_scale *s, size_t i, int v)
{
	int lo, hi;

	if (!rx_schema_items_has(&s->reverse, i))
		return v;
	rx_schema_scale_item_range(s, i, &lo, &hi);
	return lo + hi - v;
}

/* a OP b for the condition's operator. */
static int compare(int op, long a, long b)
{
	switch (op) {
	case RX_SCHEMA_OP_GE: return a >= b;
	case RX_SCHEMA_OP_GT: return a > b;
	case RX_SCHEMA_OP_LE: return a <= b;
	case RX_SCHEMA_OP_LT: return a < b;
	default: return a == b;
	}
}

/* Factor sums, their scores in hundredths and bands (mean bands compared exactly). */
static void score_factors(const rx_schema_scale *s, rx_schema_score *out, long sum[])
{
	out->nfactors = s->nfactors;
	for (size_t f = 0; f < s->nfactors; f++) {
		const rx_scale_factor *x = &s->factor[f];
		long n = x->mean ? (long)x->nitems : 1;

		sum[f] = 0;
		for (size_t i = 1; i <= (size_t)s->items; i++)
			if (rx_schema_items_has(&x->items, i))
				sum[f] += counted(s, i, out->answers[i - 1]);
		out->factor[f] = (sum[f] * 100 + n / 2) / n;
		while (out->factor_band[f] + 1 < x->nbands &&
		       sum[f] * 100 >= x->band_at[out->factor_band[f] + 1] * n)
			out->factor_band[f]++;
	}
}

static const char *const no_norm = "缺少年级或性别，或无此年级/性别的常模，无法换算标准分";

/* The first validity rule that holds sets valid 0 and the reason. */
static void check_voids(const rx_schema_scale *s, rx_schema_score *out, const long sum[])
{
	for (size_t v = 0; v < s->nvoids && !out->voided; v++) {
		const rx_scale_void *x = &s->voids[v];
		int hit;

		if (x->factor) {
			const rx_scale_factor *f = &s->factor[x->factor - 1];
			hit = compare(x->cond.op, sum[x->factor - 1] * 100,
				      x->value100 * (f->mean ? (long)f->nitems : 1));
		} else
			hit = rx_schema_cond_eval(&x->cond, out);
		if (hit)
			out->voided = 1, out->void_reason = x->reason;
	}
}

int rx_schema_scale_score_who(const rx_schema_scale *s, const int *answers, size_t n,
			      const rx_schema_who *who, rx_schema_score *out, rx_error *err)
{
	long sum[RX_SCHEMA_FACTORS_MAX];
	int rc;

	memset(out, 0, sizeof(*out));
	if (n != (size_t)s->items && n != (size_t)s->items + s->nsupp)
		return rx_error_set(err, RX_EINPUT, "%s: %zu answers, expected %d",
				    s->id, n, s->items);
	for (size_t i = 0; i < n; i++) {
		if ((rc = answer_ok(s, i, answers[i], err)) < 0)
			return rc;
		out->answers[i] = answers[i];
		if (i < (size_t)s->items && !rx_schema_items_has(&s->exclude, i + 1))
			out->total += counted(s, i + 1, answers[i]);
	}
	out->n = n;
	out->has_standard = s->std_kind != RX_SCALE_STD_NONE;
	if (rx_scale_standard(s, out->total, who, &out->standard) < 0)
		out->voided = 1, out->void_reason = no_norm, out->standard = out->total;
	out->band = rx_schema_scale_band_of(s, out->standard);
	out->band_label = s->band[out->band];
	out->band_label_zh = s->nbands_zh ? s->band_zh[out->band] : out->band_label;
	score_factors(s, out, sum);
	check_voids(s, out, sum);
	for (size_t i = 0; i < s->ncrit; i++)
		if (rx_scale_crit_eval(&s->crit[i], out))
			out->critical |= 1u << i;
	return 0;
}

int rx_schema_scale_score(const rx_schema_scale *s, const int *answers, size_t n,
			  rx_schema_score *out, rx_error *err)
{
	return rx_schema_scale_score_who(s, answers, n, NULL, out, err);
}

size_t rx_schema_scale_band_of(const rx_schema_scale *s, int standard)
{
	size_t b = 0;

	while (b + 1 < s->nbands && standard >= s->band_at[b + 1])
		b++;
	return b;
}

int rx_schema_scale_needs_who(const rx_schema_scale *s)
{
	return s->std_kind == RX_SCALE_STD_NORM;
}

int rx_schema_scale_has_standard(const rx_schema_scale *s)
{
	return s->std_kind != RX_SCALE_STD_NONE;
}

const char *rx_schema_scale_answer_label(const rx_schema_scale *s, size_t i, int v)
{
	const rx_scale_labels *all = NULL;

	for (size_t l = 0; l < s->nlabels; l++) {
		if (s->labels[l].all) {
			all = &s->labels[l];
			continue;
		}
		if (!rx_schema_items_has(&s->labels[l].items, i))
			continue;
		for (size_t k = 0; k < s->labels[l].n; k++)
			if (s->labels[l].value[k] == v)
				return s->labels[l].label[k];
		return NULL;
	}
	for (size_t k = 0; all && i >= 1 && i <= (size_t)s->items + s->nsupp && k < all->n; k++)
		if (all->value[k] == v)
			return all->label[k];
	return NULL;
}

size_t rx_schema_scale_factor_count(const rx_schema_scale *s) { return s->nfactors; }

const char *rx_schema_scale_factor_id(const rx_schema_scale *s, size_t f)
{
	return f < s->nfactors ? s->factor[f].id : NULL;
}

const char *rx_schema_scale_factor_name(const rx_schema_scale *s, size_t f)
{
	return f < s->nfactors ? s->factor[f].name : NULL;
}

const char *rx_schema_scale_factor_band(const rx_schema_scale *s, size_t f, size_t band)
{
	return f < s->nfactors && band < s->factor[f].nbands ? s->factor[f].band[band] : NULL;
}

void rx_schema_score_describe(const rx_schema_scale *s, const rx_schema_score *sc,
			      char *buf, size_t cap)
{
	if (sc->voided)
		snprintf(buf, cap, "无效 (%s)", sc->void_reason ? sc->void_reason : "?");
	else if (sc->has_standard)
		snprintf(buf, cap, "标准分 %d (%s)", sc->standard,
			 rx_schema_scale_band_zh(s, sc->band));
	else
		snprintf(buf, cap, "总分 %d (%s)", sc->total, rx_schema_scale_band_zh(s, sc->band));
}
