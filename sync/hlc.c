/* Hybrid logical clocks as a single integer, so that overflow of the counter carries into the wall time. */
#include "sync/hlc.h"

uint64_t rx_sync_hlc_make(uint64_t wall_ms, uint16_t counter)
{
	if (wall_ms > RX_SYNC_HLC_WALL_MAX)
		wall_ms = RX_SYNC_HLC_WALL_MAX;
	return (wall_ms << RX_SYNC_HLC_COUNTER_BITS) | counter;
}

uint64_t rx_sync_hlc_wall(uint64_t hlc)
{
	return hlc >> RX_SYNC_HLC_COUNTER_BITS;
}

uint16_t rx_sync_hlc_counter(uint64_t hlc)
{
	return (uint16_t)(hlc & 0xffff);
}

/* The successor of a clock; saturating so a clock never wraps to the past. */
static uint64_t next(uint64_t v)
{
	return v == UINT64_MAX ? v : v + 1;
}

uint64_t rx_sync_hlc_tick(uint64_t *state, uint64_t wall_ms)
{
	uint64_t now = rx_sync_hlc_make(wall_ms, 0), v = next(*state);

	*state = v > now ? v : now;
	return *state;
}

uint64_t rx_sync_hlc_observe(uint64_t *state, uint64_t remote, uint64_t wall_ms)
{
	uint64_t now = rx_sync_hlc_make(wall_ms, 0);
	uint64_t v = next(*state > remote ? *state : remote);

	*state = v > now ? v : now;
	return *state;
}
