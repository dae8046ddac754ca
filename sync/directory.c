/* Certificates and revocations kept in the state database. */
#include <stdlib.h>
#include <string.h>

#include "crypto/textrec.h"
#include "sync/directory.h"
#include "sync/store.h"

static int db_fail(sqlite3 *db, rx_error *err)
{
	return rx_sync_db_error(err, db, "state database", NULL);
}

int rx_directory_put_cert(sqlite3 *db, const rx_crypto_cert *c, rx_error *err)
{
	sqlite3_stmt *st = NULL;
	rx_buf text = RX_BUF_INIT;
	int rc;

	if ((rc = rx_crypto_cert_format(&text, c, err)) < 0)
		goto out;
	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO certs VALUES(?,?,?,?,?)",
		-1, &st, NULL) != SQLITE_OK) {
		rc = db_fail(db, err);
		goto out;
	}
	sqlite3_bind_text(st, 1, c->node, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, c->parent, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, rx_crypto_role_name(c->role), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, (char *)text.data, (int)text.len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, err);
out:
	sqlite3_finalize(st);
	rx_buf_free(&text);
	return rc;
}

static int cert_from_row(sqlite3_stmt *st, int col, rx_crypto_cert *out,
	rx_error *err)
{
	const char *t = (const char *)sqlite3_column_text(st, col);

	return rx_crypto_cert_parse(out, t, strlen(t), NULL, err);
}

int rx_directory_get_cert(sqlite3 *db, const char *node, rx_crypto_cert *out,
	rx_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT text FROM certs WHERE node=?",
		-1, &st, NULL) != SQLITE_OK)
		return db_fail(db, err);
	sqlite3_bind_text(st, 1, node, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = cert_from_row(st, 0, out, err);
	else
		rc = rx_error_set(err, RX_EINPUT, "no certificate known for node %s", node);
	sqlite3_finalize(st);
	return rc;
}

int rx_directory_chain(sqlite3 *db, const char *node, rx_crypto_cert chain[static 4],
	size_t *n, rx_error *err)
{
	const char *cur = node;
	int rc;

	for (*n = 0; *n < 4; (*n)++) {
		if ((rc = rx_directory_get_cert(db, cur, &chain[*n], err)) < 0)
			return rc;
		if (!strcmp(chain[*n].parent, chain[*n].node)) {
			(*n)++;
			return 0;
		}
		cur = chain[*n].parent;
	}
	return rx_error_set(err, RX_ESECURITY, "chain of %s is longer than 4", node);
}

typedef int (*parse_fn)(void *dst, const char *text, rx_error *err);

/* Every row of sql (one text column) parsed into an array of elem-byte records. */
static int list_texts(sqlite3 *db, const char *sql, size_t elem, parse_fn parse,
	void **out, size_t *n, rx_error *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc = 0;

	*out = NULL, *n = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, err);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			void *p = realloc(*out, (cap = cap * 2 + 8) * elem);
			if (!p) {
				rc = rx_error_nomem(err);
				break;
			}
			*out = p;
		}
		if ((rc = parse((char *)*out + *n * elem,
			(const char *)sqlite3_column_text(st, 0), err)) < 0)
			break;
		(*n)++;
	}
	sqlite3_finalize(st);
	return rc;
}

static int parse_cert(void *dst, const char *t, rx_error *err)
{
	return rx_crypto_cert_parse(dst, t, strlen(t), NULL, err);
}

static int parse_revocation(void *dst, const char *t, rx_error *err)
{
	return rx_crypto_revocation_parse(dst, t, strlen(t), NULL, err);
}

int rx_directory_list(sqlite3 *db, rx_crypto_cert **out, size_t *n, rx_error *err)
{
	return list_texts(db, "SELECT text FROM certs ORDER BY node", sizeof(**out),
		parse_cert, (void **)out, n, err);
}

int rx_directory_put_revocation(sqlite3 *db, const rx_crypto_revocation *r,
	rx_error *err)
{
	sqlite3_stmt *st = NULL;
	rx_buf text = RX_BUF_INIT;
	int rc;

	if ((rc = rx_crypto_revocation_format(&text, r, err)) < 0)
		goto out;
	/* a revocation is never moved later: the earliest time of a revoker stays */
	if (sqlite3_prepare_v2(db, "INSERT INTO revocations VALUES(?,?,?,?) "
		"ON CONFLICT(node, by) DO UPDATE SET time=excluded.time, "
		"text=excluded.text WHERE excluded.time < revocations.time",
		-1, &st, NULL) != SQLITE_OK) {
		rc = db_fail(db, err);
		goto out;
	}
	sqlite3_bind_text(st, 1, r->node, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->by, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, r->time);
	sqlite3_bind_text(st, 4, (char *)text.data, (int)text.len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, err);
out:
	sqlite3_finalize(st);
	rx_buf_free(&text);
	return rc;
}

