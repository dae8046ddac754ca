/* Keystore: round trip, wrong passphrase, every flipped byte, every truncation, oversize, timing. */
#include <time.h>

#include <sodium.h>

#include "crypto/keystore.h"
#include "tests/harness.h"

#define PASS "correct horse battery staple"
#define HEADER_BYTES 54 /* magic 4, version 1, alg 1, ops 4, mem 4, salt 16, nonce 24 */
#define TAG_BYTES 16


static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int seal(rx_buf *img, const uint8_t *secret, size_t len)
{
	rx_error err = { 0 };

	return rx_crypto_keystore_seal_weak(img, secret, len, PASS, strlen(PASS), &err);
}

/* Open img with pass; return the rc and leave the message in err. */
static int try_open(const uint8_t *img, size_t len, const char *pass,
	rx_error *err)
{
	uint8_t *secret = (uint8_t *)"x";
	size_t slen = 99;
	int rc;

	rx_error_clear(err);
	rc = rx_crypto_keystore_open(&secret, &slen, img, len, pass,
		strlen(pass), err);
	if (rc < 0) {
		CHECK(secret == NULL);
		CHECK_EQ(slen, 0);
		CHECK(strchr(err->msg, '\n') == NULL);
	}
	sodium_free(secret);
	return rc;
}

static void test_round_trip(void)
{
	uint8_t secret[96], *got = NULL;
	rx_buf img = RX_BUF_INIT, img2 = RX_BUF_INIT;
	rx_error err = { 0 };
	size_t glen = 0;
	double t0, ms;

	randombytes_buf(secret, sizeof(secret));
	REQUIRE_ZERO(seal(&img, secret, sizeof(secret)));
	CHECK_EQ(img.len, HEADER_BYTES + sizeof(secret) + TAG_BYTES);
	CHECK(memcmp(img.data, "RXKS\x01\x01", 6) == 0);
	/* ops 2 and 65536 KiB, little-endian */
	CHECK(memcmp(img.data + 6, "\x02\0\0\0\0\0\x01\0", 8) == 0);
	CHECK(memmem(img.data, img.len, secret, 8) == NULL);
	t0 = now_ms();
	CHECK_EQ(rx_crypto_keystore_open(&got, &glen, img.data, img.len,
		PASS, strlen(PASS), &err), 0);
	ms = now_ms() - t0;
	printf("figure: unlock (Argon2id INTERACTIVE + decrypt): %.0f ms\n", ms);
	REQUIRE(got != NULL);
	CHECK_EQ(glen, sizeof(secret));
	CHECK(memcmp(got, secret, sizeof(secret)) == 0);
	sodium_free(got);
	/* fresh salt and nonce each time */
	REQUIRE_ZERO(seal(&img2, secret, sizeof(secret)));
	CHECK(memcmp(img.data + 14, img2.data + 14, 40) != 0);
	rx_buf_free(&img);
	rx_buf_free(&img2);
}

static void test_seal_limits(void)
{
	uint8_t big[RX_KEYSTORE_SECRET_MAX + 1] = { 0 }, *got = NULL;
	rx_buf img = RX_BUF_INIT;
	rx_error err = { 0 };
	size_t glen = 0;

	CHECK_EQ(seal(&img, big, 0), RX_EUSAGE);
	CHECK_EQ(seal(&img, big, sizeof(big)), RX_EUSAGE);
	CHECK_EQ(rx_crypto_keystore_seal(&img, big, 4, "", 0, &err), RX_EUSAGE);
	CHECK_EQ(img.len, 0);
	/* the largest secret round-trips */
	REQUIRE_ZERO(seal(&img, big, RX_KEYSTORE_SECRET_MAX));
	rx_error_clear(&err);
	CHECK_EQ(rx_crypto_keystore_open(&got, &glen, img.data, img.len,
		PASS, strlen(PASS), &err), 0);
	CHECK_EQ(glen, RX_KEYSTORE_SECRET_MAX);
	sodium_free(got);
	rx_buf_free(&img);
}

