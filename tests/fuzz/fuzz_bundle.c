/* libFuzzer target: enrolment bundles (rx_crypto_bundle_parse): certificates and a signed, sealed data key. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crypto/bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t box_pk[32] = { 1 }, box_sk[32] = { 2 };
	rx_crypto_bundle b;
	rx_error err = { 0 };
	uint8_t master[32];
	int rc;

	if (sodium_init() < 0)
		abort();
	rc = rx_crypto_bundle_parse(&b, (const char *)data, size, &err);
	if (rc < 0) {
		if (rc != RX_ESECURITY || strchr(err.msg, '\n'))
			abort();
		return 0;
	}
	if (b.n == 0 || b.n > 4 || (b.has_datakey && b.n < 2))
		abort();
	rx_error_clear(&err);
	if (b.n > 1)
		rx_crypto_chain_verify(b.chain, b.n, b.chain[b.n - 1].sign_pk,
			b.chain[0].not_before, NULL, 0, &err);
	rx_error_clear(&err);
	if (b.has_datakey &&
	    rx_crypto_master_open(master, b.sealed_master, box_pk, box_sk, &err) == 0)
		abort(); /* sealed to a device, never to this made-up key */
	return 0;
}
