/* Hybrid logical clock: monotonic, causal, overflow carries, saturates. */
#include "sync/hlc.h"
#include "tests/harness.h"

static void test_tick_follows_wall(void)
{
	uint64_t s = 0, a, b, c;

	a = rx_sync_hlc_tick(&s, 1000);
	CHECK_EQ(rx_sync_hlc_wall(a), 1000);
	CHECK_EQ(rx_sync_hlc_counter(a), 0);
	b = rx_sync_hlc_tick(&s, 1000);
	CHECK_EQ(rx_sync_hlc_wall(b), 1000);
	CHECK_EQ(rx_sync_hlc_counter(b), 1);
	/* The wall clock stepping back does not move the clock back. */
	c = rx_sync_hlc_tick(&s, 900);
	CHECK(c > b);
	CHECK_EQ(rx_sync_hlc_wall(c), 1000);
	CHECK_EQ(rx_sync_hlc_counter(c), 2);
	CHECK_EQ(rx_sync_hlc_counter(rx_sync_hlc_tick(&s, 2000)), 0);
	CHECK_EQ(s, rx_sync_hlc_make(2000, 0));
}

static void test_observe(void)
{
	uint64_t s = rx_sync_hlc_make(1000, 5);
	uint64_t remote = rx_sync_hlc_make(3000, 7), v;

	v = rx_sync_hlc_observe(&s, remote, 2000);
	CHECK(v > remote);
	CHECK_EQ(rx_sync_hlc_wall(v), 3000);
	CHECK_EQ(rx_sync_hlc_counter(v), 8);
	/* An old remote clock changes nothing but the counter. */
	v = rx_sync_hlc_observe(&s, rx_sync_hlc_make(10, 0), 2500);
	CHECK_EQ(v, rx_sync_hlc_make(3000, 9));
	/* A newer wall clock wins over both. */
	v = rx_sync_hlc_observe(&s, remote, 5000);
	CHECK_EQ(v, rx_sync_hlc_make(5000, 0));
}

static void test_counter_overflow(void)
{
	uint64_t s = rx_sync_hlc_make(1000, 0xfffe), v;

	v = rx_sync_hlc_tick(&s, 1000);
	CHECK_EQ(rx_sync_hlc_counter(v), 0xffff);
	v = rx_sync_hlc_tick(&s, 1000);
	CHECK_EQ(rx_sync_hlc_wall(v), 1001);
	CHECK_EQ(rx_sync_hlc_counter(v), 0);
	s = rx_sync_hlc_make(1000, 0xffff);
	v = rx_sync_hlc_observe(&s, rx_sync_hlc_make(1000, 0xffff), 1000);
	CHECK_EQ(v, rx_sync_hlc_make(1001, 0));
	/* 10^6 events in one millisecond stay strictly increasing. */
	s = 0;
	uint64_t prev = 0;
	int mono = 1;
	for (int i = 0; i < 1000000; i++) {
		v = rx_sync_hlc_tick(&s, 7);
		mono &= v > prev;
		prev = v;
	}
	CHECK(mono);
}

static void test_saturation_and_clamp(void)
{
	uint64_t s = UINT64_MAX;

	CHECK_EQ(rx_sync_hlc_tick(&s, 5) == UINT64_MAX, 1);
	CHECK_EQ(rx_sync_hlc_observe(&s, UINT64_MAX, 5) == UINT64_MAX, 1);
	CHECK_EQ(rx_sync_hlc_wall(rx_sync_hlc_make(UINT64_MAX, 0)),
		RX_SYNC_HLC_WALL_MAX);
	s = 0;
	CHECK_EQ(rx_sync_hlc_wall(rx_sync_hlc_tick(&s, UINT64_MAX)),
		RX_SYNC_HLC_WALL_MAX);
}

int main(void)
{
	RUN(test_tick_follows_wall);
	RUN(test_observe);
	RUN(test_counter_overflow);
	RUN(test_saturation_and_clamp);
	return rx_test_done();
}
