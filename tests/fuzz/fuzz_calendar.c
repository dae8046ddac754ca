/* libFuzzer target: calendar files (rx_schema_calendar_parse), then what they make due. */
#include <stdlib.h>
#include <string.h>

#include "schema/care.h"

static size_t some(void *ctx, rx_schema_date since)
{
	(void)ctx;
	return (size_t)since.day;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const rx_schema_date days[] = { { 2025, 1, 1 }, { 2025, 9, 3 }, { 2026, 2, 28 } };
	rx_schema_calendar c;
	rx_error err = { 0 };
	rx_schema_due d[RX_SCHEMA_CARE_DUE_MAX + RX_SCHEMA_CAL_MAX];
	rx_schema_oblig_student s = { 0 };
	rx_schema_care_facts f = { 0 };
	const rx_schema_groups *g = rx_schema_groups_default();

	if (rx_schema_calendar_parse(&c, (const char *)data, size, &err) < 0) {
		if (err.code != RX_EINPUT || strchr(err.msg, '\n'))
			abort();
		return 0;
	}
	if (c.n > RX_SCHEMA_CAL_MAX || !g)
		abort();
	s.key_group = 1;
	for (size_t i = 0; i < 3; i++) {
		if (rx_schema_care_student_due(g, &c, &s, &f, days[i], d) > RX_SCHEMA_CARE_DUE_MAX ||
		    rx_schema_care_school_due(&c, days[i], some, NULL, 0, d) > RX_SCHEMA_CAL_MAX)
			abort();
	}
	return 0;
}
