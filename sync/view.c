/* Per-school views of a hub: their refs, their making, and moving refs only forward between a hub and its views. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sync/view.h"
#include "sync/syncint.h"

#define MAX_DEPTH 4

char *rx_sync_view_url(const char *url, const char *school)
{
	size_t len = strlen(url);
	char *out;

	while (len > 1 && url[len - 1] == '/')
		len--;
	if (!(out = malloc(len + RX_NODE_ID_LEN + 32)))
		return NULL;
	snprintf(out, len + RX_NODE_ID_LEN + 32, "%.*s/" RX_SYNC_VIEWS_DIR "/%s.git",
		(int)len, url, school);
	return out;
}

static void say(rx_sync_view_ref_fn fn, void *ctx, const char *kind, const char *node)
{
	char ref[96];

	snprintf(ref, sizeof(ref), "refs/runxin/%s/%s", kind, node);
	fn(ctx, ref);
}

int rx_sync_view_each(sqlite3 *db, const char *school, rx_sync_view_ref_fn fn,
	void *ctx, rx_error *err)
{
	char cur[RX_NODE_ID_LEN + 1], up[RX_NODE_ID_LEN + 1];
	sqlite3_stmt *st = NULL;

	if (strlen(school) != RX_NODE_ID_LEN || !sync_parent_of(db, school, up))
		return rx_error_set(err, RX_EUSAGE, "unknown school %s", school);
	say(fn, ctx, "nodes", school);
	if (strcmp(up, school))
		say(fn, ctx, "nodes", up);
	snprintf(cur, sizeof(cur), "%s", school);
	for (int depth = 0; depth < MAX_DEPTH; depth++) {
		say(fn, ctx, "dir", cur);
		say(fn, ctx, "checkpoints", cur);
		if (!sync_parent_of(db, cur, up) || !strcmp(up, cur))
			break;
		memcpy(cur, up, sizeof(cur));
	}
	/* every county's and the city's enrolments: the schools a transfer may go to (a few dozen refs) */
	if (sqlite3_prepare_v2(db, "SELECT node FROM certs WHERE role IN ('county','city')"
		" ORDER BY node", -1, &st, NULL) != SQLITE_OK)
		return rx_error_set(err, RX_EINTERNAL, "reading the directory: %s",
			sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW)
		if (sqlite3_column_bytes(st, 0) == RX_NODE_ID_LEN)
			say(fn, ctx, "dir", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT node FROM certs WHERE parent=? AND node<>parent"
		" ORDER BY node", -1, &st, NULL) != SQLITE_OK)
		return rx_error_set(err, RX_EINTERNAL, "reading the directory: %s",
			sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, school, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (sqlite3_column_bytes(st, 0) == RX_NODE_ID_LEN)
			say(fn, ctx, "nodes", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return 0;
}

static int put(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!(f = fopen(path, "w")))
		return -1;
	ok = fputs(text, f) >= 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

static const char view_config[] =
	"[core]\n\trepositoryformatversion = 0\n\tbare = true\n"
	"[receive]\n\tdenyNonFastForwards = true\n\tdenyDeletes = true\n\tautogc = false\n"
	"[gc]\n\tauto = 0\n\tpruneExpire = never\n"
	"[http]\n\treceivepack = true\n[daemon]\n\treceivepack = true\n";

#define HOOKS_LINK "../../" RX_SYNC_VIEW_HOOKS

/* A view whose hooks link still names the hub's own hooks (an older runxin): re-linked. */
static int repoint_hooks(const char *view, rx_error *err)
{
	char link[4400], tmp[4400], to[64];
	ssize_t n;

	snprintf(link, sizeof(link), "%s/hooks", view);
	/* an older install's link to the hub's hooks, or none (removed by hand) */
	if ((n = readlink(link, to, sizeof(to) - 1)) < 0 ? errno != ENOENT :
	    ((to[n] = 0), strcmp(to, "../../hooks")))
		return 0;
	snprintf(tmp, sizeof(tmp), "%s/.hooks.%ld", view, (long)getpid());
	unlink(tmp);
	if (symlink(HOOKS_LINK, tmp) < 0 || rename(tmp, link) < 0) {
		unlink(tmp);
		return rx_error_set(err, RX_EINTERNAL, "cannot re-link the hooks of %s: %s",
			view, strerror(errno));
	}
	return 0;
}

int rx_sync_view_create(const char *repo_path, const char *school, int *made,
	rx_error *err)
{
	char dir[4096], tmp[4200], path[4300];
	struct stat st;

	*made = 0;
	if (strlen(school) != RX_NODE_ID_LEN || strspn(school, "0123456789abcdef") !=
		RX_NODE_ID_LEN)
		return rx_error_set(err, RX_EUSAGE, "not a node id: %s", school);
	snprintf(dir, sizeof(dir), "%s/" RX_SYNC_VIEWS_DIR, repo_path);
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return rx_error_set(err, RX_EINTERNAL, "cannot create %s: %s", dir,
			strerror(errno));
	snprintf(path, sizeof(path), "%s/%s.git", dir, school);
	if (stat(path, &st) == 0)
		return repoint_hooks(path, err);
	/* made aside, then renamed: a server never sees half a view */
	snprintf(tmp, sizeof(tmp), "%s/.%s.%ld", dir, school, (long)getpid());
	snprintf(path, sizeof(path), "%s/refs", tmp);
	if (mkdir(tmp, 0755) < 0 || mkdir(path, 0755) < 0 ||
	    put(tmp, "HEAD", "ref: refs/heads/main\n") < 0 ||
	    put(tmp, "config", view_config) < 0)
		goto fail;
	snprintf(path, sizeof(path), "%s/refs/heads", tmp);
	if (mkdir(path, 0755) < 0)
		goto fail;
	snprintf(path, sizeof(path), "%s/objects", tmp);
	if (symlink("../../objects", path) < 0)
		goto fail;
	snprintf(path, sizeof(path), "%s/hooks", tmp);
	if (symlink(HOOKS_LINK, path) < 0)
		goto fail;
	snprintf(path, sizeof(path), "%s/%s.git", dir, school);
	if (rename(tmp, path) < 0)
		goto fail;
	*made = 1;
	return 0;
fail:
	rx_error_set(err, RX_EINTERNAL, "cannot create the view %s: %s", path,
		strerror(errno));
	for (const char *n = "objects\0hooks\0HEAD\0config\0refs/heads\0refs\0"; *n;
		n += strlen(n) + 1) {
		snprintf(path, sizeof(path), "%s/%s", tmp, n);
		if (remove(path) < 0 && errno != ENOENT)
			break;
	}
	rmdir(tmp);
	return err->code;
}

int rx_sync_view_advance(git_repository *dst, const char *ref, const git_oid *id,
	rx_error *err)
{
	git_reference *out = NULL;
	git_oid cur;
	int have = git_reference_name_to_id(&cur, dst, ref) == 0, rc;

	if (have && git_oid_equal(&cur, id))
		return 0;
	if (have && git_graph_descendant_of(dst, id, &cur) != 1)
		return 0; /* not ahead: left as it is */
	rc = have ? git_reference_create_matching(&out, dst, ref, id, 1, &cur, "runxin view")
		: git_reference_create(&out, dst, ref, id, 0, "runxin view");
	git_reference_free(out);
	if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS)
		return 0; /* moved by someone else meanwhile */
	if (rc < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "moving a view ref");
	return 1;
}

