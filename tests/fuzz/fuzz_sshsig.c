/* libFuzzer target: arbitrary bytes into SSHSIG verification and the OpenSSH key parser. */
/*
 * Built with the other targets by .ci/fuzz (cmake -DRX_FUZZ=ON, clang);
 * seeds in tests/fuzz/corpus/fuzz_sshsig/.
 * A good seed corpus: a few `ssh-keygen -Y sign` outputs and key files.
 */
#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#include "crypto/sshsig.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t other[32] = { 1 };
	const char *text = (const char *)data;
	const uint8_t *msg = (const uint8_t *)"m";
	uint8_t pk[32], sk[64];
	rx_error err = { 0 };

	if (sodium_init() < 0)
		return 0;
	/* The embedded key gets the input as far as the signature check. */
	if (rx_crypto_sshsig_signer(pk, text, size, &err) == 0) {
		rx_crypto_sshsig_verify(text, size, pk, "git", msg, 1, &err);
		rx_error_clear(&err);
		rx_crypto_sshsig_verify(text, size, pk, "file", NULL, 0, &err);
	}
	rx_error_clear(&err);
	rx_crypto_sshsig_verify(text, size, other, "git", msg, 1, &err);
	rx_error_clear(&err);
	if (rx_crypto_sshkey_parse(sk, text, size, &err) == 0)
		sodium_memzero(sk, sizeof(sk));
	return 0;
}
