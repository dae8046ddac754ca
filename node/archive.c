/* The archive write path: ops -> signed change-set -> local store, crash-safe. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "crypto/datakey.h"
#include "node/archive.h"
#include "node/fsutil.h"
#include "sync/changeset.h"
#include "sync/hlc.h"

static const char applied_sql[] =
	"CREATE TABLE IF NOT EXISTS applied(id TEXT PRIMARY KEY, author TEXT NOT NULL,"
	" seq INTEGER NOT NULL);";

int rx_home_repo(git_repository **out, rx_home *h, rx_error *err)
{
	char *p = rx_node_path(h->path, "repo.git");
	int rc = 0;

	if (!p)
		return rx_error_nomem(err);
	git_libgit2_init();
	if (git_repository_open_bare(out, p) < 0 &&
	    git_repository_init(out, p, 1) < 0)
		rc = rx_sync_git_error(err, RX_EINTERNAL, "opening the repository");
	free(p);
	return rc;
}

static uint64_t wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

uint64_t rx_archive_tick(rx_archive *a)
{
	return rx_sync_hlc_tick(&a->hlc, wall_ms());
}

static int open_keys(rx_archive *a, rx_error *err)
{
	uint8_t *k = sodium_malloc(64);
	int rc;

	if (!k)
		return rx_error_nomem(err);
	rx_crypto_datakey_derive(k, a->s->master, RX_DATAKEY_AT_REST);
	rx_crypto_datakey_derive(k + 32, a->s->master, RX_DATAKEY_BLIND);
	rc = rx_sync_store_open(&a->st, a->h->db, k, k + 32, err);
	rx_crypto_datakey_box(a->box_pk, a->box_sk, a->s->master);
	sodium_free(k);
	return rc;
}

static int load_clock(rx_archive *a, rx_error *err)
{
	uint64_t max = 0;
	int rc;

	if ((rc = rx_sync_store_max_hlc(a->st, &max, err)) < 0)
		return rc;
	a->hlc = max;
	return 0;
}

/*
 * Apply every archive change-set held under refs/runxin/nodes/ that the
 * store has not seen: those synced from the school's other devices, and own
 * ones after a crash between git and sqlite. One transaction in all.
 */
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
		rc = rx_archive_apply_cs(a, &id, err);
	if (rc < 0)
		rx_home_exec(a->h, "ROLLBACK", NULL);
	else
		rc = rx_home_exec(a->h, "COMMIT", err);
out:
	git_revwalk_free(w);
	return rc;
}

int rx_archive_open(rx_archive **out, rx_home *h, const rx_opts *o,
	rx_error *err)
{
	rx_archive *a;
	int rc;

	if (!(a = calloc(1, sizeof(*a))))
		return rx_error_nomem(err);
	a->h = h;
	if ((rc = rx_crypto_node_id_u64(&a->node, h->node)) < 0) {
		rc = rx_error_set(err, RX_EINTERNAL, "bad node id");
		goto fail;
	}
	if ((rc = rx_home_unlock(&a->s, h, o, err)) < 0)
		goto fail;
	if (!a->s->has_master) {
		rc = rx_error_set(err, RX_EUSAGE,
			"this device holds no school data key yet: run 'runxin join BUNDLE'");
		goto fail;
	}
	if ((rc = rx_home_exec(h, applied_sql, err)) < 0 ||
	    (rc = open_keys(a, err)) < 0 ||
	    (rc = rx_home_repo(&a->repo, h, err)) < 0 ||
	    (rc = rx_archive_catch_up(a, err)) < 0 ||
	    (rc = load_clock(a, err)) < 0)
		goto fail;
	*out = a;
	return 0;
fail:
	rx_archive_close(a);
	*out = NULL;
	return rc;
}

void rx_archive_close(rx_archive *a)
{
	if (!a)
		return;
	rx_sync_store_close(a->st);
	git_repository_free(a->repo);
	rx_home_secrets_free(a->s);
	sodium_memzero(a->box_sk, sizeof(a->box_sk));
	free(a);
}

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
		return rx_error_set(err, RX_EINTERNAL, "state database: %s",
			sqlite3_errmsg(a->h->db));
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, m->author, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)m->seq);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = rx_error_set(err, RX_EINTERNAL, "state database: %s",
			sqlite3_errmsg(a->h->db));
	sqlite3_finalize(st);
	return rc;
}

