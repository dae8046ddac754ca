/* Revocation records: an ancestor withdraws a node after the last change-set it trusts (the cut). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crypto/cert.h"
#include "crypto/textrec.h"

static const char *const cut_names[RX_CUT_N] = { "nodes", "dir", "checkpoints" };

static int hex40(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i == 40;
}

/* "nodes=12@<hex> dir=0 checkpoints=0": a branch without a change-set has no id. */
static int cut_format(char *out, size_t cap, const rx_crypto_cut c[RX_CUT_N])
{
	size_t at = 0;

	for (int i = 0; i < RX_CUT_N; i++) {
		int k;
		if ((c[i].seq == 0) != (c[i].commit[0] == 0) ||
		    (c[i].seq && !hex40(c[i].commit)))
			return -1;
		k = c[i].seq ? snprintf(out + at, cap - at, "%s%s=%" PRIu64 "@%s",
			i ? " " : "", cut_names[i], c[i].seq, c[i].commit) :
			snprintf(out + at, cap - at, "%s%s=0", i ? " " : "", cut_names[i]);
		if (k < 0 || (size_t)k >= cap - at)
			return -1;
		at += (size_t)k;
	}
	return 0;
}

/* Parse and accept only the canonical form (what cut_format writes back). */
static int cut_parse(rx_crypto_cut c[RX_CUT_N], const char *s)
{
	char again[256];
	const char *p = s;

	memset(c, 0, sizeof(*c) * RX_CUT_N);
	for (int i = 0; i < RX_CUT_N; i++) {
		size_t nl = strlen(cut_names[i]);
		char *end;
		if (strncmp(p, cut_names[i], nl) || p[nl] != '=' || p[nl + 1] < '0' ||
		    p[nl + 1] > '9')
			return -1;
		c[i].seq = strtoull(p + nl + 1, &end, 10);
		p = end;
		if (*p == '@') {
			if (strlen(p + 1) < 40)
				return -1;
			memcpy(c[i].commit, p + 1, 40);
			c[i].commit[40] = 0;
			p += 41;
		}
		if (*p == ' ')
			p++;
	}
	return cut_format(again, sizeof(again), c) == 0 && !strcmp(again, s) ? 0 : -1;
}

static int revocation_body(rx_buf *b, const rx_crypto_revocation *r, rx_error *err)
{
	char t[21], cut[256];
	size_t n = strlen(r->reason);

	if (n == 0 || n > RX_REASON_MAX || !rx_crypto_utf8_valid(r->reason, n, 1))
		return rx_error_set(err, RX_EINPUT,
			"a reason must be 1 to %d bytes of UTF-8 on one line", RX_REASON_MAX);
	if (cut_format(cut, sizeof(cut), r->cut) < 0)
		return rx_error_set(err, RX_EINPUT, "a revocation's cut is malformed");
	rx_crypto_time_format(t, r->time);
	return rx_buf_printf(b, err, "runxin-revocation 2\nnode: %s\nby: %s\n"
		"time: %s\ncut: %s\nreason: %s\n", r->node, r->by, t, cut, r->reason);
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
	static const char *const order[] = { "node", "by", "time", "cut", "reason",
		"signature", NULL };
	uint64_t x;
	rx_textrec t;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = rx_textrec_parse(&t, "runxin-revocation 2", text, len, used,
		"revocation", err)) < 0 ||
	    (rc = rx_textrec_expect(&t, order, "revocation", err)) < 0)
		return rc;
	if (rx_crypto_node_id_u64(&x, rx_textrec_get(&t, "node")) < 0 ||
	    rx_crypto_node_id_u64(&x, rx_textrec_get(&t, "by")) < 0 ||
	    rx_crypto_time_parse(&out->time, rx_textrec_get(&t, "time")) < 0 ||
	    cut_parse(out->cut, rx_textrec_get(&t, "cut")) < 0 ||
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
