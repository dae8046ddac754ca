/* Revocation records: an ancestor withdraws a node from a given time on. */
#include <string.h>

#include <sodium.h>

#include "crypto/cert.h"
#include "crypto/textrec.h"

static int revocation_body(rx_buf *b, const rx_crypto_revocation *r, rx_error *err)
{
	char t[21];
	size_t n = strlen(r->reason);

	if (n == 0 || n > RX_REASON_MAX || !rx_crypto_utf8_valid(r->reason, n, 1))
		return rx_error_set(err, RX_EINPUT,
			"a reason must be 1 to %d bytes of UTF-8 on one line", RX_REASON_MAX);
	rx_crypto_time_format(t, r->time);
	return rx_buf_printf(b, err, "runxin-revocation 1\nnode: %s\nby: %s\n"
		"time: %s\nreason: %s\n", r->node, r->by, t, r->reason);
}

int rx_crypto_revocation_sign(rx_crypto_revocation *rev,
	const uint8_t sign_sk[static 64], rx_error *err)
{
	rx_buf body = RX_BUF_INIT;
	int rc;

	if ((rc = revocation_body(&body, rev, err)) == 0)
		crypto_sign_detached(rev->sig, NULL, body.data, body.len, sign_sk);
	rx_buf_free(&body);
	return rc;
}

int rx_crypto_revocation_format(rx_buf *out, const rx_crypto_revocation *rev,
	rx_error *err)
{
	int rc;

	if ((rc = revocation_body(out, rev, err)) < 0 ||
	    (rc = rx_buf_puts(out, "signature: ", err)) < 0 ||
	    (rc = rx_textrec_b64_put(out, rev->sig, 64, err)) < 0)
		return rc;
	return rx_buf_puts(out, "\n", err);
}

int rx_crypto_revocation_parse(rx_crypto_revocation *out, const char *text,
	size_t len, size_t *used, rx_error *err)
{
	static const char *const order[] = { "node", "by", "time", "reason",
		"signature", NULL };
	uint64_t x;
	rx_textrec t;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = rx_textrec_parse(&t, "runxin-revocation 1", text, len, used,
		"revocation", err)) < 0 ||
	    (rc = rx_textrec_expect(&t, order, "revocation", err)) < 0)
		return rc;
	if (rx_crypto_node_id_u64(&x, rx_textrec_get(&t, "node")) < 0 ||
	    rx_crypto_node_id_u64(&x, rx_textrec_get(&t, "by")) < 0 ||
	    rx_crypto_time_parse(&out->time, rx_textrec_get(&t, "time")) < 0 ||
	    strlen(rx_textrec_get(&t, "reason")) > RX_REASON_MAX ||
	    !rx_textrec_get(&t, "reason")[0] ||
	    rx_textrec_b64_get(out->sig, 64, rx_textrec_get(&t, "signature")) < 0)
		return rx_error_set(err, RX_ESECURITY, "malformed revocation");
	strcpy(out->node, rx_textrec_get(&t, "node"));
	strcpy(out->by, rx_textrec_get(&t, "by"));
	strcpy(out->reason, rx_textrec_get(&t, "reason"));
	return 0;
}

int rx_crypto_revocation_check_sig(const rx_crypto_revocation *rev,
	const uint8_t by_pk[static 32], rx_error *err)
{
	rx_buf body = RX_BUF_INIT;
	char id[RX_NODE_ID_LEN + 1];
	int rc;

	rx_crypto_node_id(id, by_pk);
	if (strcmp(id, rev->by) != 0)
		return rx_error_set(err, RX_ESECURITY,
			"revocation of %s: signer key is not %s's", rev->node, rev->by);
	if ((rc = revocation_body(&body, rev, err)) < 0)
		goto out;
	if (crypto_sign_verify_detached(rev->sig, body.data, body.len, by_pk) != 0)
		rc = rx_error_set(err, RX_ESECURITY,
			"revocation of %s: bad signature", rev->node);
out:
	rx_buf_free(&body);
	return rc;
}
