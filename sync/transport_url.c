/* What a remote URL names, and the USB stick case: a bare repo on a path, created only when asked. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "sync/changeset.h"
#include "sync/syncint.h"
#include "sync/transport.h"

static int has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* git's rule for scp-like "user@host:path": a colon before any slash. */
static int scp_like(const char *url)
{
	const char *colon = strchr(url, ':'), *slash = strchr(url, '/');

	return colon && colon != url && (!slash || colon < slash);
}

rx_sync_url_kind rx_sync_url_kind_of(const char *url)
{
	if (!url || !*url)
		return RX_SYNC_URL_UNKNOWN;
	if (has_prefix(url, "file://"))
		return RX_SYNC_URL_FILE;
	if (has_prefix(url, "git://"))
		return RX_SYNC_URL_GIT;
	if (has_prefix(url, "http://"))
		return RX_SYNC_URL_HTTP;
	if (has_prefix(url, "https://"))
		return RX_SYNC_URL_HTTPS;
	if (has_prefix(url, "ssh://"))
		return RX_SYNC_URL_SSH;
	if (strstr(url, "://"))
		return RX_SYNC_URL_UNKNOWN;
	return scp_like(url) ? RX_SYNC_URL_SSH : RX_SYNC_URL_PATH;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* file:///a%20b -> /a b; only the empty (local) host is accepted. */
static int file_path(char out[PATH_MAX], const char *url, rx_error *err)
{
	const char *s = url + strlen("file://");
	size_t n = 0;

	if (*s != '/')
		return rx_error_set(err, RX_EUSAGE, "%s: only file:///path is supported",
			url);
	for (; *s && n + 1 < PATH_MAX; s++) {
		if (*s == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
			out[n++] = (char)(hexval(s[1]) * 16 + hexval(s[2]));
			s += 2;
		} else {
			out[n++] = *s;
		}
	}
	out[n] = '\0';
	if (*s || memchr(out, '\0', n))
		return rx_error_set(err, RX_EUSAGE, "%s: bad file URL", url);
	return 0;
}

/* The directory that would hold path must exist already. */
static int parent_exists(const char *path)
{
	char dir[PATH_MAX];
	char *slash;
	struct stat st;

	snprintf(dir, sizeof(dir), "%s", path);
	while ((slash = strrchr(dir, '/')) && slash[1] == '\0' && slash != dir)
		*slash = '\0';
	if (!(slash = strrchr(dir, '/')))
		return 1;  /* relative to the current directory */
	slash[slash == dir] = '\0';
	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

int rx_sync_damaged(rx_error *err, const char *path, const char *what,
	const char *why)
{
	return rx_error_set(err, RX_ESECURITY, "%s 上的副本已损坏, 未导入任何内容; "
		"请换一个 U 盘或与县里同步, 再重新制作此 U 盘 (the copy at %s is "
		"damaged: %s %s; nothing of it was taken in, and retrying this copy "
		"will not help)", path, path, what, why);
}

/* A loose ref file holds 40 hex digits and a newline, or "ref: NAME". */
static int ref_file_ok(const char *file)
{
	char buf[128];
	FILE *f = fopen(file, "rb");
	size_t n = f ? fread(buf, 1, sizeof(buf), f) : 0;

	if (f)
		fclose(f);
	if (n >= 5 && !memcmp(buf, "ref: ", 5))
		return 1;
	if (n != 41 || buf[40] != '\n')
		return 0;
	for (int i = 0; i < 40; i++)
		if (hexval(buf[i]) < 0)
			return 0;
	return 1;
}

int sync_lock_name(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && !strcmp(name + n - 5, ".lock");
}

/*
 * The first loose ref file under dir (refs/runxin, at most depth folders
 * down) that is not a ref: libgit2 skips such a file without a word, so a
 * damaged branch on a stick would go unseen. 1 and its path in bad, or 0.
 */
static int bad_ref_file(char bad[PATH_MAX], const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char sub[PATH_MAX];
	struct stat st;
	int found = 0;

	if (!d)
		return 0;
	while (!found && (e = readdir(d))) {
		if (e->d_name[0] == '.' ||
		    snprintf(sub, sizeof(sub), "%s/%s", dir, e->d_name) >= (int)sizeof(sub) ||
		    lstat(sub, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode))
			found = depth > 0 && bad_ref_file(bad, sub, depth - 1);
		else if (sync_lock_name(e->d_name))
			continue; /* git's lock, never a branch: a sync's or a cut's */
		else if (!S_ISREG(st.st_mode) || !ref_file_ok(sub))
			found = snprintf(bad, PATH_MAX, "%s", sub) > 0;
	}
	closedir(d);
	return found;
}

/*
 * Every ref of the bare repo at path by name (libgit2's iterator skips a
 * loose ref file it cannot read): one that is not a runxin branch is someone
 * else's repository (RX_ETRANSPORT), one that does not resolve is a damaged
 * copy (RX_ESECURITY: retrying the same copy cannot help).
 */
static int check_refs(git_repository *repo, const char *path, rx_error *err)
{
	git_reference_iterator *it = NULL;
	const char *name;
	char refs[PATH_MAX], bad[PATH_MAX];
	git_oid id;
	int rc = 0, next = 0;

	snprintf(refs, sizeof(refs), "%s/refs/runxin", path);
	if (bad_ref_file(bad, refs, 3))
		return rx_sync_damaged(err, path, bad, "is not a branch");
	if (git_reference_iterator_new(&it, repo) < 0)
		return rx_sync_damaged(err, path, "its branches", "cannot be read");
	while (rc == 0 && (next = git_reference_next_name(&name, it)) == 0) {
		if (strncmp(name, "refs/runxin/", 12) != 0)
			rc = rx_error_set(err, RX_ETRANSPORT, "%s 不是润心的同步库 "
				"(%s is not a runxin repository: it holds %s): give the "
				"stick's repository, or a new path with --create", path,
				path, name);
		else if (git_reference_name_to_id(&id, repo, name) < 0)
			rc = rx_sync_damaged(err, path, name, "cannot be read");
	}
	git_reference_iterator_free(it);
	if (rc == 0 && next != GIT_ITEROVER)
		rc = rx_sync_damaged(err, path, "its branch list", "cannot be read");
	return rc;
}

static int create_bare(const char *path, rx_error *err)
{
	git_repository_init_options o;
	git_repository *repo = NULL;

	/* No MKPATH, and the parent checked: an unmounted stick stays absent. */
	if (!parent_exists(path))
		return rx_error_set(err, RX_ETRANSPORT, "U 盘未插好? 无法创建 %s "
			"(cannot create %s: its folder does not exist, stick not "
			"mounted?)", path, path);
	git_repository_init_options_init(&o, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	o.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKDIR;
	if (git_repository_init_ext(&repo, path, &o) < 0)
		return rx_error_set(err, RX_ETRANSPORT, "cannot create %s: %s", path,
			git_error_last()->message);
	git_repository_free(repo);
	return 0;
}

static int open_or_create(const char *path, int create, rx_error *err)
{
	git_repository *repo = NULL;
	struct stat st;
	int rc = 0;

	if (stat(path, &st) < 0 && errno == ENOENT) {
		if (create)
			return create_bare(path, err);
		return rx_error_set(err, RX_ETRANSPORT, "%s 不存在, U 盘插好了吗? "
			"(%s does not exist: is the stick mounted? To start a new stick "
			"there: runxin remote add NAME %s --create)", path, path, path);
	}
	if (git_repository_open_bare(&repo, path) < 0)
		return rx_error_set(err, RX_ETRANSPORT, "%s 不是润心的同步库 (%s is "
			"not a runxin repository, a folder of other files?): give the "
			"stick's repository, or a new path with --create", path, path);
	rc = check_refs(repo, path, err);
	git_repository_free(repo);
	return rc;
}

int sync_url_local_path(char out[PATH_MAX], const char *url)
{
	rx_error e = { 0 };

	switch (rx_sync_url_kind_of(url)) {
	case RX_SYNC_URL_PATH:
		return snprintf(out, PATH_MAX, "%s", url) < PATH_MAX ? 1 : 0;
	case RX_SYNC_URL_FILE:
		return file_path(out, url, &e) == 0;
	default:
		return 0;
	}
}

int rx_sync_url_prepare_local(const char *url, int create, rx_error *err)
{
	char path[PATH_MAX];
	int rc;

	if (rx_sync_git_init() < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "starting libgit2");
	switch (rx_sync_url_kind_of(url)) {
	case RX_SYNC_URL_PATH:
		if (strlen(url) >= PATH_MAX)
			return rx_error_set(err, RX_EUSAGE, "path too long");
		return open_or_create(url, create, err);
	case RX_SYNC_URL_FILE:
		if ((rc = file_path(path, url, err)) < 0)
			return rc;
		return open_or_create(path, create, err);
	default:
		return 0;
	}
}
