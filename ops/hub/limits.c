/* The hub's door limits: push size for stock git servers, and no object that no updated ref reaches. */
#include <stdlib.h>
#include <string.h>

#include "ops/hub/hub.h"
#include "sync/remote.h"

int rx_hub_set_limits(git_repository *repo, rx_error *err)
{
	git_config *cfg = NULL;
	int rc = 0;

	if (git_repository_config(&cfg, repo) < 0 ||
	    git_config_set_int64(cfg, "receive.maxInputSize", RX_HUB_MAX_PUSH_BYTES) < 0)
		rc = rx_sync_git_error(err, RX_EINTERNAL, "configuring the push size limit");
	git_config_free(cfg);
	return rc;
}

typedef struct oidset {
	git_oid *v;
	size_t n, cap;
} oidset;

static int oidset_add(oidset *s, const git_oid *id)
{
	if (s->n == s->cap) {
		git_oid *p = realloc(s->v, (s->cap = s->cap * 2 + 64) * sizeof(*p));
		if (!p)
			return -1;
		s->v = p;
	}
	git_oid_cpy(&s->v[s->n++], id);
	return 0;
}

static int oid_cmp(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

static int tree_entry(const char *root, const git_tree_entry *e, void *payload)
{
	return oidset_add(payload, git_tree_entry_id(e)) < 0 ? -1 : 0;
}

/* Every object of the new commits: commit, tree, subtrees, blobs. */
static int reachable(oidset *s, size_t *commits, git_repository *repo,
	const git_oid *tips, const git_oid *olds, size_t n)
{
	git_revwalk *w = NULL;
	git_oid id;
	int rc = -1;

	if (git_revwalk_new(&w, repo) < 0 || git_revwalk_hide_glob(w, "refs/") < 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		if ((!git_oid_is_zero(&tips[i]) && git_revwalk_push(w, &tips[i]) < 0) ||
		    (olds && !git_oid_is_zero(&olds[i]) && git_revwalk_hide(w, &olds[i]) < 0))
			goto out;
	while ((rc = git_revwalk_next(&id, w)) == 0) {
		git_commit *c = NULL;
		git_tree *t = NULL;
		int bad = git_commit_lookup(&c, repo, &id) < 0 || oidset_add(s, &id) < 0 ||
			oidset_add(s, git_commit_tree_id(c)) < 0 ||
			git_commit_tree(&t, c) < 0 ||
			git_tree_walk(t, GIT_TREEWALK_PRE, tree_entry, s) < 0;
		git_tree_free(t);
		git_commit_free(c);
		if (bad)
			goto out;
		(*commits)++;
	}
	rc = rc == GIT_ITEROVER ? 0 : -1;
out:
	git_revwalk_free(w);
	return rc;
}

typedef struct unref_ctx {
	const oidset *reach;
	size_t stray;
} unref_ctx;

static int count_stray(const git_oid *id, void *payload)
{
	unref_ctx *c = payload;

	if (!c->reach->n || !bsearch(id, c->reach->v, c->reach->n, sizeof(git_oid), oid_cmp))
		c->stray++;
	return 0;
}

int rx_hub_stray_objects(size_t *stray, size_t *commits, git_repository *repo,
	const char *objects_dir, const git_oid *tips, const git_oid *olds, size_t n,
	rx_error *err)
{
	oidset s = { 0 };
	git_odb *odb = NULL;
	unref_ctx c = { &s, 0 };
	int rc = 0;

	*stray = 0, *commits = 0;
	if (reachable(&s, commits, repo, tips, olds, n) < 0) {
		rc = rx_sync_git_error(err, RX_ESECURITY, "walking the pushed change-sets");
		goto out;
	}
	if (s.n)
		qsort(s.v, s.n, sizeof(git_oid), oid_cmp);
	if (git_odb_open(&odb, objects_dir) < 0 || git_odb_foreach(odb, count_stray, &c) < 0) {
		rc = rx_sync_git_error(err, RX_EINTERNAL, "listing the pushed objects");
		goto out;
	}
	*stray = c.stray;
out:
	git_odb_free(odb);
	free(s.v);
	return rc;
}
