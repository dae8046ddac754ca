/* Enrolment bundles: a child's certificate, its chain, and (for a device) the school's data key. */
#ifndef RX_CRYPTO_BUNDLE_H
#define RX_CRYPTO_BUNDLE_H

#include "crypto/cert.h"

#define RX_SEALED_MASTER_BYTES (32 + 48) /* crypto_box_seal of 32 bytes */

typedef struct rx_crypto_bundle {
	rx_crypto_cert chain[4]; /* chain[0]: the child; chain[n-1]: the root */
	size_t n;
	int has_datakey;
	uint8_t sealed_master[RX_SEALED_MASTER_BYTES];
} rx_crypto_bundle;

/*
 * Format a bundle (armored, BEGIN/END RUNXIN BUNDLE). When b->has_datakey,
 * the sealed master key is signed with parent_sk (the school's).
 */
int rx_crypto_bundle_format(rx_buf *out, const rx_crypto_bundle *b,
	const uint8_t parent_sk[static 64], rx_error *err);

/* Parse a bundle; the data key's signature is checked against chain[1]. */
int rx_crypto_bundle_parse(rx_crypto_bundle *out, const char *text, size_t len,
	rx_error *err);

/* Seal a 32-byte master key to a device's X25519 key, and open it there. */
int rx_crypto_master_seal(uint8_t out[static RX_SEALED_MASTER_BYTES],
	const uint8_t master[static 32], const uint8_t box_pk[static 32],
	rx_error *err);
int rx_crypto_master_open(uint8_t master[static 32],
	const uint8_t sealed[static RX_SEALED_MASTER_BYTES],
	const uint8_t box_pk[static 32], const uint8_t box_sk[static 32],
	rx_error *err);

#endif
