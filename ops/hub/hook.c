/* The hub's pre-receive hook: verify every pushed update and refuse bad pushes at the door. */
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

#define MAX_UPDATES 100000

typedef struct update {
	git_oid old, new_;
	char ref[256];
} update;

static int apply_dir(void *ctx, const rx_cs *cs, rx_error *err)
{
	return rx_sync_dir_apply(ctx, cs, err);
}

static int check_update(rx_home *h, git_repository *repo, const update *u,
	rx_error *err)
{
	rx_sync_verify_opts v = { repo, h->db, (int64_t)time(NULL), NULL, NULL };
	rx_sync_branch b;
	int rc;

	if ((rc = rx_sync_branch_parse(&b, u->ref, "refs/runxin/", err)) < 0)
		return rc;
	if (git_oid_is_zero(&u->new_))
		return rx_error_set(err, RX_ESECURITY, "deleting a branch is not allowed");
	if (!strcmp(b.branch, "dir"))
		v.fn = apply_dir, v.ctx = h->db;
	return rx_sync_verify_update(&v, u->ref, &u->old, &u->new_, NULL, NULL, err);
}

static int read_updates(update **out, size_t *n, FILE *in, rx_error *err)
{
	char line[512], o[GIT_OID_HEXSZ + 1], nw[GIT_OID_HEXSZ + 1], ref[256];
	size_t cap = 0;

	*out = NULL, *n = 0;
	while (fgets(line, sizeof(line), in)) {
		if (*n == MAX_UPDATES)
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
static int check_all(rx_home *h, git_repository *repo, const update *u, size_t n)
{
	char *done = calloc(n ? n : 1, 1);
	int refused = 0, moved = 1, last = 0;

	if (!done)
		return 1;
	while (moved || !last) {
		last = !moved;
		moved = 0;
		for (size_t i = 0; i < n; i++) {
			rx_error e = { 0 };
			if (done[i] || strncmp(u[i].ref, "refs/runxin/dir/", 16))
				continue;
			if (!last && !author_known(h, u[i].ref))
				continue; /* its signer may arrive in another directory */
			if (check_update(h, repo, &u[i], &e) == 0)
				done[i] = 1, moved = 1;
			else
				done[i] = 1, refuse(&u[i], &e, &refused),
				rx_hub_log_push(h, repo, u[i].ref, &u[i].old, &u[i].new_, 0, e.msg);
		}
		if (last)
			break;
	}
	for (size_t i = 0; i < n; i++) {
		rx_error e = { 0 };
		if (!strncmp(u[i].ref, "refs/runxin/dir/", 16))
			continue;
		if (check_update(h, repo, &u[i], &e) < 0) {
			refuse(&u[i], &e, &refused);
			rx_hub_log_push(h, repo, u[i].ref, &u[i].old, &u[i].new_, 0, e.msg);
		}
	}
	free(done);
	return refused;
}

int rx_hub_hook_run(rx_home *h, FILE *in, rx_error *err)
{
	git_repository *repo = NULL;
	update *u = NULL;
	size_t n = 0;
	int rc;

	rx_sync_git_init();
	if ((rc = read_updates(&u, &n, in, err)) < 0)
		goto out;
	if (git_repository_open_ext(&repo, NULL, GIT_REPOSITORY_OPEN_FROM_ENV, NULL) < 0) {
		rc = rx_sync_git_error(err, RX_EINTERNAL, "opening the pushed repository");
		goto out;
	}
	if ((rc = rx_sync_tables(h->db, err)) < 0 ||
	    (rc = rx_home_exec(h, "BEGIN IMMEDIATE", err)) < 0)
		goto out;
	if (check_all(h, repo, u, n) > 0) {
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
