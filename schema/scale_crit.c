/* Critical-item rules of a scale: one condition, conditions joined by "and", or "K of LIST OP V". */
#include <stdio.h>
#include <string.h>

#include "schema/scaleInt.h"

static const char *const ops[] = { ">=", ">", "<=", "<", "==" };

/* Find " and " (ASCII, lower case) in v; NULL if none. */
static const char *find_and(rx_schema_span v)
{
	for (size_t i = 0; i + 5 <= v.len; i++)
		if (!memcmp(v.p + i, " and ", 5))
			return v.p + i;
	return NULL;
}

/* "2 of 8, 16, 26 >= 1": the list runs up to the operator. */
static int parse_k_of(rx_scale_crit *c, rx_schema_span v, const char *of,
		      const rx_schema_kv *kv, rx_error *err)
{
	rx_schema_span k = rx_schema_span_trim((rx_schema_span){ v.p, (size_t)(of - v.p) });
	rx_schema_span rest = { of + 4, (size_t)(v.p + v.len - of - 4) };
	size_t n, at = 0;
	char cond[48];

	while (at < rest.len && !strchr("<>=", rest.p[at]))
		at++;
	if (at == rest.len || rest.len - at > 30 ||
	    rx_schema_items_parse(&c->items, &n, (rx_schema_span){ rest.p, at },
				  RX_SCHEMA_ITEMS_MAX, kv, err) < 0)
		return rx_error_set(err, RX_EINPUT, "scale line %zu: critical: expected "
				    "K of N, N, ... OP VALUE (\"2 of 8, 16, 26 >= 1\")", kv->line);
	if (rx_schema_span_int(k, 1, (int)n, &c->k) < 0)
		return rx_error_set(err, RX_EINPUT, "scale line %zu: critical: K must be 1..%zu "
				    "(the items listed)", kv->line, n);
	snprintf(cond, sizeof(cond), "q1 %.*s", (int)(rest.len - at), rest.p + at);
	return rx_schema_cond_parse(&c->each, (rx_schema_span){ cond, strlen(cond) }, 0,
				    "scale", kv->line, err);
}

int rx_scale_crit_parse(rx_scale_crit *c, const rx_schema_kv *kv, rx_error *err)
{
	rx_schema_span v = kv->val;
	const char *of = NULL, *and;
	int rc;

	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i + 4 <= v.len && !of; i++)
		if (!memcmp(v.p + i, " of ", 4))
			of = v.p + i;
	if (of)
		return parse_k_of(c, v, of, kv, err);
	while ((and = find_and(v)) || v.len) {
		size_t len = and ? (size_t)(and - v.p) : v.len;

		if (c->nand == RX_SCALE_AND_MAX)
			return rx_error_set(err, RX_EINPUT, "scale line %zu: critical: at most "
					    "%d conditions joined by and", kv->line, RX_SCALE_AND_MAX);
		if ((rc = rx_schema_cond_parse(&c->c[c->nand++], (rx_schema_span){ v.p, len },
					       0, "scale", kv->line, err)) < 0)
			return rc;
		if (!and)
			break;
		v = (rx_schema_span){ and + 5, (size_t)(v.p + v.len - and - 5) };
		if (!rx_schema_span_trim(v).len)
			return rx_error_set(err, RX_EINPUT, "scale line %zu: critical: nothing "
					    "after and", kv->line);
	}
	return 0;
}

int rx_scale_crit_eval(const rx_scale_crit *c, const rx_schema_score *sc)
{
	int hits = 0;

	if (!c->k) {
		for (size_t i = 0; i < c->nand; i++)
			if (!rx_schema_cond_eval(&c->c[i], sc))
				return 0;
		return c->nand > 0;
	}
	for (size_t i = 1; i <= RX_SCHEMA_ITEMS_MAX; i++) {
		rx_schema_cond one = c->each;

		if (!rx_schema_items_has(&c->items, i))
			continue;
		one.item = i;
		hits += rx_schema_cond_eval(&one, sc);
	}
	return hits >= c->k;
}

size_t rx_scale_crit_max_item(const rx_scale_crit *c)
{
	size_t m = 0;

	for (size_t i = 0; i < c->nand; i++)
		m = c->c[i].item > m ? c->c[i].item : m;
	for (size_t i = 1; c->k && i <= RX_SCHEMA_ITEMS_MAX; i++)
		if (rx_schema_items_has(&c->items, i))
			m = i;
	return m;
}

void rx_scale_crit_describe(const rx_scale_crit *c, char *buf, size_t cap)
{
	size_t n = 0;

	if (!cap)
		return;
	buf[0] = '\0';
	if (c->k)
		n += (size_t)snprintf(buf, cap, "%d of ", c->k);
	for (size_t i = 1; c->k && i <= RX_SCHEMA_ITEMS_MAX && n < cap; i++)
		if (rx_schema_items_has(&c->items, i))
			n += (size_t)snprintf(buf + n, cap - n, "%sq%zu",
					      n > 5 && buf[n - 1] != ' ' ? ", " : "", i);
	if (c->k && n < cap)
		snprintf(buf + n, cap - n, " %s %d", ops[c->each.op], c->each.value);
	for (size_t i = 0; i < c->nand && n < cap; i++) {
		if (i)
			n += (size_t)snprintf(buf + n, cap - n, " and ");
		if (n < cap) {
			rx_schema_cond_describe(&c->c[i], buf + n, cap - n);
			n += strlen(buf + n);
		}
	}
}
