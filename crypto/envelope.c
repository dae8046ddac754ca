/* Envelopes: an XChaCha20-Poly1305 payload whose content key is sealed to each recipient. */
#include <string.h>

#include <sodium.h>

#include "crypto/envelope.h"

#define ENV_VERSION 1
#define ENV_RCPT_MAX 1024
#define ENV_KEY_BYTES crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define ENV_HASH_BYTES 32
#define ENV_NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define ENV_TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
#define ENV_PAYLOAD_MIN (ENV_NONCE_BYTES + ENV_TAG_BYTES)
/* What is sealed to a recipient: content key || BLAKE2b-256(payload). */
#define ENV_INNER_BYTES (ENV_KEY_BYTES + ENV_HASH_BYTES)
#define ENV_SEALED_BYTES (ENV_INNER_BYTES + crypto_box_SEALBYTES)
#define ENV_ENTRY_BYTES (RX_KEY_ID_BYTES + ENV_SEALED_BYTES)
#define ENV_KEYS_HEADER 3 /* version byte, u16 LE count */

void rx_crypto_key_id(uint8_t id[static RX_KEY_ID_BYTES],
	const uint8_t box_pk[static 32])
{
	uint8_t h[32];

	crypto_generichash(h, sizeof(h), box_pk, 32, NULL, 0);
	memcpy(id, h, RX_KEY_ID_BYTES);
}

/* Validate a key list's framing before anything is read from its entries. */
static int parse_keys(size_t *count, const uint8_t *keys, size_t keyslen,
	rx_error *err)
{
	size_t n;

	if (keyslen < ENV_KEYS_HEADER)
		return rx_error_set(err, RX_ESECURITY,
			"malformed keys: %zu bytes, too short", keyslen);
	if (keys[0] != ENV_VERSION)
		return rx_error_set(err, RX_ESECURITY,
			"malformed keys: unknown version %u", keys[0]);
	n = (size_t)keys[1] | (size_t)keys[2] << 8;
	if (n == 0 || n > ENV_RCPT_MAX)
		return rx_error_set(err, RX_ESECURITY,
			"malformed keys: %zu recipients (1 to %d allowed)",
			n, ENV_RCPT_MAX);
	if (keyslen != ENV_KEYS_HEADER + n * ENV_ENTRY_BYTES)
		return rx_error_set(err, RX_ESECURITY,
			"malformed keys: %zu bytes for %zu recipients", keyslen, n);
	*count = n;
	return 0;
}

static int put_keys_header(rx_buf *keys, size_t count, rx_error *err)
{
	uint8_t h[ENV_KEYS_HEADER] = { ENV_VERSION, (uint8_t)count,
		(uint8_t)(count >> 8) };

	return rx_buf_put(keys, h, sizeof(h), err);
}

/* Append id || crypto_box_seal(inner) for one recipient. */
static int put_entry(rx_buf *keys, const uint8_t inner[ENV_INNER_BYTES],
	const rx_crypto_recipient *r, rx_error *err)
{
	uint8_t *e;
	int rc;

	if ((rc = rx_buf_reserve(keys, ENV_ENTRY_BYTES, err)) < 0)
		return rc;
	e = keys->data + keys->len;
	rx_crypto_key_id(e, r->box_pk);
	if (crypto_box_seal(e + RX_KEY_ID_BYTES, inner, ENV_INNER_BYTES,
	    r->box_pk) != 0)
		return rx_error_set(err, RX_EUSAGE,
			"recipient public key is not a usable X25519 key");
	keys->len += ENV_ENTRY_BYTES;
	keys->data[keys->len] = '\0';
	return 0;
}

