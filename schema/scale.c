/* Scale files: a strict key = value parser (the keys of simple scales) and accessors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema/scaleInt.h"

#define LABEL_MAX RX_SCALE_LABEL_MAX
#define LABEL_ZH_MAX RX_SCALE_LABEL_ZH_MAX
#define ITEM_TEXT_MAX 512

typedef int (*key_fn)(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err);

#define WHAT "scale"

static int bad(const rx_schema_kv *kv, const char *why, rx_error *err)
{
	return rx_error_set(err, RX_EINPUT, WHAT " line %zu: %.*s: %s", kv->line,
			    (int)kv->key.len, kv->key.p, why);
}

static int key_id(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	for (size_t i = 0; i < kv->val.len; i++) {
		char c = kv->val.p[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-'))
			return bad(kv, "use a-z, 0-9, '_' or '-'", err);
	}
	if (!rx_schema_span_copy(s->id, sizeof(s->id), kv->val))
		return bad(kv, "too long", err);
	return 0;
}

static int key_name(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	if (!rx_schema_span_copy(s->name, sizeof(s->name), kv->val))
		return bad(kv, "too long", err);
	return 0;
}

static int key_name_en(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	if (!rx_schema_span_copy(s->name_en, sizeof(s->name_en), kv->val))
		return bad(kv, "too long", err);
	return 0;
}

static int key_items(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	if (rx_schema_span_int(kv->val, 1, RX_SCHEMA_ITEMS_MAX, &s->items) < 0)
		return bad(kv, "expected 1..128", err);
	return 0;
}

static int key_min(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	if (rx_schema_span_int(kv->val, 0, 100, &s->min) < 0)
		return bad(kv, "expected 0..100", err);
	return 0;
}

static int key_max(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	if (rx_schema_span_int(kv->val, 0, 100, &s->max) < 0)
		return bad(kv, "expected 0..100", err);
	return 0;
}

static int key_scoring(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	(void)s;
	return rx_schema_span_eq(kv->val, "sum") ? 0 :
		bad(kv, "only 'sum' (a mean is a factor: docs/scales.md)", err);
}

/* "0:minimal, 5:mild" -> thresholds and labels; labels copied to lab[i]. */
static int parse_bands(const rx_schema_kv *kv, int *at, char *lab, size_t labcap,
		       size_t *n, rx_error *err)
{
	rx_schema_span rest = kv->val;

	for (*n = 0; rest.len; (*n)++) {
		const char *comma = memchr(rest.p, ',', rest.len);
		size_t len = comma ? (size_t)(comma - rest.p) : rest.len;
		rx_schema_span one = rx_schema_span_trim((rx_schema_span){ rest.p, len });
		const char *colon = memchr(one.p, ':', one.len);
		rx_schema_span num, label;

		if (*n == RX_SCHEMA_BANDS_MAX)
			return bad(kv, "too many bands", err);
		if (!colon)
			return bad(kv, "expected threshold:label", err);
		num = rx_schema_span_trim((rx_schema_span){ one.p, (size_t)(colon - one.p) });
		label = rx_schema_span_trim((rx_schema_span){ colon + 1,
					(size_t)(one.p + one.len - colon - 1) });
		if (rx_schema_span_int(num, 0, 10000, &at[*n]) < 0)
			return bad(kv, "bad threshold", err);
		if (*n && at[*n] <= at[*n - 1])
			return bad(kv, "thresholds must increase", err);
		if (!label.len || !rx_schema_span_copy(lab + *n * labcap, labcap, label))
			return bad(kv, "empty or long label", err);
		rest.p += len + (comma != NULL);
		rest.len -= len + (comma != NULL);
		if (comma && !rest.len)
			return bad(kv, "trailing comma", err);
	}
	return 0;
}

static int key_bands(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	return parse_bands(kv, s->band_at, s->band[0], LABEL_MAX + 1, &s->nbands, err);
}

static int key_bands_zh(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	return parse_bands(kv, s->band_zh_at, s->band_zh[0], LABEL_ZH_MAX + 1,
			   &s->nbands_zh, err);
}

static int key_critical(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	if (s->ncrit == RX_SCHEMA_CRITICAL_MAX)
		return bad(kv, "too many critical rules", err);
	return rx_scale_crit_parse(&s->crit[s->ncrit++], kv, err);
}

