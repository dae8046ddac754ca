/* A school's recovery key and the recovery material sealed to it on the school's branch (docs/lifecycle.md). */
#ifndef RX_OPS_ARCHIVE_RECOVERY_H
#define RX_OPS_ARCHIVE_RECOVERY_H

#include <git2.h>

#include "crypto/recovery.h"
#include "ops/archive/archive.h"
#include "ops/home/epochs.h"

/* The setting that holds the recovery key's public X25519 key (base64). */
#define RX_RECOVERY_SETTING "recovery.box-key"

/*
 * At a school's init: a new recovery secret; its public key is kept in the
 * settings, the secret only in *text (its paper form), never on disk.
 */
int rx_archive_recovery_new(char text[static RX_RECOVERY_TEXT_MAX], rx_home *h,
	const char *school, rx_error *err);

/* The recovery public key of this school, if it has one: 1, else 0. */
int rx_archive_recovery_pk(uint8_t pk[static 32], rx_home *h);

/*
 * Write the recovery material: one archive change-set on the school's
 * branch sealed to the recovery key only, holding "RXRECOV1", the school's
 * signing key (64), its master key (32), u32 LE length and text of its
 * certificate chain (school first, root last), and a grant of every epoch.
 * At a school that has a recovery key and a chain (after join); else 0,
 * nothing written.
 */
int rx_archive_recovery_seal(rx_archive *a, rx_error *err);

/* What the recovery key opens. sodium_malloc'ed; rx_archive_recovered_free wipes. */
typedef struct rx_recovered {
	uint8_t sign_sk[64];
	uint8_t master[32];
	rx_crypto_cert chain[4]; /* the school's, up to the root */
	size_t n;
	size_t grants;           /* grants taken into the epochs */
} rx_recovered;

/*
 * Walk the school's branch at ref (fetched, not yet verified), oldest
 * first: every archive change-set sealed to the recovery key, signed by
 * the school's key it holds, is opened; the newest material is kept and
 * every grant taken into ep. RX_ESECURITY (one line) when nothing opens,
 * or the material is not the school's the key names.
 */
int rx_archive_recovery_open(rx_recovered **out, rx_epochs *ep,
	git_repository *repo, const char *ref, const char *school,
	const uint8_t secret[static 32], rx_error *err);
void rx_archive_recovered_free(rx_recovered *r);

#endif
