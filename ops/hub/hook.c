/* The hub's pre-receive hook: verify every pushed update and refuse bad pushes at the door. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops/archive/archive.h"
#include "ops/home/home.h"
#include "ops/hub/hub.h"
#include "sync/directory.h"
#include "sync/dirsync.h"
#include "sync/remote.h"
#include "sync/view.h"


typedef struct update {
	git_oid old, new_;
	char ref[256];
} update;

/* Directory change-sets applied; the last that was, for a take in parts. */
typedef struct dir_ctx {
	sqlite3 *db;
	git_oid last_ok;
	int any;
} dir_ctx;

static int apply_dir(void *ctx, const rx_cs *cs, rx_error *err)
{
	dir_ctx *d = ctx;
	int rc = rx_sync_dir_apply(d->db, cs, err);

	if (rc == 0)
		git_oid_cpy(&d->last_ok, &cs->id), d->any = 1;
	return rc;
}

static dir_ctx dc; /* the hook checks one update at a time */

static int check_update(rx_home *h, git_repository *repo, const update *u,
	rx_error *err)
{
	dc.db = h->db, dc.any = 0;
	rx_sync_verify_opts v = { repo, h->db, (int64_t)time(NULL), NULL, NULL };
	rx_sync_branch b;
	int rc;

	if ((rc = rx_sync_branch_parse(&b, u->ref, "refs/runxin/", err)) < 0)
		return rc;
	if (git_oid_is_zero(&u->new_))
		return rx_error_set(err, RX_ESECURITY, "deleting a branch is not allowed");
	if (!strcmp(b.branch, "dir"))
		v.fn = apply_dir, v.ctx = &dc;
	return rx_sync_verify_update(&v, u->ref, &u->old, &u->new_, NULL, NULL, err);
}

/*
 * A directory update that revokes a node another directory of the push
 * brings: apply it up to the change-set before and go on from there in a
 * later round (u->old moves; git still moves the ref as a whole). 1 if so.
 */
static int check_dir_prefix(rx_home *h, git_repository *repo, update *u)
{
	rx_error e = { 0 };
	update part = *u;

	if (!dc.any) /* left by the refused check just before */
		return 0;
	git_oid_cpy(&part.new_, &dc.last_ok);
	if (check_update(h, repo, &part, &e) < 0) {
		rx_home_exec(h, "ROLLBACK TO dir", NULL);
		return 0;
	}
	git_oid_cpy(&u->old, &part.new_);
	return 1;
}

static int read_updates(update **out, size_t *n, size_t max, FILE *in, rx_error *err)
{
	char line[512], o[GIT_OID_HEXSZ + 1], nw[GIT_OID_HEXSZ + 1], ref[256];
	size_t cap = 0;

	*out = NULL, *n = 0;
	while (fgets(line, sizeof(line), in)) {
		if (*n == max)
			return rx_error_set(err, RX_ESECURITY, "too many updates in one push");
		if (sscanf(line, "%40s %40s %255s", o, nw, ref) != 3)
			return rx_error_set(err, RX_ESECURITY, "malformed hook input");
		if (*n == cap) {
			update *p = realloc(*out, (cap = cap * 2 + 16) * sizeof(*p));
			if (!p)
				return rx_error_nomem(err);
			*out = p;
		}
		if (git_oid_fromstr(&(*out)[*n].old, o) < 0 ||
		    git_oid_fromstr(&(*out)[*n].new_, nw) < 0)
			return rx_error_set(err, RX_ESECURITY, "malformed hook input");
		snprintf((*out)[*n].ref, sizeof((*out)[*n].ref), "%s", ref);
		(*n)++;
	}
	return 0;
}

/* Is the author of a runxin branch in the hub's directory? */
static int author_known(rx_home *h, const char *ref)
{
	rx_sync_branch b;
	rx_error e = { 0 };

	return rx_sync_branch_parse(&b, ref, "refs/runxin/", &e) == 0 &&
		rx_directory_knows(h->db, b.author);
}

/* Report one refused update. */
static void refuse(const update *u, const rx_error *e, int *refused)
{
	fprintf(stderr, "runxin: refused %s: %s\n", u->ref, e->msg);
	(*refused)++;
}

/*
 * Directory updates first, in rounds: a school's directory is signed by a
 * school whose certificate may arrive in its county's directory in the same
 * push. Then the data branches.
 */
