/* Enrolment requests and certificates: canonical text, Ed25519 signatures. */
#include <string.h>

#include <sodium.h>

#include "crypto/cert.h"
#include "crypto/textrec.h"

#define REQ_BEGIN "-----BEGIN RUNXIN REQUEST-----\n"
#define REQ_END "-----END RUNXIN REQUEST-----\n"

static int put_key_line(rx_buf *b, const char *key, const uint8_t *p,
	size_t n, rx_error *err)
{
	int rc;

	if ((rc = rx_buf_printf(b, err, "%s: ", key)) < 0 ||
	    (rc = rx_textrec_b64_put(b, p, n, err)) < 0)
		return rc;
	return rx_buf_puts(b, "\n", err);
}

static int check_name(const char *name, rx_error *err)
{
	size_t n = strlen(name);

	if (n == 0 || n > RX_NAME_MAX || !rx_crypto_utf8_valid(name, n, 1))
		return rx_error_set(err, RX_EINPUT,
			"名称须为 1 到 %d 字节的一行文字, 不含控制字符、双向控制符或零宽字符 "
			"(a name must be 1 to %d bytes of UTF-8 on one line, with no control, "
			"bidi or zero-width characters)", RX_NAME_MAX, RX_NAME_MAX);
	return 0;
}

static int request_body(rx_buf *b, const rx_crypto_request *r, rx_error *err)
{
	int rc;

	if ((rc = check_name(r->name, err)) < 0 ||
	    (rc = rx_buf_printf(b, err, "runxin-request 1\nnode: %s\nrole: %s\n"
		"name: %s\n", r->node, rx_crypto_role_name(r->role), r->name)) < 0 ||
	    (rc = put_key_line(b, "sign-key", r->sign_pk, 32, err)) < 0)
		return rc;
	return put_key_line(b, "box-key", r->box_pk, 32, err);
}

int rx_crypto_request_format(rx_buf *out, const rx_crypto_request *req,
	const uint8_t sign_sk[static 64], rx_error *err)
{
	rx_buf body = RX_BUF_INIT;
	uint8_t sig[64];
	int rc;

	if ((rc = request_body(&body, req, err)) < 0)
		goto out;
	crypto_sign_detached(sig, NULL, body.data, body.len, sign_sk);
	if ((rc = rx_buf_puts(out, REQ_BEGIN, err)) < 0 ||
	    (rc = rx_buf_put(out, body.data, body.len, err)) < 0 ||
	    (rc = put_key_line(out, "signature", sig, 64, err)) < 0)
		goto out;
	rc = rx_buf_puts(out, REQ_END, err);
out:
	rx_buf_free(&body);
	return rc;
}

static int get_id(char out[static RX_NODE_ID_LEN + 1], const char *v,
	const char *what, rx_error *err)
{
	uint64_t x;

	if (rx_crypto_node_id_u64(&x, v) < 0)
		return rx_error_set(err, RX_ESECURITY, "malformed %s: bad node id", what);
	memcpy(out, v, RX_NODE_ID_LEN + 1);
	return 0;
}

static int get_identity(const rx_textrec *t, char node[static RX_NODE_ID_LEN + 1],
	rx_role *role, char name[static RX_NAME_MAX + 1], uint8_t sign_pk[32],
	uint8_t box_pk[32], const char *what, rx_error *err)
{
	const char *nm = rx_textrec_get(t, "name");
	char expect[RX_NODE_ID_LEN + 1];
	int rc;

	if ((rc = get_id(node, rx_textrec_get(t, "node"), what, err)) < 0)
		return rc;
	if (!(*role = rx_crypto_role_parse(rx_textrec_get(t, "role"))))
		return rx_error_set(err, RX_ESECURITY, "malformed %s: bad role", what);
	if (strlen(nm) == 0 || strlen(nm) > RX_NAME_MAX)
		return rx_error_set(err, RX_ESECURITY, "malformed %s: bad name", what);
	strcpy(name, nm);
	if (rx_textrec_b64_get(sign_pk, 32, rx_textrec_get(t, "sign-key")) < 0 ||
	    rx_textrec_b64_get(box_pk, 32, rx_textrec_get(t, "box-key")) < 0)
		return rx_error_set(err, RX_ESECURITY, "malformed %s: bad key", what);
	rx_crypto_node_id(expect, sign_pk);
	if (strcmp(expect, node) != 0)
		return rx_error_set(err, RX_ESECURITY,
			"%s: node id does not match its signing key", what);
	return 0;
}

