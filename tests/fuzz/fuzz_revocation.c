/* libFuzzer target: revocations (rx_crypto_revocation_parse); what parses formats to text that parses the same. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crypto/cert.h"

static void roundtrip(const rx_crypto_revocation *r)
{
	rx_buf a = RX_BUF_INIT, b = RX_BUF_INIT;
	rx_crypto_revocation again;
	rx_error err = { 0 };
	size_t used;

	if (rx_crypto_revocation_format(&a, r, &err) < 0 ||
	    rx_crypto_revocation_parse(&again, (const char *)a.data, a.len,
		&used, &err) < 0 ||
	    used != a.len || rx_crypto_revocation_format(&b, &again, &err) < 0 ||
	    a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
		abort();
	rx_buf_free(&a);
	rx_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t other[32] = { 7 };
	rx_crypto_revocation r;
	rx_error err = { 0 };
	size_t used;
	int rc;

	if (sodium_init() < 0)
		abort();
	rc = rx_crypto_revocation_parse(&r, (const char *)data, size, &used, &err);
	if (rc < 0) {
		if (rc != RX_ESECURITY || strchr(err.msg, '\n'))
			abort();
		return 0;
	}
	if (used == 0 || used > size)
		abort();
	roundtrip(&r);
	rx_error_clear(&err);
	if (rx_crypto_revocation_check_sig(&r, other, &err) != RX_ESECURITY)
		abort();
	return 0;
}
