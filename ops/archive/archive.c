/* The archive write path: ops -> signed change-set -> local store, crash-safe. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "crypto/datakey.h"
#include "ops/archive/archive.h"
#include "ops/home/epochs.h"
#include "ops/util/util.h"
#include "sync/changeset.h"
#include "sync/directory.h"
#include "sync/hlc.h"
#include "sync/remote.h"

static const char applied_sql[] =
	"CREATE TABLE IF NOT EXISTS applied(id TEXT PRIMARY KEY, author TEXT NOT NULL,"
	" seq INTEGER NOT NULL);";

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
	if (rc == 0)
		rc = rx_home_epochs_load(&a->ep, a->h, a->s, err);
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

int rx_archive_open(rx_archive **out, rx_home *h, const rx_home_opts *o,
	rx_error *err)
{
	rx_archive *a;
	int rc;

	/* the struct holds the school's box secret key: guarded memory */
	if (!(a = sodium_malloc(sizeof(*a))))
		return rx_error_nomem(err);
	sodium_memzero(a, sizeof(*a));
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
	rx_home_epochs_free(a->ep);
	git_repository_free(a->repo);
	rx_home_secrets_free(a->s);
	sodium_free(a);
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

/*
 * The state db refused the change-set just written (a full disk): move the
 * branch back, so the import is all or nothing now, not applied by the next
 * open. Should that fail too, the next open applies it: still all.
 */
static void undo_branch(rx_archive *a, const git_oid *id, const git_oid *before)
{
	git_reference *r = NULL;
	char ref[128];

	if (rx_sync_cs_ref(ref, sizeof(ref), a->h->node, RX_CS_ARCHIVE) < 0)
		return;
	if (before)
		git_reference_create_matching(&r, a->repo, ref, before, 1, id,
			"runxin: the state database refused the change-set");
	else if (git_reference_lookup(&r, a->repo, ref) == 0 &&
		 git_oid_equal(git_reference_target(r), id))
		git_reference_delete(r);
	git_reference_free(r);
}

const uint8_t *rx_archive_seal_key(const rx_archive *a)
{
	const rx_epoch *cur = rx_home_epochs_current(a->ep);

	return cur ? cur->pk : a->box_pk;
}

/*
 * A clock outside this node's certificate writes what every peer refuses
 * ("certificate not valid at that time"): refuse here, and say why. A node
 * not yet joined has no certificate: its change-sets are checked by peers
 * only once it has one.
 */
static int clock_in_cert(rx_archive *a, int64_t now, rx_error *err)
{
	rx_crypto_cert chain[4];
	char from[16], to[16];
	struct tm tm;
	time_t t;
	size_t n;
	int rc;

	if (!rx_directory_knows(a->h->db, a->h->node))
		return 0; /* not joined yet: no certificate to hold the clock to */
	if ((rc = rx_directory_chain(a->h->db, a->h->node, chain, &n, err)) < 0)
		return rc;
	if (now >= chain[0].not_before && now <= chain[0].not_after)
		return 0;
	t = (time_t)chain[0].not_before, gmtime_r(&t, &tm);
	strftime(from, sizeof(from), "%Y-%m-%d", &tm);
	t = (time_t)chain[0].not_after, gmtime_r(&t, &tm);
	strftime(to, sizeof(to), "%Y-%m-%d", &tm);
	return rx_error_set(err, RX_EINPUT, "本机时钟有误：当前日期不在本节点证书的有效期"
		"（%s 至 %s）内，未写入；请校正日期和时间后重试 (this computer's clock is "
		"outside this node's certificate; set the date and time right and try again)",
		from, to);
}

int rx_archive_write(rx_archive *a, rx_sync_op *ops, size_t n, rx_error *err)
{
	rx_crypto_recipient r;
	rx_buf enc = RX_BUF_INIT;
	rx_cs_write w = { 0 };
	git_oid id, before;
	char ref[128];
	uint64_t t = 0;
	int rc, had;

	for (size_t i = 0; i < n; i++) {
		if (ops[i].node == 0)
			ops[i].node = a->node;
		if (ops[i].hlc == 0)
			ops[i].hlc = t ? t : (t = rx_archive_tick(a));
	}
	if ((rc = rx_sync_ops_encode(&enc, ops, n, err)) < 0)
		goto out;
	memcpy(r.box_pk, rx_archive_seal_key(a), 32);
	w.author = a->h->node;
	w.sign_sk = a->s->sign_sk;
	w.kind = RX_CS_ARCHIVE;
	w.time = (int64_t)time(NULL);
	if ((rc = clock_in_cert(a, w.time, err)) < 0)
		goto out;
	clock_range(ops, n, &w.hlc_min, &w.hlc_max);
	w.plain = enc.data, w.plain_len = enc.len;
	w.rcpt = &r, w.nrcpt = 1;
	had = rx_sync_cs_ref(ref, sizeof(ref), a->h->node, RX_CS_ARCHIVE) == 0 &&
		git_reference_name_to_id(&before, a->repo, ref) == 0;
	if ((rc = rx_sync_cs_create(&id, a->repo, &w, err)) < 0)
		goto out;
	if ((rc = rx_home_exec(a->h, "BEGIN IMMEDIATE", err)) < 0)
		goto undo;
	if ((rc = rx_archive_apply_cs(a, &id, err)) < 0 ||
	    (rc = rx_home_exec(a->h, "COMMIT", err)) < 0) {
		rx_home_exec(a->h, "ROLLBACK", NULL);
		goto undo;
	}
	goto out;
undo:
	undo_branch(a, &id, had ? &before : NULL);
out:
	sodium_memzero(enc.data, enc.cap);
	rx_buf_free(&enc);
	return rc;
}

static int sync_apply(void *ctx, const rx_cs *cs, rx_error *err)
{
	return rx_archive_apply_cs(ctx, &cs->id, err);
}

void rx_archive_sync_hook(rx_archive *a, rx_sync_opts *so)
{
	so->apply = sync_apply;
	so->apply_ctx = a;
}
