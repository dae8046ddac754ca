/* A node's home in one encrypted, signed file: runxin backup, runxin restore --backup (docs/lifecycle.md). */
#ifndef RX_OPS_HOME_BACKUP_H
#define RX_OPS_HOME_BACKUP_H

#include <stdint.h>

#include "ops/home/home.h"

/* Largest home a backup holds (its files added up, before compression). */
#define RX_BACKUP_MAX ((size_t)1 << 31)

/*
 * Write the home h into one file at path (written aside, fsync, rename):
 * its keystore as it is (sealed under the passphrase), then every file of
 * the home (the state database as a consistent copy) compressed and
 * encrypted under a key derived from the node's signing key, and the whole
 * signed by it. Unlocks with o. *files and *bytes: what it holds.
 */
int rx_home_backup(rx_home *h, const rx_home_opts *o, const char *path,
	size_t *files, size_t *bytes, rx_error *err);

/*
 * Bring a backup back into home, a folder that must not exist: written in
 * home.restoring, renamed when whole, removed on failure. The passphrase
 * (o) opens the keystore in the file; a file altered anywhere, or not
 * made by the node whose keystore it carries, is RX_ESECURITY and nothing
 * is left. RX_EUSAGE if home exists.
 */
int rx_home_backup_restore(const char *path, const char *home,
	const rx_home_opts *o, size_t *files, rx_error *err);

#endif
