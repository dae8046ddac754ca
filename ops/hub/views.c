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

#define XFER_MAX 64 /* receiving schools whose views one push refreshes */

/*
 * Every update git took in goes to the push log (the refs themselves are read
 * from the view); the receiving schools of transfer chains go to to[].
 */
static void log_accepted(rx_home *h, FILE *in, char to[][RX_NODE_ID_LEN + 1], size_t *nto)
{
	git_repository *repo = NULL;
	char line[512], o[GIT_OID_HEXSZ + 1], n[GIT_OID_HEXSZ + 1], ref[256];
	git_oid old, new_;

	(void)git_repository_open_ext(&repo, NULL, GIT_REPOSITORY_OPEN_FROM_ENV, NULL);
	while (fgets(line, sizeof(line), in))
		if (sscanf(line, "%40s %40s %255s", o, n, ref) == 3 &&
		    git_oid_fromstr(&old, o) == 0 && git_oid_fromstr(&new_, n) == 0) {
			rx_hub_log_push(h, repo, ref, &old, &new_, 1, "");
			if (!strncmp(ref, "refs/runxin/xfer/", 17) &&
			    strlen(ref + 17) == 2 * RX_NODE_ID_LEN + 1 && *nto < XFER_MAX)
				snprintf(to[(*nto)++], RX_NODE_ID_LEN + 1, "%.*s",
					RX_NODE_ID_LEN, ref + 17);
		}
	git_repository_free(repo);
}

int rx_hub_post_receive(rx_home *h, FILE *in, rx_error *err)
{
	const char *git_dir = getenv("GIT_DIR");
	char dir[PATH_MAX], school[RX_NODE_ID_LEN + 1], *repo = NULL;
	char to[XFER_MAX][RX_NODE_ID_LEN + 1];
	size_t made, moved, nto = 0;
	int rc = 0, view;

	if (rx_sync_git_init() < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "starting libgit2");
	log_accepted(h, in, to, &nto);
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
	/* a transfer pushed into a view reaches the receiving school's view at once */
	for (size_t i = 0; view && rc == 0 && i < nto; i++)
		rc = rx_sync_views_update(repo, h->db, h->node, to[i], &made, &moved, err);
out:
	free(repo);
	return rc;
}
