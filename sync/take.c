/* Take fetched branches in: verify, apply in one transaction, then move the ref. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/directory.h"
#include "sync/dirsync.h"
#include "sync/syncint.h"

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* Directory change-sets applied; the last that was, for a take in parts. */
typedef struct dir_ctx {
	const rx_sync_opts *o;
	git_oid last_ok;
	int any;
} dir_ctx;

static int apply_dir(void *ctx, const rx_cs *cs, rx_error *err)
{
	dir_ctx *d = ctx;
	int rc = rx_sync_dir_apply(d->o->db, cs, err);

	if (rc == 0)
		git_oid_cpy(&d->last_ok, &cs->id), d->any = 1;
	return rc;
}

/* Move ref from old (NULL: it must not exist yet) to new_, compare-and-swap. */
static int move_ref(git_repository *repo, const char *ref, const git_oid *new_,
	const git_oid *old)
{
	git_reference *r = NULL;
	int rc = old ? git_reference_create_matching(&r, repo, ref, new_, 1, old,
		"runxin sync") : git_reference_create(&r, repo, ref, new_, 0,
		"runxin sync");

	git_reference_free(r);
	return rc < 0 ? -1 : 0;
}

typedef enum { TAKEN, SKIPPED, REFUSED, NOT_YET, FAILED, PARTIAL } outcome;

/*
 * Move the ref from the tip verified against (another writer may have moved
 * it meanwhile) and commit the applied state; if either fails, neither stays.
 */
static outcome record(const rx_sync_opts *o, const char *ref,
	const git_oid *new_, const git_oid *old, rx_sync_report *rep)
{
	git_reference *r = NULL;

	if (move_ref(o->repo, ref, new_, old) < 0) {
		exec(o->db, "ROLLBACK TO take; RELEASE take");
		sync_refuse(o, ref, new_, "the branch moved while it was verified "
			"(another sync at the same time?): try again", rep);
		return REFUSED;
	}
	if (exec(o->db, "RELEASE take") < 0) {
		exec(o->db, "ROLLBACK TO take; RELEASE take");
		if (old)
			move_ref(o->repo, ref, old, new_);
		else if (git_reference_lookup(&r, o->repo, ref) == 0)
			git_reference_delete(r), git_reference_free(r);
		sync_refuse(o, ref, new_, "could not record the update", rep);
		return REFUSED;
	}
	rep->branches_updated++;
	return TAKEN;
}

/* Has the local branch already got this tip, or is the remote behind? */
static int nothing_new(git_repository *repo, const git_oid *old, const git_oid *new_)
{
	return old && (git_oid_equal(old, new_) ||
		git_graph_descendant_of(repo, old, new_) == 1);
}

/*
 * A directory that revokes a node another directory brings: take it up to
 * the change-set before, the rest in a later round (PARTIAL), or NOT_YET.
 */
static outcome take_prefix(const rx_sync_opts *o, const char *ref,
	const git_oid *old, const dir_ctx *dc, rx_sync_report *rep)
{
	dir_ctx d = { o, { { 0 } }, 0 };
	rx_sync_verify_opts v = { o->repo, o->db, o->now, apply_dir, &d };
	rx_error err = { 0 };

	if (!dc->any || exec(o->db, "SAVEPOINT take") < 0)
		return NOT_YET;
	if (rx_sync_verify_update(&v, ref, old, &dc->last_ok, NULL, NULL, &err) < 0) {
		exec(o->db, "ROLLBACK TO take; RELEASE take");
		return NOT_YET;
	}
	return record(o, ref, &dc->last_ok, old, rep) == TAKEN ? PARTIAL : REFUSED;
}

