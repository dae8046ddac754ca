/* Items of a scale: lists ("1, 4, 8-12"), each item's answer range, and decimals ("1.25"). */
#include <stdio.h>
#include <string.h>

#include "schema/scaleInt.h"

static int list_bad(const rx_schema_kv *kv, const char *why, rx_error *err)
{
	return rx_error_set(err, RX_EINPUT, "scale line %zu: %.*s: %s", kv->line,
			    (int)kv->key.len, kv->key.p, why);
}

/* One "N" or "A-B" into lo..hi. */
static int one_range(rx_schema_span one, int max, int *lo, int *hi)
{
	const char *dash = one.len ? memchr(one.p + 1, '-', one.len - 1) : NULL;

	if (!dash)
		return rx_schema_span_int(one, 1, max, lo) < 0 ? -1 : (*hi = *lo, 0);
	if (rx_schema_span_int(rx_schema_span_trim((rx_schema_span){ one.p,
			(size_t)(dash - one.p) }), 1, max, lo) < 0 ||
	    rx_schema_span_int(rx_schema_span_trim((rx_schema_span){ dash + 1,
			(size_t)(one.p + one.len - dash - 1) }), 1, max, hi) < 0 ||
	    *hi <= *lo)
		return -1;
	return 0;
}

int rx_schema_items_parse(rx_schema_items *out, size_t *n, rx_schema_span v, int max,
			  const rx_schema_kv *kv, rx_error *err)
{
	rx_schema_span rest = rx_schema_span_trim(v);
	char why[64];
	int lo, hi;

	memset(out, 0, sizeof(*out));
	*n = 0;
	while (rest.len) {
		const char *comma = memchr(rest.p, ',', rest.len);
		size_t len = comma ? (size_t)(comma - rest.p) : rest.len;
		rx_schema_span one = rx_schema_span_trim((rx_schema_span){ rest.p, len });

		if (one_range(one, max, &lo, &hi) < 0) {
			snprintf(why, sizeof(why), "expected item numbers 1..%d (N or A-B), "
				 "comma-separated", max);
			return list_bad(kv, why, err);
		}
		for (int i = lo; i <= hi; i++, (*n)++) {
			if (rx_schema_items_has(out, (size_t)i))
				return list_bad(kv, "item given twice", err);
			out->w[(i - 1) / 64] |= 1ull << ((i - 1) % 64);
		}
		rest.p += len + (comma != NULL);
		rest.len -= len + (comma != NULL);
		if (comma && !rest.len)
			return list_bad(kv, "trailing comma", err);
	}
	return *n ? 0 : list_bad(kv, "empty item list", err);
}

int rx_schema_decimal_parse(rx_schema_span v, int scale, long lo, long hi, long *out)
{
	const char *dot = v.len ? memchr(v.p, '.', v.len) : NULL;
	size_t whole = dot ? (size_t)(dot - v.p) : v.len, frac = dot ? v.len - whole - 1 : 0;
	int places = scale == 100 ? 2 : 4, w, neg = v.len && v.p[0] == '-';
	long f = 0, mul = scale;

	if (!whole || (dot && !frac) || frac > (size_t)places ||
	    rx_schema_span_int((rx_schema_span){ v.p, whole }, -100000, 100000, &w) < 0)
		return -1;
	for (size_t i = 0; i < frac; i++) {
		char c = dot[1 + i];
		if (c < '0' || c > '9')
			return -1;
		mul /= 10;
		f += (c - '0') * mul;
	}
	*out = (long)w * scale + (neg || (w == 0 && v.p[0] == '-') ? -f : f);
	return *out < lo || *out > hi ? -1 : 0;
}

void rx_schema_scale_item_range(const rx_schema_scale *s, size_t i, int *lo, int *hi)
{
	int supp = i > (size_t)s->items && i <= (size_t)s->items + s->nsupp;

	*lo = supp ? s->supp_min[i - (size_t)s->items - 1] : s->min;
	*hi = supp ? s->supp_max[i - (size_t)s->items - 1] : s->max;
	if (!supp && rx_schema_items_has(&s->ranged, i))
		*lo = s->lo[i - 1], *hi = s->hi[i - 1];
}
