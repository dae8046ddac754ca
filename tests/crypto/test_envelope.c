/* Envelopes: recipients open, others refused, every alteration or swap refused. */
#include <sodium.h>

#include "crypto/envelope.h"
#include "tests/harness.h"


#define ENTRY_BYTES 120 /* id 8 + sealed (key 32 + hash 32 + 48) */
#define MAXN 50

typedef struct env {
	rx_buf keys, payload;
} env;

static uint8_t pk[MAXN + 2][32], sk[MAXN + 2][32];
static rx_crypto_recipient rcpt[MAXN + 2];
static const uint8_t AD[] = "meta: school 3201, seq 7";
static const uint8_t PLAIN[] = "student 20240117: PHQ-9 = 11, follow-up booked";

static int seal(env *e, const uint8_t *plain, size_t len,
	const uint8_t *ad, size_t adlen, size_t first, size_t n)
{
	rx_error err = { 0 };

	memset(e, 0, sizeof(*e));
	return rx_crypto_envelope_seal(&e->keys, &e->payload, plain, len,
		ad, adlen, rcpt + first, n, &err);
}

static void env_free(env *e)
{
	rx_buf_free(&e->keys);
	rx_buf_free(&e->payload);
}

/* Open with key pair k; on success compare the plaintext with PLAIN. */
static int open_as(const uint8_t *keys, size_t klen, const uint8_t *payload,
	size_t plen, const uint8_t *ad, size_t adlen, size_t k, rx_error *err)
{
	rx_buf out = RX_BUF_INIT;
	int rc;

	rx_error_clear(err);
	rc = rx_crypto_envelope_open(&out, keys, klen, payload, plen, ad, adlen,
		pk[k], sk[k], err);
	if (rc == 0) {
		CHECK_EQ(out.len, sizeof(PLAIN));
		CHECK(memcmp(out.data, PLAIN, sizeof(PLAIN)) == 0);
	} else {
		CHECK_EQ(out.len, 0);
		CHECK(strchr(err->msg, '\n') == NULL);
	}
	rx_buf_free(&out);
	return rc;
}

static int open_env(env *e, size_t k, rx_error *err)
{
	return open_as(e->keys.data, e->keys.len, e->payload.data,
		e->payload.len, AD, sizeof(AD), k, err);
}

static void test_key_id(void)
{
	uint8_t id[RX_KEY_ID_BYTES], h[32];

	rx_crypto_key_id(id, pk[0]);
	crypto_generichash(h, 32, pk[0], 32, NULL, 0);
	CHECK(memcmp(id, h, RX_KEY_ID_BYTES) == 0);
}

static void check_n(size_t n)
{
	env e;
	rx_error err = { 0 };
	rx_buf ids = RX_BUF_INIT;
	int ok = 0;

	REQUIRE_ZERO(seal(&e, PLAIN, sizeof(PLAIN), AD, sizeof(AD), 0, n));
	CHECK_EQ(e.keys.len, 3 + n * ENTRY_BYTES);
	CHECK_EQ(e.payload.len, 24 + sizeof(PLAIN) + 16);
	CHECK(memmem(e.payload.data, e.payload.len, "PHQ", 3) == NULL);
	for (size_t k = 0; k < n; k++)
		ok += open_env(&e, k, &err) == 0;
	CHECK_EQ(ok, n);
	CHECK_EQ(open_env(&e, MAXN + 1, &err), RX_ESECURITY);
	CHECK_STR(err.msg, "not a recipient of this envelope");
	CHECK_EQ(rx_crypto_envelope_key_ids(&ids, e.keys.data, e.keys.len,
		&err), 0);
	CHECK_EQ(ids.len, n * RX_KEY_ID_BYTES);
	for (size_t k = 0; k < n && ids.len == n * RX_KEY_ID_BYTES; k++) {
		uint8_t id[RX_KEY_ID_BYTES];

		rx_crypto_key_id(id, pk[k]);
		CHECK(memcmp(ids.data + k * RX_KEY_ID_BYTES, id, sizeof(id)) == 0);
	}
	rx_buf_free(&ids);
	env_free(&e);
}

