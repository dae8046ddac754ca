/* libFuzzer target: scale files (rx_schema_scale_parse); what parses is scored at both ends of its range. */
#include <stdlib.h>
#include <string.h>

#include "schema/scale.h"

static void score_all(const rx_schema_scale *s, int v)
{
	int answers[RX_SCHEMA_ITEMS_MAX];
	size_t n = rx_schema_scale_items(s);
	rx_schema_score sc;
	rx_error err = { 0 };

	for (size_t i = 0; i < n; i++)
		answers[i] = v;
	if (rx_schema_scale_score(s, answers, n, &sc, &err) == 0 &&
	    (!sc.band_label || !sc.band_label_zh))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rx_schema_scale *s = NULL;
	rx_error err = { 0 };
	char buf[128];
	size_t n;

	if (rx_schema_scale_parse(&s, (const char *)data, size, &err) < 0) {
		if (err.code != RX_EINPUT || strchr(err.msg, '\n') || s)
			abort();
		return 0;
	}
	n = rx_schema_scale_items(s);
	if (n == 0 || n > RX_SCHEMA_ITEMS_MAX ||
	    rx_schema_scale_min(s) > rx_schema_scale_max(s) ||
	    !rx_schema_scale_id(s) || !rx_schema_scale_name(s) ||
	    !rx_schema_scale_name_en(s))
		abort();
	for (size_t i = 1; i <= n; i++)
		rx_schema_scale_item_text(s, i);
	for (size_t i = 0; i < rx_schema_scale_critical_count(s); i++)
		rx_schema_scale_critical_describe(s, i, buf, sizeof(buf));
	score_all(s, rx_schema_scale_min(s));
	score_all(s, rx_schema_scale_max(s));
	rx_schema_scale_free(s);
	return 0;
}