/* Append nonce || AEAD(plain, ad) under key to payload. */
static int put_payload(rx_buf *payload, const uint8_t *key,
	const uint8_t *plain, size_t len, const uint8_t *ad, size_t adlen,
	rx_error *err)
{
	uint8_t *p;
	int rc;

	if (len > SIZE_MAX - ENV_PAYLOAD_MIN - 1)
		return rx_error_nomem(err);
	if ((rc = rx_buf_reserve(payload, ENV_PAYLOAD_MIN + len, err)) < 0)
		return rc;
	p = payload->data + payload->len;
	randombytes_buf(p, ENV_NONCE_BYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(p + ENV_NONCE_BYTES, NULL,
		plain, len, ad, adlen, NULL, p, key);
	payload->len += ENV_PAYLOAD_MIN + len;
	payload->data[payload->len] = '\0';
	return 0;
}

int rx_crypto_envelope_seal(rx_buf *keys, rx_buf *payload,
	const uint8_t *plain, size_t len, const uint8_t *ad, size_t adlen,
	const rx_crypto_recipient *rcpt, size_t nrcpt, rx_error *err)
{
	size_t kstart = keys->len, pstart = payload->len;
	uint8_t *inner = NULL;
	int rc;

	if (sodium_init() < 0)
		return rx_error_set(err, RX_EINTERNAL, "libsodium failed to start");
	if (nrcpt == 0 || nrcpt > ENV_RCPT_MAX)
		return rx_error_set(err, RX_EUSAGE,
			"an envelope needs 1 to %d recipients, not %zu",
			ENV_RCPT_MAX, nrcpt);
	if (!(inner = sodium_malloc(ENV_INNER_BYTES)))
		return rx_error_nomem(err);
	crypto_aead_xchacha20poly1305_ietf_keygen(inner);
	if ((rc = put_payload(payload, inner, plain, len, ad, adlen, err)) < 0)
		goto out;
	crypto_generichash(inner + ENV_KEY_BYTES, ENV_HASH_BYTES,
		payload->data + pstart, payload->len - pstart, NULL, 0);
	if ((rc = put_keys_header(keys, nrcpt, err)) < 0)
		goto out;
	for (size_t i = 0; i < nrcpt && rc == 0; i++)
		rc = put_entry(keys, inner, &rcpt[i], err);
out:
	if (rc < 0) {
		keys->len = kstart;
		payload->len = pstart;
	}
	sodium_free(inner);
	return rc;
}

/*
 * Unseal our entry into inner. Entries carrying our key id are tried in turn
 * (ids are 64 bits, so two recipients may share one); an id that is not
 * there means we are not a recipient.
 */
static int unseal_entry(uint8_t inner[ENV_INNER_BYTES],
	const uint8_t *keys, size_t count,
	const uint8_t pk[static 32], const uint8_t sk[static 32], rx_error *err)
{
	uint8_t id[RX_KEY_ID_BYTES];
	const uint8_t *e;
	int found = 0;

	rx_crypto_key_id(id, pk);
	for (size_t i = 0; i < count; i++) {
		e = keys + ENV_KEYS_HEADER + i * ENV_ENTRY_BYTES;
		if (memcmp(e, id, RX_KEY_ID_BYTES) != 0)
			continue;
		found = 1;
		if (crypto_box_seal_open(inner, e + RX_KEY_ID_BYTES,
		    ENV_SEALED_BYTES, pk, sk) == 0)
			return 0;
	}
	if (!found)
		return rx_error_set(err, RX_ESECURITY,
			"not a recipient of this envelope");
	return rx_error_set(err, RX_ESECURITY,
		"keys entry for this key does not open (altered, or wrong secret key)");
}

/*
 * Check framing, unseal our entry and check that it was made for this very
 * payload. On success *inner is sodium_malloc'ed (key || payload hash).
 */
static int open_inner(uint8_t **inner, size_t *count,
	const uint8_t *keys, size_t keyslen,
	const uint8_t *payload, size_t payloadlen,
	const uint8_t pk[static 32], const uint8_t sk[static 32], rx_error *err)
{
	uint8_t h[ENV_HASH_BYTES];
	int rc;

	*inner = NULL;
	if (sodium_init() < 0)
		return rx_error_set(err, RX_EINTERNAL, "libsodium failed to start");
	if ((rc = parse_keys(count, keys, keyslen, err)) < 0)
		return rc;
	if (payloadlen < ENV_PAYLOAD_MIN)
		return rx_error_set(err, RX_ESECURITY,
			"malformed payload: %zu bytes, too short", payloadlen);
	if (!(*inner = sodium_malloc(ENV_INNER_BYTES)))
		return rx_error_nomem(err);
	if ((rc = unseal_entry(*inner, keys, *count, pk, sk, err)) < 0)
		goto out;
	crypto_generichash(h, sizeof(h), payload, payloadlen, NULL, 0);
	if (sodium_memcmp(h, *inner + ENV_KEY_BYTES, ENV_HASH_BYTES) != 0)
		rc = rx_error_set(err, RX_ESECURITY,
			"keys entry does not match payload");
out:
	if (rc < 0) {
		sodium_free(*inner);
		*inner = NULL;
	}
	return rc;
}

int rx_crypto_envelope_open(rx_buf *plain,
	const uint8_t *keys, size_t keyslen,
	const uint8_t *payload, size_t payloadlen,
	const uint8_t *ad, size_t adlen,
	const uint8_t box_pk[static 32], const uint8_t box_sk[static 32],
	rx_error *err)
{
	uint8_t *inner = NULL;
	size_t count, n;
	int rc;

	if ((rc = open_inner(&inner, &count, keys, keyslen, payload,
	    payloadlen, box_pk, box_sk, err)) < 0)
		return rc;
	n = payloadlen - ENV_PAYLOAD_MIN;
	if ((rc = rx_buf_reserve(plain, n, err)) < 0)
		goto out;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain->data + plain->len,
	    NULL, NULL, payload + ENV_NONCE_BYTES, payloadlen - ENV_NONCE_BYTES,
	    ad, adlen, payload, inner) != 0) {
		rc = rx_error_set(err, RX_ESECURITY,
			"payload authentication failed");
		goto out;
	}
	plain->len += n;
	plain->data[plain->len] = '\0';
