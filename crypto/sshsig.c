/* SSHSIG (OpenSSH PROTOCOL.sshsig) signing and strict verification, Ed25519 + sha512. */
#include <string.h>

#include <sodium.h>

#include "crypto/sshsig.h"
#include "crypto/sshwire.h"

#define MAGIC "SSHSIG"
#define MAGIC_LEN 6
#define VERSION 1
#define HASHALG "sha512"
#define KEYTYPE "ssh-ed25519"
#define LABEL "SSH SIGNATURE"
#define WRAP 70
/* Keeps every signature we make well inside RX_SSH_ARMOR_MAX. */
#define NS_MAX 256

/* What a well-formed signature blob names; pointers into the blob. */
struct parsed {
	const uint8_t *pk;
	const uint8_t *ns;
	size_t ns_len;
	const uint8_t *sig;
};

/* string("ssh-ed25519") || string(key): a key or signature blob. */
static int put_keyblob(rx_buf *b, const uint8_t *key, size_t n,
	rx_error *err)
{
	int rc;

	if ((rc = rx_buf_put_sshstr(b, KEYTYPE, strlen(KEYTYPE), err)) < 0)
		return rc;
	return rx_buf_put_sshstr(b, key, n, err);
}

/* The same blob, nested as one string. */
static int put_keyblob_str(rx_buf *b, const uint8_t *key, size_t n,
	rx_error *err)
{
	int rc;

	if ((rc = rx_buf_put_u32be(b, (uint32_t)(4 + strlen(KEYTYPE) + 4 + n),
	    err)) < 0)
		return rc;
	return put_keyblob(b, key, n, err);
}

static int check_ns(const char *ns, rx_error *err)
{
	if (!ns || !*ns)
		return rx_error_set(err, RX_EUSAGE, "empty signature namespace");
	if (strlen(ns) > NS_MAX)
		return rx_error_set(err, RX_EUSAGE, "signature namespace too long");
	return 0;
}

/* The bytes Ed25519 signs: MAGIC || ns || reserved || hashalg || H(msg). */
static int signed_data(rx_buf *b, const uint8_t *ns, size_t ns_len,
	const uint8_t *msg, size_t len, rx_error *err)
{
	static const uint8_t none[1];
	uint8_t h[crypto_hash_sha512_BYTES];
	int rc;

	crypto_hash_sha512(h, msg ? msg : none, len);
	if ((rc = rx_buf_put(b, MAGIC, MAGIC_LEN, err)) < 0 ||
	    (rc = rx_buf_put_sshstr(b, ns, ns_len, err)) < 0 ||
	    (rc = rx_buf_put_sshstr(b, "", 0, err)) < 0 ||
	    (rc = rx_buf_put_sshstr(b, HASHALG, strlen(HASHALG), err)) < 0)
		return rc;
	return rx_buf_put_sshstr(b, h, sizeof(h), err);
}

static int sig_blob(rx_buf *b, const uint8_t pk[static 32], const char *ns,
	const uint8_t sig[static 64], rx_error *err)
{
	int rc;

	if ((rc = rx_buf_put(b, MAGIC, MAGIC_LEN, err)) < 0 ||
	    (rc = rx_buf_put_u32be(b, VERSION, err)) < 0 ||
	    (rc = put_keyblob_str(b, pk, 32, err)) < 0 ||
	    (rc = rx_buf_put_sshstr(b, ns, strlen(ns), err)) < 0 ||
	    (rc = rx_buf_put_sshstr(b, "", 0, err)) < 0 ||
	    (rc = rx_buf_put_sshstr(b, HASHALG, strlen(HASHALG), err)) < 0)
		return rc;
	return put_keyblob_str(b, sig, 64, err);
}

/* Append base64 of p (one line, no line end). */
static int put_base64(rx_buf *out, const uint8_t *p, size_t len,
	rx_error *err)
{
	size_t n = sodium_base64_ENCODED_LEN(len,
		sodium_base64_VARIANT_ORIGINAL);
	int rc;

	/* reserve keeps room for len + n + 1; bin2base64 writes n with NUL */
	if ((rc = rx_buf_reserve(out, n, err)) < 0)
		return rc;
	sodium_bin2base64((char *)out->data + out->len, n, p, len,
		sodium_base64_VARIANT_ORIGINAL);
	out->len += n - 1;
	return 0;
}

/* The blob armored as ssh-keygen writes it: base64 wrapped at 70. */
static int put_armor(rx_buf *out, const uint8_t *blob, size_t len,
	rx_error *err)
{
	rx_buf b64 = RX_BUF_INIT;
	size_t i, n;
	int rc;

	if ((rc = put_base64(&b64, blob, len, err)) < 0 ||
	    (rc = rx_buf_puts(out, "-----BEGIN " LABEL "-----\n", err)) < 0)
		goto out;
	for (i = 0; i < b64.len; i += WRAP) {
		n = b64.len - i < WRAP ? b64.len - i : WRAP;
		if ((rc = rx_buf_put(out, b64.data + i, n, err)) < 0 ||
		    (rc = rx_buf_puts(out, "\n", err)) < 0)
			goto out;
	}
	rc = rx_buf_puts(out, "-----END " LABEL "-----\n", err);
out:
	rx_buf_free(&b64);
	return rc;
}

