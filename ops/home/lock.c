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

static int ends_with_lock(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && !strcmp(name + n - 5, ".lock");
}

/* Remove every "*.lock" file under dir (at most depth folders down). */
static void clear_locks(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char sub[PATH_MAX];
	struct stat st;

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' ||
		    snprintf(sub, sizeof(sub), "%s/%s", dir, e->d_name) >= (int)sizeof(sub) ||
		    lstat(sub, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode) && depth > 0)
			clear_locks(sub, depth - 1);
		else if (S_ISREG(st.st_mode) && ends_with_lock(e->d_name) && unlink(sub) == 0)
			fprintf(stderr, "runxin: removed %s, left by an interrupted write\n", sub);
	}
	closedir(d);
}

/*
 * A power cut between git creating refs/.../<branch>.lock and renaming it
 * leaves the lock, and every later write to that branch fails. Only a school
 * or a device owns its repository alone (a hub's is written by git servers
 * too), and only when no other runxin process has this home open is every
 * lock file under repo.git a leftover.
 */
static void clear_stale(rx_home *h)
{
	static const char *const top[] = { "packed-refs.lock", "HEAD.lock", "config.lock" };
	char p[PATH_MAX];

	if (h->role != RX_ROLE_SCHOOL && h->role != RX_ROLE_DEVICE)
		return;
	snprintf(p, sizeof(p), "%s/repo.git/refs", h->path);
	clear_locks(p, 6);
	for (size_t i = 0; i < sizeof(top) / sizeof(top[0]); i++) {
		snprintf(p, sizeof(p), "%s/repo.git/%s", h->path, top[i]);
		if (unlink(p) == 0)
			fprintf(stderr, "runxin: removed %s, left by an interrupted write\n", p);
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