static int key_short(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	if (!rx_schema_span_copy(s->abbr, sizeof(s->abbr), kv->val))
		return bad(kv, "too long", err);
	return 0;
}

/* "q10 0..1": a supplementary item and its answer range. */
static int key_supplementary(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	rx_schema_span v = kv->val;
	const char *sp = memchr(v.p, ' ', v.len), *dots;
	size_t n = s->nsupp;

	if (n == RX_SCHEMA_SUPP_MAX)
		return bad(kv, "too many supplementary items", err);
	if (!sp || v.len < 2 || v.p[0] != 'q' || v.p[1] == '0' ||
	    rx_schema_span_int((rx_schema_span){ v.p + 1, (size_t)(sp - v.p - 1) },
			       1, RX_SCHEMA_ITEMS_MAX, &s->supp_item[n]) < 0)
		return bad(kv, "expected qN MIN..MAX", err);
	v = rx_schema_span_trim((rx_schema_span){ sp, (size_t)(v.p + v.len - sp) });
	dots = v.len ? memchr(v.p, '.', v.len) : NULL;
	if (!dots || dots + 1 >= v.p + v.len || dots[1] != '.' ||
	    rx_schema_span_int((rx_schema_span){ v.p, (size_t)(dots - v.p) }, 0, 100,
			       &s->supp_min[n]) < 0 ||
	    rx_schema_span_int((rx_schema_span){ dots + 2, (size_t)(v.p + v.len - dots - 2) },
			       0, 100, &s->supp_max[n]) < 0 ||
	    s->supp_min[n] >= s->supp_max[n])
		return bad(kv, "expected qN MIN..MAX (0..100, MIN < MAX)", err);
	s->nsupp++;
	return 0;
}

static int range_key(int *out, int lo, int hi, const rx_schema_kv *kv, rx_error *err)
{
	char why[32];

	if (rx_schema_span_int(kv->val, lo, hi, out) == 0)
		return 0;
	snprintf(why, sizeof(why), "expected %d..%d", lo, hi);
	return bad(kv, why, err);
}

static int key_grade_min(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	return range_key(&s->grade_min, 1, 12, kv, err);
}

static int key_grade_max(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	return range_key(&s->grade_max, 1, 12, kv, err);
}

static int key_age_min(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	return range_key(&s->age_min, 1, 120, kv, err);
}

static int key_age_max(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	return range_key(&s->age_max, 1, 120, kv, err);
}

/* "4, 8, 12, 16": scored items counted in reverse; checked against items at the end. */
static int key_reverse(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	size_t n;

	return rx_schema_items_parse(&s->reverse, &n, kv->val, RX_SCHEMA_ITEMS_MAX, kv, err);
}

static const struct {
	const char *key;
	key_fn fn;
	int repeat;
} keys[] = {
	{ "id", key_id, 0 }, { "name", key_name, 0 }, { "name_en", key_name_en, 0 },
	{ "items", key_items, 0 }, { "min", key_min, 0 }, { "max", key_max, 0 },
	{ "scoring", key_scoring, 0 }, { "bands", key_bands, 0 },
	{ "bands_zh", key_bands_zh, 0 }, { "critical", key_critical, 1 },
	{ "short", key_short, 0 }, { "supplementary", key_supplementary, 1 },
	{ "grade_min", key_grade_min, 0 }, { "grade_max", key_grade_max, 0 },
	{ "age_min", key_age_min, 0 }, { "age_max", key_age_max, 0 },
	{ "reverse", key_reverse, 0 },
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))
#define REQUIRED 0xBFu /* id name name_en items min max bands */

/* "q3 = text": an item's wording. */
static int key_item(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	int i;

	if (kv->key.p[1] == '0' ||
	    rx_schema_span_int((rx_schema_span){ kv->key.p + 1, kv->key.len - 1 },
			       1, RX_SCHEMA_ITEMS_MAX, &i) < 0)
		return bad(kv, "unknown key", err);
	if (s->item_text[i - 1])
		return bad(kv, "given twice", err);
	if (kv->val.len > ITEM_TEXT_MAX)
		return bad(kv, "too long", err);
	if (!(s->item_text[i - 1] = malloc(kv->val.len + 1)))
		return rx_error_nomem(err);
	rx_schema_span_copy(s->item_text[i - 1], kv->val.len + 1, kv->val);
	return 0;
}

