/* A simple strength estimate for a new passphrase: character pool and effective length. */
#include <stdint.h>

#include "crypto/keystore.h"

/* Next code point of UTF-8 text (already a C string); malformed bytes count as one. */
static uint32_t next_cp(const unsigned char **p, const unsigned char *end)
{
	uint32_t c = **p;
	size_t n = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 :
		(c & 0xf8) == 0xf0 ? 3 : 0;

	if ((size_t)(end - *p) <= n)
		n = 0;
	c = n ? c & (0x3f >> n) : c;
	for (size_t i = 1; i <= n; i++)
		c = c << 6 | ((*p)[i] & 0x3f);
	*p += n + 1;
	return c;
}

/* log2 by squaring (keeps rxcrypto off libm). */
static double lg2(double x)
{
	double r = 0, f = 0.5;

	while (x >= 2)
		x /= 2, r += 1;
	for (int i = 0; i < 32; i++, f /= 2) {
		x *= x;
		if (x >= 2)
			x /= 2, r += f;
	}
	return r;
}

double rx_crypto_passphrase_bits(const char *pass, size_t len, size_t *chars)
{
	const unsigned char *p = (const unsigned char *)pass, *end = p + len;
	uint32_t seen[64], prev = 0;
	size_t nseen = 0, n = 0;
	int lower = 0, upper = 0, digit = 0, sym = 0, wide = 0;
	double eff = 0, pool;

	while (p < end) {
		uint32_t c = next_cp(&p, end);
		int again = 0;

		for (size_t i = 0; i < nseen; i++)
			again |= seen[i] == c;
		if (!again && nseen < 64)
			seen[nseen++] = c;
		lower |= c >= 'a' && c <= 'z';
		upper |= c >= 'A' && c <= 'Z';
		digit |= c >= '0' && c <= '9';
		wide |= c >= 0x80;
		sym |= c < 0x80 && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') &&
			!(c >= '0' && c <= '9');
		/* runs (aaa, abc, 123) and repeats add little */
		eff += n && (c == prev || c == prev + 1 || c + 1 == prev) ? 0.25 : again ? 0.5 : 1;
		prev = c;
		n++;
	}
	pool = 26.0 * lower + 26.0 * upper + 10.0 * digit + 33.0 * sym + 2000.0 * wide;
	*chars = n;
	return pool > 1 ? eff * lg2(pool) : 0;
}
