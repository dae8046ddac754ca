/* The unlocked archive of a node: state store, git repository, and the write path. */
#ifndef RX_NODE_ARCHIVE_H
#define RX_NODE_ARCHIVE_H

#include <git2.h>

#include "node/home.h"
#include "sync/meta.h"
#include "sync/store.h"

typedef struct rx_archive {
	rx_home *h;
	rx_secrets *s;
	rx_sync_store *st;
	git_repository *repo;
	uint64_t node;        /* this node's id as 64 bits (the ops' author) */
	uint64_t hlc;         /* this node's clock state */
	uint8_t box_pk[32];   /* the key archive change-sets are sealed to */
	uint8_t box_sk[32];
} rx_archive;

/*
 * Unlock the node (passphrase), derive its data keys, open the store and the
 * repository, and apply any own change-set not applied yet (after a crash).
 * RX_EUSAGE if this node holds no data key (a device not joined yet).
 */
int rx_archive_open(rx_archive **out, rx_home *h, const rx_opts *o,
	rx_error *err);
void rx_archive_close(rx_archive *a);

/* The next clock value of this node (persisted by rx_archive_write). */
uint64_t rx_archive_tick(rx_archive *a);

/* Move this node's clock past a clock seen in a change-set. */
void rx_archive_observe(rx_archive *a, uint64_t hlc);

/*
 * Write ops as one archive change-set (every op stamped with this node and
 * the given clock when its node is 0), then apply it to the store. Either
 * both happen or, after a crash, the change-set is applied on next open.
 */
int rx_archive_write(rx_archive *a, rx_sync_op *ops, size_t n, rx_error *err);

/*
 * Apply a verified change-set that this node can open (archive of its own
 * school) inside the caller's transaction, and mark it applied. Re-applying
 * is a no-op.
 */
int rx_archive_apply_cs(rx_archive *a, const git_oid *id, rx_error *err);

/* Fill the apply hook of a sync so that archive change-sets are applied as verified. */
struct rx_sync_opts;
void rx_archive_sync_hook(rx_archive *a, struct rx_sync_opts *so);

/* Apply every held archive change-set the store has not seen (after a sync). */
int rx_archive_catch_up(rx_archive *a, rx_error *err);

/* Open (creating if missing) the bare repository HOME/repo.git. */
int rx_home_repo(git_repository **out, rx_home *h, rx_error *err);

#endif
