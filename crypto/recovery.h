/* A school's recovery key: its paper text (Crockford base32 with a checksum) and the X25519 pair it derives (docs/lifecycle.md). */
#ifndef RX_CRYPTO_RECOVERY_H
#define RX_CRYPTO_RECOVERY_H

#include <stdint.h>

#include "crypto/cert.h"
#include "crypto/error.h"

/* 68 base32 characters in 17 groups of 4 joined by '-', and a NUL. */
#define RX_RECOVERY_TEXT_MAX 96

/*
 * Paper text of (school id, 32-byte secret): 8 id bytes || secret || 2
 * check bytes (BLAKE2b-256 of "runxin-recovery-1" || the 40 bytes), base32.
 */
int rx_crypto_recovery_format(char out[static RX_RECOVERY_TEXT_MAX],
	const char school[static RX_NODE_ID_LEN + 1], const uint8_t secret[static 32],
	rx_error *err);

/*
 * Read a text typed back from paper: spaces, dashes, line ends and case are
 * ignored, O reads as 0 and I, L as 1. RX_EINPUT (one line) when it is not
 * 68 such characters or its checksum does not match.
 */
int rx_crypto_recovery_parse(char school[static RX_NODE_ID_LEN + 1],
	uint8_t secret[static 32], const char *text, size_t len, rx_error *err);

/* The X25519 pair the secret derives (crypto_kdf subkey 1, context "rxrecov1"). */
void rx_crypto_recovery_box(uint8_t pk[static 32], uint8_t sk[static 32],
	const uint8_t secret[static 32]);

#endif
