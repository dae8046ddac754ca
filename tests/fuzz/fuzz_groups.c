/* libFuzzer target: key-group files (rx_schema_groups_parse), then look-ups and names. */
#include <stdlib.h>
#include <string.h>

#include "schema/groups.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rx_schema_groups g;
	rx_error err = { 0 };
	char names[512];

	if (rx_schema_groups_parse(&g, (const char *)data, size, &err) < 0) {
		if (err.code != RX_EINPUT || strchr(err.msg, '\n'))
			abort();
		return 0;
	}
	if (g.n == 0 || g.n > RX_SCHEMA_GROUPS_MAX)
		abort();
	for (size_t i = 0; i < g.n; i++)
		if (rx_schema_group_find(&g, g.g[i].zh, strlen(g.g[i].zh)) != g.g[i].bit)
			abort();
	rx_schema_groups_names(&g, g.bits, names, sizeof(names));
	return 0;
}
