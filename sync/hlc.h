/* Hybrid logical clocks: (wall milliseconds << 16) | counter in one uint64. */
#ifndef RX_SYNC_HLC_H
#define RX_SYNC_HLC_H

#include <stdint.h>

#define RX_SYNC_HLC_COUNTER_BITS 16
#define RX_SYNC_HLC_WALL_MAX ((UINT64_C(1) << 48) - 1)

/* Compose and split a clock value. wall_ms above RX_SYNC_HLC_WALL_MAX is clamped. */
uint64_t rx_sync_hlc_make(uint64_t wall_ms, uint16_t counter);
uint64_t rx_sync_hlc_wall(uint64_t hlc);
uint16_t rx_sync_hlc_counter(uint64_t hlc);

/*
 * A local event at wall time wall_ms: *state becomes the smallest clock
 * greater than the old state and not below wall_ms, and is returned.
 * When the counter is full it carries into the millisecond field (the clock
 * runs ahead of the wall by one ms rather than wrapping); the clock saturates
 * at UINT64_MAX and never goes backwards.
 */
uint64_t rx_sync_hlc_tick(uint64_t *state, uint64_t wall_ms);

/*
 * Receipt of a remote clock: *state becomes greater than both the old state
 * and remote, and not below wall_ms; the new value is returned. Deciding
 * whether a remote clock is too far in the future is the caller's policy.
 */
uint64_t rx_sync_hlc_observe(uint64_t *state, uint64_t remote, uint64_t wall_ms);

#endif
