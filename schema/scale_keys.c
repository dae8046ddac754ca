/* The keys of scale files for real instruments: own ranges, answer labels, factors, standard scores, norms, validity. */
#include <stdio.h>
#include <string.h>

#include "schema/scaleInt.h"

#define PARTS_MAX 4

static int bad(const rx_schema_kv *kv, const char *why, rx_error *err)
{
	return rx_error_set(err, RX_EINPUT, "scale line %zu: %.*s: %s", kv->line,
			    (int)kv->key.len, kv->key.p, why);
}

/* Split v at '|' into trimmed parts; their count, or 0 when more than max or one empty. */
static size_t split_bar(rx_schema_span v, rx_schema_span *part, size_t max)
{
	size_t n = 0;

	for (;;) {
		const char *bar = memchr(v.p, '|', v.len);
		size_t len = bar ? (size_t)(bar - v.p) : v.len;

		if (n == max)
			return 0;
		part[n] = rx_schema_span_trim((rx_schema_span){ v.p, len });
		if (!part[n++].len)
			return 0;
		if (!bar)
			return n;
		v = (rx_schema_span){ bar + 1, (size_t)(v.p + v.len - bar - 1) };
	}
}

/* "MIN..MAX" with 0 <= MIN < MAX <= 100. */
static int parse_range(rx_schema_span v, int *lo, int *hi)
{
	const char *dots = v.len ? memchr(v.p, '.', v.len) : NULL;

	if (!dots || dots + 2 > v.p + v.len || dots[1] != '.' ||
	    rx_schema_span_int(rx_schema_span_trim((rx_schema_span){ v.p, (size_t)(dots - v.p) }),
			       0, 100, lo) < 0 ||
	    rx_schema_span_int(rx_schema_span_trim((rx_schema_span){ dots + 2,
			       (size_t)(v.p + v.len - dots - 2) }), 0, 100, hi) < 0)
		return -1;
	return *lo < *hi ? 0 : -1;
}

/* "LIST | MIN..MAX": scored items with a range of their own (yes/no items). */
static int key_range(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	rx_schema_span p[PARTS_MAX];
	rx_schema_items set;
	size_t n;
	int lo, hi, rc;

	if (split_bar(kv->val, p, PARTS_MAX) != 2)
		return bad(kv, "expected ITEMS | MIN..MAX (\"8, 16 | 0..1\")", err);
	if ((rc = rx_schema_items_parse(&set, &n, p[0], RX_SCHEMA_ITEMS_MAX, kv, err)) < 0)
		return rc;
	if (parse_range(p[1], &lo, &hi) < 0)
		return bad(kv, "expected MIN..MAX (0..100, MIN < MAX)", err);
	for (size_t i = 1; i <= RX_SCHEMA_ITEMS_MAX; i++) {
		if (!rx_schema_items_has(&set, i))
			continue;
		if (rx_schema_items_has(&s->ranged, i))
			return bad(kv, "an item's range given twice", err);
		s->ranged.w[(i - 1) / 64] |= 1ull << ((i - 1) % 64);
		s->lo[i - 1] = lo, s->hi[i - 1] = hi;
	}
	return 0;
}

