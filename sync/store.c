/* The store's schema, its lifetime, and last-writer-wins apply as one upsert per op. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "sync/storeint.h"

static const char schema[] =
	"CREATE TABLE IF NOT EXISTS rx_reg ("
	" rid BLOB NOT NULL,"      /* blind index of (kind, id) */
	" field TEXT NOT NULL,"
	" kind TEXT NOT NULL,"
	" owner BLOB NOT NULL,"    /* blind index of the owner */
	" id_ct BLOB NOT NULL,"    /* the id, sealed with AD = rid */
	" value_ct BLOB,"          /* the value, AD = rid || field; NULL: deleted */
	" tie BLOB NOT NULL,"      /* keyed hash of the value; empty: deleted */
	" hlc INTEGER NOT NULL,"   /* top bit flipped, see RX_SYNC_FLIP */
	" node INTEGER NOT NULL,"
	" PRIMARY KEY (rid, field)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS rx_reg_kind ON rx_reg(kind, owner, rid, field);";

/* The whole LWW rule: replace only if (hlc, node, tie) is greater. */
static const char *const sql[RX_ST_COUNT] = {
	[RX_ST_UPSERT] = "INSERT INTO rx_reg(rid, field, kind, owner, id_ct,"
		" value_ct, tie, hlc, node) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)"
		" ON CONFLICT(rid, field) DO UPDATE SET value_ct = excluded.value_ct,"
		" tie = excluded.tie, hlc = excluded.hlc, node = excluded.node"
		" WHERE (excluded.hlc, excluded.node, excluded.tie) >"
		" (rx_reg.hlc, rx_reg.node, rx_reg.tie)",
	[RX_ST_GET] = "SELECT field, value_ct, hlc, node FROM rx_reg"
		" WHERE rid = ?1 ORDER BY field",
	[RX_ST_SCAN_KIND] = "SELECT rid, id_ct, field, value_ct, hlc, node"
		" FROM rx_reg WHERE kind = ?1 ORDER BY owner, rid, field",
	[RX_ST_SCAN_OWNER] = "SELECT rid, id_ct, field, value_ct, hlc, node"
		" FROM rx_reg WHERE kind = ?1 AND owner = ?2 ORDER BY rid, field",
	[RX_ST_ALL] = "SELECT kind, rid, id_ct, field, value_ct, hlc, node"
		" FROM rx_reg",
	[RX_ST_MAXHLC] = "SELECT max(hlc) FROM rx_reg",
	[RX_ST_SAVEPOINT] = "SAVEPOINT rx_apply",
	[RX_ST_RELEASE] = "RELEASE rx_apply",
	[RX_ST_ROLLBACK] = "ROLLBACK TO rx_apply",
};

int rx_sync_store_open(rx_sync_store **out, sqlite3 *db,
	const uint8_t rest_key[static RX_SYNC_STORE_KEY_BYTES],
	const uint8_t blind_key[static RX_SYNC_STORE_KEY_BYTES], rx_error *err)
{
	rx_sync_store *st;
	int rc = 0;

	*out = NULL;
	if (sodium_init() < 0)
		return rx_error_set(err, RX_EINTERNAL, "store: libsodium init failed");
	if (!(st = calloc(1, sizeof(*st))))
		return rx_error_nomem(err);
	st->db = db;
	if (!(st->keys = sodium_malloc(2 * RX_SYNC_STORE_KEY_BYTES))) {
		free(st);
		return rx_error_nomem(err);
	}
	memcpy(st->keys, rest_key, RX_SYNC_STORE_KEY_BYTES);
	memcpy(st->keys + RX_SYNC_STORE_KEY_BYTES, blind_key,
		RX_SYNC_STORE_KEY_BYTES);
	if (sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK)
		rc = rx_sync_store_dberr(st, err);
	for (int i = 0; i < RX_ST_COUNT && rc == 0; i++)
		if (sqlite3_prepare_v3(db, sql[i], -1, SQLITE_PREPARE_PERSISTENT,
		    &st->st[i], NULL) != SQLITE_OK)
			rc = rx_sync_store_dberr(st, err);
	if (rc < 0)
		rx_sync_store_close(st);
	else
		*out = st;
	return rc;
}

void rx_sync_store_close(rx_sync_store *st)
{
	if (!st)
		return;
	for (int i = 0; i < RX_ST_COUNT; i++)
		sqlite3_finalize(st->st[i]);
	sodium_free(st->keys); /* sodium_free wipes before freeing */
	free(st);
}