int rx_crypto_request_parse(rx_crypto_request *out, const char *text,
	size_t len, rx_error *err)
{
	static const char *const order[] = { "node", "role", "name", "sign-key",
		"box-key", "signature", NULL };
	const char *begin = memmem(text, len, REQ_BEGIN, strlen(REQ_BEGIN) - 1);
	rx_textrec t;
	rx_buf body = RX_BUF_INIT;
	uint8_t sig[64];
	int rc;

	memset(out, 0, sizeof(*out));
	if (!begin)
		return rx_error_set(err, RX_ESECURITY,
			"not an enrolment request (no BEGIN RUNXIN REQUEST line)");
	begin += strlen(REQ_BEGIN) - 1;
	if ((rc = rx_textrec_parse(&t, "runxin-request 1", begin,
		len - (size_t)(begin - text), NULL, "request", err)) < 0 ||
	    (rc = rx_textrec_expect(&t, order, "request", err)) < 0 ||
	    (rc = get_identity(&t, out->node, &out->role, out->name,
		out->sign_pk, out->box_pk, "request", err)) < 0 ||
	    (rc = request_body(&body, out, err)) < 0)
		goto out;
	if (rx_textrec_b64_get(sig, 64, rx_textrec_get(&t, "signature")) < 0 ||
	    crypto_sign_verify_detached(sig, body.data, body.len, out->sign_pk) != 0)
		rc = rx_error_set(err, RX_ESECURITY,
			"request: bad self-signature (altered in transit?)");
out:
	rx_buf_free(&body);
	return rc;
}

static int cert_body(rx_buf *b, const rx_crypto_cert *c, rx_error *err)
{
	char nb[21], na[21];
	int rc;

	rx_crypto_time_format(nb, c->not_before);
	rx_crypto_time_format(na, c->not_after);
	if ((rc = check_name(c->name, err)) < 0 ||
	    (rc = rx_buf_printf(b, err, "runxin-cert 1\nnode: %s\nrole: %s\n"
		"name: %s\nparent: %s\n", c->node, rx_crypto_role_name(c->role),
		c->name, c->parent)) < 0 ||
	    (rc = put_key_line(b, "sign-key", c->sign_pk, 32, err)) < 0 ||
	    (rc = put_key_line(b, "box-key", c->box_pk, 32, err)) < 0)
		return rc;
	return rx_buf_printf(b, err, "not-before: %s\nnot-after: %s\n", nb, na);
}

int rx_crypto_cert_sign(rx_crypto_cert *cert, const uint8_t sign_sk[static 64],
	rx_error *err)
{
	rx_buf body = RX_BUF_INIT;
	int rc;

	if ((rc = cert_body(&body, cert, err)) == 0)
		crypto_sign_detached(cert->sig, NULL, body.data, body.len, sign_sk);
	rx_buf_free(&body);
	return rc;
}

int rx_crypto_cert_format(rx_buf *out, const rx_crypto_cert *cert, rx_error *err)
{
	int rc;

	if ((rc = cert_body(out, cert, err)) < 0)
		return rc;
	return put_key_line(out, "signature", cert->sig, 64, err);
}

int rx_crypto_cert_parse(rx_crypto_cert *out, const char *text, size_t len,
	size_t *used, rx_error *err)
{
	static const char *const order[] = { "node", "role", "name", "parent",
		"sign-key", "box-key", "not-before", "not-after", "signature", NULL };
	rx_textrec t;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = rx_textrec_parse(&t, "runxin-cert 1", text, len, used,
		"certificate", err)) < 0 ||
	    (rc = rx_textrec_expect(&t, order, "certificate", err)) < 0 ||
	    (rc = get_identity(&t, out->node, &out->role, out->name,
		out->sign_pk, out->box_pk, "certificate", err)) < 0 ||
	    (rc = get_id(out->parent, rx_textrec_get(&t, "parent"),
		"certificate", err)) < 0)
		return rc;
	if (rx_crypto_time_parse(&out->not_before, rx_textrec_get(&t, "not-before")) < 0 ||
	    rx_crypto_time_parse(&out->not_after, rx_textrec_get(&t, "not-after")) < 0)
		return rx_error_set(err, RX_ESECURITY, "malformed certificate: bad time");
	if (rx_textrec_b64_get(out->sig, 64, rx_textrec_get(&t, "signature")) < 0)
		return rx_error_set(err, RX_ESECURITY,
			"malformed certificate: bad signature field");
	return 0;
}

int rx_crypto_cert_check_sig(const rx_crypto_cert *cert,
	const uint8_t parent_pk[static 32], rx_error *err)
{
	rx_buf body = RX_BUF_INIT;
	char id[RX_NODE_ID_LEN + 1];
	int rc;

	rx_crypto_node_id(id, cert->sign_pk);
	if (strcmp(id, cert->node) != 0)
		return rx_error_set(err, RX_ESECURITY,
			"certificate of %s: node id does not match its key", cert->node);
	if ((rc = cert_body(&body, cert, err)) < 0)
		goto out;
	if (crypto_sign_verify_detached(cert->sig, body.data, body.len, parent_pk) != 0)
		rc = rx_error_set(err, RX_ESECURITY,
			"certificate of %s: bad signature by %s", cert->node, cert->parent);
out:
	rx_buf_free(&body);
	return rc;
}