static int scale_key(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err)
{
	int rc;

	for (size_t i = 0; i < NKEYS; i++) {
		if (!rx_schema_span_eq(kv->key, keys[i].key))
			continue;
		if ((s->seen & (1ull << i)) && !keys[i].repeat)
			return bad(kv, "given twice", err);
		s->seen |= 1ull << i;
		return keys[i].fn(s, kv, err);
	}
	if ((rc = rx_scale_key_ext(s, kv, err)) <= 0)
		return rc;
	if (kv->key.len >= 2 && kv->key.p[0] == 'q')
		return key_item(s, kv, err);
	return bad(kv, "unknown key", err);
}

/* Supplementary items follow the scored ones in order; ranges are sane. */
static int supp_check(const rx_schema_scale *s, rx_error *err)
{
	for (size_t i = 0; i < s->nsupp; i++)
		if (s->supp_item[i] != s->items + (int)i + 1)
			return rx_error_set(err, RX_EINPUT,
					    WHAT " %s: supplementary item q%d: expected q%d "
					    "(numbered after the %d scored items, in order)",
					    s->id, s->supp_item[i], s->items + (int)i + 1,
					    s->items);
	for (size_t i = (size_t)s->items + 1; i <= RX_SCHEMA_ITEMS_MAX; i++)
		if (rx_schema_items_has(&s->reverse, i))
			return rx_error_set(err, RX_EINPUT, WHAT " %s: reverse: an item above %d",
					    s->id, s->items);
	if (s->items + s->nsupp > RX_SCHEMA_ITEMS_MAX)
		return rx_error_set(err, RX_EINPUT, WHAT " %s: more than %d items in all",
				    s->id, RX_SCHEMA_ITEMS_MAX);
	if ((s->grade_min && s->grade_max && s->grade_min > s->grade_max) ||
	    (s->age_min && s->age_max && s->age_min > s->age_max))
		return rx_error_set(err, RX_EINPUT,
				    WHAT " %s: grade_min/age_min above grade_max/age_max", s->id);
	return 0;
}

static int scale_check(const rx_schema_scale *s, rx_error *err)
{
	size_t all = (size_t)s->items + s->nsupp;
	int rc;

	for (size_t i = 0; i < NKEYS; i++)
		if (((REQUIRED >> i) & 1) && !(s->seen & (1ull << i)))
			return rx_error_set(err, RX_EINPUT, WHAT ": missing key %s",
					    keys[i].key);
	if (s->min >= s->max)
		return rx_error_set(err, RX_EINPUT, WHAT " %s: min must be below max", s->id);
	if ((rc = rx_scale_check_ext(s, err)) < 0)
		return rc;
	if (s->nbands_zh && (s->nbands_zh != s->nbands ||
	    memcmp(s->band_at, s->band_zh_at, s->nbands * sizeof(int))))
		return rx_error_set(err, RX_EINPUT,
				    WHAT " %s: bands_zh thresholds differ from bands", s->id);
	if ((rc = supp_check(s, err)) < 0)
		return rc;
	for (size_t i = 0; i < s->ncrit; i++)
		if (rx_scale_crit_max_item(&s->crit[i]) > all)
			return rx_error_set(err, RX_EINPUT,
					    WHAT " %s: critical rule names item q%zu beyond %zu",
					    s->id, rx_scale_crit_max_item(&s->crit[i]), all);
	for (size_t i = all; i < RX_SCHEMA_ITEMS_MAX; i++)
		if (s->item_text[i])
			return rx_error_set(err, RX_EINPUT,
					    WHAT " %s: text for q%zu beyond %zu items",
					    s->id, i + 1, all);
	return 0;
}