/* "0:否, 1:是" into l. */
static int parse_answer_labels(rx_scale_labels *l, rx_schema_span v, const rx_schema_kv *kv,
			       rx_error *err)
{
	while (v.len) {
		const char *comma = memchr(v.p, ',', v.len);
		size_t len = comma ? (size_t)(comma - v.p) : v.len;
		rx_schema_span one = rx_schema_span_trim((rx_schema_span){ v.p, len });
		const char *colon = one.len ? memchr(one.p, ':', one.len) : NULL;

		if (l->n == RX_SCALE_ANSWER_LABELS)
			return bad(kv, "at most 8 labelled answers", err);
		if (!colon || rx_schema_span_int(rx_schema_span_trim((rx_schema_span){ one.p,
				(size_t)(colon - one.p) }), 0, 100, &l->value[l->n]) < 0)
			return bad(kv, "expected VALUE:标签, ... (\"0:否, 1:是\")", err);
		for (size_t i = 0; i < l->n; i++)
			if (l->value[i] == l->value[l->n])
				return bad(kv, "a value labelled twice", err);
		if (!rx_schema_span_copy(l->label[l->n], sizeof(l->label[0]),
				rx_schema_span_trim((rx_schema_span){ colon + 1,
				(size_t)(one.p + one.len - colon - 1) })) || !l->label[l->n][0])
			return bad(kv, "empty or long label (≤ 64 bytes)", err);
		l->n++;
		v.p += len + (comma != NULL);
		v.len -= len + (comma != NULL);
		if (comma && !v.len)
			return bad(kv, "trailing comma", err);
	}
	return 0;
}

/* "VALUE:标签, ..." for every item, or "LIST | VALUE:标签, ..." for some. */
static int key_labels(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	rx_schema_span p[PARTS_MAX];
	size_t n = split_bar(kv->val, p, PARTS_MAX), cnt;
	rx_scale_labels *l = &s->labels[s->nlabels];
	int rc;

	if (s->nlabels == RX_SCALE_LABEL_SETS)
		return bad(kv, "at most 8 labels lines", err);
	if (n != 1 && n != 2)
		return bad(kv, "expected [ITEMS |] VALUE:标签, ...", err);
	memset(l, 0, sizeof(*l));
	l->all = n == 1;
	for (size_t i = 0; l->all && i < s->nlabels; i++)
		if (s->labels[i].all)
			return bad(kv, "labels for every item given twice", err);
	if (n == 2 && (rc = rx_schema_items_parse(&l->items, &cnt, p[0], RX_SCHEMA_ITEMS_MAX,
						  kv, err)) < 0)
		return rc;
	if ((rc = parse_answer_labels(l, p[n - 1], kv, err)) < 0)
		return rc;
	s->nlabels++;
	return 0;
}

static long factor_find(const rx_schema_scale *s, rx_schema_span id)
{
	for (size_t f = 0; f < s->nfactors; f++)
		if (rx_schema_span_eq(id, s->factor[f].id) && strlen(s->factor[f].id) == id.len)
			return (long)f;
	return -1;
}

/* "ID | 名称 | sum|mean | LIST". */
static int key_factor(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	rx_schema_span p[PARTS_MAX];
	rx_scale_factor *f = &s->factor[s->nfactors];

	if (s->nfactors == RX_SCHEMA_FACTORS_MAX)
		return bad(kv, "at most 16 factors", err);
	if (split_bar(kv->val, p, PARTS_MAX) != 4)
		return bad(kv, "expected ID | 名称 | sum or mean | ITEMS", err);
	memset(f, 0, sizeof(*f));
	for (size_t i = 0; i < p[0].len; i++)
		if (!((p[0].p[i] >= 'a' && p[0].p[i] <= 'z') || (p[0].p[i] >= '0' && p[0].p[i] <= '9') ||
		      p[0].p[i] == '_') || (i == 0 && p[0].p[i] <= '9'))
			return bad(kv, "factor id: a-z, 0-9, '_', starting with a letter", err);
	if (rx_schema_span_eq(p[0], "total") || (p[0].p[0] == 'q' && p[0].len > 1 &&
	    p[0].p[1] >= '0' && p[0].p[1] <= '9'))
		return bad(kv, "factor id may not be total or qN", err);
	if (factor_find(s, p[0]) >= 0)
		return bad(kv, "factor id given twice", err);
	if (!rx_schema_span_copy(f->id, sizeof(f->id), p[0]) ||
	    !rx_schema_span_copy(f->name, sizeof(f->name), p[1]))
		return bad(kv, "factor id (≤ 32 bytes) or name (≤ 64 bytes) too long", err);
	if (!rx_schema_span_eq(p[2], "sum") && !rx_schema_span_eq(p[2], "mean"))
		return bad(kv, "scoring must be sum or mean", err);
	f->mean = rx_schema_span_eq(p[2], "mean");
	if (rx_schema_items_parse(&f->items, &f->nitems, p[3], RX_SCHEMA_ITEMS_MAX, kv, err) < 0)
		return RX_EINPUT;
	s->nfactors++;
	return 0;
}

