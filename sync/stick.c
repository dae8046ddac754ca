/* Several runxin processes on one stick: each holds a shared lock while it syncs; one alone clears what a power cut left. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sync/syncint.h"
#include "sync/transport.h"

#define STICK_LOCK "runxin-lock"

static void removed(const char *path)
{
	if (unlink(path) == 0)
		fprintf(stderr, "runxin: 已清除中断写入留下的 %s (removed %s, left "
			"by an interrupted write)\n", path, path);
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
		else if (S_ISREG(st.st_mode) && sync_lock_name(e->d_name))
			removed(sub);
	}
	closedir(d);
}

/* libgit2's temporary pack and index lock ("pack_git2_*"), never read by git. */
static void clear_temp_packs(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char sub[PATH_MAX];

	if (!d)
		return;
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, "pack_git2_", 10) &&
		    snprintf(sub, sizeof(sub), "%s/%s", dir, e->d_name) < (int)sizeof(sub))
			removed(sub);
	closedir(d);
}

void rx_sync_clear_git_locks(const char *gitdir)
{
	static const char *const top[] = { "packed-refs.lock", "HEAD.lock", "config.lock" };
	char p[PATH_MAX];

	if (snprintf(p, sizeof(p), "%s/refs", gitdir) < (int)sizeof(p))
		clear_locks(p, 6);
	for (size_t i = 0; i < sizeof(top) / sizeof(top[0]); i++)
		if (snprintf(p, sizeof(p), "%s/%s", gitdir, top[i]) < (int)sizeof(p))
			removed(p);
}

/*
 * A cut between libgit2 creating refs/.../<branch>.lock on the stick and
 * renaming it leaves the lock: the branch is not moved (its objects are
 * already durable: libgit2 fsyncs the pack and index before the ref), and
 * every later push of it fails. With no other runxin on the stick, every
 * lock file is a leftover: a stick holds only runxin branches.
 */
static void clear_stale(const char *path)
{
	char p[PATH_MAX];

	rx_sync_clear_git_locks(path);
	if (snprintf(p, sizeof(p), "%s/objects/pack", path) < (int)sizeof(p))
		clear_temp_packs(p);
}

int rx_sync_url_lock_local(const char *url)
{
	char path[PATH_MAX], p[PATH_MAX];
	int fd;

	if (!sync_url_local_path(path, url) ||
	    snprintf(p, sizeof(p), "%s/" STICK_LOCK, path) >= (int)sizeof(p))
		return -1;
	if ((fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0 &&
	    (fd = open(p, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		clear_stale(path);
	/* shared from here on: others may sync with the stick, none may clear */
	if (flock(fd, LOCK_SH) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

void rx_sync_url_unlock_local(int fd)
{
	if (fd >= 0)
		close(fd);
}
