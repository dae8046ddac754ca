/* The keystore file: a secret sealed under a passphrase with Argon2id and XChaCha20-Poly1305. */
#include <string.h>

#include <sodium.h>

#include "crypto/keystore.h"

#define KS_MAGIC "RXKS"
#define KS_VERSION 1
#define KS_ALG_ARGON2ID_XCHACHA 1
#define KS_SALT_BYTES 16
#define KS_NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define KS_TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
#define KS_KEY_BYTES crypto_aead_xchacha20poly1305_ietf_KEYBYTES

/* Field offsets in the header; the header is also the AEAD's associated data. */
#define KS_OFF_VERSION 4
#define KS_OFF_ALG 5
#define KS_OFF_OPS 6
#define KS_OFF_MEM 10
#define KS_OFF_SALT 14
#define KS_OFF_NONCE (KS_OFF_SALT + KS_SALT_BYTES)
#define KS_HEADER_BYTES (KS_OFF_NONCE + KS_NONCE_BYTES)
#define KS_FILE_MIN (KS_HEADER_BYTES + 1 + KS_TAG_BYTES)
#define KS_FILE_MAX (KS_HEADER_BYTES + RX_KEYSTORE_SECRET_MAX + KS_TAG_BYTES)

/*
 * Work limits a file may name. The floor is what we write (a file never gets
 * weaker than INTERACTIVE); the ceiling keeps a hostile header from making us
 * allocate gigabytes or spin for minutes before the tag is even checked.
 */
#define KS_OPS_MIN crypto_pwhash_OPSLIMIT_INTERACTIVE
#define KS_OPS_MAX 16u
#define KS_MEMKIB_MIN (crypto_pwhash_MEMLIMIT_INTERACTIVE / 1024)
#define KS_MEMKIB_MAX (1024u * 1024u) /* 1 GiB */
#define KS_PASS_MAX 4096

