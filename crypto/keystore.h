/* The keystore: secret keys sealed under a passphrase (Argon2id + XChaCha20-Poly1305). */
#ifndef RX_CRYPTO_KEYSTORE_H
#define RX_CRYPTO_KEYSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/buf.h"

#define RX_KEYSTORE_SECRET_MAX 4096

/*
 * Seal `len` secret bytes (1 to RX_KEYSTORE_SECRET_MAX) under the
 * passphrase (1 to 4096 bytes; RX_EUSAGE otherwise), at Argon2id MODERATE
 * limits (3 passes, 256 MiB). Appends the whole keystore file image to out (format in
 * docs/keystore.md); on failure out is left as it was. Derived keys are
 * wiped before returning.
 */
int rx_crypto_keystore_seal(rx_buf *out, const uint8_t *secret, size_t len,
	const char *pass, size_t passlen, rx_error *err);

/*
 * As rx_crypto_keystore_seal at INTERACTIVE limits (2 passes, 64 MiB): for
 * tests and throwaway homes only. Such a file is "weak" (see below) and
 * ops/home refuses to unlock it for real use (docs/keystore.md).
 */
int rx_crypto_keystore_seal_weak(rx_buf *out, const uint8_t *secret, size_t len,
	const char *pass, size_t passlen, rx_error *err);

/*
 * The work limits a keystore image names (not checked further): 1 if they
 * are below MODERATE (a weak, test-only file), 0 if not, -1 if the image is
 * not a keystore at all.
 */
int rx_crypto_keystore_limits(uint32_t *ops, uint32_t *memkib,
	const uint8_t *file, size_t filelen);

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

/*
 * A simple strength estimate of a new passphrase, in bits: the effective
 * length (a repeated character counts 1/2, one that continues a run such as
 * aaa, abc or 123 counts 1/4) times log2 of the pool its character classes
 * span (a-z 26, A-Z 26, 0-9 10, other ASCII 33, any non-ASCII character
 * such as a Chinese one 2000). *chars is the number of characters.
 */
double rx_crypto_passphrase_bits(const char *pass, size_t len, size_t *chars);

#endif
