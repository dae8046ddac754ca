/* Per-school views of a hub: a small repository per school that shares the hub's objects and holds only that school's refs. */
#ifndef RX_SYNC_VIEW_H
#define RX_SYNC_VIEW_H

#include <git2.h>
#include <sqlite3.h>

#include "crypto/cert.h"
#include "crypto/error.h"

/* Where a view lives below a hub's repository: REPO/views/<school>.git. */
#define RX_SYNC_VIEWS_DIR "views"

/*
 * The views' hooks: REPO/view-hooks, not the hub's own REPO/hooks, so a hook
 * that only views need (reference-transaction, which git runs once per ref
 * when it packs refs) costs the hub's upkeep nothing.
 */
#define RX_SYNC_VIEW_HOOKS "view-hooks"

/* The view URL of school under a hub's url (a path or any git URL); malloc'ed or NULL. */
char *rx_sync_view_url(const char *url, const char *school);

typedef void (*rx_sync_view_ref_fn)(void *ctx, const char *ref);

/*
 * Every ref a view of school holds, from the hub's directory db: dir/X and
 * checkpoints/X for the school and each ancestor; nodes/X for the school,
 * its parent and its devices (what rx_sync_entitled lets a school or its
 * devices fetch). RX_EUSAGE if the directory does not know the school.
 */
int rx_sync_view_each(sqlite3 *db, const char *school, rx_sync_view_ref_fn fn,
	void *ctx, rx_error *err);

/*
 * Make REPO/views/<school>.git if missing: its own refs and config, objects
 * symlinked to the hub's (a push into it lands in the hub's object store)
 * and hooks to REPO/view-hooks; gc off in it. A view made by an older
 * runxin, whose hooks were the hub's own, is re-pointed. repo_path: the
 * hub's bare repository. *made set to 1 if it was created now.
 */
int rx_sync_view_create(const char *repo_path, const char *school, int *made,
	rx_error *err);

/* Move dst's ref to id when dst lacks it or id is a descendant of dst's tip (never backwards). 1 moved, 0 not, <0 error. */
int rx_sync_view_advance(git_repository *dst, const char *ref, const git_oid *id,
	rx_error *err);

/* Bring view's refs up to the hub's (main) for school; *moved counts refs moved. */
int rx_sync_view_refresh(git_repository *main, git_repository *view, sqlite3 *db,
	const char *school, size_t *moved, rx_error *err);

/*
 * Make and refresh the view of every school below top (the hub's node) in
 * db, or only of school only (NULL: all). *made: views created, *moved:
 * refs moved forward.
 */
int rx_sync_views_update(const char *repo_path, sqlite3 *db, const char *top,
	const char *only, size_t *made, size_t *moved, rx_error *err);

/*
 * Take what was pushed into a view back into the hub's repository: each
 * runxin ref of the view that is ahead of the hub's moves the hub's forward
 * (the objects are shared already). *moved counts them.
 */
int rx_sync_view_take_back(const char *repo_path, const char *view_path,
	size_t *moved, rx_error *err);

/* Is path (a repository directory) a view: .../views/<16 hex>.git? Sets school. */
int rx_sync_view_path_school(const char *path, char school[static RX_NODE_ID_LEN + 1]);

#endif
