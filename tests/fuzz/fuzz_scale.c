/* libFuzzer target: scale files (rx_schema_scale_parse); what parses is scored at both ends of each item's range, with and without a student. */
#include <stdlib.h>
#include <string.h>

#include "schema/scale.h"

/* Every item at its lowest (high 0) or highest (high 1) answer: must score. */
static void score_all(const rx_schema_scale *s, int high)
{
	int answers[RX_SCHEMA_ITEMS_MAX], lo, hi;
	size_t n = rx_schema_scale_items_all(s);
	rx_schema_who who = { 8, 2 };
	rx_schema_score sc;
	rx_error err = { 0 };
	char d[512];

	for (size_t i = 0; i < n; i++) {
		rx_schema_scale_item_range(s, i + 1, &lo, &hi);
		answers[i] = high ? hi : lo;
		rx_schema_scale_answer_label(s, i + 1, answers[i]);
	}
	if (rx_schema_scale_score(s, answers, n, &sc, &err) != 0 ||
	    rx_schema_scale_score_who(s, answers, n, &who, &sc, &err) != 0 ||
	    !sc.band_label || !sc.band_label_zh || sc.band >= 16 ||
	    (sc.voided && !sc.void_reason))
		abort();
	rx_schema_score_describe(s, &sc, d, sizeof(d));
	for (size_t f = 0; f < sc.nfactors; f++)
		rx_schema_scale_factor_band(s, f, sc.factor_band[f]);
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
	score_all(s, 0);
	score_all(s, 1);
	rx_schema_scale_free(s);
	return 0;
}
