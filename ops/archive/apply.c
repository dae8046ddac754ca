/* Applying change-sets to the store: once each, in savepoints, skipping what cannot be opened. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "ops/archive/archive.h"
#include "sync/changeset.h"
#include "sync/hlc.h"

static int is_applied(rx_archive *a, const char *hex)
{
	sqlite3_stmt *st = NULL;
	int yes = 0;

	if (sqlite3_prepare_v2(a->h->db, "SELECT 1 FROM applied WHERE id=?", -1,
		&st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
		yes = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	return yes;
}

static int mark_applied(rx_archive *a, const char *hex, const rx_cs_meta *m,
	rx_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = 0;

	if (sqlite3_prepare_v2(a->h->db, "INSERT OR IGNORE INTO applied VALUES(?,?,?)",
		-1, &st, NULL) != SQLITE_OK)
		return rx_sync_db_error(err, a->h->db, "state database", NULL);
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, m->author, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)m->seq);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = rx_sync_db_error(err, a->h->db, "state database", NULL);
	sqlite3_finalize(st);
	return rc;
}

static int mark_skipped(rx_archive *a, const char *hex, rx_error *err)
{
	rx_cs_meta m;
	int rc;

	memset(&m, 0, sizeof(m));
	strcpy(m.author, "?");
	rc = mark_applied(a, hex, &m, err);
	rx_home_exec(a->h, "RELEASE skip", NULL);
	return rc;
}

/* Every op is the author's own, at a clock inside the range its signed meta states. */
static int check_ops(const rx_cs_meta *m, const rx_sync_batch *b, rx_error *err)
{
	uint64_t author;

	if (rx_crypto_node_id_u64(&author, m->author) < 0)
		return rx_error_set(err, RX_ESECURITY, "bad author id");
	for (size_t i = 0; i < b->n; i++) {
		if (b->ops[i].node != author)
			return rx_error_set(err, RX_ESECURITY, "%s: change-set #%" PRIu64
				" carries an op stamped with another node", m->author, m->seq);
		if (b->ops[i].hlc < m->hlc_min || b->ops[i].hlc > m->hlc_max)
			return rx_error_set(err, RX_ESECURITY, "%s: change-set #%" PRIu64
				" carries an op clock outside its meta's range", m->author, m->seq);
	}
	return 0;
}

static int apply_plain(rx_archive *a, const rx_cs_meta *m, const rx_buf *plain,
	rx_error *err)
{
	rx_sync_batch b = { 0 };
	int rc;

	if ((rc = rx_sync_ops_decode(&b, plain->data, plain->len, err)) < 0)
		return rc;
	if ((rc = check_ops(m, &b, err)) == 0)
		rc = rx_sync_store_apply(a->st, b.ops, b.n, err);
	for (size_t i = 0; rc == 0 && i < b.n; i++)
		rx_archive_observe(a, b.ops[i].hlc);
	rx_sync_batch_free(&b);
	return rc;
}

static const char unread_sql[] =
	"CREATE TABLE IF NOT EXISTS unread(id TEXT PRIMARY KEY);";

/* An archive change-set sealed to no key this node holds: kept for a later grant. */
static int unread_add(rx_archive *a, const char *hex, rx_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = 0;

	if ((rc = rx_home_exec(a->h, unread_sql, err)) < 0)
		return rc;
	if (sqlite3_prepare_v2(a->h->db, "INSERT OR IGNORE INTO unread VALUES(?)",
		-1, &st, NULL) != SQLITE_OK)
		return rx_sync_db_error(err, a->h->db, "state database", NULL);
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = rx_sync_db_error(err, a->h->db, "state database", NULL);
	sqlite3_finalize(st);
	return rc;
}

