/* Key groups as data: the groups file, look-up by word and by bit. */
#include <stdio.h>
#include <string.h>

#include "schema/builtin.h"
#include "schema/groups.h"
#include "schema/textInt.h"

#define WHAT "groups"

/* A name may not hold what separates groups in a CSV cell (; , | 、 ； ，). */
static int has_separator(rx_schema_span s)
{
	static const char *const seps[] = { ";", ",", "|", "、", "；", "，" };

	for (size_t i = 0; i < s.len; i++)
		for (size_t k = 0; k < sizeof(seps) / sizeof(seps[0]); k++) {
			size_t n = strlen(seps[k]);
			if (s.len - i >= n && !memcmp(s.p + i, seps[k], n))
				return 1;
		}
	return 0;
}

static int code_ok(rx_schema_span s)
{
	for (size_t i = 0; i < s.len; i++) {
		char c = s.p[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return 0;
	}
	return s.len > 0;
}

/* Next part of v up to `sep` (trimmed); v moves past it. */
static rx_schema_span cut(rx_schema_span *v, const char *sep)
{
	size_t n = strlen(sep), i = 0;
	rx_schema_span part;

	while (i < v->len && (v->len - i < n || memcmp(v->p + i, sep, n)))
		i++;
	part = rx_schema_span_trim((rx_schema_span){ v->p, i });
	i = i < v->len ? i + n : i;
	v->p += i, v->len -= i;
	return part;
}

static int word_taken(const rx_schema_groups *gs, rx_schema_span w)
{
	return rx_schema_group_find(gs, w.p, w.len) >= 0;
}

/* Store one name (code, zh, en or alias) after the checks every name gets. */
static int name(char *dst, const rx_schema_groups *gs, rx_schema_span w, size_t line,
	rx_error *err)
{
	if (!w.len || has_separator(w) || !rx_schema_span_copy(dst, RX_SCHEMA_GROUP_NAME, w))
		return rx_error_set(err, RX_EINPUT,
			WHAT " line %zu: empty or too long name, or one holding ; , | 、", line);
	if (word_taken(gs, w))
		return rx_error_set(err, RX_EINPUT, WHAT " line %zu: name '%s' given twice",
			line, dst);
	return 0;
}

static int aliases(rx_schema_group *g, const rx_schema_groups *gs, rx_schema_span v,
	size_t line, rx_error *err)
{
	int rc;

	while (v.len) {
		rx_schema_span w = cut(&v, "、");

		if (g->nalias == RX_SCHEMA_GROUP_ALIASES)
			return rx_error_set(err, RX_EINPUT, WHAT " line %zu: more than %d aliases",
				line, RX_SCHEMA_GROUP_ALIASES);
		if ((rc = name(g->alias[g->nalias], gs, w, line, err)) < 0)
			return rc;
		g->nalias++;
	}
	return 0;
}

static int group_line(rx_schema_groups *gs, int bit, rx_schema_span v, size_t line,
	rx_error *err)
{
	rx_schema_group *g = &gs->g[gs->n];
	rx_schema_span code = cut(&v, "|"), zh = cut(&v, "|"), en = cut(&v, "|");
	int rc;

	memset(g, 0, sizeof(*g));
	g->bit = bit;
	if (gs->bits & (1u << bit))
		return rx_error_set(err, RX_EINPUT, WHAT " line %zu: bit %d given twice", line, bit);
	if (!code_ok(code))
		return rx_error_set(err, RX_EINPUT,
			WHAT " line %zu: expected BIT = code | 中文名 | English name | aliases "
			"(code of a-z 0-9 -)", line);
	if ((rc = name(g->code, gs, code, line, err)) < 0 ||
	    (rc = name(g->zh, gs, zh, line, err)) < 0 ||
	    (rc = name(g->en, gs, en, line, err)) < 0 ||
	    (rc = aliases(g, gs, v, line, err)) < 0)
		return rc;
	gs->bits |= 1u << bit;
	gs->n++;
	return 0;
}

static int groups_line(rx_schema_groups *gs, const rx_schema_kv *kv, rx_error *err)
{
	int bit;

	if (rx_schema_span_eq(kv->key, "mentor_days"))
		return rx_schema_span_int(kv->val, 0, 366, &gs->mentor_days) < 0 ?
			rx_error_set(err, RX_EINPUT, WHAT " line %zu: mentor_days: expected 0..366",
				kv->line) : 0;
	if (!kv->key.len || kv->key.p[0] < '0' || kv->key.p[0] > '9' ||
	    rx_schema_span_int(kv->key, 0, RX_SCHEMA_GROUPS_MAX - 1, &bit) < 0)
		return rx_error_set(err, RX_EINPUT,
			WHAT " line %zu: key must be a bit 0..31 or mentor_days", kv->line);
	return group_line(gs, bit, kv->val, kv->line, err);
}

int rx_schema_groups_parse(rx_schema_groups *out, const char *text, size_t len,
	rx_error *err)
{
	rx_schema_kv_iter it;
	rx_schema_kv kv;
	int rc;

	memset(out, 0, sizeof(*out));
	out->mentor_days = 30;
	if ((rc = rx_schema_kv_begin(&it, text, len, WHAT, err)) < 0)
		return rc;
	while ((rc = rx_schema_kv_next(&it, &kv, WHAT, err)) == 1)
		if ((rc = groups_line(out, &kv, err)) < 0)
			return rc;
	if (rc == 0 && out->n == 0)
		rc = rx_error_set(err, RX_EINPUT, WHAT ": no groups");
	return rc;
}

/*
 * The program is single-threaded; the cache holds a parse of constant
 * embedded bytes, so it is as constant as they are once filled.
 */
const rx_schema_groups *rx_schema_groups_default(void)
{
	static rx_schema_groups gs;
	static int state; /* 0 not yet, 1 parsed, -1 broken */

	if (!state) {
		const rx_schema_builtin *b = rx_schema_builtin_find("groups", "default");
		rx_error e = { 0 };

		state = b && rx_schema_groups_parse(&gs, (const char *)b->data, b->len,
			&e) == 0 ? 1 : -1;
	}
	return state == 1 ? &gs : NULL;
}

const rx_schema_group *rx_schema_group_by_bit(const rx_schema_groups *gs, unsigned bit)
{
	for (size_t i = 0; gs && i < gs->n; i++)
		if ((unsigned)gs->g[i].bit == bit)
			return &gs->g[i];
	return NULL;
}

int rx_schema_group_find(const rx_schema_groups *gs, const char *w, size_t len)
{
	rx_schema_span s = { w, len };

	for (size_t i = 0; gs && i < gs->n; i++) {
		const rx_schema_group *g = &gs->g[i];
		int hit = rx_schema_span_eq(s, g->code) || rx_schema_span_eq(s, g->zh) ||
			rx_schema_span_eq(s, g->en);

		for (size_t k = 0; !hit && k < g->nalias; k++)
			hit = rx_schema_span_eq(s, g->alias[k]);
		if (hit)
			return g->bit;
	}
	return -1;
}

void rx_schema_groups_names(const rx_schema_groups *gs, uint32_t v, char *out, size_t cap)
{
	size_t n = 0;

	out[0] = 0;
	for (size_t i = 0; gs && i < gs->n && n < cap; i++)
		if (v & (1u << gs->g[i].bit)) {
			int k = snprintf(out + n, cap - n, "%s%s", n ? "、" : "", gs->g[i].zh);
			n += k > 0 ? (size_t)k : 0;
		}
	if (n >= cap && cap)
		out[cap - 1] = 0;
}
