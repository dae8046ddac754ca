/* libFuzzer target: certificates (rx_crypto_cert_parse), one after another as in a bundle or directory. */
/*
 * What parses must format to text that parses to the same certificate, and
 * a signature or chain check on it must refuse cleanly (or, for a genuine
 * self-signed root from the corpus, pass).
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crypto/cert.h"

static void refusal(int rc, const rx_error *err)
{
	if (rc < 0 && (rc != RX_ESECURITY || strchr(err->msg, '\n')))
		abort();
}

static void roundtrip(const rx_crypto_cert *c)
{
	rx_buf a = RX_BUF_INIT, b = RX_BUF_INIT;
	rx_crypto_cert again;
	rx_error err = { 0 };
	size_t used;

	/* format refuses only a name it could not have parsed */
	if (rx_crypto_cert_format(&a, c, &err) < 0)
		abort();
	if (rx_crypto_cert_parse(&again, (const char *)a.data, a.len, &used, &err) < 0 ||
	    used != a.len || rx_crypto_cert_format(&b, &again, &err) < 0 ||
	    a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
		abort();
	rx_buf_free(&a);
	rx_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	rx_crypto_cert c;
	size_t used;

	if (sodium_init() < 0)
		abort();
	for (int i = 0; i < 4 && size > 0; i++) {
		rx_error err = { 0 };
		int rc = rx_crypto_cert_parse(&c, text, size, &used, &err);

		refusal(rc, &err);
		if (rc < 0)
			break;
		if (used == 0 || used > size)
			abort();
		roundtrip(&c);
		rx_error_clear(&err);
		refusal(rx_crypto_cert_check_sig(&c, c.sign_pk, &err), &err);
		rx_error_clear(&err);
		refusal(rx_crypto_chain_verify(&c, 1, c.sign_pk, c.not_before,
			NULL, 0, &err), &err);
		text += used, size -= used;
	}
	return 0;
}
