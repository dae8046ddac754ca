/* Rules files, per-administration warning levels and their combination. */
#include <stdlib.h>
#include <string.h>

#include "schema/rules.h"
#include "schema/scaleInt.h"

typedef struct rule {
	char scale[RX_SCHEMA_ID_MAX + 1];
	rx_schema_level level;
	rx_schema_cond cond;
} rule;

struct rx_schema_rules {
	char name[RX_SCHEMA_ID_MAX + 1];
	size_t n;
	rule r[RX_SCHEMA_RULES_MAX];
};

#define WHAT "rules"

static const char *const names[] = { "none", "yellow", "orange", "red" };
static const char *const names_zh[] = { "无", "黄", "橙", "红" };

const char *rx_schema_level_name(rx_schema_level l)
{
	return (l >= 0 && l <= RX_SCHEMA_LEVEL_RED) ? names[l] : "?";
}

const char *rx_schema_level_name_zh(rx_schema_level l)
{
	return (l >= 0 && l <= RX_SCHEMA_LEVEL_RED) ? names_zh[l] : "?";
}

static int level_from_span(rx_schema_level *out, rx_schema_span s)
{
	for (int i = 0; i <= RX_SCHEMA_LEVEL_RED; i++)
		if (rx_schema_span_eq(s, names[i]) ||
		    (s.len == strlen(names_zh[i]) && !memcmp(s.p, names_zh[i], s.len))) {
			*out = (rx_schema_level)i;
			return 0;
		}
	return -1;
}

int rx_schema_level_parse(rx_schema_level *out, const char *s, rx_error *err)
{
	rx_schema_span sp = rx_schema_span_trim((rx_schema_span){ s, strlen(s) });

	char ex[48];

	if (level_from_span(out, sp) < 0) {
		rx_schema_span_excerpt(ex, sizeof(ex), sp);
		return rx_error_set(err, RX_EINPUT, "无法识别的等级 '%s': 应为 无、黄、橙、红 "
			"(unknown level; none/yellow/orange/red)", ex);
	}
	return 0;
}

/* "phq9 q9 >= 1": scale id, then the condition. */
static int rule_parse(rule *r, const rx_schema_kv *kv, rx_error *err)
{
	rx_schema_span v = kv->val;
	size_t i = 0;

	while (i < v.len && v.p[i] != ' ' && v.p[i] != '\t')
		i++;
	for (size_t k = 0; k < i; k++) {
		char c = v.p[k];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-'))
			return rx_error_set(err, RX_EINPUT,
					    WHAT " line %zu: bad scale id", kv->line);
	}
	if (!rx_schema_span_copy(r->scale, sizeof(r->scale), (rx_schema_span){ v.p, i }))
		return rx_error_set(err, RX_EINPUT, WHAT " line %zu: scale id too long",
				    kv->line);
	return rx_schema_cond_parse(&r->cond, (rx_schema_span){ v.p + i, v.len - i },
				    1, WHAT, kv->line, err);
}

static int rules_line(rx_schema_rules *rs, const rx_schema_kv *kv, rx_error *err)
{
	rx_schema_level l;

	if (rx_schema_span_eq(kv->key, "name")) {
		if (rs->name[0] || !rx_schema_span_copy(rs->name, sizeof(rs->name), kv->val))
			return rx_error_set(err, RX_EINPUT,
					    WHAT " line %zu: name given twice or too long",
					    kv->line);
		return 0;
	}
	if (level_from_span(&l, kv->key) < 0 || l == RX_SCHEMA_LEVEL_NONE)
		return rx_error_set(err, RX_EINPUT,
				    WHAT " line %zu: key must be red, orange, yellow or name",
				    kv->line);
	if (rs->n == RX_SCHEMA_RULES_MAX)
		return rx_error_set(err, RX_EINPUT, WHAT " line %zu: more than %d rules",
				    kv->line, RX_SCHEMA_RULES_MAX);
	rs->r[rs->n].level = l;
	return rule_parse(&rs->r[rs->n++], kv, err);
}

int rx_schema_rules_parse(rx_schema_rules **out, const char *text, size_t len,
			  rx_error *err)
{
	rx_schema_rules *rs = NULL;
	rx_schema_kv_iter it;
	rx_schema_kv kv;
	int rc;

	*out = NULL;
	if ((rc = rx_schema_kv_begin(&it, text, len, WHAT, err)) < 0)
		return rc;
	if (!(rs = calloc(1, sizeof(*rs))))
		return rx_error_nomem(err);
	while ((rc = rx_schema_kv_next(&it, &kv, WHAT, err)) > 0)
		if ((rc = rules_line(rs, &kv, err)) < 0)
			goto out;
	if (rc == 0 && rs->n == 0)
		rc = rx_error_set(err, RX_EINPUT, WHAT ": no rules");
	if (rc < 0)
		goto out;
	*out = rs;
	rs = NULL;
out:
	free(rs);
	return rc;
}

void rx_schema_rules_free(rx_schema_rules *r)
{
	free(r);
}

const char *rx_schema_rules_name(const rx_schema_rules *r)
{
	return r->name;
}

rx_schema_level rx_schema_rules_level(const rx_schema_rules *r,
				      const rx_schema_scale *scale,
				      const rx_schema_score *score)
{
	rx_schema_level best = RX_SCHEMA_LEVEL_NONE;
	const char *id = rx_schema_scale_id(scale);

	for (size_t i = 0; i < r->n; i++) {
		size_t item = r->r[i].cond.item;

		/* a void result has no total to trust; its items still count */
		if (score->voided && (item == 0 || item == RX_SCHEMA_COND_STANDARD))
			continue;
		if (r->r[i].level > best && !strcmp(r->r[i].scale, id) &&
		    rx_schema_cond_eval(&r->r[i].cond, score))
			best = r->r[i].level;
	}
	return best;
}

int rx_schema_rules_check(const rx_schema_rules *r, const rx_schema_scale *scale,
			  rx_error *err)
{
	const char *id = rx_schema_scale_id(scale);

	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->r[i].scale, id) &&
		    r->r[i].cond.item != RX_SCHEMA_COND_STANDARD &&
		    r->r[i].cond.item > rx_schema_scale_items_all(scale))
			return rx_error_set(err, RX_EINPUT,
					    WHAT ": rule for %s names q%zu beyond %zu items",
					    id, r->r[i].cond.item,
					    rx_schema_scale_items_all(scale));
	return 0;
}

rx_schema_level rx_schema_level_combine_round(rx_schema_level earlier,
					      rx_schema_level later, bool *discordant)
{
	*discordant = false;
	if (earlier == RX_SCHEMA_LEVEL_MISSING || later == RX_SCHEMA_LEVEL_MISSING) {
		*discordant = earlier != later;
		return earlier == RX_SCHEMA_LEVEL_MISSING ? later : earlier;
	}
	*discordant = earlier - later >= 2 || later - earlier >= 2;
	/* red is never averaged away; otherwise the later one, better or worse */
	if (earlier == RX_SCHEMA_LEVEL_RED || later == RX_SCHEMA_LEVEL_RED)
		return RX_SCHEMA_LEVEL_RED;
	return later;
}

rx_schema_level rx_schema_level_combine_scales(const rx_schema_level *l, size_t n)
{
	rx_schema_level best = RX_SCHEMA_LEVEL_MISSING;

	for (size_t i = 0; i < n; i++)
		if (l[i] > best)
			best = l[i];
	return best;
}
