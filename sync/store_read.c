/* Reading the store: visible fields of a record or a kind, and the canonical dump. */
#include <stdlib.h>
#include <string.h>

#include "sync/opint.h"
#include "sync/storeint.h"

/* The walk over the registers of one record at a time. */
struct walk {
	rx_sync_store *st;
	rx_sync_op op;
	uint8_t rid[RX_SYNC_RID_BYTES];
	uint8_t ad[RX_SYNC_RID_BYTES + RX_SYNC_FIELD_MAX];
	int deleted;            /* a record tombstone was seen */
	uint64_t del_hlc, del_node;
	rx_buf id, val;
	rx_sync_store_fn fn;
	void *ctx;
};

static int newer(uint64_t h1, uint64_t n1, uint64_t h2, uint64_t n2)
{
	return h1 > h2 || (h1 == h2 && n1 > n2);
}

/* Columns from c: field, value_ct, hlc, node. The record tombstone sorts first. */
static int walk_row(struct walk *w, sqlite3_stmt *s, int c, rx_error *err)
{
	const char *field = (const char *)sqlite3_column_text(s, c);
	const uint8_t *ct = sqlite3_column_blob(s, c + 1);
	size_t flen = (size_t)sqlite3_column_bytes(s, c), clen;
	uint64_t hlc = RX_SYNC_UNFLIP(sqlite3_column_int64(s, c + 2));
	uint64_t node = RX_SYNC_UNFLIP(sqlite3_column_int64(s, c + 3));
	int rc;

	if (!field || !rx_sync_field_ok((const uint8_t *)field, flen))
		return rx_error_set(err, RX_ESECURITY, "store: bad field name");
	if (!strcmp(field, RX_SYNC_FIELD_RECORD)) {
		w->deleted = 1;
		w->del_hlc = hlc;
		w->del_node = node;
		return 0;
	}
	if (!ct || (w->deleted && !newer(hlc, node, w->del_hlc, w->del_node)))
		return 0;
	clen = (size_t)sqlite3_column_bytes(s, c + 1);
	memcpy(w->ad, w->rid, RX_SYNC_RID_BYTES);
	memcpy(w->ad + RX_SYNC_RID_BYTES, field, flen);
	if ((rc = rx_sync_store_unseal(w->st, &w->val, ct, clen, w->ad,
	    RX_SYNC_RID_BYTES + flen, err)) < 0)
		return rc;
	w->op.field = field;
	w->op.value = w->val.data;
	w->op.value_len = w->val.len;
	w->op.hlc = hlc;
	w->op.node = node;
	return w->fn(w->ctx, &w->op);
}

static int walk_end(struct walk *w, sqlite3_stmt *s, int r, int rc,
	rx_error *err)
{
	if (rc == 0 && r != SQLITE_DONE)
		rc = rx_sync_store_dberr(w->st, err);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	rx_buf_free(&w->id);
	rx_buf_free(&w->val);
	return rc;
}

int rx_sync_store_get(rx_sync_store *st, const char *kind, const char *id,
	rx_sync_store_fn fn, void *ctx, rx_error *err)
{
	struct walk w = { .st = st, .fn = fn, .ctx = ctx };
	sqlite3_stmt *s = st->st[RX_ST_GET];
	int r = SQLITE_DONE, rc = 0;

	if (!rx_sync_kind_ok((const uint8_t *)kind, strnlen(kind, 64)) ||
	    !rx_sync_id_ok((const uint8_t *)id, strnlen(id, RX_SYNC_ID_MAX + 1)))
		return rx_error_set(err, RX_EINPUT, "store: bad record kind or id");
	w.op.kind = kind;
	w.op.id = id;
	rx_sync_store_rid(st, w.rid, kind, id);
	sqlite3_bind_blob(s, 1, w.rid, RX_SYNC_RID_BYTES, SQLITE_STATIC);
	while (rc == 0 && (r = sqlite3_step(s)) == SQLITE_ROW)
		rc = walk_row(&w, s, 0, err);
	return walk_end(&w, s, rc ? SQLITE_DONE : r, rc, err);
}

/* Columns: rid, id_ct, then those of walk_row. A new rid starts a record. */
static int scan_row(struct walk *w, sqlite3_stmt *s, rx_error *err)
{
	const uint8_t *rid = sqlite3_column_blob(s, 0);
	int rc;

	if (sqlite3_column_bytes(s, 0) != RX_SYNC_RID_BYTES)
		return rx_error_set(err, RX_ESECURITY, "store: bad record index");
	if (!w->op.id || memcmp(rid, w->rid, RX_SYNC_RID_BYTES)) {
		memcpy(w->rid, rid, RX_SYNC_RID_BYTES);
		w->deleted = 0;
		if ((rc = rx_sync_store_unseal(w->st, &w->id,
		    sqlite3_column_blob(s, 1), (size_t)sqlite3_column_bytes(s, 1),
		    w->rid, RX_SYNC_RID_BYTES, err)) < 0)
			return rc;
		w->op.id = (const char *)w->id.data;
	}
	return walk_row(w, s, 2, err);
}

int rx_sync_store_scan(rx_sync_store *st, const char *kind, const char *owner,
	rx_sync_store_fn fn, void *ctx, rx_error *err)
{
	struct walk w = { .st = st, .fn = fn, .ctx = ctx };
	sqlite3_stmt *s = st->st[owner ? RX_ST_SCAN_OWNER : RX_ST_SCAN_KIND];
	uint8_t oh[RX_SYNC_RID_BYTES];
	int r = SQLITE_DONE, rc = 0;

	if (!rx_sync_kind_ok((const uint8_t *)kind, strnlen(kind, 64)))
		return rx_error_set(err, RX_EINPUT, "store: bad record kind");
	w.op.kind = kind;
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	if (owner) {
		rx_sync_store_owner(st, oh, owner, strlen(owner));
		sqlite3_bind_blob(s, 2, oh, RX_SYNC_RID_BYTES, SQLITE_STATIC);
	}
	while (rc == 0 && (r = sqlite3_step(s)) == SQLITE_ROW)
		rc = scan_row(&w, s, err);
	return walk_end(&w, s, rc ? SQLITE_DONE : r, rc, err);
}
