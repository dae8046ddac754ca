/* Derivation of purpose keys from a data master key. */
#include <sodium.h>

#include "crypto/datakey.h"

void rx_crypto_datakey_derive(uint8_t out[static 32],
	const uint8_t master[static 32], rx_datakey_purpose purpose)
{
	crypto_kdf_derive_from_key(out, 32, (uint64_t)purpose, "rxdata01", master);
}

void rx_crypto_datakey_box(uint8_t pk[static 32], uint8_t sk[static 32],
	const uint8_t master[static 32])
{
	uint8_t seed[32];

	rx_crypto_datakey_derive(seed, master, RX_DATAKEY_BOX_SEED);
	crypto_box_seed_keypair(pk, sk, seed);
	sodium_memzero(seed, sizeof(seed));
}