/* After a grant (docs/lifecycle.md): forget that the change-sets left unread were seen, and apply them again. */
static int unread_retry(rx_archive *a, rx_error *err)
{
	sqlite3_stmt *st = NULL;
	char (*ids)[GIT_OID_HEXSZ + 1] = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if ((rc = rx_home_exec(a->h, unread_sql, err)) < 0)
		return rc;
	if (sqlite3_prepare_v2(a->h->db, "SELECT id FROM unread", -1, &st, NULL) != SQLITE_OK)
		return rx_sync_db_error(err, a->h->db, "state database", NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		if (n == cap) {
			void *p = realloc(ids, (cap = cap ? 2 * cap : 16) * sizeof(*ids));
			if (!p) {
				rc = rx_error_nomem(err);
				break;
			}
			ids = p;
		}
		snprintf(ids[n++], sizeof(ids[0]), "%s", id ? id : "");
	}
	sqlite3_finalize(st);
	if (rc == 0)
		rc = rx_home_exec(a->h, "DELETE FROM applied WHERE id IN (SELECT id FROM unread);"
			" DELETE FROM unread;", err);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		git_oid id;
		if (git_oid_fromstr(&id, ids[i]) == 0)
			rc = rx_archive_apply_cs(a, &id, err);
	}
	free(ids);
	return rc;
}

static int apply_cs_raw(rx_archive *a, const git_oid *id, rx_error *err)
{
	char hex[GIT_OID_HEXSZ + 1];
	rx_buf plain = RX_BUF_INIT;
	rx_cs cs;
	const uint8_t *pk, *sk;
	int rc;

	git_oid_tostr(hex, sizeof(hex), id);
	if (is_applied(a, hex))
		return 0;
	if ((rc = rx_sync_cs_load(&cs, a->repo, id, err)) < 0)
		return rc;
	if (cs.meta.kind != RX_CS_ARCHIVE)
		;
	else if (!rx_archive_epoch_key(a, &cs, &pk, &sk)) {
		if ((rc = rx_archive_epoch_cs(a, &cs, err)) == 0)
			rc = unread_add(a, hex, err);
		else if (rc > 0)
			rc = rc == 1 ? unread_retry(a, err) : 0;
	}
	else if ((rc = rx_sync_cs_open(&plain, &cs, pk, sk, err)) == 0)
		rc = apply_plain(a, &cs.meta, &plain, err);
	if (rc == 0)
		rc = mark_applied(a, hex, &cs.meta, err);
	sodium_memzero(plain.data, plain.cap);
	rx_buf_free(&plain);
	rx_sync_cs_free(&cs);
	return rc;
}

/* Inside a savepoint, so that a failed change-set leaves nothing behind. */
static int apply_cs_in(rx_archive *a, const git_oid *id, rx_error *err)
{
	int rc;

	if ((rc = rx_home_exec(a->h, "SAVEPOINT cs", err)) < 0)
		return rc;
	if ((rc = apply_cs_raw(a, id, err)) < 0)
		rx_home_exec(a->h, "ROLLBACK TO cs", NULL);
	rx_home_exec(a->h, "RELEASE cs", NULL);
	return rc;
}

int rx_archive_apply_cs(rx_archive *a, const git_oid *id, rx_error *err)
{
	return apply_cs_in(a, id, err);
}

/* A change-set that cannot be applied is skipped for good, never retried forever. */
static int catch_up_one(rx_archive *a, const git_oid *id, rx_error *err)
{
	rx_error e = { 0 };
	char hex[GIT_OID_HEXSZ + 1];
	int rc = apply_cs_in(a, id, &e);

	if (rc == 0 || rc == RX_EINTERNAL)
		return rc == 0 ? 0 : rx_error_set(err, rc, "%s", e.msg);
	git_oid_tostr(hex, sizeof(hex), id);
	fprintf(stderr, "runxin: skipped change-set %.12s: %s\n", hex, e.msg);
	return rx_home_exec(a->h, "SAVEPOINT skip", err) < 0 ? RX_EINTERNAL :
		mark_skipped(a, hex, err);
}

int rx_archive_catch_up(rx_archive *a, rx_error *err)
{
	git_revwalk *w = NULL;
	git_oid id;
	int rc = 0;

	if (git_revwalk_new(&w, a->repo) < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "walking the branches");
	git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	if (git_revwalk_push_glob(w, "refs/runxin/nodes/*") < 0)
		goto out; /* nothing yet */
	if ((rc = rx_home_exec(a->h, "BEGIN IMMEDIATE", err)) < 0)
		goto out;
	while (rc == 0 && git_revwalk_next(&id, w) == 0)
		rc = catch_up_one(a, &id, err);
	if (rc < 0)
		rx_home_exec(a->h, "ROLLBACK", NULL);
	else
		rc = rx_home_exec(a->h, "COMMIT", err);
out:
	git_revwalk_free(w);
	return rc;
}
