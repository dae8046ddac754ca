/* The directory by sync: certificates and revocations as directory change-sets. */
#ifndef RX_SYNC_DIRSYNC_H
#define RX_SYNC_DIRSYNC_H

#include <git2.h>
#include <sqlite3.h>

#include "sync/changeset.h"

/*
 * Publish certificate and revocation texts (concatenated canonical records)
 * as a directory change-set on the author's dir branch.
 */
int rx_sync_dir_publish(git_repository *repo, const char *author,
	const uint8_t sign_sk[static 64], const char *text, size_t len,
	rx_error *err);

/*
 * Take a verified directory change-set into the directory: each certificate
 * must be issued by the author (parent, role one step down, signature), each
 * revocation signed by the author. RX_ESECURITY if any record fails.
 * A policy change-set (same branch) is passed over: 0.
 */
int rx_sync_dir_apply(sqlite3 *db, const rx_cs *cs, rx_error *err);

/* In a refusal: a revocation names a node not (yet) in the directory. */
#define RX_DIR_NOT_YET "a node not (yet) in the directory"

#endif
