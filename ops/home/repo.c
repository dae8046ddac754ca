/* The home's git repository: HOME/repo.git, opened or created on first use. */
#include <stdlib.h>

#include "ops/home/home.h"
#include "ops/util/util.h"
#include "sync/changeset.h"

int rx_home_repo(git_repository **out, rx_home *h, rx_error *err)
{
	char *p = rx_ops_path_join(h->path, "repo.git");
	int rc = 0;

	if (!p)
		return rx_error_nomem(err);
	if (rx_sync_git_init() < 0) {
		free(p);
		return rx_sync_git_error(err, RX_EINTERNAL, "starting libgit2");
	}
	if (git_repository_open_bare(out, p) < 0 &&
	    git_repository_init(out, p, 1) < 0)
		rc = rx_sync_git_error(err, RX_EINTERNAL, "opening the repository");
	free(p);
	return rc;
}