out:
	sodium_free(inner);
	return rc;
}

int rx_crypto_envelope_add_recipient(rx_buf *newkeys,
	const uint8_t *keys, size_t keyslen,
	const uint8_t *payload, size_t payloadlen,
	const uint8_t box_pk[static 32], const uint8_t box_sk[static 32],
	const rx_crypto_recipient *add, rx_error *err)
{
	size_t start = newkeys->len, count;
	uint8_t *inner = NULL;
	int rc;

	if ((rc = open_inner(&inner, &count, keys, keyslen, payload,
	    payloadlen, box_pk, box_sk, err)) < 0)
		return rc;
	if (count >= ENV_RCPT_MAX) {
		rc = rx_error_set(err, RX_EINPUT,
			"envelope already has %d recipients", ENV_RCPT_MAX);
		goto out;
	}
	if ((rc = put_keys_header(newkeys, count + 1, err)) < 0 ||
	    (rc = rx_buf_put(newkeys, keys + ENV_KEYS_HEADER,
	    keyslen - ENV_KEYS_HEADER, err)) < 0 ||
	    (rc = put_entry(newkeys, inner, add, err)) < 0)
		goto out;
out:
	if (rc < 0)
		newkeys->len = start;
	sodium_free(inner);
	return rc;
}

int rx_crypto_envelope_key_ids(rx_buf *ids_out, const uint8_t *keys,
	size_t keyslen, rx_error *err)
{
	size_t count, start = ids_out->len;
	int rc;

	if ((rc = parse_keys(&count, keys, keyslen, err)) < 0)
		return rc;
	for (size_t i = 0; i < count && rc == 0; i++)
		rc = rx_buf_put(ids_out, keys + ENV_KEYS_HEADER +
			i * ENV_ENTRY_BYTES, RX_KEY_ID_BYTES, err);
	if (rc < 0)
		ids_out->len = start;
	return rc;
}