/* "ID | 0:正常, 2:轻度, 3.5:中度": thresholds are decimals (hundredths kept). */
static int key_factor_bands(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	rx_schema_span p[PARTS_MAX], v;
	long f;
	rx_scale_factor *x;

	if (split_bar(kv->val, p, PARTS_MAX) != 2)
		return bad(kv, "expected FACTOR | THRESHOLD:标签, ...", err);
	if ((f = factor_find(s, p[0])) < 0)
		return bad(kv, "no such factor (declare it with factor = first)", err);
	x = &s->factor[f];
	if (x->nbands)
		return bad(kv, "bands of this factor given twice", err);
	for (v = p[1]; v.len;) {
		const char *comma = memchr(v.p, ',', v.len);
		size_t len = comma ? (size_t)(comma - v.p) : v.len;
		rx_schema_span one = rx_schema_span_trim((rx_schema_span){ v.p, len });
		const char *colon = one.len ? memchr(one.p, ':', one.len) : NULL;

		if (x->nbands == RX_SCHEMA_BANDS_MAX)
			return bad(kv, "too many bands", err);
		if (!colon || rx_schema_decimal_parse(rx_schema_span_trim((rx_schema_span){
				one.p, (size_t)(colon - one.p) }), 100, 0, 1000000,
				&x->band_at[x->nbands]) < 0)
			return bad(kv, "expected THRESHOLD:标签 (THRESHOLD like 2 or 2.5)", err);
		if (x->nbands && x->band_at[x->nbands] <= x->band_at[x->nbands - 1])
			return bad(kv, "thresholds must increase", err);
		if (!rx_schema_span_copy(x->band[x->nbands], sizeof(x->band[0]),
				rx_schema_span_trim((rx_schema_span){ colon + 1,
				(size_t)(one.p + one.len - colon - 1) })) || !x->band[x->nbands][0])
			return bad(kv, "empty or long label", err);
		x->nbands++;
		v.p += len + (comma != NULL);
		v.len -= len + (comma != NULL);
		if (comma && !v.len)
			return bad(kv, "trailing comma", err);
	}
	return 0;
}

/* "linear MUL [ADD]" (standard = floor(raw × MUL + ADD)) or "norm" (the norm lines). */
static int key_standard(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	rx_schema_span v = kv->val, w[3];
	size_t n = 0;

	if (s->std_kind)
		return bad(kv, "given twice", err);
	if (rx_schema_span_eq(v, "norm")) {
		s->std_kind = RX_SCALE_STD_NORM;
		return 0;
	}
	while (v.len && n < 3) {
		const char *sp = memchr(v.p, ' ', v.len);
		size_t len = sp ? (size_t)(sp - v.p) : v.len;

		w[n++] = (rx_schema_span){ v.p, len };
		v = rx_schema_span_trim((rx_schema_span){ v.p + len, v.len - len });
	}
	s->std_add = 0;
	if (v.len || n < 2 || !rx_schema_span_eq(w[0], "linear") ||
	    rx_schema_decimal_parse(w[1], 10000, 1, 1000000, &s->std_mul) < 0 ||
	    (n == 3 && rx_schema_decimal_parse(w[2], 10000, -1000000000L, 1000000000L,
					       &s->std_add) < 0))
		return bad(kv, "expected linear MUL [ADD] (\"linear 1.25\") or norm", err);
	s->std_kind = RX_SCALE_STD_LINEAR;
	return 0;
}

