/* Several runxin processes on one home: each holds a shared lock; one alone may clear what a power cut left behind. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ops/home/home.h"
#include "ops/util/util.h"
#include "sync/transport.h"

/*
 * A power cut between git creating refs/.../<branch>.lock and renaming it
 * leaves the lock, and every later write to that branch fails. Only a school
 * or a device owns its repository alone (a hub's is written by git servers
 * too), and only when no other runxin process has this home open is every
 * lock file under repo.git a leftover.
 */
static void clear_stale(rx_home *h)
{
	char *p;

	if (h->role != RX_ROLE_SCHOOL && h->role != RX_ROLE_DEVICE)
		return;
	if ((p = rx_ops_path_join(h->path, "repo.git"))) {
		rx_sync_clear_git_locks(p);
		free(p);
	}
}

int rx_home_lock(rx_home *h, rx_error *err)
{
	char *p = rx_ops_path_join(h->path, "lock");

	if (!p)
		return rx_error_nomem(err);
	h->lock_fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(p);
	if (h->lock_fd < 0)
		return rx_error_set(err, RX_EINTERNAL, "cannot open the home's lock "
			"file in %s", h->path);
	if (flock(h->lock_fd, LOCK_EX | LOCK_NB) == 0)
		clear_stale(h);
	/* shared from here on: others may open the home, none may clear */
	if (flock(h->lock_fd, LOCK_SH) < 0)
		return rx_error_set(err, RX_EINTERNAL, "cannot lock the home %s", h->path);
	return 0;
}