static void test_wrong_passphrase(void)
{
	uint8_t secret[32] = { 1, 2, 3 };
	rx_buf img = RX_BUF_INIT;
	rx_error err = { 0 };

	REQUIRE_ZERO(seal(&img, secret, sizeof(secret)));
	CHECK_EQ(try_open(img.data, img.len, "correct horse battery stapl", &err),
		RX_ESECURITY);
	CHECK_STR(err.msg, "wrong passphrase, or the keystore was altered");
	CHECK_EQ(try_open(img.data, img.len, "", &err), RX_ESECURITY);
	CHECK_EQ(try_open(img.data, img.len, PASS, &err), 0);
	rx_buf_free(&img);
}

/* Every position of a small image, flipped in its lowest bit, must be refused. */
static void test_every_flip(void)
{
	uint8_t secret[8] = { 'k', 'e', 'y' };
	rx_buf img = RX_BUF_INIT;
	rx_error err = { 0 };
	double t0 = now_ms();
	int refused = 0, damaged = 0;

	REQUIRE_ZERO(seal(&img, secret, sizeof(secret)));
	for (size_t i = 0; i < img.len; i++) {
		img.data[i] ^= 0x01;
		if (try_open(img.data, img.len, PASS, &err) == RX_ESECURITY)
			refused++;
		if (strncmp(err.msg, "keystore is damaged: ", 21) == 0)
			damaged++;
		img.data[i] ^= 0x01;
	}
	CHECK_EQ(refused, img.len);
	/* magic (4), version, alg, ops byte 1..3, mem byte 2..3 fail before hashing */
	CHECK_EQ(damaged, 4 + 1 + 1 + 3 + 2);
	CHECK_EQ(try_open(img.data, img.len, PASS, &err), 0);
	printf("%zu single-byte flips refused in %.0f ms\n", img.len,
		now_ms() - t0);
	rx_buf_free(&img);
}

static void test_every_truncation(void)
{
	uint8_t secret[8] = { 's' };
	rx_buf img = RX_BUF_INIT;
	rx_error err = { 0 };
	int refused = 0;

	REQUIRE_ZERO(seal(&img, secret, sizeof(secret)));
	for (size_t n = 0; n < img.len; n++)
		if (try_open(img.data, n, PASS, &err) == RX_ESECURITY)
			refused++;
	CHECK_EQ(refused, img.len);
	CHECK_EQ(try_open(img.data, 3, PASS, &err), RX_ESECURITY);
	CHECK(strstr(err.msg, "keystore is damaged: 3 bytes, too short") != NULL);
	/* one byte of secret is the shortest image that reaches the passphrase */
	CHECK_EQ(try_open(img.data, HEADER_BYTES + 1 + TAG_BYTES, PASS, &err),
		RX_ESECURITY);
	CHECK_STR(err.msg, "wrong passphrase, or the keystore was altered");
	rx_buf_free(&img);
}

static void test_oversized_and_trailing(void)
{
	uint8_t secret[8] = { 0 };
	rx_buf img = RX_BUF_INIT;
	rx_error err = { 0 };
	uint8_t *huge;
	size_t hugelen = HEADER_BYTES + RX_KEYSTORE_SECRET_MAX + TAG_BYTES + 1;

	REQUIRE_ZERO(seal(&img, secret, sizeof(secret)));
	huge = calloc(1, hugelen);
	REQUIRE(huge != NULL);
	memcpy(huge, img.data, img.len);
	CHECK_EQ(try_open(huge, hugelen, PASS, &err), RX_ESECURITY);
	CHECK(strstr(err.msg, "too long") != NULL);
	/* a trailing byte within the cap still fails the tag */
	CHECK_EQ(try_open(huge, img.len + 1, PASS, &err), RX_ESECURITY);
	CHECK_STR(err.msg, "wrong passphrase, or the keystore was altered");
	free(huge);
	rx_buf_free(&img);
}