/* What is shared by consecutive ops of one record: its blind indexes and sealed id. */
struct rec_cache {
	const char *kind, *id;
	uint8_t rid[RX_SYNC_RID_BYTES], owner[RX_SYNC_RID_BYTES];
	uint8_t tie[RX_SYNC_RID_BYTES];
	uint8_t ad[RX_SYNC_RID_BYTES + RX_SYNC_FIELD_MAX];
	rx_buf id_ct, value_ct;
};

static int cache_record(rx_sync_store *st, struct rec_cache *c,
	const rx_sync_op *op, rx_error *err)
{
	if (c->kind && !strcmp(c->kind, op->kind) && !strcmp(c->id, op->id))
		return 0;
	c->kind = op->kind;
	c->id = op->id;
	rx_sync_store_rid(st, c->rid, op->kind, op->id);
	rx_sync_store_owner(st, c->owner, op->id, strcspn(op->id, "/"));
	return rx_sync_store_seal(st, &c->id_ct, (const uint8_t *)op->id,
		strlen(op->id), c->rid, RX_SYNC_RID_BYTES, err);
}

static int step_done(rx_sync_store *st, sqlite3_stmt *s, rx_error *err)
{
	int r = sqlite3_step(s);

	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return r == SQLITE_DONE || r == SQLITE_ROW ? 0 : rx_sync_store_dberr(st, err);
}

static int apply_one(rx_sync_store *st, struct rec_cache *c,
	const rx_sync_op *op, rx_error *err)
{
	sqlite3_stmt *s = st->st[RX_ST_UPSERT];
	size_t flen = strlen(op->field);
	int rc;

	if ((rc = cache_record(st, c, op, err)) < 0)
		return rc;
	memcpy(c->ad, c->rid, RX_SYNC_RID_BYTES);
	memcpy(c->ad + RX_SYNC_RID_BYTES, op->field, flen);
	sqlite3_bind_blob(s, 1, c->rid, RX_SYNC_RID_BYTES, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, op->field, (int)flen, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, op->kind, -1, SQLITE_STATIC);
	sqlite3_bind_blob(s, 4, c->owner, RX_SYNC_RID_BYTES, SQLITE_STATIC);
	sqlite3_bind_blob(s, 5, c->id_ct.data, (int)c->id_ct.len, SQLITE_STATIC);
	if (op->tombstone) {
		sqlite3_bind_null(s, 6);
		sqlite3_bind_zeroblob(s, 7, 0);
	} else {
		if ((rc = rx_sync_store_seal(st, &c->value_ct, op->value,
		    op->value_len, c->ad, RX_SYNC_RID_BYTES + flen, err)) < 0)
			return rc;
		rx_sync_store_tie(st, c->tie, c->rid, op->field, op->value,
			op->value_len);
		sqlite3_bind_blob(s, 6, c->value_ct.data, (int)c->value_ct.len,
			SQLITE_STATIC);
		sqlite3_bind_blob(s, 7, c->tie, RX_SYNC_RID_BYTES, SQLITE_STATIC);
	}
	sqlite3_bind_int64(s, 8, RX_SYNC_FLIP(op->hlc));
	sqlite3_bind_int64(s, 9, RX_SYNC_FLIP(op->node));
	return step_done(st, s, err);
}

int rx_sync_store_apply(rx_sync_store *st, const rx_sync_op *ops, size_t n,
	rx_error *err)
{
	struct rec_cache c = { 0 };
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++)
		if ((rc = rx_sync_op_check(&ops[i], err)) < 0)
			return rc;
	if ((rc = step_done(st, st->st[RX_ST_SAVEPOINT], err)) < 0)
		return rc;
	for (i = 0; i < n && rc == 0; i++)
		rc = apply_one(st, &c, &ops[i], err);
	if (rc < 0) {
		step_done(st, st->st[RX_ST_ROLLBACK], NULL);
		step_done(st, st->st[RX_ST_RELEASE], NULL);
	} else {
		rc = step_done(st, st->st[RX_ST_RELEASE], err);
	}
	rx_buf_free(&c.id_ct);
	rx_buf_free(&c.value_ct);
	return rc;
}

int rx_sync_store_max_hlc(rx_sync_store *st, uint64_t *out, rx_error *err)
{
	sqlite3_stmt *s = st->st[RX_ST_MAXHLC];
	int r = sqlite3_step(s);

	*out = r == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL ?
		RX_SYNC_UNFLIP(sqlite3_column_int64(s, 0)) : 0;
	sqlite3_reset(s);
	return r == SQLITE_ROW ? 0 : rx_sync_store_dberr(st, err);
}
