/* libFuzzer target: rx_crypto_keystore_open on arbitrary bytes must refuse cleanly, never crash. */
/*
 * Built with the other targets by .ci/fuzz (cmake -DRX_FUZZ=ON, clang);
 * seeds in tests/fuzz/corpus/fuzz_keystore/.
 * Inputs that pass the header checks cost one Argon2id run (~60 ms at
 * INTERACTIVE), so most of the speed comes from the framing checks.
 * An input starting with 0xff is instead XORed over a valid image made at
 * start-up, so the fuzzer reaches the tag check without guessing a header.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crypto/keystore.h"

#define PASS "fuzz"

static rx_buf valid = RX_BUF_INIT;

static void make_valid(void)
{
	static const uint8_t secret[16] = "fuzzing secret!";
	rx_error err = { 0 };

	if (valid.len == 0 &&
	    rx_crypto_keystore_seal_weak(&valid, secret, sizeof(secret), PASS,
	    strlen(PASS), &err) != 0)
		abort();
}

static void try_open(const uint8_t *img, size_t len)
{
	uint8_t *secret = NULL;
	size_t slen = 0;
	rx_error err = { 0 };
	int rc;

	rc = rx_crypto_keystore_open(&secret, &slen, img, len, PASS,
		strlen(PASS), &err);
	if (rc == 0) {
		sodium_free(secret);
		return;
	}
	if (rc != RX_ESECURITY || secret != NULL || strchr(err.msg, '\n'))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *img;

	make_valid();
	if (size == 0 || data[0] != 0xff) {
		try_open(data, size);
		return 0;
	}
	if (!(img = malloc(valid.len)))
		return 0;
	memcpy(img, valid.data, valid.len);
	for (size_t i = 1; i < size && i - 1 < valid.len; i++)
		img[i - 1] ^= data[i];
	try_open(img, valid.len);
	free(img);
	return 0;
}