static outcome take_one(const rx_sync_opts *o, const char *ref,
	const git_oid *new_, int last_round, rx_sync_report *rep, rx_error *fail)
{
	rx_sync_verify_opts v = { o->repo, o->db, o->now, NULL, NULL };
	rx_sync_branch b;
	rx_error err = { 0 };
	git_oid old, fa, fb, cut_to;
	dir_ctx dc = { o, { { 0 } }, 0 };
	char name[RX_NAME_MAX + 1];
	int has_old, rc;

	if (rx_sync_branch_parse(&b, ref, "refs/runxin/", &err) < 0)
		return SKIPPED;
	has_old = git_reference_name_to_id(&old, o->repo, ref) == 0;
	if (nothing_new(o->repo, has_old ? &old : NULL, new_))
		return SKIPPED;
	/* a re-wrapped copy of a change-set we hold: nothing new (sync_push replaces it) */
	if (has_old && sync_copy_of(o->repo, &old, new_, NULL))
		return SKIPPED;
	if (!rx_directory_knows(o->db, b.author)) {
		/* not ours to judge: a node outside what this node knows (yet) */
		if (!last_round)
			return NOT_YET;
		rep->skipped_unknown++;
		return SKIPPED;
	}
	if (sync_cut_limit(o, &b, new_, &cut_to, name, sizeof(name))) {
		/* a revoked node's later change-sets: left out, the rest goes on */
		sync_warn_cut(ref, b.author, name, rep);
		if (git_oid_is_zero(&cut_to) ||
		    nothing_new(o->repo, has_old ? &old : NULL, &cut_to))
			return SKIPPED;
		new_ = &cut_to;
	}
	if (sync_forked(o, b.author)) {
		sync_refuse(o, ref, new_, "held back after a fork by this node", rep);
		return REFUSED;
	}
	v.fn = !strcmp(b.branch, "dir") ? apply_dir : !strcmp(b.branch, "nodes") ?
		o->apply : NULL;
	v.ctx = !strcmp(b.branch, "dir") ? (void *)&dc : o->apply_ctx;
	memset(&fa, 0, sizeof(fa));
	if (exec(o->db, "SAVEPOINT take") < 0)
		return REFUSED;
	rc = rx_sync_verify_update(&v, ref, has_old ? &old : NULL, new_, &fa, &fb, &err);
	if (rc < 0) {
		exec(o->db, "ROLLBACK TO take; RELEASE take");
		/* a revocation of a node whose certificate another directory brings */
		if (!last_round && !strcmp(b.branch, "dir") && strstr(err.msg, RX_DIR_NOT_YET))
			return take_prefix(o, ref, has_old ? &old : NULL, &dc, rep);
		/* a full disk is no fault of the branch: stop, quarantine nothing */
		if (rc == RX_EINTERNAL && rx_error_is_full(err.msg)) {
			rx_error_set(fail, rc, "%s", err.msg);
			return FAILED;
		}
		if (!git_oid_is_zero(&fa))
			sync_keep_fork(o, b.author, &fa, &fb);
		sync_refuse(o, ref, new_, err.msg, rep);
		return REFUSED;
	}
	return record(o, ref, new_, has_old ? &old : NULL, rep);
}

static int list_incoming(git_repository *repo, const char *branch,
	git_strarray *out, rx_error *err)
{
	char glob[128];

	snprintf(glob, sizeof(glob), INCOMING "%s/*", branch);
	if (git_reference_list(out, repo) < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "listing refs");
	/* keep only this branch kind (git_reference_list has no glob in 1.5) */
	size_t k = 0;
	for (size_t i = 0; i < out->count; i++) {
		if (!strncmp(out->strings[i], glob, strlen(glob) - 1))
			out->strings[k++] = out->strings[i];
		else
			free(out->strings[i]);
	}
	out->count = k;
	return 0;
}

int sync_take(const rx_sync_opts *o, const char *branch, rx_sync_report *rep,
	rx_error *err)
{
	git_strarray refs = { NULL, 0 };
	int last = 0, rc;

	if ((rc = list_incoming(o->repo, branch, &refs, err)) < 0)
		return rc;
	/* directory branches may depend on each other: retry while any moves */
	for (;;) {
		int moved = 0, pending = 0;
		for (size_t i = 0; i < refs.count; i++) {
			char ref[256];
			git_oid id;
			outcome oc;
			if (!refs.strings[i] ||
			    git_reference_name_to_id(&id, o->repo, refs.strings[i]) < 0)
				continue;
			snprintf(ref, sizeof(ref), "refs/runxin/%s",
				refs.strings[i] + strlen(INCOMING));
			if ((oc = take_one(o, ref, &id, last, rep, err)) == NOT_YET ||
			    oc == PARTIAL) {
				pending++;
				moved |= oc == PARTIAL;
				continue;
			}
			if (oc == FAILED) {
				git_strarray_dispose(&refs);
				return err->code;
			}
			moved |= oc == TAKEN;
			git_reference_remove(o->repo, refs.strings[i]);
			free(refs.strings[i]);
			refs.strings[i] = NULL;
		}
		if (!pending || last)
			break;
		if (!moved)
			last = 1; /* one more round reports what is still unknown */
	}
	git_strarray_dispose(&refs);
	return 0;
}