/* Limits outside the bounds are refused before any hashing is done. */
static void test_hostile_limits(void)
{
	uint8_t secret[8] = { 0 };
	rx_buf img = RX_BUF_INIT;
	rx_error err = { 0 };
	static const struct { size_t off; uint8_t v[4]; } cases[] = {
		{ 6, { 17, 0, 0, 0 } },       /* ops 17 */
		{ 6, { 1, 0, 0, 0 } },        /* ops 1, below what we write */
		{ 6, { 0xff, 0xff, 0xff, 0xff } },
		{ 10, { 1, 0, 0x10, 0 } },    /* 1 GiB + 1 KiB */
		{ 10, { 8, 0, 0, 0 } },       /* 8 KiB */
		{ 10, { 0xff, 0xff, 0xff, 0xff } },
	};
	double t0;

	REQUIRE_ZERO(seal(&img, secret, sizeof(secret)));
	t0 = now_ms();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t save[4];

		memcpy(save, img.data + cases[i].off, 4);
		memcpy(img.data + cases[i].off, cases[i].v, 4);
		CHECK_EQ(try_open(img.data, img.len, PASS, &err), RX_ESECURITY);
		CHECK(strstr(err.msg, "work limits out of range") != NULL);
		memcpy(img.data + cases[i].off, save, 4);
	}
	printf("figure: %zu out-of-range work limits refused in %.1f ms (before any Argon2id work)\n",
		sizeof(cases) / sizeof(cases[0]), now_ms() - t0);
	img.data[4] = 2;
	CHECK_EQ(try_open(img.data, img.len, PASS, &err), RX_ESECURITY);
	CHECK_STR(err.msg, "keystore is damaged: unknown version 2");
	img.data[4] = 1;
	img.data[5] = 0;
	CHECK_EQ(try_open(img.data, img.len, PASS, &err), RX_ESECURITY);
	CHECK_STR(err.msg, "keystore is damaged: unknown algorithm 0");
	img.data[5] = 1;
	img.data[0] = 'r';
	CHECK_EQ(try_open(img.data, img.len, PASS, &err), RX_ESECURITY);
	CHECK(strstr(err.msg, "bad magic") != NULL);
	rx_buf_free(&img);
}

/* The real seal is MODERATE or stronger; the weak one says so; a figure for the unlock cost. */
static void test_strength(void)
{
	uint8_t secret[32] = { 1 }, *got = NULL;
	rx_buf img = RX_BUF_INIT, weak = RX_BUF_INIT;
	rx_error err = { 0 };
	uint32_t ops = 0, memkib = 0;
	size_t glen = 0;
	double t0;

	REQUIRE_ZERO(rx_crypto_keystore_seal(&img, secret, sizeof(secret), PASS, strlen(PASS), &err));
	CHECK_EQ(rx_crypto_keystore_limits(&ops, &memkib, img.data, img.len), 0);
	CHECK(ops >= crypto_pwhash_OPSLIMIT_MODERATE);
	CHECK(memkib >= crypto_pwhash_MEMLIMIT_MODERATE / 1024);
	t0 = now_ms();
	CHECK_EQ(rx_crypto_keystore_open(&got, &glen, img.data, img.len, PASS, strlen(PASS), &err), 0);
	fprintf(stderr, "figure: unlock at ops %u, %u MiB: %.0f ms\n", (unsigned)ops,
		(unsigned)(memkib / 1024), now_ms() - t0);
	sodium_free(got);
	REQUIRE_ZERO(seal(&weak, secret, sizeof(secret)));
	CHECK_EQ(rx_crypto_keystore_limits(&ops, &memkib, weak.data, weak.len), 1);
	CHECK_EQ(rx_crypto_keystore_limits(&ops, &memkib, (const uint8_t *)"nope", 4), -1);
	rx_buf_free(&img);
	rx_buf_free(&weak);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	RUN(test_round_trip);
	RUN(test_strength);
	RUN(test_seal_limits);
	RUN(test_wrong_passphrase);
	RUN(test_hostile_limits);
	RUN(test_oversized_and_trailing);
	RUN(test_every_truncation);
	RUN(test_every_flip);
	return rx_test_done();
}
