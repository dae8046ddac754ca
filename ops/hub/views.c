/* A hub's per-school views: made and refreshed by the hub, and pushes into them taken back by the post-receive hook. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/hub/hub.h"
#include "ops/util/util.h"
#include "sync/changeset.h"
#include "sync/view.h"

int rx_hub_views(rx_home *h, const char *only, size_t *made, size_t *moved,
	rx_error *err)
{
	char *repo = rx_ops_path_join(h->path, "repo.git");
	int rc;

	if (!repo)
		return rx_error_nomem(err);
	if (rx_sync_git_init() < 0) {
		free(repo);
		return rx_sync_git_error(err, RX_EINTERNAL, "starting libgit2");
	}
	rc = rx_sync_views_update(repo, h->db, h->node, only, made, moved, err);
	free(repo);
	return rc;
}

int rx_hub_post_receive(rx_home *h, FILE *in, rx_error *err)
{
	const char *git_dir = getenv("GIT_DIR");
	char dir[PATH_MAX], school[RX_NODE_ID_LEN + 1], line[512], *repo = NULL;
	size_t made, moved;
	int rc = 0, view;

	while (fgets(line, sizeof(line), in))
		; /* the refs are read from the view itself */
	if (rx_sync_git_init() < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "starting libgit2");
	if (!git_dir || !realpath(git_dir, dir))
		return rx_error_set(err, RX_EUSAGE, "not run by git (GIT_DIR unset)");
	view = rx_sync_view_path_school(dir, school);
	if (!(repo = rx_ops_path_join(h->path, "repo.git")))
		return rx_error_nomem(err);
	/* a push into a school's view moves only that school's refs; else refresh every view */
	if (view && (rc = rx_sync_view_take_back(repo, dir, &moved, err)) < 0)
		goto out;
	rc = rx_sync_views_update(repo, h->db, h->node, view ? school : NULL, &made,
		&moved, err);
out:
	free(repo);
	return rc;
}
