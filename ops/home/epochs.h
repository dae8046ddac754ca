/* Key epochs: the school's archive data keys after a rotation or an erasure, held in HOME/epochs (see docs/lifecycle.md). */
#ifndef RX_OPS_HOME_EPOCHS_H
#define RX_OPS_HOME_EPOCHS_H

#include <stdint.h>

#include "ops/home/home.h"

#define RX_EPOCHS_MAX 64

typedef struct rx_epoch {
	uint32_t n;          /* epoch number, 1 and up (0 is the master's key) */
	uint8_t secret[32];  /* the epoch secret; the box pair derives from it */
	uint8_t pk[32], sk[32];
} rx_epoch;

/* Held in sodium_malloc memory; rx_home_epochs_free wipes. */
typedef struct rx_epochs {
	uint8_t pk0[32], sk0[32]; /* epoch 0: the box pair of the master, if held */
	int has0;
	size_t n;
	rx_epoch e[RX_EPOCHS_MAX];
} rx_epochs;

/*
 * Load HOME/epochs, sealed under a key derived from this node's signing
 * key (itself under the passphrase). A missing file is an empty set.
 * RX_ESECURITY if the file is altered or not this node's.
 */
int rx_home_epochs_load(rx_epochs **out, rx_home *h, const rx_secrets *s,
	rx_error *err);
/* Write the set back (atomically, 0600). */
int rx_home_epochs_save(rx_home *h, const rx_secrets *s, const rx_epochs *ep,
	rx_error *err);
/* Add epoch n (no-op if held). 1 if added, 0 if held, RX_EINPUT if full or n is 0. */
int rx_home_epochs_add(rx_epochs *ep, uint32_t n, const uint8_t secret[static 32],
	rx_error *err);
/* Destroy (wipe) every held epoch below n. */
void rx_home_epochs_retire(rx_epochs *ep, uint32_t below);
/* The highest epoch held, or NULL. */
const rx_epoch *rx_home_epochs_current(const rx_epochs *ep);
void rx_home_epochs_free(rx_epochs *ep);
/*
 * A grant (docs/lifecycle.md): "RXGRANT1", u32 count, count x (u32 epoch,
 * 32-byte secret), u32 retire-below (epochs below it, and epoch 0, are
 * destroyed by whoever takes the grant; 0: none).
 */
int rx_home_grant_encode(rx_buf *out, const rx_epoch *const *e, size_t n,
	uint32_t retire, rx_error *err);
/* Take a grant into ep; *added = epochs new to this node (and retired ones). */
int rx_home_grant_take(rx_epochs *ep, const uint8_t *p, size_t len, int *added,
	rx_error *err);

#define RX_EPOCHS_BEGIN "-----BEGIN RUNXIN EPOCHS-----"
#define RX_EPOCHS_END "-----END RUNXIN EPOCHS-----"
/*
 * The epochs block a school appends to a device's bundle: every held epoch
 * sealed to the device's box key, signed by the school.
 */
int rx_home_epochs_block(rx_buf *out, const rx_epochs *ep,
	const uint8_t sign_sk[static 64], const uint8_t box_pk[static 32],
	rx_error *err);
/* At join: check the block (signed by school_sign_pk, sealed to this node) and keep its epochs. */
int rx_home_epochs_join(rx_home *h, const rx_home_opts *o, const char *text,
	size_t len, const uint8_t school_sign_pk[static 32], rx_error *err);

/* Does this home hold an epochs file? */
int rx_home_epochs_exist(rx_home *h);

#endif