static void test_recipients_1_2_50(void)
{
	check_n(1);
	check_n(2);
	check_n(MAXN);
}

static void test_seal_usage(void)
{
	rx_buf k = RX_BUF_INIT, p = RX_BUF_INIT;
	rx_error err = { 0 };
	rx_crypto_recipient zero = { { 0 } };

	CHECK_EQ(rx_crypto_envelope_seal(&k, &p, PLAIN, 3, NULL, 0, rcpt, 0,
		&err), RX_EUSAGE);
	rx_error_clear(&err);
	CHECK_EQ(rx_crypto_envelope_seal(&k, &p, PLAIN, 3, NULL, 0, rcpt, 1025,
		&err), RX_EUSAGE);
	rx_error_clear(&err);
	CHECK_EQ(rx_crypto_envelope_seal(&k, &p, PLAIN, 3, NULL, 0, &zero, 1,
		&err), RX_EUSAGE);
	CHECK_EQ(k.len, 0);
	CHECK_EQ(p.len, 0);
	rx_buf_free(&k);
	rx_buf_free(&p);
}

static void test_empty_plaintext_and_ad(void)
{
	env e;
	rx_error err = { 0 };
	rx_buf out = RX_BUF_INIT;

	REQUIRE_ZERO(seal(&e, NULL, 0, NULL, 0, 0, 1));
	CHECK_EQ(e.payload.len, 40);
	CHECK_EQ(rx_crypto_envelope_open(&out, e.keys.data, e.keys.len,
		e.payload.data, e.payload.len, NULL, 0, pk[0], sk[0], &err), 0);
	CHECK_EQ(out.len, 0);
	/* an ad where none was sealed is refused */
	rx_error_clear(&err);
	CHECK_EQ(rx_crypto_envelope_open(&out, e.keys.data, e.keys.len,
		e.payload.data, e.payload.len, AD, 1, pk[0], sk[0], &err),
		RX_ESECURITY);
	CHECK_STR(err.msg, "payload authentication failed");
	rx_buf_free(&out);
	env_free(&e);
}

/* Every byte of payload, keys and ad, flipped, is refused by every recipient. */
static void test_every_flip(void)
{
	env e;
	rx_error err = { 0 };
	uint8_t ad[sizeof(AD)];
	int refused = 0, total = 0;

	REQUIRE_ZERO(seal(&e, PLAIN, sizeof(PLAIN), AD, sizeof(AD), 0, 2));
	for (size_t i = 0; i < e.payload.len; i++, total++) {
		e.payload.data[i] ^= 0x01;
		refused += open_env(&e, i % 2, &err) == RX_ESECURITY;
		CHECK_STR(err.msg, "keys entry does not match payload");
		e.payload.data[i] ^= 0x01;
	}
	for (size_t i = 0; i < e.keys.len; i++, total++) {
		e.keys.data[i] ^= 0x01;
		refused += open_env(&e, i < 3 + ENTRY_BYTES ? 0 : 1, &err) ==
			RX_ESECURITY;
		e.keys.data[i] ^= 0x01;
	}
	memcpy(ad, AD, sizeof(ad));
	for (size_t i = 0; i < sizeof(ad); i++, total++) {
		ad[i] ^= 0x01;
		refused += open_as(e.keys.data, e.keys.len, e.payload.data,
			e.payload.len, ad, sizeof(ad), 1, &err) == RX_ESECURITY;
		CHECK_STR(err.msg, "payload authentication failed");
		ad[i] ^= 0x01;
	}
	CHECK_EQ(refused, total);
	CHECK_EQ(open_env(&e, 0, &err), 0);
	CHECK_EQ(open_env(&e, 1, &err), 0);
	env_free(&e);
}

