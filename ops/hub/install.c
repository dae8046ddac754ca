/* Install runxin's hooks in a hub's repository and its school views. */
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ops/archive/archive.h"
#include "ops/util/util.h"
#include "ops/hub/hub.h"
#include "sync/changeset.h"
#include "sync/view.h"

static int set_config(git_repository *repo, rx_error *err)
{
	git_config *cfg = NULL;
	int rc = 0;

	if (git_repository_config(&cfg, repo) < 0 ||
	    git_config_set_bool(cfg, "receive.denyNonFastForwards", 1) < 0 ||
	    git_config_set_bool(cfg, "receive.denyDeletes", 1) < 0 ||
	    git_config_set_bool(cfg, "http.receivepack", 1) < 0 ||
	    git_config_set_bool(cfg, "daemon.receivepack", 1) < 0)
		rc = rx_sync_git_error(err, RX_EINTERNAL, "configuring the repository");
	git_config_free(cfg);
	return rc;
}

static int write_hook(const char *dir, const char *name, const rx_buf *script,
	rx_error *err)
{
	char *hook = rx_ops_path_join(dir, name);
	int rc;

	if (!hook)
		return rx_error_nomem(err);
	if ((rc = rx_ops_file_write(hook, script->data, script->len, err)) == 0) {
		chmod(hook, 0755);
		printf("installed %s\n", hook);
	}
	free(hook);
	return rc;
}

/* An earlier install's hook of ours named name in dir (the views' hook once lived in the hub's own hooks): removed. */
static void remove_ours(const char *dir, const char *name)
{
	char *path = rx_ops_path_join(dir, name);
	rx_buf prev = RX_BUF_INIT;
	rx_error ignored = { 0 };

	if (path && rx_ops_file_read(&prev, path, 4096, &ignored) == 0 && prev.data &&
	    memmem(prev.data, prev.len, "hub post-receive", 16))
		unlink(path);
	rx_buf_free(&prev);
	free(path);
}

/*
 * The hooks keeping the per-school views (docs/sync.md). A push into a view
 * is taken back from git's reference-transaction hook, as its refs are
 * committed and before git answers the school: a school killed right after
 * its push cannot leave the hub's branches behind its view. That hook lives
 * in REPO/view-hooks, the views' own: git runs it once per ref when it packs
 * refs, so in the hub's own hooks it would make every gc spawn thousands of
 * processes. A push into the hub itself refreshes the views from post-receive.
 */
static int rx_hub_install_views(rx_home *h, const char *exe, const char *home,
	const char *dir, const rx_buf *pre_receive, rx_error *err)
{
	char *vdir = rx_ops_path_join(h->path, "repo.git/" RX_SYNC_VIEW_HOOKS);
	rx_buf take = RX_BUF_INIT, refresh = RX_BUF_INIT;
	size_t made = 0, moved = 0;
	int rc;

	if (!vdir)
		return rx_error_nomem(err);
	remove_ours(dir, "reference-transaction");
	mkdir(vdir, 0755);
	if ((rc = rx_buf_printf(&take, err, "#!/bin/sh\n# runxin hub: a push into "
		"this school's view reaches the hub (docs/sync.md)\n[ \"$1\" = committed ]"
		" || exit 0\nexec '%s' -C '%s' hub post-receive\n", exe, home)) == 0 &&
	    (rc = rx_buf_printf(&refresh, err, "#!/bin/sh\n# runxin hub: refresh "
		"the school views (docs/sync.md)\nexec '%s' -C '%s' hub post-receive\n",
		exe, home)) == 0 &&
	    (rc = write_hook(vdir, "pre-receive", pre_receive, err)) == 0 &&
	    (rc = write_hook(vdir, "reference-transaction", &take, err)) == 0 &&
	    (rc = write_hook(dir, "post-receive", &refresh, err)) == 0 &&
	    (h->role == RX_ROLE_COUNTY || h->role == RX_ROLE_CITY) &&
	    (rc = rx_hub_views(h, NULL, &made, &moved, err)) == 0)
		printf("school views: %zu made\n", made);
	rx_buf_free(&take);
	rx_buf_free(&refresh);
	free(vdir);
	return rc;
}

int rx_hub_install(rx_home *h, rx_error *err)
{
	git_repository *repo = NULL;
	char *exe = rx_ops_self_exe(), *home = realpath(h->path, NULL);
	char *dir = rx_ops_path_join(h->path, "repo.git/hooks");
	rx_buf script = RX_BUF_INIT;
	int rc;

	if (!exe || !home || !dir) {
		rc = rx_error_nomem(err);
		goto out;
	}
	if (strchr(exe, '\'') || strchr(home, '\'')) {
		rc = rx_error_set(err, RX_EUSAGE, "paths with quotes are not supported");
		goto out;
	}
	if ((rc = rx_home_repo(&repo, h, err)) < 0 || (rc = set_config(repo, err)) < 0 ||
	    (rc = rx_hub_set_limits(repo, err)) < 0)
		goto out;
	mkdir(dir, 0755);
	if ((rc = rx_buf_printf(&script, err, "#!/bin/sh\n# runxin hub: verify every "
		"pushed change-set before git accepts it\nexec '%s' -C '%s' hub-hook\n",
		exe, home)) < 0 ||
	    (rc = write_hook(dir, "pre-receive", &script, err)) < 0 ||
	    (rc = rx_hub_install_views(h, exe, home, dir, &script, err)) < 0)
		goto out;
out:
	rx_buf_free(&script);
	git_repository_free(repo);
	free(exe), free(home), free(dir);
	return rc;
}
