/* The keystore: secret keys sealed under a passphrase (Argon2id + XChaCha20-Poly1305). */
#ifndef RX_CRYPTO_KEYSTORE_H
#define RX_CRYPTO_KEYSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/buf.h"

#define RX_KEYSTORE_SECRET_MAX 4096

/*
 * Seal `len` secret bytes (1 to RX_KEYSTORE_SECRET_MAX) under the
 * passphrase (1 to 4096 bytes; RX_EUSAGE otherwise), at Argon2id INTERACTIVE
 * limits. Appends the whole keystore file image to out (format in
 * docs/keystore.md); on failure out is left as it was. Derived keys are
 * wiped before returning.
 */
int rx_crypto_keystore_seal(rx_buf *out, const uint8_t *secret, size_t len,
	const char *pass, size_t passlen, rx_error *err);

/*
 * Open a keystore image. On success *secret is sodium_malloc'ed memory of
 * *len bytes that the caller frees with sodium_free. A wrong passphrase or an
 * altered file gives RX_ESECURITY with one line; a truncated or malformed
 * file ("keystore is damaged: ...") gives RX_ESECURITY too, never a crash;
 * sizes, header and work limits are checked before Argon2id runs.
 */
int rx_crypto_keystore_open(uint8_t **secret, size_t *len,
	const uint8_t *file, size_t filelen,
	const char *pass, size_t passlen, rx_error *err);

#endif