/* "7-9 男 | 0:30, 20:45, ...": grades (1-12), sex (男 女 m f *), raw:standard steps. */
static int parse_norm_who(rx_scale_norm *m, rx_schema_span v)
{
	const char *sp = memchr(v.p, ' ', v.len);
	rx_schema_span g, x;

	if (!sp)
		return -1;
	g = (rx_schema_span){ v.p, (size_t)(sp - v.p) };
	x = rx_schema_span_trim((rx_schema_span){ sp, (size_t)(v.p + v.len - sp) });
	if (rx_schema_span_int(g, 1, 12, &m->grade_lo) == 0)
		m->grade_hi = m->grade_lo;
	else {
		const char *dash = memchr(g.p, '-', g.len);
		if (!dash || rx_schema_span_int((rx_schema_span){ g.p, (size_t)(dash - g.p) }, 1, 12,
						&m->grade_lo) < 0 ||
		    rx_schema_span_int((rx_schema_span){ dash + 1, (size_t)(g.p + g.len - dash - 1) },
				       1, 12, &m->grade_hi) < 0 || m->grade_hi < m->grade_lo)
			return -1;
	}
	if (rx_schema_span_eq(x, "男") || rx_schema_span_eq(x, "m"))
		m->sex = 1;
	else if (rx_schema_span_eq(x, "女") || rx_schema_span_eq(x, "f"))
		m->sex = 2;
	else if (rx_schema_span_eq(x, "*"))
		m->sex = 0;
	else
		return -1;
	return 0;
}

static int key_norm(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	rx_schema_span p[PARTS_MAX], v;
	rx_scale_norm *m = &s->norm[s->nnorms];

	if (s->nnorms == RX_SCHEMA_NORMS_MAX)
		return bad(kv, "at most 24 norm lines", err);
	memset(m, 0, sizeof(*m));
	if (split_bar(kv->val, p, PARTS_MAX) != 2 || parse_norm_who(m, p[0]) < 0)
		return bad(kv, "expected GRADE[-GRADE] 男|女|* | RAW:STANDARD, ...", err);
	for (size_t i = 0; i < s->nnorms; i++)
		if (s->norm[i].sex == m->sex && s->norm[i].grade_lo <= m->grade_hi &&
		    m->grade_lo <= s->norm[i].grade_hi)
			return bad(kv, "overlaps an earlier norm line", err);
	for (v = p[1]; v.len;) {
		const char *comma = memchr(v.p, ',', v.len);
		size_t len = comma ? (size_t)(comma - v.p) : v.len;
		rx_schema_span one = rx_schema_span_trim((rx_schema_span){ v.p, len });
		const char *colon = one.len ? memchr(one.p, ':', one.len) : NULL;

		if (m->n == RX_SCALE_NORM_POINTS)
			return bad(kv, "at most 40 steps", err);
		if (!colon || rx_schema_span_int(rx_schema_span_trim((rx_schema_span){ one.p,
				(size_t)(colon - one.p) }), 0, RX_SCHEMA_TOTAL_MAX, &m->raw[m->n]) < 0 ||
		    rx_schema_span_int(rx_schema_span_trim((rx_schema_span){ colon + 1,
				(size_t)(one.p + one.len - colon - 1) }), 0, 10000, &m->std[m->n]) < 0)
			return bad(kv, "expected RAW:STANDARD (integers)", err);
		if (m->n && m->raw[m->n] <= m->raw[m->n - 1])
			return bad(kv, "raw totals must increase", err);
		m->n++;
		v.p += len + (comma != NULL);
		v.len -= len + (comma != NULL);
		if (comma && !v.len)
			return bad(kv, "trailing comma", err);
	}
	s->nnorms++;
	return 0;
}

static int key_exclude(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	size_t n;

	for (size_t i = 0; i < sizeof(s->exclude.w) / sizeof(s->exclude.w[0]); i++)
		if (s->exclude.w[i])
			return bad(kv, "given twice", err);
	return rx_schema_items_parse(&s->exclude, &n, kv->val, RX_SCHEMA_ITEMS_MAX, kv, err);
}

