/* Hub duties: the pre-receive hook, checkpoints, and the receipts a school reads from them. */
#ifndef RX_OPS_HUB_H
#define RX_OPS_HUB_H

#include <git2.h>
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

/* -- Per-school views (docs/sync.md, "Views"): HOME/repo.git/views/<school>.git. -- */

/*
 * Make a view for every school below this hub (or only school only) and
 * move its refs up to the hub's. *made views created, *moved refs moved.
 */
int rx_hub_views(rx_home *h, const char *only, size_t *made, size_t *moved,
	rx_error *err);

/*
 * git's post-receive hook of the hub's repository and of every view: a
 * push into a view moves the hub's branches forward and refreshes that
 * view; a push into the hub's repository refreshes every view.
 */
int rx_hub_post_receive(rx_home *h, FILE *in, rx_error *err);

/* -- The push log, HOME/hub.log: "time accepted|refused node ref change-sets bytes reason", tab-separated. -- */

#define RX_HUB_LOG "hub.log"

/* Append one pushed branch; repo (may be NULL) holds new_, to count its change-sets and bytes. */
void rx_hub_log_push(rx_home *h, git_repository *repo, const char *ref,
	const git_oid *old, const git_oid *new_, int accepted, const char *reason);

typedef struct rx_hub_log_entry {
	int64_t time;
	int accepted;
	char node[RX_NODE_ID_LEN + 8];
	const char *ref, *reason;
	uint64_t changesets, bytes;
} rx_hub_log_entry;

typedef void (*rx_hub_log_fn)(void *ctx, const rx_hub_log_entry *e);

/* Call fn for each line of the log, oldest first. 0 (also with no log yet). */
int rx_hub_log_read(rx_hub_log_fn fn, void *ctx, rx_home *h);

/* -- Status: the county officer's view of its schools. -- */

#define RX_HUB_SILENT_DAYS 14          /* default of the setting hub.silent_days */

typedef struct rx_hub_school {
	char node[RX_NODE_ID_LEN + 1];
	char name[RX_NAME_MAX + 1];
	int64_t last_changeset;  /* newest change-set of the school or its devices held here; 0 none */
	int64_t last_push;       /* newest push accepted from them (hub.log); 0 none */
	uint64_t changesets;     /* change-sets held here, school and devices */
	uint64_t owed;           /* of those, not yet in the upstream hub's newest checkpoint */
	size_t refused;          /* refused pushes in hub.log */
	int silent;              /* nothing for longer than silent_days (or never) */
} rx_hub_school;

/* Every school whose parent is this hub, by name. *out malloc'ed (free()). */
int rx_hub_status(rx_hub_school **out, size_t *n, rx_home *h, int64_t now,
	int64_t silent_days, rx_error *err);

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
#define RX_HUB_MAX_REFS_PER_VIEW_PUSH 64            /* updates in one push into a view */

/*
 * May ref be pushed here? view: the school whose view the push goes into
 * ("" for the hub's own repository). A view takes only the refs it holds
 * (rx_sync_view_each) and transfer chains written by its school or its
 * devices; a transfer chain anywhere must be addressed to a school of the
 * directory other than its writer's. RX_ESECURITY with the reason if not.
 */
int rx_hub_door_ref(rx_home *h, const char *view, const char *ref, rx_error *err);

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


/* -- Serving a hub: `hub setup` and `hub check` (setup.c, check.c, perms.c; docs/hub.md). -- */

#define RX_HUB_USER "www-data"               /* Debian's lighttpd runs as it */
#define RX_HUB_CONF_DIR "/etc/lighttpd"
#define RX_HUB_CONF_NAME "90-runxin.conf"    /* in CONF_DIR/conf-available, linked from conf-enabled */
#define RX_HUB_LIGHTTPD "/usr/sbin/lighttpd"
#define RX_HUB_HTTP_BACKEND "/usr/lib/git-core/git-http-backend"

typedef struct rx_hub_serve_opts {
	const char *home;       /* the hub's home */
	const char *user;       /* the service user (NULL: www-data) */
	const char *conf_dir;   /* lighttpd's configuration (NULL: /etc/lighttpd) */
	const char *url_path;   /* where http-backend is served (NULL: /git) */
	int port;               /* a port lighttpd listens on too; 0: its own */
} rx_hub_serve_opts;

/*
 * runxin hub setup (as root, or as the service user itself): give the home
 * to the service user, install the hooks and views as that user, write and
 * enable the lighttpd snippet, then run rx_hub_check. One line per step on
 * stdout. Refuses before changing anything: RX_EUSAGE (not root, no such
 * user, lighttpd or git missing, not a county or city home), RX_EINPUT (the
 * user cannot reach the home or this program).
 */
int rx_hub_setup(const rx_hub_serve_opts *o, rx_error *err);

/*
 * runxin hub check: one line on stdout per thing wrong with the served hub
 * (owner and modes of every file in the home, the way to it, the hooks and
 * the program they run, the repository's settings, a view per school, the
 * service user opening and writing the home), each with what to do.
 * *problems counts them; 0 unless the check itself failed.
 */
int rx_hub_check(size_t *problems, const rx_hub_serve_opts *o, rx_error *err);

/* The service user's ids and home directory ($HOME for what runs as it). */
typedef struct rx_hub_user {
	char name[64];
	char dir[256];
	unsigned uid, gid;
} rx_hub_user;

/* Look up name; RX_EUSAGE if there is no such user. */
int rx_hub_user_get(rx_hub_user *u, const char *name, rx_error *err);

/* The first directory on the way to path (path itself not included) u cannot enter, malloc'ed; NULL if none. */
char *rx_hub_unreachable(const rx_hub_user *u, const char *path);

typedef void (*rx_hub_path_fn)(void *ctx, const char *path, const char *why);

/*
 * Walk the home: fn for each file or directory not owned by u, or that u
 * cannot read and write (directories: enter). fix: chown/chmod it instead
 * (*n counts what was changed). 0, or RX_EINTERNAL.
 */
int rx_hub_walk(size_t *n, const char *home, const rx_hub_user *u, int fix,
	rx_hub_path_fn fn, void *ctx, rx_error *err);

/*
 * Run fn(ctx) in a child process as u (from root; as is when u is this
 * process's user), with HOME=u's directory; the child's stdout is this
 * one's. fn returns a count (>= 0, into *value) or an error code, whose
 * message is carried back into err. RX_EUSAGE if this process cannot
 * become u (not root).
 */
int rx_hub_as_user(int *value, const rx_hub_user *u,
	int (*fn)(void *ctx, rx_error *err), void *ctx, rx_error *err);

#endif