int rx_schema_scale_parse(rx_schema_scale **out, const char *text, size_t len,
			  rx_error *err)
{
	rx_schema_scale *s = NULL;
	rx_schema_kv_iter it;
	rx_schema_kv kv;
	int rc;

	*out = NULL;
	if ((rc = rx_schema_kv_begin(&it, text, len, WHAT, err)) < 0)
		return rc;
	if (!(s = calloc(1, sizeof(*s))))
		return rx_error_nomem(err);
	while ((rc = rx_schema_kv_next(&it, &kv, WHAT, err)) > 0)
		if ((rc = scale_key(s, &kv, err)) < 0)
			goto out;
	if (rc < 0 || (rc = scale_check(s, err)) < 0)
		goto out;
	*out = s;
	s = NULL;
out:
	rx_schema_scale_free(s);
	return rc;
}

void rx_schema_scale_free(rx_schema_scale *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < RX_SCHEMA_ITEMS_MAX; i++)
		free(s->item_text[i]);
	free(s);
}

const char *rx_schema_scale_id(const rx_schema_scale *s) { return s->id; }
const char *rx_schema_scale_name(const rx_schema_scale *s) { return s->name; }
const char *rx_schema_scale_name_en(const rx_schema_scale *s) { return s->name_en; }
size_t rx_schema_scale_items(const rx_schema_scale *s) { return (size_t)s->items; }
int rx_schema_scale_min(const rx_schema_scale *s) { return s->min; }
int rx_schema_scale_max(const rx_schema_scale *s) { return s->max; }
size_t rx_schema_scale_critical_count(const rx_schema_scale *s) { return s->ncrit; }

const char *rx_schema_scale_item_text(const rx_schema_scale *s, size_t i)
{
	return (i >= 1 && i <= (size_t)s->items + s->nsupp) ? s->item_text[i - 1] : NULL;
}

const char *rx_schema_scale_short(const rx_schema_scale *s)
{
	return s->abbr[0] ? s->abbr : s->id;
}

size_t rx_schema_scale_items_all(const rx_schema_scale *s)
{
	return (size_t)s->items + s->nsupp;
}

const char *rx_schema_scale_band_zh(const rx_schema_scale *s, size_t band)
{
	if (band >= s->nbands)
		return NULL;
	return s->nbands_zh ? s->band_zh[band] : s->band[band];
}

size_t rx_schema_scale_critical_item(const rx_schema_scale *s, size_t i)
{
	return i < s->ncrit && s->crit[i].nand == 1 ? s->crit[i].c[0].item : 0;
}

/* A bound of 0 is open; a range is given when either bound is. */
static int within(int v, int lo, int hi)
{
	return (!lo || v >= lo) && (!hi || v <= hi);
}

int rx_schema_scale_fits(const rx_schema_scale *s, int grade, int age)
{
	int by_grade = s->grade_min || s->grade_max, by_age = s->age_min || s->age_max;

	if (!by_grade && !by_age)
		return 1;
	return (by_grade && grade > 0 && within(grade, s->grade_min, s->grade_max)) ||
	       (by_age && age >= 0 && within(age, s->age_min, s->age_max));
}

/* One bound pair as "7–12 年级", "12 岁及以上", "11–17 岁". */
static size_t describe_range(char *buf, size_t cap, int lo, int hi, const char *unit)
{
	int n;

	if (lo && hi)
		n = snprintf(buf, cap, "%d–%d %s", lo, hi, unit);
	else if (lo)
		n = snprintf(buf, cap, "%d %s及以上", lo, unit);
	else
		n = snprintf(buf, cap, "%d %s及以下", hi, unit);
	return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap ? cap - 1 : 0;
}

void rx_schema_scale_fit_describe(const rx_schema_scale *s, char *buf, size_t cap)
{
	size_t n = 0;

	if (!cap)
		return;
	buf[0] = '\0';
	if (s->grade_min || s->grade_max)
		n = describe_range(buf, cap, s->grade_min, s->grade_max, "年级");
	if ((s->age_min || s->age_max) && n + 4 < cap) {
		if (n)
			n += (size_t)snprintf(buf + n, cap - n, "或 ");
		describe_range(buf + n, cap - n, s->age_min, s->age_max, "岁");
	}
	if (!buf[0])
		snprintf(buf, cap, "不限");
}

void rx_schema_scale_critical_describe(const rx_schema_scale *s, size_t i,
				       char *buf, size_t cap)
{
	if (i < s->ncrit)
		rx_scale_crit_describe(&s->crit[i], buf, cap);
	else if (cap)
		buf[0] = '\0';
}
