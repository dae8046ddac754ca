/* Enrolment bundles: certificates up to the root, and a sealed data key. */
#include <string.h>

#include <sodium.h>

#include "crypto/bundle.h"
#include "crypto/textrec.h"

#define BEGIN "-----BEGIN RUNXIN BUNDLE-----\n"
#define END "-----END RUNXIN BUNDLE-----"

static int datakey_body(rx_buf *b, const char *node, const uint8_t *sealed,
	rx_error *err)
{
	int rc;

	if ((rc = rx_buf_printf(b, err, "runxin-datakey 1\nnode: %s\nsealed: ", node)) < 0 ||
	    (rc = rx_textrec_b64_put(b, sealed, RX_SEALED_MASTER_BYTES, err)) < 0)
		return rc;
	return rx_buf_puts(b, "\n", err);
}

int rx_crypto_bundle_format(rx_buf *out, const rx_crypto_bundle *b,
	const uint8_t parent_sk[static 64], rx_error *err)
{
	rx_buf body = RX_BUF_INIT;
	uint8_t sig[64];
	int rc;

	if ((rc = rx_buf_puts(out, BEGIN, err)) < 0)
		return rc;
	for (size_t i = 0; i < b->n; i++)
		if ((rc = rx_crypto_cert_format(out, &b->chain[i], err)) < 0 ||
		    (rc = rx_buf_puts(out, "\n", err)) < 0)
			return rc;
	if (b->has_datakey) {
		if ((rc = datakey_body(&body, b->chain[0].node, b->sealed_master, err)) < 0)
			goto out;
		crypto_sign_detached(sig, NULL, body.data, body.len, parent_sk);
		if ((rc = rx_buf_put(out, body.data, body.len, err)) < 0 ||
		    (rc = rx_buf_puts(out, "signature: ", err)) < 0 ||
		    (rc = rx_textrec_b64_put(out, sig, 64, err)) < 0 ||
		    (rc = rx_buf_puts(out, "\n\n", err)) < 0)
			goto out;
	}
	rc = rx_buf_puts(out, END "\n", err);
out:
	rx_buf_free(&body);
	return rc;
}

static int parse_datakey(rx_crypto_bundle *out, const char *text, size_t len,
	size_t *used, rx_error *err)
{
	static const char *const order[] = { "node", "sealed", "signature", NULL };
	rx_textrec t;
	rx_buf body = RX_BUF_INIT;
	uint8_t sig[64];
	int rc;

	if ((rc = rx_textrec_parse(&t, "runxin-datakey 1", text, len, used,
		"data key", err)) < 0 ||
	    (rc = rx_textrec_expect(&t, order, "data key", err)) < 0)
		return rc;
	if (out->n < 2 || strcmp(rx_textrec_get(&t, "node"), out->chain[0].node) ||
	    rx_textrec_b64_get(out->sealed_master, RX_SEALED_MASTER_BYTES,
		rx_textrec_get(&t, "sealed")) < 0 ||
	    rx_textrec_b64_get(sig, 64, rx_textrec_get(&t, "signature")) < 0)
		return rx_error_set(err, RX_ESECURITY, "malformed data key in bundle");
	if ((rc = datakey_body(&body, out->chain[0].node, out->sealed_master, err)) == 0 &&
	    crypto_sign_verify_detached(sig, body.data, body.len,
		out->chain[1].sign_pk) != 0)
		rc = rx_error_set(err, RX_ESECURITY,
			"the data key in the bundle is not signed by the parent");
	rx_buf_free(&body);
	out->has_datakey = rc == 0;
	return rc;
}

static size_t skip_blank(const char *p, size_t len)
{
	size_t i = 0;

	while (i < len && (p[i] == '\n' || p[i] == '\r' || p[i] == ' '))
		i++;
	return i;
}

int rx_crypto_bundle_parse(rx_crypto_bundle *out, const char *text, size_t len,
	rx_error *err)
{
	const char *p = memmem(text, len, BEGIN, strlen(BEGIN) - 1);
	size_t left, used;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!p)
		return rx_error_set(err, RX_ESECURITY,
			"not an enrolment bundle (no BEGIN RUNXIN BUNDLE line)");
	p += strlen(BEGIN) - 1;
	left = len - (size_t)(p - text);
	for (;;) {
		size_t s = skip_blank(p, left);
		p += s, left -= s;
		if (left >= strlen(END) && !memcmp(p, END, strlen(END)))
			break;
		if (left > 16 && !memcmp(p, "runxin-datakey 1", 16)) {
			if ((rc = parse_datakey(out, p, left, &used, err)) < 0)
				return rc;
		} else {
			if (out->n == 4)
				return rx_error_set(err, RX_ESECURITY,
					"malformed bundle: more than 4 certificates");
			if ((rc = rx_crypto_cert_parse(&out->chain[out->n], p, left,
				&used, err)) < 0)
				return rc;
			out->n++;
		}
		p += used, left -= used;
	}
	if (out->n == 0)
		return rx_error_set(err, RX_ESECURITY, "malformed bundle: no certificate");
	return 0;
}

int rx_crypto_master_seal(uint8_t out[static RX_SEALED_MASTER_BYTES],
	const uint8_t master[static 32], const uint8_t box_pk[static 32],
	rx_error *err)
{
	if (crypto_box_seal(out, master, 32, box_pk) != 0)
		return rx_error_set(err, RX_EINTERNAL, "cannot seal the data key");
	return 0;
}

int rx_crypto_master_open(uint8_t master[static 32],
	const uint8_t sealed[static RX_SEALED_MASTER_BYTES],
	const uint8_t box_pk[static 32], const uint8_t box_sk[static 32],
	rx_error *err)
{
	if (crypto_box_seal_open(master, sealed, RX_SEALED_MASTER_BYTES, box_pk,
		box_sk) != 0)
		return rx_error_set(err, RX_ESECURITY,
			"the data key in the bundle is not sealed to this device");
	return 0;
}
