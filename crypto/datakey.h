/* Keys derived from a node's 32-byte data master key (crypto_kdf). */
#ifndef RX_CRYPTO_DATAKEY_H
#define RX_CRYPTO_DATAKEY_H

#include <stdint.h>

typedef enum rx_datakey_purpose {
	RX_DATAKEY_BOX_SEED = 1, /* seed of the X25519 key archive change-sets are sealed to */
	RX_DATAKEY_AT_REST = 2,  /* encrypts personal fields in the state database */
	RX_DATAKEY_BLIND = 3     /* keys the blind index of record ids */
} rx_datakey_purpose;

/* out = KDF(master, purpose). Caller keeps both in sodium_malloc memory. */
void rx_crypto_datakey_derive(uint8_t out[static 32],
	const uint8_t master[static 32], rx_datakey_purpose purpose);

/* The X25519 key pair derived from a master key. */
void rx_crypto_datakey_box(uint8_t pk[static 32], uint8_t sk[static 32],
	const uint8_t master[static 32]);

#endif
