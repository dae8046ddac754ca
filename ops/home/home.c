/* Create and open a node's home: directory, state database, settings. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "ops/util/util.h"
#include "ops/home/home.h"
#include "sync/directory.h"
#include "sync/store.h"

static const char schema_sql[] =
	"PRAGMA journal_mode=WAL;"
	"CREATE TABLE IF NOT EXISTS settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS certs(node TEXT PRIMARY KEY, parent TEXT NOT NULL,"
	" role TEXT NOT NULL, name TEXT NOT NULL, text TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS revocations(node TEXT NOT NULL, by TEXT NOT NULL,"
	" time INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY(node, by));";

int rx_home_exec(rx_home *h, const char *sql, rx_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(h->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		rx_sync_db_error(err, h->db, "state database", msg);
		sqlite3_free(msg);
		return RX_EINTERNAL;
	}
	return 0;
}

static int open_db(rx_home *h, int create, rx_error *err)
{
	char *p = rx_ops_path_join(h->path, "node.db");
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	int rc = 0;

	if (!p)
		return rx_error_nomem(err);
	if (sqlite3_open_v2(p, &h->db, flags, NULL) != SQLITE_OK) {
		rc = rx_error_set(err, create ? RX_EINTERNAL : RX_EUSAGE,
			"cannot open %s: %s (run 'runxin init' first?)", p,
			h->db ? sqlite3_errmsg(h->db) : "out of memory");
		goto out;
	}
	sqlite3_busy_timeout(h->db, 10000);
	if ((rc = rx_home_exec(h, schema_sql, err)) < 0)
		goto out;
	/*
	 * FULL, not WAL's usual NORMAL: a committed transaction (a remote's
	 * settings, the clock, the marks of change-sets applied) must survive a
	 * power cut, not only stay consistent; the cost is one fsync per commit,
	 * and imports and syncs commit in large transactions (docs/RELIABILITY.md).
	 */
	rc = rx_home_exec(h, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", err);
	chmod(p, 0600);
out:
	free(p);
	return rc;
}

static int home_new(rx_home **out, const char *path, rx_error *err)
{
	if (!path || !*path)
		return rx_error_set(err, RX_EUSAGE,
			"no home: give -C HOME or set RUNXIN_HOME");
	if (sodium_init() < 0)
		return rx_error_set(err, RX_EINTERNAL, "libsodium failed to start");
	if (!(*out = calloc(1, sizeof(**out))) || !((*out)->path = strdup(path))) {
		free(*out);
		*out = NULL;
		return rx_error_nomem(err);
	}
	(*out)->lock_fd = -1;
	return 0;
}

int rx_home_create(rx_home **out, const char *path, rx_error *err)
{
	char *ks;
	int rc;

	if ((rc = home_new(out, path, err)) < 0)
		return rc;
	if (mkdir(path, 0700) < 0 && errno != EEXIST) {
		rc = rx_error_set(err, RX_EINTERNAL, "cannot create %s: %s", path,
			strerror(errno));
		goto fail;
	}
	chmod(path, 0700);
	if (!(ks = rx_ops_path_join(path, "keystore"))) {
		rc = rx_error_nomem(err);
		goto fail;
	}
	rc = access(ks, F_OK) == 0 ? rx_error_set(err, RX_EUSAGE,
		"%s already holds a node; use another -C HOME", path) : 0;
	free(ks);
	if (rc < 0 || (rc = open_db(*out, 1, err)) < 0)
		goto fail;
	return 0;
fail:
	rx_home_close(*out);
	*out = NULL;
	return rc;
}

int rx_home_open(rx_home **out, const rx_home_opts *o, rx_error *err)
{
	char *v;
	int rc;

	if ((rc = home_new(out, o->path, err)) < 0)
		return rc;
	if ((rc = open_db(*out, 0, err)) < 0)
		goto fail;
	if (!(v = rx_home_get(*out, "self.node"))) {
		rc = rx_error_set(err, RX_EUSAGE,
			"%s holds no node; run 'runxin init' first", o->path);
		goto fail;
	}
	snprintf((*out)->node, sizeof((*out)->node), "%s", v);
	free(v);
	v = rx_home_get(*out, "self.role");
	(*out)->role = rx_crypto_role_parse(v);
	free(v);
	if ((rc = rx_home_lock(*out, err)) < 0)
		goto fail;
	return 0;
fail:
	rx_home_close(*out);
	*out = NULL;
	return rc;
}

void rx_home_close(rx_home *h)
{
	if (!h)
		return;
	sqlite3_close(h->db);
	if (h->lock_fd >= 0)
		close(h->lock_fd);
	free(h->path);
	free(h);
}

int rx_home_set(rx_home *h, const char *key, const char *value, rx_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = 0;

	if (sqlite3_prepare_v2(h->db, "INSERT OR REPLACE INTO settings VALUES(?,?)",
		-1, &st, NULL) != SQLITE_OK) {
		return rx_sync_db_error(err, h->db, "state database", NULL);
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = rx_sync_db_error(err, h->db, "state database", NULL);
	sqlite3_finalize(st);
	return rc;
}

char *rx_home_get(rx_home *h, const char *key)
{
	return rx_directory_setting(h->db, key);
}

int rx_home_school(char out[RX_NODE_ID_LEN + 1], rx_home *h, rx_error *err)
{
	rx_crypto_cert c;
	int rc;

	if (h->role == RX_ROLE_SCHOOL) {
		memcpy(out, h->node, RX_NODE_ID_LEN + 1);
		return 0;
	}
	if ((rc = rx_directory_get_cert(h->db, h->node, &c, err)) < 0)
		return rc;
	memcpy(out, c.parent, RX_NODE_ID_LEN + 1);
	return 0;
}
