/* Hub duties: the pre-receive hook, checkpoints, and the receipts a school reads from them. */
#ifndef RX_OPS_HUB_H
#define RX_OPS_HUB_H

#include <stdint.h>
#include <stdio.h>

#include "ops/home/home.h"

/* -- Hub duties: installing the pre-receive hook, running it, signing checkpoints. -- */

/* Install HOME/repo.git/hooks/pre-receive calling this program's hub-hook. */
int rx_hub_install(rx_home *h, rx_error *err);

/*
 * The pre-receive hook: read git's "<old> <new> <ref>" lines from in, verify
 * each update against the directory in h (directory branches first), and
 * take in the directories only if every update passes. Each refused update
 * gets one line on stderr; then RX_ESECURITY "push refused (see above)".
 * Opens the pushed repository from git's environment.
 */
int rx_hub_hook_run(rx_home *h, FILE *in, rx_error *err);

/*
 * Sign a checkpoint of the tips a county or city hub holds (one line per
 * node and directory branch: "<ref> <seq> <commit id>"), unlocking h's keys
 * with o. *n: the branches signed. RX_EUSAGE at any other role.
 */
int rx_hub_checkpoint_sign(size_t *n, rx_home *h, const rx_home_opts *o, rx_error *err);

/* -- Receipts: which of this node's change-sets a hub's checkpoint covers. -- */

typedef struct rx_receipt {
	char hub[RX_NODE_ID_LEN + 1];
	char hub_name[RX_NAME_MAX + 1];
	int64_t time;        /* when the hub signed the checkpoint */
	uint64_t covered;    /* own change-sets the checkpoint holds */
	uint64_t own;        /* own change-sets here */
} rx_receipt;

/*
 * The newest checkpoint of each ancestor hub held here, against this node's
 * own data branch. *out malloc'ed, *n entries.
 */
int rx_hub_receipts(rx_receipt **out, size_t *n, rx_home *h, rx_error *err);

/* -- Door limits (limits.c; docs/transports.md, "Hub door limits") -- */

#define RX_HUB_MAX_PUSH_BYTES (128LL * 1024 * 1024) /* receive.maxInputSize */
#define RX_HUB_MAX_REFS_PER_PUSH 100000             /* updates in one push */
#define RX_HUB_MAX_CHANGESETS_PER_PUSH 1000000      /* new commits in one push */

/* Set receive.maxInputSize on the hub's repository (stock git servers obey it). */
int rx_hub_set_limits(git_repository *repo, rx_error *err);

/*
 * Objects a push carries that no updated ref reaches: *stray counts the
 * objects in objects_dir (the push's quarantine) that are not a new commit
 * of tips[0..n) (olds and every existing ref hidden), nor its tree, subtree
 * or blob; *commits counts those new commits.
 */
int rx_hub_stray_objects(size_t *stray, size_t *commits, git_repository *repo,
	const char *objects_dir, const git_oid *tips, const git_oid *olds, size_t n,
	rx_error *err);

#endif
