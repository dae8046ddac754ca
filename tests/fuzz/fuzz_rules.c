/* libFuzzer target: warning rules files (rx_schema_rules_parse), then checked and applied against the built-in scales. */
#include <stdlib.h>
#include <string.h>

#include "schema/builtin.h"

static const char *const ids[] = { "phq9", "gad7", "phqa" };
static rx_schema_scale *scales[3];

static void apply(const rx_schema_rules *r, const rx_schema_scale *s, int v)
{
	int answers[RX_SCHEMA_ITEMS_MAX];
	size_t n = rx_schema_scale_items(s);
	rx_schema_score sc;
	rx_schema_level l;
	rx_error err = { 0 };

	for (size_t i = 0; i < n; i++)
		answers[i] = v;
	if (rx_schema_scale_score(s, answers, n, &sc, &err) < 0)
		abort();
	l = rx_schema_rules_level(r, s, &sc);
	if (l < RX_SCHEMA_LEVEL_NONE || l > RX_SCHEMA_LEVEL_RED)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rx_schema_rules *r = NULL;
	rx_error err = { 0 };

	for (size_t i = 0; i < 3; i++)
		if (!scales[i] && rx_schema_builtin_scale(&scales[i], ids[i], &err) < 0)
			abort();
	if (rx_schema_rules_parse(&r, (const char *)data, size, &err) < 0) {
		if (err.code != RX_EINPUT || strchr(err.msg, '\n') || r)
			abort();
		return 0;
	}
	if (!rx_schema_rules_name(r))
		abort();
	for (size_t i = 0; i < 3; i++) {
		rx_error_clear(&err);
		if (rx_schema_rules_check(r, scales[i], &err) < 0)
			continue;
		apply(r, scales[i], rx_schema_scale_min(scales[i]));
		apply(r, scales[i], rx_schema_scale_max(scales[i]));
	}
	rx_schema_rules_free(r);
	return 0;
}
