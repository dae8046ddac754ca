/* Internals shared by the parts of rx_sync_run. */
#ifndef RX_SYNC_SYNCINT_H
#define RX_SYNC_SYNCINT_H

#include <limits.h>

#include "sync/remote.h"

#define INCOMING "refs/runxin/incoming/"

/* The remote's refs under refs/runxin/, as listed when connecting. */
typedef struct remote_refs {
	char **names;
	git_oid *ids;
	size_t n;
} remote_refs;

/* The parent of node from the directory's index (no certificate parsed); 0 if unknown. */
int sync_parent_of(sqlite3 *db, const char *node, char out[static RX_NODE_ID_LEN + 1]);
/* May this node fetch transfer chain xfer/<rest> (rest: "<to>/<from>")? */
int sync_xfer_entitled(const rx_sync_opts *o, const char *rest);

int sync_ls(remote_refs *out, git_remote *remote, rx_error *err);
void sync_refs_free(remote_refs *r);
const git_oid *sync_refs_find(const remote_refs *r, const char *name);

/* The caller's remote callbacks chained with sync's own hooks (given self). */
typedef struct sync_chain {
	git_remote_callbacks user;
	int (*fetch_progress)(const git_indexer_progress *p, void *self);
	int (*update)(const char *ref, const char *status, void *self);
	int (*sideband)(const char *text, int len, void *self);
	void *self;
} sync_chain;

/* Fill cb so that it calls c's hooks and the caller's (o->callbacks); c must outlive cb. */
void sync_chain_init(git_remote_callbacks *cb, sync_chain *c,
	const rx_sync_opts *o);

/*
 * A failed network call (o may be NULL): RX_ESECURITY if the host key was
 * refused or a copy on a path (a stick) is damaged, else RX_ETRANSPORT
 * "what: <git error>".
 */
int sync_net_error(const rx_sync_opts *o, git_remote *remote, const char *what,
	rx_error *err);

/* Fetch these remote refs into INCOMING (same names under it). */
int sync_fetch(const rx_sync_opts *o, git_remote *remote, char **names,
	size_t n, rx_sync_report *rep, rx_error *err);

/* Verify and take in every INCOMING ref of a branch kind ("dir", ...). */
int sync_take(const rx_sync_opts *o, const char *branch, rx_sync_report *rep,
	rx_error *err);

/* Push every local branch ahead of the remote in batches. */
int sync_push(const rx_sync_opts *o, git_remote *remote,
	const remote_refs *theirs, rx_sync_report *rep, rx_error *err);

/* Record a refusal: quarantine ref, table row, report line. */
void sync_refuse(const rx_sync_opts *o, const char *ref, const git_oid *id,
	const char *reason, rx_sync_report *rep);

/* Keep both change-sets of a fork under refs/runxin/evidence/. */
void sync_keep_fork(const rx_sync_opts *o, const char *author,
	const git_oid *a, const git_oid *b);

/* Is this author held back after a fork? */
int sync_forked(const rx_sync_opts *o, const char *author);

/* The folder a path or file:// URL names, in out: 1; 0 for other URLs. */
int sync_url_local_path(char out[PATH_MAX], const char *url);

/* Is this file name one of git's locks ("<name>.lock")? */
int sync_lock_name(const char *name);

/*
 * A revoked author's branch offered past its revocation cut: 1 with *to the
 * cut's change-set (zero: none of the branch counts) and name the author's
 * name; 0 when no cut applies (verification still judges everything).
 */
int sync_cut_limit(const rx_sync_opts *o, const rx_sync_branch *b,
	const git_oid *new_, git_oid *to, char *name, size_t cap);

/* Report, in one Chinese line, that a revoked author's later change-sets were not taken. */
void sync_warn_cut(const char *ref, const char *author, const char *name,
	rx_sync_report *rep);

/*
 * Is other a re-wrapped copy (the same signed bytes, another commit id, a
 * signature not in its canonical encoding) of a canonical change-set on
 * local's branch, up to local? 1 and the genuine id if so.
 * Such a copy stands for the genuine one: it is not new, and a remote that
 * holds it gets the genuine branch over it (docs/sync.md, tamper matrix).
 */
int sync_copy_of(git_repository *repo, const git_oid *local, const git_oid *other,
	git_oid *genuine);

#endif