typedef struct refresh_ctx {
	git_repository *main, *view;
	size_t moved;
	int rc;
	rx_error *err;
} refresh_ctx;

static void refresh_one(void *p, const char *ref)
{
	refresh_ctx *c = p;
	git_oid id;
	int r;

	if (c->rc < 0 || git_reference_name_to_id(&id, c->main, ref) < 0)
		return;
	if ((r = rx_sync_view_advance(c->view, ref, &id, c->err)) < 0)
		c->rc = r;
	else
		c->moved += (size_t)r;
}

/* Is node the school or one of its devices? */
static int of_school(sqlite3 *db, const char *node, const char *school)
{
	char up[RX_NODE_ID_LEN + 1];

	return !strcmp(node, school) || (sync_parent_of(db, node, up) && !strcmp(up, school));
}

/* Transfer chains xfer/<to>/<from> with the school at either end (docs/sync.md). */
static void refresh_xfer(refresh_ctx *c, sqlite3 *db, const char *school)
{
	git_reference_iterator *it = NULL;
	git_reference *r;
	char to[RX_NODE_ID_LEN + 1];

	if (git_reference_iterator_glob_new(&it, c->main, "refs/runxin/xfer/*") < 0)
		return;
	while (c->rc >= 0 && git_reference_next(&r, it) == 0) {
		const char *rest = git_reference_name(r) + 17;
		if (strlen(rest) == 2 * RX_NODE_ID_LEN + 1 && rest[RX_NODE_ID_LEN] == '/') {
			memcpy(to, rest, RX_NODE_ID_LEN);
			to[RX_NODE_ID_LEN] = 0;
			if (!strcmp(to, school) || of_school(db, rest + RX_NODE_ID_LEN + 1, school))
				refresh_one(c, git_reference_name(r));
		}
		git_reference_free(r);
	}
	git_reference_iterator_free(it);
}