/* The reasons given for a flipped id and a flipped sealed part. */
static void test_flip_reasons(void)
{
	env e;
	rx_error err = { 0 };

	REQUIRE_ZERO(seal(&e, PLAIN, sizeof(PLAIN), AD, sizeof(AD), 0, 2));
	e.keys.data[3] ^= 0x80; /* first byte of recipient 0's id */
	CHECK_EQ(open_env(&e, 0, &err), RX_ESECURITY);
	CHECK_STR(err.msg, "not a recipient of this envelope");
	CHECK_EQ(open_env(&e, 1, &err), 0);
	e.keys.data[3] ^= 0x80;
	e.keys.data[3 + 8 + 40] ^= 0x80; /* inside recipient 0's sealed box */
	CHECK_EQ(open_env(&e, 0, &err), RX_ESECURITY);
	CHECK(strstr(err.msg, "keys entry for this key does not open") != NULL);
	CHECK_EQ(open_env(&e, 1, &err), 0);
	e.keys.data[3 + 8 + 40] ^= 0x80;
	e.payload.data[30] ^= 0x80;
	CHECK_EQ(open_env(&e, 0, &err), RX_ESECURITY);
	CHECK_STR(err.msg, "keys entry does not match payload");
	env_free(&e);
}

static void test_swaps(void)
{
	env a, b;
	rx_error err = { 0 };

	REQUIRE_ZERO(seal(&a, PLAIN, sizeof(PLAIN), AD, sizeof(AD), 0, 2));
	REQUIRE_ZERO(seal(&b, PLAIN, sizeof(PLAIN), AD, sizeof(AD), 0, 2));
	/* a's keys with b's payload, and b's keys with a's payload */
	CHECK_EQ(open_as(a.keys.data, a.keys.len, b.payload.data, b.payload.len,
		AD, sizeof(AD), 0, &err), RX_ESECURITY);
	CHECK_STR(err.msg, "keys entry does not match payload");
	CHECK_EQ(open_as(b.keys.data, b.keys.len, a.payload.data, a.payload.len,
		AD, sizeof(AD), 1, &err), RX_ESECURITY);
	CHECK_STR(err.msg, "keys entry does not match payload");
	/* one entry of b spliced into a's key list */
	memcpy(a.keys.data + 3 + ENTRY_BYTES, b.keys.data + 3 + ENTRY_BYTES,
		ENTRY_BYTES);
	CHECK_EQ(open_env(&a, 0, &err), 0);
	CHECK_EQ(open_env(&a, 1, &err), RX_ESECURITY);
	CHECK_STR(err.msg, "keys entry does not match payload");
	env_free(&a);
	env_free(&b);
}

static void test_add_recipient(void)
{
	env e;
	rx_error err = { 0 };
	rx_buf nk = RX_BUF_INIT, nk2 = RX_BUF_INIT, before = RX_BUF_INIT;
	size_t newk = MAXN;

	REQUIRE_ZERO(seal(&e, PLAIN, sizeof(PLAIN), AD, sizeof(AD), 0, 2));
	REQUIRE_ZERO(rx_buf_put(&before, e.payload.data, e.payload.len, &err));
	CHECK_EQ(open_env(&e, newk, &err), RX_ESECURITY);
	rx_error_clear(&err);
	CHECK_EQ(rx_crypto_envelope_add_recipient(&nk, e.keys.data, e.keys.len,
		e.payload.data, e.payload.len, pk[1], sk[1], &rcpt[newk], &err), 0);
	CHECK_EQ(nk.len, e.keys.len + ENTRY_BYTES);
	CHECK(memcmp(nk.data + 3, e.keys.data + 3, e.keys.len - 3) == 0);
	CHECK(e.payload.len == before.len &&
		memcmp(e.payload.data, before.data, before.len) == 0);
	for (size_t k = 0; k < 2; k++)
		CHECK_EQ(open_as(nk.data, nk.len, e.payload.data, e.payload.len,
			AD, sizeof(AD), k, &err), 0);
	CHECK_EQ(open_as(nk.data, nk.len, e.payload.data, e.payload.len,
		AD, sizeof(AD), newk, &err), 0);
	/* a non-recipient cannot add anyone; a swapped payload cannot be re-keyed */
	rx_error_clear(&err);
	CHECK_EQ(rx_crypto_envelope_add_recipient(&nk2, e.keys.data, e.keys.len,
		e.payload.data, e.payload.len, pk[newk], sk[newk], &rcpt[newk + 1],
		&err), RX_ESECURITY);
	CHECK_STR(err.msg, "not a recipient of this envelope");
	e.payload.data[0] ^= 1;
	rx_error_clear(&err);
	CHECK_EQ(rx_crypto_envelope_add_recipient(&nk2, e.keys.data, e.keys.len,
		e.payload.data, e.payload.len, pk[0], sk[0], &rcpt[newk], &err),
		RX_ESECURITY);
	CHECK_EQ(nk2.len, 0);
	rx_buf_free(&nk);
	rx_buf_free(&nk2);
	rx_buf_free(&before);
	env_free(&e);
}

