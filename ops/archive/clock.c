/* This node's hybrid logical clock: ticks for its own writes, observes others'. */
#include <time.h>

#include "ops/archive/archive.h"
#include "sync/hlc.h"

static uint64_t wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

uint64_t rx_archive_tick(rx_archive *a)
{
	return rx_sync_hlc_tick(&a->hlc, wall_ms());
}

void rx_archive_observe(rx_archive *a, uint64_t hlc)
{
	rx_sync_hlc_observe(&a->hlc, hlc, wall_ms());
}