int rx_directory_revocations(sqlite3 *db, rx_crypto_revocation **out, size_t *n,
	rx_error *err)
{
	return list_texts(db, "SELECT text FROM revocations ORDER BY node, by",
		sizeof(**out), parse_revocation, (void **)out, n, err);
}

int rx_directory_root_key(sqlite3 *db, uint8_t pk[static 32], rx_error *err)
{
	char *v = rx_directory_setting(db, "root.sign-key");
	int rc = 0;

	if (!v || rx_textrec_b64_get(pk, 32, v) < 0)
		rc = rx_error_set(err, RX_EUSAGE,
			"this node has not joined yet: run 'runxin join BUNDLE'");
	free(v);
	return rc;
}

int rx_directory_verify(sqlite3 *db, const char *node, int64_t now, rx_error *err)
{
	rx_crypto_cert chain[4];
	rx_crypto_revocation *revs = NULL;
	uint8_t root[32];
	size_t n, nrevs = 0;
	int rc;

	if ((rc = rx_directory_root_key(db, root, err)) < 0 ||
	    (rc = rx_directory_chain(db, node, chain, &n, err)) < 0 ||
	    (rc = rx_directory_revocations_of(db, chain, n, &revs, &nrevs, err)) < 0)
		goto out;
	rc = rx_crypto_chain_verify(chain, n, root, now, revs, nrevs, err);
out:
	free(revs);
	return rc;
}

int rx_directory_self(sqlite3 *db, rx_crypto_request *out, rx_error *err)
{
	char *req = rx_directory_setting(db, "self.request");
	int rc;

	if (!req)
		return rx_error_set(err, RX_EINTERNAL, "this home holds no identity");
	rc = rx_crypto_request_parse(out, req, strlen(req), err);
	free(req);
	return rc;
}

char *rx_directory_setting(sqlite3 *db, const char *key)
{
	sqlite3_stmt *st = NULL;
	char *v = NULL;

	if (sqlite3_prepare_v2(db, "SELECT value FROM settings WHERE key=?",
		-1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

int rx_directory_knows(sqlite3 *db, const char *node)
{
	sqlite3_stmt *st = NULL;
	int yes = 0;

	if (sqlite3_prepare_v2(db, "SELECT 1 FROM certs WHERE node=?", -1, &st,
		NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, node, -1, SQLITE_STATIC);
		yes = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	return yes;
}

int rx_directory_revocations_of(sqlite3 *db, const rx_crypto_cert *chain,
	size_t n, rx_crypto_revocation **out, size_t *nout, rx_error *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc = 0;

	*out = NULL, *nout = 0;
	if (sqlite3_prepare_v2(db, "SELECT text FROM revocations WHERE node=? "
		"ORDER BY by", -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, err);
	for (size_t i = 0; i < n && rc == 0; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, chain[i].node, -1, SQLITE_STATIC);
		while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_text(st, 0);
			if (*nout == cap) {
				void *p = realloc(*out, (cap = cap * 2 + 4) * sizeof(**out));
				if (!p) {
					rc = rx_error_nomem(err);
					break;
				}
				*out = p;
			}
			if ((rc = rx_crypto_revocation_parse(&(*out)[*nout], t, strlen(t),
				NULL, err)) == 0)
				(*nout)++;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

int rx_directory_revoked_by(sqlite3 *db, const char *node, const char *by,
	const char *text)
{
	sqlite3_stmt *st = NULL;
	int yes = 0;

	if (sqlite3_prepare_v2(db, "SELECT text FROM revocations WHERE node=? AND by=?",
		-1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, node, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, by, -1, SQLITE_STATIC);
		yes = sqlite3_step(st) == SQLITE_ROW && (!text ||
			strcmp((const char *)sqlite3_column_text(st, 0), text) != 0);
	}
	sqlite3_finalize(st);
	return yes;
}