int rx_crypto_sshsig_sign(rx_buf *out, const uint8_t sk[static 64],
	const char *ns, const uint8_t *msg, size_t len, rx_error *err)
{
	rx_buf data = RX_BUF_INIT, blob = RX_BUF_INIT;
	uint8_t sig[crypto_sign_BYTES];
	int rc;

	if (!msg && len)
		return rx_error_set(err, RX_EUSAGE, "no message to sign");
	if ((rc = check_ns(ns, err)) < 0 ||
	    (rc = signed_data(&data, (const uint8_t *)ns, strlen(ns),
	    msg, len, err)) < 0)
		goto out;
	crypto_sign_detached(sig, NULL, data.data, data.len, sk);
	if ((rc = sig_blob(&blob, sk + 32, ns, sig, err)) < 0)
		goto out;
	rc = put_armor(out, blob.data, blob.len, err);
out:
	rx_buf_free(&data);
	rx_buf_free(&blob);
	return rc;
}

static int bad(rx_error *err, const char *why)
{
	return rx_error_set(err, RX_ESECURITY, "%s", why);
}

/* Every field checked, in order, with nothing left over. */
static int parse_blob(struct parsed *s, const uint8_t *blob, size_t n,
	rx_error *err)
{
	rx_sshrd r = { blob, n };
	const uint8_t *magic;
	uint32_t version;

	if (rx_sshrd_bytes(&r, &magic, MAGIC_LEN) < 0 ||
	    memcmp(magic, MAGIC, MAGIC_LEN) != 0)
		return bad(err, "not an SSHSIG signature");
	if (rx_sshrd_u32(&r, &version) < 0 || version != VERSION)
		return bad(err, "unsupported SSHSIG version");
	if (rx_sshrd_ed25519(&r, &s->pk, 32) < 0)
		return bad(err, "signer key is not an Ed25519 key");
	if (rx_sshrd_str(&r, &s->ns, &s->ns_len) < 0 || s->ns_len == 0)
		return bad(err, "malformed signature namespace");
	if (rx_sshrd_str_eq(&r, "") < 0)
		return bad(err, "reserved signature field is not empty");
	if (rx_sshrd_str_eq(&r, HASHALG) < 0)
		return bad(err, "signature hash algorithm is not sha512");
	if (rx_sshrd_ed25519(&r, &s->sig, crypto_sign_BYTES) < 0)
		return bad(err, "malformed Ed25519 signature");
	if (r.left != 0)
		return bad(err, "bytes after the signature");
	return 0;
}

/* blob must hold RX_SSH_BLOB_MAX bytes; s points into it. */
static int decode(uint8_t *blob, struct parsed *s, const char *armor,
	size_t armor_len, rx_error *err)
{
	size_t n;
	int rc;

	if (!armor)
		return rx_error_set(err, RX_EUSAGE, "no signature");
	if ((rc = rx_ssh_armor_decode(blob, RX_SSH_BLOB_MAX, &n, armor,
	    armor_len, LABEL, RX_ESECURITY, err)) < 0)
		return rc;
	return parse_blob(s, blob, n, err);
}

int rx_crypto_sshsig_verify(const char *armor, size_t armor_len,
	const uint8_t pk[static 32], const char *ns,
	const uint8_t *msg, size_t len, rx_error *err)
{
	uint8_t blob[RX_SSH_BLOB_MAX];
	rx_buf data = RX_BUF_INIT;
	struct parsed s;
	int rc;

	if (!msg && len)
		return rx_error_set(err, RX_EUSAGE, "no message to verify");
	if ((rc = check_ns(ns, err)) < 0 ||
	    (rc = decode(blob, &s, armor, armor_len, err)) < 0)
		return rc;
	if (sodium_memcmp(s.pk, pk, 32) != 0)
		return bad(err, "signature made by another key");
	if (s.ns_len != strlen(ns) || memcmp(s.ns, ns, s.ns_len) != 0)
		return bad(err, "signature made for another namespace");
	if ((rc = signed_data(&data, s.ns, s.ns_len, msg, len, err)) < 0)
		goto out;
	if (crypto_sign_verify_detached(s.sig, data.data, data.len, pk) != 0)
		rc = bad(err, "bad signature");
out:
	rx_buf_free(&data);
	return rc;
}

int rx_crypto_sshsig_signer(uint8_t pk[static 32], const char *armor,
	size_t armor_len, rx_error *err)
{
	uint8_t blob[RX_SSH_BLOB_MAX];
	struct parsed s;
	int rc;

	if ((rc = decode(blob, &s, armor, armor_len, err)) < 0)
		return rc;
	memcpy(pk, s.pk, 32);
	return 0;
}

int rx_crypto_ssh_pubkey_line(rx_buf *out, const uint8_t pk[static 32],
	rx_error *err)
{
	rx_buf blob = RX_BUF_INIT;
	int rc;

	if ((rc = put_keyblob(&blob, pk, 32, err)) < 0 ||
	    (rc = rx_buf_puts(out, KEYTYPE " ", err)) < 0)
		goto out;
	rc = put_base64(out, blob.data, blob.len, err);
out:
	rx_buf_free(&blob);
	return rc;
}

int rx_crypto_sshsig_canonical(const char *armor, size_t armor_len, rx_error *err)
{
	uint8_t blob[RX_SSH_BLOB_MAX];
	rx_buf again = RX_BUF_INIT;
	struct parsed s;
	size_t n;
	int rc;

	if (!armor)
		return rx_error_set(err, RX_EUSAGE, "no signature");
	if ((rc = rx_ssh_armor_decode(blob, RX_SSH_BLOB_MAX, &n, armor, armor_len,
		LABEL, RX_ESECURITY, err)) < 0 ||
	    (rc = parse_blob(&s, blob, n, err)) < 0 ||
	    (rc = put_armor(&again, blob, n, err)) < 0)
		goto out;
	/* as ssh-keygen writes it; a git header may drop the last newline */
	if (!(armor_len == again.len || armor_len + 1 == again.len) ||
	    memcmp(armor, again.data, armor_len) != 0)
		rc = bad(err, "signature not in its canonical encoding (a re-wrapped copy)");
out:
	rx_buf_free(&again);
	return rc;
}
