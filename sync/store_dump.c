/* The canonical dump of the store: every register decrypted, sorted in cleartext. */
#include <stdlib.h>
#include <string.h>

#include "sync/opint.h"
#include "sync/storeint.h"

struct reg {
	char *kind, *id, *field;
	uint8_t *value; /* NULL: tombstone */
	size_t len;
	uint64_t hlc, node;
};

static int cmp_reg(const void *a, const void *b)
{
	const struct reg *x = a, *y = b;
	int c;

	if ((c = strcmp(x->kind, y->kind)) || (c = strcmp(x->id, y->id)))
		return c;
	return strcmp(x->field, y->field);
}

static char *dup_bytes(const void *p, size_t n)
{
	char *s = malloc(n + 1);

	if (s) {
		if (n)
			memcpy(s, p, n);
		s[n] = '\0';
	}
	return s;
}

/* Columns: kind, rid, id_ct, field, value_ct, hlc, node. */
static int read_reg(rx_sync_store *st, sqlite3_stmt *s, struct reg *g,
	rx_buf *tmp, rx_error *err)
{
	const uint8_t *rid = sqlite3_column_blob(s, 1);
	const char *field = (const char *)sqlite3_column_text(s, 3);
	size_t flen = (size_t)sqlite3_column_bytes(s, 3);
	uint8_t ad[RX_SYNC_RID_BYTES + RX_SYNC_FIELD_MAX];
	int rc;

	if (sqlite3_column_bytes(s, 1) != RX_SYNC_RID_BYTES || !field ||
	    !rx_sync_field_ok((const uint8_t *)field, flen))
		return rx_error_set(err, RX_ESECURITY, "store: bad register");
	g->hlc = RX_SYNC_UNFLIP(sqlite3_column_int64(s, 5));
	g->node = RX_SYNC_UNFLIP(sqlite3_column_int64(s, 6));
	if (!(g->kind = dup_bytes(sqlite3_column_text(s, 0),
	    (size_t)sqlite3_column_bytes(s, 0))) ||
	    !(g->field = dup_bytes(field, flen)))
		return rx_error_nomem(err);
	if ((rc = rx_sync_store_unseal(st, tmp, sqlite3_column_blob(s, 2),
	    (size_t)sqlite3_column_bytes(s, 2), rid, RX_SYNC_RID_BYTES, err)) < 0)
		return rc;
	if (!(g->id = dup_bytes(tmp->data, tmp->len)))
		return rx_error_nomem(err);
	if (sqlite3_column_type(s, 4) == SQLITE_NULL)
		return 0;
	memcpy(ad, rid, RX_SYNC_RID_BYTES);
	memcpy(ad + RX_SYNC_RID_BYTES, field, flen);
	if ((rc = rx_sync_store_unseal(st, tmp, sqlite3_column_blob(s, 4),
	    (size_t)sqlite3_column_bytes(s, 4), ad, RX_SYNC_RID_BYTES + flen,
	    err)) < 0)
		return rc;
	g->len = tmp->len;
	return (g->value = (uint8_t *)dup_bytes(tmp->data, tmp->len)) ?
		0 : rx_error_nomem(err);
}

/* Backslash, controls and DEL escaped; other bytes (UTF-8 too) as they are. */
static int put_escaped(rx_buf *out, const uint8_t *v, size_t n, rx_error *err)
{
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		if (v[i] == '\\')
			rc = rx_buf_puts(out, "\\\\", err);
		else if (v[i] < 0x20 || v[i] == 0x7f)
			rc = rx_buf_printf(out, err, "\\x%02x", v[i]);
		else
			rc = rx_buf_put(out, &v[i], 1, err);
	}
	return rc;
}

static int put_regs(rx_buf *out, const struct reg *g, size_t n, rx_error *err)
{
	int rc = rx_buf_puts(out, "runxin-store-dump 1\n", err);

	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = rx_buf_printf(out, err, "%s\t%s\t%s\t%016llx\t%016llx\t",
			g[i].kind, g[i].id, g[i].field,
			(unsigned long long)g[i].hlc, (unsigned long long)g[i].node);
		if (rc == 0 && !g[i].value)
			rc = rx_buf_puts(out, "-", err);
		else if (rc == 0 && (rc = rx_buf_puts(out, "=", err)) == 0)
			rc = put_escaped(out, g[i].value, g[i].len, err);
		if (rc == 0)
			rc = rx_buf_puts(out, "\n", err);
	}
	return rc;
}

static void free_regs(struct reg *g, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(g[i].kind);
		free(g[i].id);
		free(g[i].field);
		free(g[i].value);
	}
	free(g);
}

int rx_sync_store_dump(rx_sync_store *st, rx_buf *out, rx_error *err)
{
	sqlite3_stmt *s = st->st[RX_ST_ALL];
	struct reg *g = NULL, *ng;
	size_t n = 0, cap = 0;
	rx_buf tmp = RX_BUF_INIT;
	int r = SQLITE_DONE, rc = 0;

	while (rc == 0 && (r = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			if (!(ng = realloc(g, cap * sizeof(*g)))) {
				rc = rx_error_nomem(err);
				break;
			}
			g = ng;
		}
		memset(&g[n], 0, sizeof(*g));
		rc = read_reg(st, s, &g[n++], &tmp, err);
	}
	if (rc == 0 && r != SQLITE_DONE)
		rc = rx_sync_store_dberr(st, err);
	sqlite3_reset(s);
	if (rc == 0) {
		qsort(g, n, sizeof(*g), cmp_reg);
		rc = put_regs(out, g, n, err);
	}
	free_regs(g, n);
	rx_buf_free(&tmp);
	return rc;
}