static void check_malformed(const uint8_t *keys, size_t klen,
	const uint8_t *payload, size_t plen, const char *want)
{
	rx_error err = { 0 };
	rx_buf ids = RX_BUF_INIT;

	CHECK_EQ(open_as(keys, klen, payload, plen, AD, sizeof(AD), 0, &err),
		RX_ESECURITY);
	if (!strstr(err.msg, want))
		fprintf(stderr, "  got \"%s\", want \"%s\"\n", err.msg, want);
	CHECK(strstr(err.msg, want) != NULL);
	if (strncmp(want, "malformed keys", 14) == 0) {
		rx_error_clear(&err);
		CHECK_EQ(rx_crypto_envelope_key_ids(&ids, keys, klen, &err),
			RX_ESECURITY);
		CHECK_EQ(ids.len, 0);
	}
	rx_buf_free(&ids);
}

static void test_malformed(void)
{
	env e;
	uint8_t *big;
	size_t biglen = 3 + 1025 * ENTRY_BYTES;

	REQUIRE_ZERO(seal(&e, PLAIN, sizeof(PLAIN), AD, sizeof(AD), 0, 2));
	/* every truncation of keys and of payload */
	for (size_t n = 0; n < e.keys.len; n++)
		check_malformed(e.keys.data, n, e.payload.data, e.payload.len,
			"malformed keys: ");
	for (size_t n = 0; n < e.payload.len; n++)
		check_malformed(e.keys.data, e.keys.len, e.payload.data, n,
			n < 40 ? "malformed payload: " : "does not match payload");
	/* one trailing byte, bad version, zero and oversized counts */
	big = calloc(1, biglen);
	REQUIRE(big != NULL);
	memcpy(big, e.keys.data, e.keys.len);
	check_malformed(big, e.keys.len + 1, e.payload.data, e.payload.len,
		"malformed keys: ");
	big[0] = 2;
	check_malformed(big, e.keys.len, e.payload.data, e.payload.len,
		"malformed keys: unknown version 2");
	big[0] = 1;
	big[1] = 0;
	check_malformed(big, 3, e.payload.data, e.payload.len,
		"malformed keys: 0 recipients");
	big[1] = 1025 & 0xff;
	big[2] = 1025 >> 8;
	check_malformed(big, biglen, e.payload.data, e.payload.len,
		"malformed keys: 1025 recipients");
	big[1] = big[2] = 0xff;
	check_malformed(big, biglen, e.payload.data, e.payload.len,
		"malformed keys: 65535 recipients");
	/* count says 3 with two entries' bytes */
	big[1] = 3;
	big[2] = 0;
	check_malformed(big, e.keys.len, e.payload.data, e.payload.len,
		"malformed keys: 243 bytes for 3 recipients");
	/* garbage of the right size */
	randombytes_buf(big + 3, 2 * ENTRY_BYTES);
	big[1] = 2;
	check_malformed(big, e.keys.len, e.payload.data, e.payload.len,
		"not a recipient");
	free(big);
	env_free(&e);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	for (size_t i = 0; i < MAXN + 2; i++) {
		crypto_box_keypair(pk[i], sk[i]);
		memcpy(rcpt[i].box_pk, pk[i], 32);
	}
	RUN(test_key_id);
	RUN(test_recipients_1_2_50);
	RUN(test_seal_usage);
	RUN(test_empty_plaintext_and_ad);
	RUN(test_every_flip);
	RUN(test_flip_reasons);
	RUN(test_swaps);
	RUN(test_add_recipient);
	RUN(test_malformed);
	return rx_test_done();
}