/* "TERM OP VALUE | 原因": TERM total, qN or a factor declared before. */
static int key_void(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	rx_schema_span p[PARTS_MAX], t;
	rx_scale_void *x = &s->voids[s->nvoids];
	const char *sp;
	long f;
	int rc;

	if (s->nvoids == RX_SCHEMA_VOIDS_MAX)
		return bad(kv, "at most 4 void rules", err);
	if (split_bar(kv->val, p, PARTS_MAX) != 2 || !(sp = memchr(p[0].p, ' ', p[0].len)))
		return bad(kv, "expected TERM OP VALUE | 原因 (\"lie >= 7 | 效度量表得分过高\")", err);
	memset(x, 0, sizeof(*x));
	t = (rx_schema_span){ p[0].p, (size_t)(sp - p[0].p) };
	if ((f = factor_find(s, t)) >= 0) {
		char cond[64];
		const char *v;

		x->factor = (size_t)f + 1;
		snprintf(cond, sizeof(cond), "total %.*s", (int)(p[0].len - t.len > 40 ? 40 :
			 p[0].len - t.len), sp);
		/* the value may be a decimal: parse OP with a placeholder, then the value */
		v = strrchr(cond, ' ');
		if (!v || rx_schema_decimal_parse((rx_schema_span){ v + 1, strlen(v + 1) }, 100,
						  -10000000, 10000000, &x->value100) < 0)
			return bad(kv, "expected FACTOR OP VALUE", err);
		memcpy((char *)v + 1, "0", 2);
		rc = rx_schema_cond_parse(&x->cond, (rx_schema_span){ cond, strlen(cond) }, 1,
					  "scale", kv->line, err);
	} else
		rc = rx_schema_cond_parse(&x->cond, p[0], 1, "scale", kv->line, err);
	if (rc < 0)
		return rc;
	if (!rx_schema_span_copy(x->reason, sizeof(x->reason), p[1]))
		return bad(kv, "reason too long", err);
	s->nvoids++;
	return 0;
}

static const struct {
	const char *key;
	int (*fn)(rx_schema_scale *, const rx_schema_kv *, rx_error *);
} ext[] = {
	{ "range", key_range }, { "labels", key_labels }, { "factor", key_factor },
	{ "factor_bands", key_factor_bands }, { "standard", key_standard },
	{ "norm", key_norm }, { "exclude", key_exclude }, { "void", key_void },
};

int rx_scale_key_ext(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if (rx_schema_span_eq(kv->key, ext[i].key) && strlen(ext[i].key) == kv->key.len)
			return ext[i].fn(s, kv, err);
	return 1;
}

void rx_scale_total_range(const rx_schema_scale *s, int *lo, int *hi)
{
	int a, b;

	*lo = *hi = 0;
	for (size_t i = 1; i <= (size_t)s->items; i++) {
		if (rx_schema_items_has(&s->exclude, i))
			continue;
		rx_schema_scale_item_range(s, i, &a, &b);
		*lo += a, *hi += b;
	}
}

