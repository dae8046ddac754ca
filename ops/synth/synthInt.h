/* Internals of the synthetic school: a seeded PRNG, hashing and calendar days. */
#ifndef RX_OPS_SYNTH_INT_H
#define RX_OPS_SYNTH_INT_H

#include <stddef.h>
#include <stdint.h>

/* xoshiro256** seeded through splitmix64: no libc rand, same on every host. */
typedef struct rx_ops_rng {
	uint64_t s[4];
} rx_ops_rng;

uint64_t rx_ops_splitmix64(uint64_t *state);
void rx_ops_rng_seed(rx_ops_rng *r, uint64_t seed);
uint64_t rx_ops_rng_next(rx_ops_rng *r);
/* Uniform in [0, n), n >= 1, without modulo bias. */
uint32_t rx_ops_rng_below(rx_ops_rng *r, uint32_t n);
/* Uniform in [0, 1). */
double rx_ops_rng_unit(rx_ops_rng *r);
/* True with probability p. */
int rx_ops_rng_chance(rx_ops_rng *r, double p);
/* Approximately standard normal (Irwin–Hall of 12 uniforms, |z| <= 6). */
double rx_ops_rng_normal(rx_ops_rng *r);

/* A 64-bit key of seed, a string and a small tag, for per-record streams. */
uint64_t rx_ops_hash(uint64_t seed, const char *s, uint64_t tag);

/* Days since 1970-01-01 of a civil date, and back; weekday 0 = Monday. */
long rx_ops_days_from_civil(int y, int m, int d);
void rx_ops_civil_from_days(long z, int *y, int *m, int *d);
int rx_ops_weekday(long z);

/* A Chinese name (surname weighted by frequency, 1–2 given characters). */
void rx_ops_synth_name(rx_ops_rng *r, int female, char *out, size_t cap);

#endif
