/* The synthetic school's PRNG (splitmix64 + xoshiro256**), hashing and calendar. */
#include "ops/synth/synth.h"

uint64_t rx_ops_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

void rx_ops_rng_seed(rx_ops_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = rx_ops_splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t rx_ops_rng_next(rx_ops_rng *r)
{
	uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

uint32_t rx_ops_rng_below(rx_ops_rng *r, uint32_t n)
{
	/* Lemire's multiply-and-reject: exact for every n. */
	uint64_t m = (rx_ops_rng_next(r) >> 32) * n;
	uint32_t lo = (uint32_t)m;

	if (lo < n) {
		uint32_t floor = (uint32_t)(-n) % n;
		while (lo < floor) {
			m = (rx_ops_rng_next(r) >> 32) * n;
			lo = (uint32_t)m;
		}
	}
	return (uint32_t)(m >> 32);
}

double rx_ops_rng_unit(rx_ops_rng *r)
{
	return (double)(rx_ops_rng_next(r) >> 11) * 0x1.0p-53;
}

int rx_ops_rng_chance(rx_ops_rng *r, double p)
{
	return rx_ops_rng_unit(r) < p;
}

double rx_ops_rng_normal(rx_ops_rng *r)
{
	double sum = 0;

	for (int i = 0; i < 12; i++)
		sum += rx_ops_rng_unit(r);
	return sum - 6.0;
}

uint64_t rx_ops_hash(uint64_t seed, const char *s, uint64_t tag)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325) ^ seed, st;

	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * UINT64_C(0x100000001b3);
	st = h ^ rotl(tag, 32);
	return rx_ops_splitmix64(&st);
}

/* Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian). */
long rx_ops_days_from_civil(int y, int m, int d)
{
	long yy = y - (m <= 2), era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void rx_ops_civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int rx_ops_weekday(long z)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	long w = (z + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}
