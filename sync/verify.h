/* Verify a branch update (old tip -> new tip) before anything of it is applied. */
#ifndef RX_SYNC_VERIFY_H
#define RX_SYNC_VERIFY_H

#include <git2.h>
#include <sqlite3.h>

#include "sync/changeset.h"

#define RX_SYNC_MAX_WALK 1000000 /* change-sets in one branch update */

/* A branch name parsed: refs/runxin/<branch>/<author>. */
typedef struct rx_sync_branch {
	char branch[16];               /* "nodes", "dir", "checkpoints" or "xfer" */
	char author[RX_NODE_ID_LEN + 1];
	char to[RX_NODE_ID_LEN + 1];   /* xfer only: refs/runxin/xfer/<to>/<author> */
} rx_sync_branch;

/* Parse a ref name under prefix (e.g. "refs/runxin/"). RX_ESECURITY if malformed. */
int rx_sync_branch_parse(rx_sync_branch *out, const char *ref,
	const char *prefix, rx_error *err);

/* Called for each verified change-set, oldest first. */
typedef int (*rx_sync_verified_fn)(void *ctx, const rx_cs *cs, rx_error *err);

typedef struct rx_sync_verify_opts {
	git_repository *repo;
	sqlite3 *db;       /* the directory (certificates, revocations) */
	int64_t now;       /* change-sets dated after now + rx_sync_clock_ahead are refused */
	rx_sync_verified_fn fn;
	void *ctx;
} rx_sync_verify_opts;

/*
 * Verify every change-set from old (NULL or zero: the branch is new) to new
 * on branch `ref`: fast-forward, author owns the branch, kind fits the
 * branch and the author's role, contiguous sequence, signature, certificate
 * chain valid and not revoked at the change-set's time, sizes and hashes.
 * Only when all pass is fn called for each, oldest first. A fork (new does
 * not descend from old, and both hold a signed change-set of the same
 * number) gives RX_ESECURITY with "fork" in the message and the two ids in
 * *fork_a, *fork_b (when not NULL).
 */
int rx_sync_verify_update(const rx_sync_verify_opts *o, const char *ref,
	const git_oid *old, const git_oid *new_, git_oid *fork_a, git_oid *fork_b,
	rx_error *err);

/* May a node of this role write change-sets of this kind? */
int rx_sync_kind_allowed(rx_cs_kind kind, rx_role role);

/*
 * How far (seconds) a change-set's time and clocks may run ahead of the
 * verifier's clock: the setting clock-ahead-hours (1-168, default 24;
 * runxin add setting clock-ahead-hours=N), for village clocks nobody sets.
 */
#define RX_SYNC_CLOCK_AHEAD_DEFAULT (24 * 3600)
int64_t rx_sync_clock_ahead(sqlite3 *db);

#endif
