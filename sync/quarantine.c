/* Refused updates and fork evidence: kept, never applied. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "sync/syncint.h"

static const char tables_sql[] =
	"CREATE TABLE IF NOT EXISTS quarantine(ref TEXT NOT NULL, id TEXT NOT NULL,"
	" reason TEXT NOT NULL, time INTEGER NOT NULL, PRIMARY KEY(ref, id));"
	"CREATE TABLE IF NOT EXISTS forks(author TEXT NOT NULL, a TEXT NOT NULL,"
	" b TEXT NOT NULL, time INTEGER NOT NULL, PRIMARY KEY(author, a, b));";

int rx_sync_tables(sqlite3 *db, rx_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(db, tables_sql, NULL, NULL, &msg) != SQLITE_OK) {
		rx_error_set(err, RX_EINTERNAL, "state database: %s", msg ? msg : "?");
		sqlite3_free(msg);
		return RX_EINTERNAL;
	}
	return 0;
}

static void db_row(sqlite3 *db, const char *sql, const char *a, const char *b,
	const char *c)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)time(NULL));
	sqlite3_step(st);
	sqlite3_finalize(st);
}

void sync_refuse(const rx_sync_opts *o, const char *ref, const git_oid *id,
	const char *reason, rx_sync_report *rep)
{
	char hex[GIT_OID_HEXSZ + 1], qref[256];
	git_reference *r = NULL;
	rx_error e = { 0 };

	git_oid_tostr(hex, sizeof(hex), id);
	snprintf(qref, sizeof(qref), "refs/runxin/quarantine/%s",
		ref + strlen("refs/runxin/"));
	if (git_reference_create(&r, o->repo, qref, id, 1, "runxin quarantine") == 0)
		git_reference_free(r);
	db_row(o->db, "INSERT OR REPLACE INTO quarantine VALUES(?,?,?,?)", ref, hex,
		reason);
	rep->branches_refused++;
	rx_buf_printf(&rep->refused, &e, "%s %.12s: %s\n",
		ref + strlen("refs/runxin/"), hex, reason);
}

void sync_keep_fork(const rx_sync_opts *o, const char *author,
	const git_oid *a, const git_oid *b)
{
	char ha[GIT_OID_HEXSZ + 1], hb[GIT_OID_HEXSZ + 1], ref[256];
	git_reference *r = NULL;

	git_oid_tostr(ha, sizeof(ha), a);
	git_oid_tostr(hb, sizeof(hb), b);
	snprintf(ref, sizeof(ref), "refs/runxin/evidence/%s/%s", author, ha);
	if (git_reference_create(&r, o->repo, ref, a, 1, "runxin fork") == 0)
		git_reference_free(r);
	snprintf(ref, sizeof(ref), "refs/runxin/evidence/%s/%s", author, hb);
	if (git_reference_create(&r, o->repo, ref, b, 1, "runxin fork") == 0)
		git_reference_free(r);
	db_row(o->db, "INSERT OR IGNORE INTO forks VALUES(?,?,?,?)", author, ha, hb);
}

int sync_forked(const rx_sync_opts *o, const char *author)
{
	sqlite3_stmt *st = NULL;
	int yes = 0;

	if (sqlite3_prepare_v2(o->db, "SELECT 1 FROM forks WHERE author=?", -1,
		&st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, author, -1, SQLITE_STATIC);
		yes = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	return yes;
}