int rx_sync_view_refresh(git_repository *main, git_repository *view, sqlite3 *db,
	const char *school, size_t *moved, rx_error *err)
{
	refresh_ctx c = { main, view, 0, 0, err };
	int rc = rx_sync_view_each(db, school, refresh_one, &c, err);

	if (rc == 0)
		refresh_xfer(&c, db, school);

	if (moved)
		*moved = c.moved;
	return rc < 0 ? rc : c.rc;
}

int rx_sync_view_path_school(const char *path, char school[static RX_NODE_ID_LEN + 1])
{
	size_t len = strlen(path);
	const char *base;

	while (len > 1 && path[len - 1] == '/')
		len--;
	if (len < RX_NODE_ID_LEN + 5 + sizeof(RX_SYNC_VIEWS_DIR))
		return 0;
	base = path + len - (RX_NODE_ID_LEN + 4);
	if (strncmp(base + RX_NODE_ID_LEN, ".git", 4) ||
	    strspn(base, "0123456789abcdef") < RX_NODE_ID_LEN ||
	    strncmp(base - (sizeof(RX_SYNC_VIEWS_DIR) + 1), "/" RX_SYNC_VIEWS_DIR "/",
		sizeof(RX_SYNC_VIEWS_DIR) + 1))
		return 0;
	memcpy(school, base, RX_NODE_ID_LEN);
	school[RX_NODE_ID_LEN] = 0;
	return 1;
}

/* Is node below (or equal to) top in the directory? */
static int below(sqlite3 *db, const char *node, const char *top)
{
	char cur[RX_NODE_ID_LEN + 1], up[RX_NODE_ID_LEN + 1];

	snprintf(cur, sizeof(cur), "%s", node);
	for (int depth = 0; depth <= MAX_DEPTH; depth++) {
		if (!strcmp(cur, top))
			return 1;
		if (!sync_parent_of(db, cur, up) || !strcmp(up, cur))
			return 0;
		memcpy(cur, up, sizeof(cur));
	}
	return 0;
}

