/* The keystore: secret keys sealed under a passphrase (Argon2id + XChaCha20-Poly1305). */
#ifndef RX_CRYPTO_KEYSTORE_H
#define RX_CRYPTO_KEYSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/buf.h"

#define RX_KEYSTORE_SECRET_MAX 4096

/*
 * Seal `len` secret bytes (at most RX_KEYSTORE_SECRET_MAX) under the
 * passphrase. Appends the whole keystore file image to out (format in
 * docs/keystore.md). Derived keys are wiped before returning.
 */
int rx_crypto_keystore_seal(rx_buf *out, const uint8_t *secret, size_t len,
	const char *pass, size_t passlen, rx_error *err);

/*
 * Open a keystore image. On success *secret is sodium_malloc'ed memory of
 * *len bytes that the caller frees with sodium_free. A wrong passphrase or an
 * altered file gives RX_ESECURITY with one line; a truncated or malformed
 * file gives RX_ESECURITY too, never a crash.
 */
int rx_crypto_keystore_open(uint8_t **secret, size_t *len,
	const uint8_t *file, size_t filelen,
	const char *pass, size_t passlen, rx_error *err);

#endif