static int check_all(rx_home *h, git_repository *repo, const char *view,
	update *u, size_t n)
{
	char *done = calloc(n ? n : 1, 1);
	int refused = 0, moved = 1, last = 0;

	if (!done)
		return 1;
	for (size_t i = 0; i < n; i++) {
		rx_error e = { 0 };
		if (rx_hub_door_ref(h, view, u[i].ref, &e) < 0) {
			done[i] = 2, refuse(&u[i], &e, &refused);
			rx_hub_log_push(h, repo, u[i].ref, &u[i].old, &u[i].new_, 0, e.msg);
		}
	}
	while (moved || !last) {
		last = !moved;
		moved = 0;
		for (size_t i = 0; i < n; i++) {
			rx_error e = { 0 };
			if (done[i] || strncmp(u[i].ref, "refs/runxin/dir/", 16))
				continue;
			if (!last && !author_known(h, u[i].ref))
				continue; /* its signer may arrive in another directory */
			rx_home_exec(h, "SAVEPOINT dir", NULL);
			if (check_update(h, repo, &u[i], &e) == 0) {
				done[i] = 1, moved = 1;
			} else if (!last && strstr(e.msg, RX_DIR_NOT_YET)) {
				/* it revokes a node another directory of this push brings */
				rx_home_exec(h, "ROLLBACK TO dir", NULL);
				moved |= check_dir_prefix(h, repo, &u[i]);
			} else {
				done[i] = 1, refuse(&u[i], &e, &refused);
				rx_hub_log_push(h, repo, u[i].ref, &u[i].old, &u[i].new_, 0, e.msg);
			}
			rx_home_exec(h, "RELEASE dir", NULL);
		}
		if (last)
			break;
	}
	for (size_t i = 0; i < n; i++) {
		rx_error e = { 0 };
		if (done[i] == 2 || !strncmp(u[i].ref, "refs/runxin/dir/", 16))
			continue;
		if (check_update(h, repo, &u[i], &e) < 0) {
			refuse(&u[i], &e, &refused);
			rx_hub_log_push(h, repo, u[i].ref, &u[i].old, &u[i].new_, 0, e.msg);
		}
	}
	free(done);
	return refused;
}

/*
 * Git keeps a push's objects in a quarantine until the hook says yes: refuse
 * a push that carries objects no updated ref reaches (a 300 MiB stray blob
 * would otherwise stay for good), or too many change-sets at once.
 */
static int check_stray(git_repository *repo, const update *u, size_t n, rx_error *err)
{
	const char *q = getenv("GIT_QUARANTINE_PATH");
	git_oid *tips = calloc(n ? n : 1, sizeof(*tips)), *olds = calloc(n ? n : 1, sizeof(*olds));
	size_t stray = 0, commits = 0;
	int rc = 0;

	if (!tips || !olds) {
		rc = rx_error_nomem(err);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		tips[i] = u[i].new_, olds[i] = u[i].old;
	if (q && (rc = rx_hub_stray_objects(&stray, &commits, repo, q, tips, olds, n, err)) == 0) {
		if (stray)
			rc = rx_error_set(err, RX_ESECURITY, "push refused: it carries %zu objects "
				"that no updated branch reaches", stray);
		else if (commits > RX_HUB_MAX_CHANGESETS_PER_PUSH)
			rc = rx_error_set(err, RX_ESECURITY, "push refused: %zu change-sets, more "
				"than %d in one push", commits, RX_HUB_MAX_CHANGESETS_PER_PUSH);
	}
out:
	free(tips);
	free(olds);
	return rc;
}

/* The school whose view GIT_DIR is, or "" for the hub's own repository. */
static void which_view(char school[static RX_NODE_ID_LEN + 1])
{
	const char *git_dir = getenv("GIT_DIR");
	char dir[PATH_MAX];

	if (!git_dir || !realpath(git_dir, dir) || !rx_sync_view_path_school(dir, school))
		school[0] = 0;
}

int rx_hub_hook_run(rx_home *h, FILE *in, rx_error *err)
{
	git_repository *repo = NULL;
	char view[RX_NODE_ID_LEN + 1];
	update *u = NULL;
	size_t n = 0;
	int rc;

	rx_sync_git_init();
	which_view(view);
	if ((rc = read_updates(&u, &n, *view ? RX_HUB_MAX_REFS_PER_VIEW_PUSH :
		RX_HUB_MAX_REFS_PER_PUSH, in, err)) < 0)
		goto out;
	if (git_repository_open_ext(&repo, NULL, GIT_REPOSITORY_OPEN_FROM_ENV, NULL) < 0) {
		rc = rx_sync_git_error(err, RX_EINTERNAL, "opening the pushed repository");
		goto out;
	}
	if ((rc = check_stray(repo, u, n, err)) < 0)
		goto out;
	if ((rc = rx_sync_tables(h->db, err)) < 0 ||
	    (rc = rx_home_exec(h, "BEGIN IMMEDIATE", err)) < 0)
		goto out;
	if (check_all(h, repo, view, u, n) > 0) {
		rx_home_exec(h, "ROLLBACK", NULL);
		rc = rx_error_set(err, RX_ESECURITY, "push refused (see above)");
		goto out;
	}
	rc = rx_home_exec(h, "COMMIT", err);
out:
	free(u);
	git_repository_free(repo);
	return rc;
}