static int update_one(git_repository *main, const char *repo_path, sqlite3 *db,
	const char *school, size_t *made, size_t *moved, rx_error *err)
{
	git_repository *view = NULL;
	char path[4096];
	size_t m = 0;
	int new_ = 0, rc;

	if ((rc = rx_sync_view_create(repo_path, school, &new_, err)) < 0)
		return rc;
	*made += (size_t)new_;
	snprintf(path, sizeof(path), "%s/" RX_SYNC_VIEWS_DIR "/%s.git", repo_path, school);
	if (git_repository_open_bare(&view, path) < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "opening a school view");
	rc = rx_sync_view_refresh(main, view, db, school, &m, err);
	*moved += m;
	git_repository_free(view);
	return rc;
}

int rx_sync_views_update(const char *repo_path, sqlite3 *db, const char *top,
	const char *only, size_t *made, size_t *moved, rx_error *err)
{
	git_repository *main = NULL;
	sqlite3_stmt *st = NULL;
	int rc = 0;

	*made = *moved = 0;
	if (git_repository_open_bare(&main, repo_path) < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "opening the hub repository");
	if (sqlite3_prepare_v2(db, "SELECT node FROM certs WHERE role='school' AND"
		" (?1 IS NULL OR node=?1) ORDER BY node", -1, &st, NULL) != SQLITE_OK) {
		rc = rx_error_set(err, RX_EINTERNAL, "reading the directory: %s",
			sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_bind_text(st, 1, only, -1, SQLITE_STATIC);
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		if (sqlite3_column_bytes(st, 0) == RX_NODE_ID_LEN && below(db, s, top))
			rc = update_one(main, repo_path, db, s, made, moved, err);
	}
out:
	sqlite3_finalize(st);
	git_repository_free(main);
	return rc;
}

/* A transfer chain taken back also reaches its receiving school's view, if the hub has one. */
static int xfer_to_view(const char *repo_path, const char *ref, const git_oid *id,
	rx_error *err)
{
	const char *rest = ref + 17;
	git_repository *to = NULL;
	char path[4096];
	int rc;

	if (strlen(rest) != 2 * RX_NODE_ID_LEN + 1 || rest[RX_NODE_ID_LEN] != '/')
		return 1;
	snprintf(path, sizeof(path), "%s/" RX_SYNC_VIEWS_DIR "/%.*s.git", repo_path,
		RX_NODE_ID_LEN, rest);
	if (git_repository_open_bare(&to, path) < 0)
		return 1; /* no view of that school here: it syncs with the whole hub */
	rc = rx_sync_view_advance(to, ref, id, err);
	git_repository_free(to);
	return rc < 0 ? rc : 1;
}

int rx_sync_view_take_back(const char *repo_path, const char *view_path,
	size_t *moved, rx_error *err)
{
	git_repository *main = NULL, *view = NULL;
	git_reference_iterator *it = NULL;
	git_reference *r;
	int rc = 0;

	*moved = 0;
	if (git_repository_open_bare(&main, repo_path) < 0 ||
	    git_repository_open_bare(&view, view_path) < 0 ||
	    git_reference_iterator_glob_new(&it, view, "refs/runxin/*") < 0) {
		rc = rx_sync_git_error(err, RX_EINTERNAL, "opening a school view");
		goto out;
	}
	while (rc >= 0 && git_reference_next(&r, it) == 0) {
		const char *name = git_reference_name(r);
		if (git_reference_type(r) == GIT_REFERENCE_DIRECT &&
		    (!strncmp(name, "refs/runxin/nodes/", 18) ||
		     !strncmp(name, "refs/runxin/dir/", 16) ||
		     !strncmp(name, "refs/runxin/xfer/", 17) ||
		     !strncmp(name, "refs/runxin/checkpoints/", 24)) &&
		    (rc = rx_sync_view_advance(main, name, git_reference_target(r), err)) > 0) {
			(*moved)++;
			if (!strncmp(name, "refs/runxin/xfer/", 17))
				rc = xfer_to_view(repo_path, name, git_reference_target(r), err);
		}
		git_reference_free(r);
	}
out:
	git_reference_iterator_free(it);
	git_repository_free(view);
	git_repository_free(main);
	return rc < 0 ? rc : 0;
}
