/* A node's remotes as settings: their URLs and the ssh host keys pinned for them; what a sync target names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ops/home/home.h"
#include "ops/remote/remote.h"
#include "sync/transport.h"

int rx_remote_name_check(const char *name, rx_error *err)
{
	if (strlen(name) > 64 || strchr(name, '/') || strstr(name, "://"))
		return rx_error_set(err, RX_EUSAGE, "a remote name is a short word");
	return 0;
}

int rx_remote_pin_check(const char *hostkey, rx_error *err)
{
	uint8_t pin[32];

	if (hostkey && rx_sync_transport_pin_parse(pin, hostkey, err) < 0)
		return RX_EUSAGE;
	return 0;
}

int rx_remote_add(rx_home *h, const char *name, const char *url, const char *hostkey,
	int create, rx_error *err)
{
	char key[160];
	int rc;

	if ((rc = rx_remote_pin_check(hostkey, err)) < 0 ||
	    (rc = rx_remote_name_check(name, err)) < 0 ||
	    (create && (rc = rx_sync_url_prepare_local(url, 1, err)) < 0))
		return rc;
	snprintf(key, sizeof(key), "remote.%s", name);
	if ((rc = rx_home_set(h, key, url, err)) == 0 && hostkey) {
		/* the ssh host key pinned for this remote */
		snprintf(key, sizeof(key), "hostkey.%s", name);
		rc = rx_home_set(h, key, hostkey, err);
	}
	return rc;
}

char *rx_remote_url(rx_home *h, const char *name)
{
	char key[160];

	snprintf(key, sizeof(key), "remote.%s", name);
	return rx_home_get(h, key);
}

char *rx_remote_host_key(rx_home *h, const char *name)
{
	char key[160], *v;

	snprintf(key, sizeof(key), "hostkey.%s", name);
	if ((v = rx_home_get(h, key)))
		return v;
	return rx_home_get(h, "ssh.hostkey");
}

int rx_remote_remove(rx_home *h, const char *name, rx_error *err)
{
	sqlite3_stmt *st = NULL;
	char key[160], pin[160];
	int rc = 0;

	snprintf(key, sizeof(key), "remote.%s", name);
	snprintf(pin, sizeof(pin), "hostkey.%s", name);
	if (sqlite3_prepare_v2(h->db, "DELETE FROM settings WHERE key IN (?1, ?2)",
		-1, &st, NULL) != SQLITE_OK)
		return rx_error_set(err, RX_EINTERNAL, "state database: %s",
			sqlite3_errmsg(h->db));
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, pin, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = rx_error_set(err, RX_EINTERNAL, "state database: %s",
			sqlite3_errmsg(h->db));
	else if (sqlite3_changes(h->db) == 0)
		rc = rx_error_set(err, RX_EUSAGE, "no remote named '%s' "
			"('runxin remote list' shows them)", name);
	sqlite3_finalize(st);
	return rc;
}

int rx_remote_each(rx_home *h, rx_remote_each_fn fn, void *ctx, rx_error *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(h->db, "SELECT substr(key, 8), value FROM settings"
		" WHERE key LIKE 'remote.%' ORDER BY key", -1, &st, NULL) != SQLITE_OK)
		return rx_error_set(err, RX_EINTERNAL, "state database");
	while (sqlite3_step(st) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	return 0;
}

/* A path, as a person writes one: a '/', a leading '.' or '~', or something that is there. */
static int looks_like_path(const char *s)
{
	struct stat st;

	return strchr(s, '/') || s[0] == '.' || s[0] == '~' || stat(s, &st) == 0;
}

int rx_remote_resolve(char **url, rx_home *h, const char *target, int create,
	rx_error *err)
{
	if ((*url = rx_remote_url(h, target)))
		return 0;
	if (!create && rx_sync_url_kind_of(target) == RX_SYNC_URL_PATH &&
	    !looks_like_path(target))
		return rx_error_set(err, RX_EUSAGE, "没有名为 '%s' 的同步目标 ('%s' "
			"is neither a remote nor a path or URL): 'runxin remote list' "
			"shows the remotes; write ./%s for a folder here", target, target,
			target);
	if (!(*url = strdup(target)))
		return rx_error_nomem(err);
	return 0;
}
