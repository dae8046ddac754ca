/* Install runxin as the pre-receive hook of a hub's repository. */
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ops/archive/archive.h"
#include "ops/util/util.h"
#include "ops/hub/hub.h"
#include "sync/changeset.h"

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

/*
 * The hook keeping the per-school views, and the views themselves. It is
 * git's reference-transaction hook, run as a view's refs are committed and
 * before git answers the school: a school killed or cut off right after its
 * push cannot leave the hub's own branches behind its view (post-receive
 * runs only after the answer, and never if the school is gone by then).
 */
static int rx_hub_install_views(rx_home *h, const char *exe, const char *home,
	const char *dir, rx_error *err)
{
	char *hook = rx_ops_path_join(dir, "reference-transaction");
	char *old = rx_ops_path_join(dir, "post-receive");
	rx_buf prev = RX_BUF_INIT;
	rx_error ignored = { 0 };
	rx_buf script = RX_BUF_INIT;
	size_t made = 0, moved = 0;
	int rc;

	if (!hook || !old) {
		free(hook);
		free(old);
		return rx_error_nomem(err);
	}
	/* an earlier install's post-receive hook of ours: replaced by this one */
	if (rx_ops_file_read(&prev, old, 4096, &ignored) == 0 && prev.data &&
	    memmem(prev.data, prev.len, "hub post-receive", 16))
		unlink(old);
	rx_buf_free(&prev);
	free(old);
	if ((rc = rx_buf_printf(&script, err, "#!/bin/sh\n# runxin hub: keep each "
		"school's view (docs/sync.md)\n[ \"$1\" = committed ] || exit 0\n"
		"exec '%s' -C '%s' hub post-receive\n", exe, home)) == 0 &&
	    (rc = rx_ops_file_write(hook, script.data, script.len, err)) == 0) {
		chmod(hook, 0755);
		printf("installed %s\n", hook);
		if ((h->role == RX_ROLE_COUNTY || h->role == RX_ROLE_CITY) &&
		    (rc = rx_hub_views(h, NULL, &made, &moved, err)) == 0)
			printf("school views: %zu made\n", made);
	}
	rx_buf_free(&script);
	free(hook);
	return rc;
}

int rx_hub_install(rx_home *h, rx_error *err)
{
	git_repository *repo = NULL;
	char *exe = rx_ops_self_exe(), *home = realpath(h->path, NULL);
	char *dir = rx_ops_path_join(h->path, "repo.git/hooks"), *hook = NULL;
	rx_buf script = RX_BUF_INIT;
	int rc;

	if (!exe || !home || !dir || !(hook = rx_ops_path_join(dir, "pre-receive"))) {
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
	    (rc = rx_ops_file_write(hook, script.data, script.len, err)) < 0)
		goto out;
	chmod(hook, 0755);
	printf("installed %s\n", hook);
	if ((rc = rx_hub_install_views(h, exe, home, dir, err)) < 0)
		goto out;
out:
	rx_buf_free(&script);
	git_repository_free(repo);
	free(exe), free(home), free(dir), free(hook);
	return rc;
}
