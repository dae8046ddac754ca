/* Internals shared by the parts of rx_sync_run. */
#ifndef RX_SYNC_SYNCINT_H
#define RX_SYNC_SYNCINT_H

#include "sync/remote.h"

#define INCOMING "refs/runxin/incoming/"

/* Callbacks of sync layered over the transport's: payload is a sync_chain. */
typedef struct sync_chain {
	const git_remote_callbacks *inner; /* the transport's, may be NULL */
	void *mine;                        /* sync's own context */
} sync_chain;

void sync_callbacks(git_remote_callbacks *out, sync_chain *c,
	const git_remote_callbacks *inner, void *mine);

/* The remote's refs under refs/runxin/, as listed when connecting. */
typedef struct remote_refs {
	char **names;
	git_oid *ids;
	size_t n;
} remote_refs;

int sync_ls(remote_refs *out, git_remote *remote, rx_error *err);
void sync_refs_free(remote_refs *r);
const git_oid *sync_refs_find(const remote_refs *r, const char *name);

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

#endif
