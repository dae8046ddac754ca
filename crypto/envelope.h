/* Envelopes: one payload encrypted under a random content key, sealed to N recipients. */
#ifndef RX_CRYPTO_ENVELOPE_H
#define RX_CRYPTO_ENVELOPE_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/buf.h"

#define RX_KEY_ID_BYTES 8

typedef struct rx_crypto_recipient {
	uint8_t box_pk[32]; /* X25519 public key */
} rx_crypto_recipient;

/* The short id of an X25519 public key: first 8 bytes of BLAKE2b-256(pk). */
void rx_crypto_key_id(uint8_t id[static RX_KEY_ID_BYTES],
	const uint8_t box_pk[static 32]);

/*
 * Encrypt plain (XChaCha20-Poly1305, random content key, associated data
 * ad) into *payload and write the recipients' sealed content keys into
 * *keys (format in docs/envelope.md). Each recipient entry also binds the
 * hash of the payload, so swapping keys or payload between envelopes is
 * detected. Outputs are appended.
 */
int rx_crypto_envelope_seal(rx_buf *keys, rx_buf *payload,
	const uint8_t *plain, size_t len, const uint8_t *ad, size_t adlen,
	const rx_crypto_recipient *rcpt, size_t nrcpt, rx_error *err);

/*
 * Open an envelope with one recipient key pair. Appends the plaintext to
 * plain. RX_ESECURITY if this key is not a recipient, or anything was altered.
 */
int rx_crypto_envelope_open(rx_buf *plain,
	const uint8_t *keys, size_t keyslen,
	const uint8_t *payload, size_t payloadlen,
	const uint8_t *ad, size_t adlen,
	const uint8_t box_pk[static 32], const uint8_t box_sk[static 32],
	rx_error *err);

/*
 * Add a recipient to an existing envelope without touching the payload:
 * opens the content key with (box_pk, box_sk) and appends a sealed entry for
 * the new recipient to *keys (a fresh buffer holding the whole new key list).
 */
int rx_crypto_envelope_add_recipient(rx_buf *newkeys,
	const uint8_t *keys, size_t keyslen,
	const uint8_t *payload, size_t payloadlen,
	const uint8_t box_pk[static 32], const uint8_t box_sk[static 32],
	const rx_crypto_recipient *add, rx_error *err);

/* List the key ids named in a key list (bounded parse). */
int rx_crypto_envelope_key_ids(rx_buf *ids_out, const uint8_t *keys,
	size_t keyslen, rx_error *err);

#endif
