/* A served hub's files and its service user: who owns what, who can reach it, running as that user. */
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ops/hub/hub.h"

int rx_hub_user_get(rx_hub_user *u, const char *name, rx_error *err)
{
	struct passwd *pw = getpwnam(name);

	if (!pw)
		return rx_error_set(err, RX_EUSAGE, "用户 %s 不存在: Debian 的 lighttpd 以 www-data "
			"运行 (no such user: %s)", name, name);
	snprintf(u->name, sizeof(u->name), "%s", pw->pw_name);
	snprintf(u->dir, sizeof(u->dir), "%s", pw->pw_dir ? pw->pw_dir : "/");
	u->uid = pw->pw_uid, u->gid = pw->pw_gid;
	return 0;
}

/* May u do what (a mode bit of the owner: 4 read, 2 write, 1 enter) with st? */
static int may(const rx_hub_user *u, const struct stat *st, unsigned what)
{
	if (u->uid == 0)
		return 1;
	if (st->st_uid == u->uid)
		return (st->st_mode >> 6 & what) == what;
	if (st->st_gid == u->gid)
		return (st->st_mode >> 3 & what) == what;
	return (st->st_mode & what) == what;
}

char *rx_hub_unreachable(const rx_hub_user *u, const char *path)
{
	size_t len = strlen(path);
	struct stat st;
	char *p = malloc(len + 2);

	if (!p)
		return NULL;
	/* "/", then each directory on the way */
	for (size_t i = 1; i < len; i++) {
		if (path[i] != '/')
			continue;
		memcpy(p, path, i);
		p[i] = '\0';
		if (i == 1 && path[0] == '/')
			continue;
		if (stat(p, &st) == 0 && !may(u, &st, S_ISDIR(st.st_mode) ? 1 : 5))
			return p;
	}
	if (stat("/", &st) == 0 && !may(u, &st, 1))
		return strcpy(p, "/");
	free(p);
	return NULL;
}

typedef struct walk_ctx {
	const rx_hub_user *u;
	int fix;
	size_t n;
	rx_hub_path_fn fn;
	void *ctx;
} walk_ctx;

static void one(walk_ctx *w, const char *path, const struct stat *st)
{
	/* directories: list, write, enter; git's objects are read-only by design */
	unsigned need = S_ISDIR(st->st_mode) ? 7 : strstr(path, "/objects/") ? 4 : 6;
	char why[320];

	if (S_ISLNK(st->st_mode))
		return;
	if (st->st_uid != w->u->uid) {
		struct passwd *pw = getpwuid(st->st_uid);
		if (w->fix) {
			if (lchown(path, w->u->uid, w->u->gid) == 0)
				w->n++;
		} else {
			snprintf(why, sizeof(why), "属于 %s, 不属于 %s (owned by %s, not %s)",
				pw ? pw->pw_name : "?", w->u->name, pw ? pw->pw_name : "?", w->u->name);
			w->fn(w->ctx, path, why);
			return;
		}
	}
	if ((st->st_mode >> 6 & need) != need) {
		if (w->fix) {
			if (chmod(path, (st->st_mode & 07777) | need << 6) == 0)
				w->n++;
		} else {
			snprintf(why, sizeof(why), "%s 不能%s (%s cannot %s it)", w->u->name,
				need == 4 ? "读" : "读写", w->u->name, need == 4 ? "read" : "read and write");
			w->fn(w->ctx, path, why);
		}
	}
}

static int walk(walk_ctx *w, const char *path, rx_error *err)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	int rc = 0;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : rx_error_set(err, RX_EINTERNAL, "%s: %s", path,
			strerror(errno));
	one(w, path, &st);
	if (!S_ISDIR(st.st_mode))
		return 0;
	if (!(d = opendir(path))) {
		if (errno != EACCES || w->fix)
			return rx_error_set(err, RX_EINTERNAL, "%s: %s", path, strerror(errno));
		w->fn(w->ctx, path, "无法列出 (cannot list it)");
		return 0;
	}
	while (rc == 0 && (e = readdir(d))) {
		char *sub;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (asprintf(&sub, "%s/%s", path, e->d_name) < 0) {
			rc = rx_error_nomem(err);
			break;
		}
		rc = walk(w, sub, err);
		free(sub);
	}
	closedir(d);
	return rc;
}

int rx_hub_walk(size_t *n, const char *home, const rx_hub_user *u, int fix,
	rx_hub_path_fn fn, void *ctx, rx_error *err)
{
	walk_ctx w = { u, fix, 0, fn, ctx };
	int rc = walk(&w, home, err);

	*n = w.n;
	return rc;
}

int rx_hub_as_user(int *value, const rx_hub_user *u,
	int (*fn)(void *ctx, rx_error *err), void *ctx, rx_error *err)
{
	int fd[2], st = 0, rc;
	char buf[RX_ERROR_MSG_MAX + 32];
	ssize_t got = 0, r;
	pid_t pid;

	*value = 0;
	if (geteuid() != u->uid && geteuid() != 0)
		return rx_error_set(err, RX_EUSAGE, "需要 root 才能以 %s 运行: 用 sudo (must be "
			"root to act as %s)", u->name, u->name);
	if (pipe(fd) < 0)
		return rx_error_set(err, RX_EINTERNAL, "pipe: %s", strerror(errno));
	fflush(stdout);
	if ((pid = fork()) < 0) {
		close(fd[0]), close(fd[1]);
		return rx_error_set(err, RX_EINTERNAL, "fork: %s", strerror(errno));
	}
	if (pid == 0) {
		rx_error e = { 0 };
		int v;
		close(fd[0]);
		if (geteuid() != u->uid && (setgroups(0, NULL) < 0 || setgid(u->gid) < 0 ||
		    setuid(u->uid) < 0))
			v = rx_error_set(&e, RX_EINTERNAL, "cannot become %s: %s", u->name,
				strerror(errno));
		else {
			setenv("HOME", u->dir, 1);
			v = fn(ctx, &e);
		}
		fflush(stdout);
		r = snprintf(buf, sizeof(buf), "%d\t%s", v, e.msg);
		if (write(fd[1], buf, (size_t)r < sizeof(buf) ? (size_t)r : sizeof(buf) - 1) < 0)
			_exit(5);
		_exit(0);
	}
	close(fd[1]);
	while ((size_t)got < sizeof(buf) - 1 &&
	       ((r = read(fd[0], buf + got, sizeof(buf) - 1 - (size_t)got)) > 0 ||
		(r < 0 && errno == EINTR)))
		got += r > 0 ? r : 0;
	close(fd[0]);
	buf[got] = '\0';
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (!got)
		return rx_error_set(err, RX_EINTERNAL, "the child acting as %s failed (status %d)",
			u->name, st);
	rc = atoi(buf);
	if (rc >= 0) {
		*value = rc;
		return 0;
	}
	return rx_error_set(err, rc, "%s", strchr(buf, '\t') ? strchr(buf, '\t') + 1 : "");
}