static void put_u32le(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static uint32_t get_u32le(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 |
		(uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Derive the file key into sodium_malloc'ed memory from the header's salt and limits. */
static int derive_key(uint8_t **key, const uint8_t *hdr,
	const char *pass, size_t passlen, rx_error *err)
{
	uint32_t ops = get_u32le(hdr + KS_OFF_OPS);
	uint32_t memkib = get_u32le(hdr + KS_OFF_MEM);

	if (!(*key = sodium_malloc(KS_KEY_BYTES)))
		return rx_error_nomem(err);
	if (crypto_pwhash(*key, KS_KEY_BYTES, pass, passlen,
	    hdr + KS_OFF_SALT, ops, (size_t)memkib * 1024,
	    crypto_pwhash_ALG_ARGON2ID13) != 0) {
		sodium_free(*key);
		*key = NULL;
		return rx_error_set(err, RX_EINTERNAL,
			"Argon2id failed (out of memory?)");
	}
	return 0;
}

static int check_pass(size_t passlen, rx_error *err)
{
	if (passlen > KS_PASS_MAX)
		return rx_error_set(err, RX_EUSAGE,
			"passphrase longer than %d bytes", KS_PASS_MAX);
	return 0;
}

static int seal_at(rx_buf *out, const uint8_t *secret, size_t len,
	const char *pass, size_t passlen, uint32_t ops, uint32_t memkib, rx_error *err)
{
	uint8_t hdr[KS_HEADER_BYTES], *key = NULL;
	size_t start = out->len;
	int rc;

	if (sodium_init() < 0)
		return rx_error_set(err, RX_EINTERNAL, "libsodium failed to start");
	if (len == 0 || len > RX_KEYSTORE_SECRET_MAX)
		return rx_error_set(err, RX_EUSAGE,
			"keystore secret must be 1 to %d bytes", RX_KEYSTORE_SECRET_MAX);
	if (passlen == 0)
		return rx_error_set(err, RX_EUSAGE, "passphrase is empty");
	if ((rc = check_pass(passlen, err)) < 0)
		return rc;
	memcpy(hdr, KS_MAGIC, 4);
	hdr[KS_OFF_VERSION] = KS_VERSION;
	hdr[KS_OFF_ALG] = KS_ALG_ARGON2ID_XCHACHA;
	put_u32le(hdr + KS_OFF_OPS, ops);
	put_u32le(hdr + KS_OFF_MEM, memkib);
	randombytes_buf(hdr + KS_OFF_SALT, KS_SALT_BYTES);
	randombytes_buf(hdr + KS_OFF_NONCE, KS_NONCE_BYTES);
	if ((rc = derive_key(&key, hdr, pass, passlen, err)) < 0 ||
	    (rc = rx_buf_reserve(out, sizeof(hdr) + len + KS_TAG_BYTES, err)) < 0)
		goto out;
	memcpy(out->data + out->len, hdr, sizeof(hdr));
	crypto_aead_xchacha20poly1305_ietf_encrypt(
		out->data + out->len + sizeof(hdr), NULL, secret, len,
		hdr, sizeof(hdr), NULL, hdr + KS_OFF_NONCE, key);
	out->len += sizeof(hdr) + len + KS_TAG_BYTES;
	out->data[out->len] = '\0';
out:
	if (rc < 0)
		out->len = start;
	sodium_free(key);
	return rc;
}

int rx_crypto_keystore_seal(rx_buf *out, const uint8_t *secret, size_t len,
	const char *pass, size_t passlen, rx_error *err)
{
	return seal_at(out, secret, len, pass, passlen, crypto_pwhash_OPSLIMIT_MODERATE,
		(uint32_t)(crypto_pwhash_MEMLIMIT_MODERATE / 1024), err);
}

int rx_crypto_keystore_seal_weak(rx_buf *out, const uint8_t *secret, size_t len,
	const char *pass, size_t passlen, rx_error *err)
{
	return seal_at(out, secret, len, pass, passlen, crypto_pwhash_OPSLIMIT_INTERACTIVE,
		(uint32_t)(crypto_pwhash_MEMLIMIT_INTERACTIVE / 1024), err);
}

int rx_crypto_keystore_limits(uint32_t *ops, uint32_t *memkib,
	const uint8_t *file, size_t filelen)
{
	if (filelen < KS_HEADER_BYTES || memcmp(file, KS_MAGIC, 4) != 0)
		return -1;
	*ops = get_u32le(file + KS_OFF_OPS);
	*memkib = get_u32le(file + KS_OFF_MEM);
	return *ops < crypto_pwhash_OPSLIMIT_MODERATE ||
		*memkib < crypto_pwhash_MEMLIMIT_MODERATE / 1024;
}

/* Everything that can be refused without the passphrase: sizes, magic, version, limits. */
static int check_header(const uint8_t *file, size_t filelen, rx_error *err)
{
	uint32_t ops, memkib;

	if (filelen < KS_FILE_MIN)
		return rx_error_set(err, RX_ESECURITY,
			"keystore is damaged: %zu bytes, too short", filelen);
	if (filelen > KS_FILE_MAX)
		return rx_error_set(err, RX_ESECURITY,
			"keystore is damaged: %zu bytes, too long", filelen);
	if (memcmp(file, KS_MAGIC, 4) != 0)
		return rx_error_set(err, RX_ESECURITY,
			"keystore is damaged: not a runxin keystore (bad magic)");
	if (file[KS_OFF_VERSION] != KS_VERSION)
		return rx_error_set(err, RX_ESECURITY,
			"keystore is damaged: unknown version %u", file[KS_OFF_VERSION]);
	if (file[KS_OFF_ALG] != KS_ALG_ARGON2ID_XCHACHA)
		return rx_error_set(err, RX_ESECURITY,
			"keystore is damaged: unknown algorithm %u", file[KS_OFF_ALG]);
	ops = get_u32le(file + KS_OFF_OPS);
	memkib = get_u32le(file + KS_OFF_MEM);
	if (ops < KS_OPS_MIN || ops > KS_OPS_MAX ||
	    memkib < KS_MEMKIB_MIN || memkib > KS_MEMKIB_MAX)
		return rx_error_set(err, RX_ESECURITY,
			"keystore is damaged: work limits out of range "
			"(ops %u, memory %u KiB)", (unsigned)ops, (unsigned)memkib);
	return 0;
}

int rx_crypto_keystore_open(uint8_t **secret, size_t *len,
	const uint8_t *file, size_t filelen,
	const char *pass, size_t passlen, rx_error *err)
{
	uint8_t *key = NULL, *plain = NULL;
	size_t plen;
	int rc;

	*secret = NULL;
	*len = 0;
	if (sodium_init() < 0)
		return rx_error_set(err, RX_EINTERNAL, "libsodium failed to start");
	if ((rc = check_header(file, filelen, err)) < 0 ||
	    (rc = check_pass(passlen, err)) < 0)
		return rc;
	plen = filelen - KS_HEADER_BYTES - KS_TAG_BYTES;
	if (!(plain = sodium_malloc(plen)))
		return rx_error_nomem(err);
	if ((rc = derive_key(&key, file, pass, passlen, err)) < 0)
		goto out;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain, NULL, NULL,
	    file + KS_HEADER_BYTES, filelen - KS_HEADER_BYTES,
	    file, KS_HEADER_BYTES, file + KS_OFF_NONCE, key) != 0) {
		rc = rx_error_set(err, RX_ESECURITY,
			"wrong passphrase, or the keystore was altered");
		goto out;
	}
	*secret = plain;
	*len = plen;
	plain = NULL;
out:
	sodium_free(plain); /* sodium_free wipes before releasing */
	sodium_free(key);
	return rc;
}
