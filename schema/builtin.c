/* Look-up of the scales and rules files embedded at build time. */
#include <string.h>

#include "schema/builtinInt.h"

static const rx_schema_builtin *in_force;
static size_t in_force_len;

void rx_schema_builtin_override(const rx_schema_builtin *table, size_t n)
{
	in_force = table, in_force_len = table ? n : 0;
}

const rx_schema_builtin *rx_schema_builtin_embedded(size_t *n)
{
	*n = rx_schema_builtin_table_len;
	return rx_schema_builtin_table;
}

const rx_schema_builtin *rx_schema_builtin_list(size_t *n)
{
	*n = in_force ? in_force_len : rx_schema_builtin_table_len;
	return in_force ? in_force : rx_schema_builtin_table;
}

const rx_schema_builtin *rx_schema_builtin_find(const char *kind, const char *name)
{
	size_t n;
	const rx_schema_builtin *t = rx_schema_builtin_list(&n);

	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].kind, kind) && !strcmp(t[i].name, name))
			return &t[i];
	return NULL;
}

int rx_schema_builtin_scale(rx_schema_scale **out, const char *id, rx_error *err)
{
	const rx_schema_builtin *b = rx_schema_builtin_find("scale", id);

	*out = NULL;
	if (!b)
		return rx_error_set(err, RX_EINPUT, "no built-in scale '%s'", id);
	return rx_schema_scale_parse(out, (const char *)b->data, b->len, err);
}

int rx_schema_builtin_rules(rx_schema_rules **out, const char *name, rx_error *err)
{
	const rx_schema_builtin *b = rx_schema_builtin_find("rules", name);

	*out = NULL;
	if (!b)
		return rx_error_set(err, RX_EINPUT, "no built-in rules '%s'", name);
	return rx_schema_rules_parse(out, (const char *)b->data, b->len, err);
}
