/* Reads unencrypted OpenSSH Ed25519 private key files (openssh-key-v1). */
#include <string.h>

#include <sodium.h>

#include "crypto/sshsig.h"
#include "crypto/sshwire.h"

/* The magic includes its NUL (PROTOCOL.key). */
#define KEY_MAGIC "openssh-key-v1"
#define KEY_MAGIC_LEN 15
#define LABEL "OPENSSH PRIVATE KEY"
/* Cipher "none" pads the private section to this block size. */
#define BLOCK 8

static int bad(rx_error *err, const char *why)
{
	return rx_error_set(err, RX_EINPUT, "%s", why);
}

/* Everything before the private section; *pub points at the public key. */
static int parse_header(rx_sshrd *r, const uint8_t **pub, rx_error *err)
{
	const uint8_t *magic;
	uint32_t nkeys;

	if (rx_sshrd_bytes(r, &magic, KEY_MAGIC_LEN) < 0 ||
	    memcmp(magic, KEY_MAGIC, KEY_MAGIC_LEN) != 0)
		return bad(err, "not an OpenSSH private key");
	if (rx_sshrd_str_eq(r, "none") < 0 || rx_sshrd_str_eq(r, "none") < 0 ||
	    rx_sshrd_str_eq(r, "") < 0)
		return bad(err, "encrypted OpenSSH keys are not supported");
	if (rx_sshrd_u32(r, &nkeys) < 0 || nkeys != 1)
		return bad(err, "OpenSSH key file must hold exactly one key");
	if (rx_sshrd_ed25519(r, pub, crypto_sign_PUBLICKEYBYTES) < 0)
		return bad(err, "OpenSSH key is not an Ed25519 key");
	return 0;
}

/* The padding of cipher "none" is 1, 2, 3, ... up to the block end. */
static int check_padding(const rx_sshrd *r)
{
	if (r->left >= BLOCK)
		return -1;
	for (size_t i = 0; i < r->left; i++)
		if (r->p[i] != i + 1)
			return -1;
	return 0;
}

/* The secret key must be the one the seed gives and match pub. */
static int check_secret(const uint8_t *secret, const uint8_t *pub)
{
	uint8_t pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	int rc;

	crypto_sign_seed_keypair(pk, sk, secret);
	rc = sodium_memcmp(pk, pub, sizeof(pk)) == 0 &&
		sodium_memcmp(sk, secret, sizeof(sk)) == 0 ? 0 : -1;
	sodium_memzero(sk, sizeof(sk));
	return rc;
}

static int parse_private(uint8_t sk[static 64], rx_sshrd *r,
	const uint8_t *pub, rx_error *err)
{
	const uint8_t *pk, *secret, *comment;
	uint32_t check1, check2;
	size_t comment_len;

	if (r->left % BLOCK != 0 || rx_sshrd_u32(r, &check1) < 0 ||
	    rx_sshrd_u32(r, &check2) < 0 || check1 != check2)
		return bad(err, "OpenSSH key check numbers differ");
	if (rx_sshrd_str_eq(r, "ssh-ed25519") < 0 ||
	    rx_sshrd_str_n(r, &pk, crypto_sign_PUBLICKEYBYTES) < 0 ||
	    rx_sshrd_str_n(r, &secret, crypto_sign_SECRETKEYBYTES) < 0 ||
	    rx_sshrd_str(r, &comment, &comment_len) < 0 ||
	    check_padding(r) < 0)
		return bad(err, "malformed OpenSSH private key");
	if (memcmp(pk, pub, crypto_sign_PUBLICKEYBYTES) != 0 ||
	    check_secret(secret, pub) < 0)
		return bad(err, "OpenSSH private key does not match its public key");
	memcpy(sk, secret, crypto_sign_SECRETKEYBYTES);
	return 0;
}

int rx_crypto_sshkey_parse(uint8_t sk[static 64], const char *text,
	size_t len, rx_error *err)
{
	rx_sshrd r, priv;
	const uint8_t *pub;
	uint8_t *blob;
	size_t n;
	int rc;

	if (!text)
		return rx_error_set(err, RX_EUSAGE, "no key text");
	if (!(blob = sodium_malloc(RX_SSH_BLOB_MAX)))
		return rx_error_nomem(err);
	if ((rc = rx_ssh_armor_decode(blob, RX_SSH_BLOB_MAX, &n, text, len,
	    LABEL, RX_EINPUT, err)) < 0)
		goto out;
	r.p = blob;
	r.left = n;
	if ((rc = parse_header(&r, &pub, err)) < 0)
		goto out;
	if (rx_sshrd_str(&r, &priv.p, &priv.left) < 0 || r.left != 0) {
		rc = bad(err, "malformed OpenSSH private key");
		goto out;
	}
	rc = parse_private(sk, &priv, pub, err);
out:
	sodium_free(blob); /* wipes the decoded secret */
	if (rc < 0)
		sodium_memzero(sk, crypto_sign_SECRETKEYBYTES);
	return rc;
}
