/* libFuzzer target: .due obligation settings (rx_schema_oblig_parse), then what is due for a few students and an incident. */
#include <stdlib.h>
#include <string.h>

#include "schema/obligation.h"

static void students(const rx_schema_oblig_cfg *cfg)
{
	static const rx_schema_date today = { 2025, 11, 3 };
	rx_schema_due due[RX_SCHEMA_DUE_PER_STUDENT + 1];
	rx_schema_oblig_incident in = { 0 };
	size_t n;

	for (int l = RX_SCHEMA_LEVEL_NONE; l <= RX_SCHEMA_LEVEL_RED; l++) {
		rx_schema_oblig_student s = { 0 };

		s.level = (rx_schema_level)l;
		s.level_since = (rx_schema_date){ 2025, 9, 15 };
		s.proposed = (rx_schema_level)l;
		s.proposed_since = s.level_since;
		s.confirmed = (rx_schema_level)l;
		s.assessed = (rx_schema_date){ 2025, 9, 20 };
		s.critical_since = l == RX_SCHEMA_LEVEL_RED ? s.level_since : (rx_schema_date){ 0, 0, 0 };
		s.discordant_since = s.discordant_start = (rx_schema_date){ 2025, 10, 1 };
		s.discordant_level = (rx_schema_level)l;
		s.session = (rx_schema_date){ 2025, 10, 1 };
		s.key_group = l >= RX_SCHEMA_LEVEL_ORANGE;
		n = rx_schema_oblig_student_due(cfg, &s, today, due);
		if (n > RX_SCHEMA_DUE_PER_STUDENT)
			abort();
		rx_schema_due_sort(due, n);
	}
	in.date = (rx_schema_date){ 2025, 10, 20 };
	rx_schema_oblig_incident_due(cfg, &in, today, due);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rx_schema_oblig_cfg cfg;
	rx_error err = { 0 };

	if (rx_schema_oblig_parse(&cfg, (const char *)data, size, &err) < 0) {
		if (err.code != RX_EINPUT || strchr(err.msg, '\n'))
			abort();
		return 0;
	}
	for (size_t l = 0; l < 4; l++)
		if (cfg.nlevel[l] > RX_SCHEMA_OBLIG_RULES_MAX)
			abort();
	students(&cfg);
	return 0;
}