static int apply_plain(rx_archive *a, const rx_buf *plain, rx_error *err)
{
	rx_sync_batch b = { 0 };
	int rc;

	if ((rc = rx_sync_ops_decode(&b, plain->data, plain->len, err)) < 0)
		return rc;
	rc = rx_sync_store_apply(a->st, b.ops, b.n, err);
	for (size_t i = 0; rc == 0 && i < b.n; i++)
		rx_sync_hlc_observe(&a->hlc, b.ops[i].hlc, wall_ms());
	rx_sync_batch_free(&b);
	return rc;
}

static int sealed_to(const rx_cs *cs, const uint8_t box_pk[32])
{
	uint8_t id[RX_KEY_ID_BYTES];

	rx_crypto_key_id(id, box_pk);
	for (size_t i = 0; i < cs->meta.nrcpt; i++)
		if (!memcmp(cs->meta.rcpt[i], id, RX_KEY_ID_BYTES))
			return 1;
	return 0;
}

int rx_archive_apply_cs(rx_archive *a, const git_oid *id, rx_error *err)
{
	char hex[GIT_OID_HEXSZ + 1];
	rx_buf plain = RX_BUF_INIT;
	rx_cs cs;
	int rc;

	git_oid_tostr(hex, sizeof(hex), id);
	if (is_applied(a, hex))
		return 0;
	if ((rc = rx_sync_cs_load(&cs, a->repo, id, err)) < 0)
		return rc;
	if (cs.meta.kind == RX_CS_ARCHIVE && sealed_to(&cs, a->box_pk) &&
	    (rc = rx_sync_cs_open(&plain, &cs, a->box_pk, a->box_sk, err)) == 0)
		rc = apply_plain(a, &plain, err);
	if (rc == 0)
		rc = mark_applied(a, hex, &cs.meta, err);
	sodium_memzero(plain.data, plain.cap);
	rx_buf_free(&plain);
	rx_sync_cs_free(&cs);
	return rc;
}

static void clock_range(const rx_sync_op *ops, size_t n, uint64_t *lo, uint64_t *hi)
{
	*lo = UINT64_MAX, *hi = 0;
	for (size_t i = 0; i < n; i++) {
		if (ops[i].hlc < *lo)
			*lo = ops[i].hlc;
		if (ops[i].hlc > *hi)
			*hi = ops[i].hlc;
	}
	if (n == 0)
		*lo = 0;
}

int rx_archive_write(rx_archive *a, rx_sync_op *ops, size_t n, rx_error *err)
{
	rx_crypto_recipient r;
	rx_buf enc = RX_BUF_INIT;
	rx_cs_write w = { 0 };
	git_oid id;
	uint64_t t = 0;
	int rc;

	for (size_t i = 0; i < n; i++) {
		if (ops[i].node == 0)
			ops[i].node = a->node;
		if (ops[i].hlc == 0)
			ops[i].hlc = t ? t : (t = rx_archive_tick(a));
	}
	if ((rc = rx_sync_ops_encode(&enc, ops, n, err)) < 0)
		goto out;
	memcpy(r.box_pk, a->box_pk, 32);
	w.author = a->h->node;
	w.sign_sk = a->s->sign_sk;
	w.kind = RX_CS_ARCHIVE;
	w.time = (int64_t)time(NULL);
	clock_range(ops, n, &w.hlc_min, &w.hlc_max);
	w.plain = enc.data, w.plain_len = enc.len;
	w.rcpt = &r, w.nrcpt = 1;
	if ((rc = rx_sync_cs_create(&id, a->repo, &w, err)) < 0 ||
	    (rc = rx_home_exec(a->h, "BEGIN IMMEDIATE", err)) < 0)
		goto out;
	if ((rc = rx_archive_apply_cs(a, &id, err)) < 0) {
		rx_home_exec(a->h, "ROLLBACK", NULL);
		goto out;
	}
	rc = rx_home_exec(a->h, "COMMIT", err);
out:
	sodium_memzero(enc.data, enc.cap);
	rx_buf_free(&enc);
	return rc;
}