static long floor_div(long a, long b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

int rx_scale_standard(const rx_schema_scale *s, int raw, const rx_schema_who *who, int *out)
{
	*out = raw;
	if (s->std_kind == RX_SCALE_STD_LINEAR) {
		*out = (int)floor_div((long)raw * s->std_mul + s->std_add, 10000);
		return 0;
	}
	if (s->std_kind != RX_SCALE_STD_NORM)
		return 0;
	for (size_t i = 0; who && i < s->nnorms; i++) {
		const rx_scale_norm *m = &s->norm[i];
		size_t k = 0;

		if (who->grade < m->grade_lo || who->grade > m->grade_hi ||
		    (m->sex && m->sex != who->sex))
			continue;
		while (k + 1 < m->n && raw >= m->raw[k + 1])
			k++;
		*out = m->std[k];
		return 0;
	}
	return -1;
}

static int ext_fail(const rx_schema_scale *s, const char *why, rx_error *err)
{
	return rx_error_set(err, RX_EINPUT, "scale %s: %s", s->id, why);
}

/* Item sets stay within the scored items (labels: within all items). */
static int check_sets(const rx_schema_scale *s, rx_error *err)
{
	size_t all = (size_t)s->items + s->nsupp;
	int lo, hi;

	for (size_t i = (size_t)s->items + 1; i <= RX_SCHEMA_ITEMS_MAX; i++) {
		if (rx_schema_items_has(&s->ranged, i) || rx_schema_items_has(&s->exclude, i))
			return ext_fail(s, "range/exclude names an item beyond the scored items", err);
		for (size_t f = 0; f < s->nfactors; f++)
			if (rx_schema_items_has(&s->factor[f].items, i))
				return ext_fail(s, "a factor names an item beyond the scored items", err);
		for (size_t l = 0; i > all && l < s->nlabels; l++)
			if (rx_schema_items_has(&s->labels[l].items, i))
				return ext_fail(s, "labels name an item beyond the items", err);
	}
	rx_scale_total_range(s, &lo, &hi);
	if (lo == hi)
		return ext_fail(s, "every scored item is excluded", err);
	if (hi > RX_SCHEMA_TOTAL_MAX)
		return ext_fail(s, "the highest total is above 6400", err);
	for (size_t v = 0; v < s->nvoids; v++)
		if (s->voids[v].cond.item > all)
			return ext_fail(s, "a void rule names an item beyond the items", err);
	return 0;
}

/* Bands start at the lowest banded score (standard ones: at or below it). */
static int check_bands(const rx_schema_scale *s, rx_error *err)
{
	int lo, hi, slo, shi;

	rx_scale_total_range(s, &lo, &hi);
	if (s->std_kind == RX_SCALE_STD_NORM && !s->nnorms)
		return ext_fail(s, "standard = norm without norm lines", err);
	if (s->nnorms && s->std_kind != RX_SCALE_STD_NORM)
		return ext_fail(s, "norm lines need standard = norm", err);
	for (size_t i = 0; i < s->nnorms; i++)
		if (s->norm[i].raw[0] > lo)
			return ext_fail(s, "a norm line must start at or below the lowest total", err);
	if (s->std_kind == RX_SCALE_STD_NONE) {
		if (s->band_at[0] != lo || s->band_at[s->nbands - 1] > hi)
			return ext_fail(s, "bands must start at the lowest total and stay "
					"within the highest", err);
		return 0;
	}
	if (s->std_kind == RX_SCALE_STD_LINEAR) {
		rx_scale_standard(s, lo, NULL, &slo);
		rx_scale_standard(s, hi, NULL, &shi);
		if (slo < 0 || shi > 100000 || s->band_at[0] > slo || s->band_at[s->nbands - 1] > shi)
			return ext_fail(s, "bands must start at or below the lowest standard score "
					"and stay within the highest", err);
		return 0;
	}
	for (size_t i = 0; i < s->nnorms; i++)
		if (s->band_at[0] > s->norm[i].std[0])
			return ext_fail(s, "bands must start at or below the lowest standard score",
					err);
	return 0;
}

int rx_scale_check_ext(const rx_schema_scale *s, rx_error *err)
{
	int rc;

	if ((rc = check_sets(s, err)) < 0 || (rc = check_bands(s, err)) < 0)
		return rc;
	for (size_t f = 0; f < s->nfactors; f++) {
		const rx_scale_factor *x = &s->factor[f];
		long flo = 0;
		int a, b;

		for (size_t i = 1; i <= (size_t)s->items; i++)
			if (rx_schema_items_has(&x->items, i))
				rx_schema_scale_item_range(s, i, &a, &b), flo += a;
		flo = x->mean ? flo * 100 / (long)x->nitems : flo * 100;
		if (x->nbands && x->band_at[0] > flo)
			return ext_fail(s, "factor bands must start at or below the factor's "
					"lowest score", err);
	}
	return 0;
}
