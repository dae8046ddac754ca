/* What a remote URL names, and the USB stick case: a bare repo on a path, created if missing. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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

static int open_or_create(const char *path, rx_error *err)
{
	git_repository_init_options o;
	git_repository *repo = NULL;
	struct stat st;
	int rc = 0;

	/* No MKPATH, and the parent checked: an unmounted stick stays absent. */
	git_repository_init_options_init(&o, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	o.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKDIR;
	if (stat(path, &st) < 0 && errno == ENOENT) {
		if (!parent_exists(path))
			rc = rx_error_set(err, RX_ETRANSPORT, "cannot create %s: "
				"its directory does not exist (stick not mounted?)", path);
		else if (git_repository_init_ext(&repo, path, &o) < 0)
			rc = rx_error_set(err, RX_ETRANSPORT, "cannot create %s: %s",
				path, git_error_last()->message);
	} else if (git_repository_open_bare(&repo, path) < 0) {
		rc = rx_error_set(err, RX_EUSAGE, "%s is not a bare git repository",
			path);
	}
	git_repository_free(repo);
	return rc;
}

int rx_sync_url_prepare_local(const char *url, rx_error *err)
{
	char path[PATH_MAX];
	int rc;

	switch (rx_sync_url_kind_of(url)) {
	case RX_SYNC_URL_PATH:
		if (strlen(url) >= PATH_MAX)
			return rx_error_set(err, RX_EUSAGE, "path too long");
		return open_or_create(url, err);
	case RX_SYNC_URL_FILE:
		if ((rc = file_path(path, url, err)) < 0)
			return rc;
		return open_or_create(path, err);
	default:
		return 0;
	}
}
