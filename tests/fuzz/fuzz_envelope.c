/* libFuzzer target: envelope parsing (open, add_recipient, key_ids) on arbitrary bytes. */
/*
 * Built with the other targets by .ci/fuzz (cmake -DRX_FUZZ=ON, clang);
 * seeds in tests/fuzz/corpus/fuzz_envelope/.
 * Input: u16 LE length of the keys part, the keys, then the payload. An
 * input whose first byte is 0xff is instead XORed over a valid envelope
 * (keys || payload) made at start-up, so deep paths are reached quickly.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crypto/envelope.h"

static const uint8_t AD[] = "fuzz ad";
static uint8_t pk[32], sk[32];
static rx_buf vkeys = RX_BUF_INIT, vpayload = RX_BUF_INIT;

static void setup(void)
{
	static const uint8_t seed[32] = "runxin envelope fuzzing seed...";
	rx_crypto_recipient r;
	rx_error err = { 0 };

	if (vkeys.len)
		return;
	if (sodium_init() < 0)
		abort();
	crypto_box_seed_keypair(pk, sk, seed);
	memcpy(r.box_pk, pk, 32);
	if (rx_crypto_envelope_seal(&vkeys, &vpayload, (const uint8_t *)"hello",
	    5, AD, sizeof(AD), &r, 1, &err) != 0)
		abort();
}

static void check_refusal(int rc, const rx_error *err)
{
	if (rc != 0 && (rc != RX_ESECURITY || strchr(err->msg, '\n')))
		abort();
}

static void run(const uint8_t *keys, size_t klen, const uint8_t *payload,
	size_t plen)
{
	rx_buf out = RX_BUF_INIT;
	rx_crypto_recipient add;
	rx_error err = { 0 };

	check_refusal(rx_crypto_envelope_key_ids(&out, keys, klen, &err), &err);
	rx_buf_free(&out);
	rx_error_clear(&err);
	check_refusal(rx_crypto_envelope_open(&out, keys, klen, payload, plen,
		AD, sizeof(AD), pk, sk, &err), &err);
	rx_buf_free(&out);
	rx_error_clear(&err);
	memcpy(add.box_pk, pk, 32);
	/* adding fails with RX_EINPUT only at the recipient limit */
	if (rx_crypto_envelope_add_recipient(&out, keys, klen, payload, plen,
	    pk, sk, &add, &err) == RX_EINPUT && out.len != 0)
		abort();
	rx_buf_free(&out);
}

static void run_mutated(const uint8_t *data, size_t size)
{
	size_t n = vkeys.len + vpayload.len;
	uint8_t *b = malloc(n);

	if (!b)
		return;
	memcpy(b, vkeys.data, vkeys.len);
	memcpy(b + vkeys.len, vpayload.data, vpayload.len);
	for (size_t i = 0; i < size && i < n; i++)
		b[i] ^= data[i];
	run(b, vkeys.len, b + vkeys.len, vpayload.len);
	free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t klen;

	setup();
	if (size >= 1 && data[0] == 0xff) {
		run_mutated(data + 1, size - 1);
		return 0;
	}
	if (size < 2)
		return 0;
	klen = (size_t)data[0] | (size_t)data[1] << 8;
	if (klen > size - 2)
		klen = size - 2;
	run(data + 2, klen, data + 2 + klen, size - 2 - klen);
	return 0;
}
