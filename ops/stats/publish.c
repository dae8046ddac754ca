/* Publishing statistics: a school's figures or a county's suppressed view, sealed to the hubs above, and the stats settings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "ops/archive/archive.h"
#include "ops/stats/stats.h"
#include "sync/changeset.h"
#include "sync/directory.h"

/*
 * The box key of the nearest hub above: a school's county (the city only when
 * the school has no county), a county's city. Exact figures stay at the
 * county; the city receives the county's suppressed view (docs/disclosure.md).
 */
static int recipients(rx_crypto_recipient *r, size_t *n, sqlite3 *db, const char *node,
	rx_error *err)
{
	rx_crypto_cert chain[4];
	size_t len;
	int rc;

	if ((rc = rx_directory_chain(db, node, chain, &len, err)) < 0)
		return rc;
	*n = 0;
	for (size_t i = 1; i < len && *n == 0; i++)
		if (chain[i].role == RX_ROLE_COUNTY || chain[i].role == RX_ROLE_CITY)
			memcpy(r[(*n)++].box_pk, chain[i].box_pk, 32);
	if (*n == 0)
		return rx_error_set(err, RX_EUSAGE, "no county or city above %s in the directory", node);
	return 0;
}

/*
 * The node's settings remember the last publication: "stats.published" is
 * "<hash of the figures> <change-set>", written after the change-set;
 * "stats.pending" is "<hash> <branch tip before>", written before it, so
 * that a power cut between the two still finds its change-set: the tip is
 * then a stats change-set whose parent is the tip noted. Without this a
 * teacher who re-runs an interrupted publish would publish twice.
 */
static int same_as_pending(git_repository *repo, const char *ref, const char *before,
	rx_error *err)
{
	git_oid tip;
	rx_cs cs;
	char parent[GIT_OID_HEXSZ + 1] = "none";
	int same;

	if (git_reference_name_to_id(&tip, repo, ref) < 0)
		return 0;
	if (rx_sync_cs_load(&cs, repo, &tip, err) < 0) {
		rx_error_clear(err);
		return 0;
	}
	if (cs.has_parent)
		git_oid_tostr(parent, sizeof(parent), &cs.parent);
	same = cs.meta.kind == RX_CS_STATS && !strcmp(parent, before);
	rx_sync_cs_free(&cs);
	return same;
}

static int published_before(rx_home *h, git_repository *repo, const char *ref,
	const char *hash)
{
	char *last = rx_home_get(h, "stats.published"), *pend = rx_home_get(h, "stats.pending");
	size_t n = strlen(hash);
	int yes = last && !strncmp(last, hash, n) && last[n] == ' ';

	if (!yes && pend && !strncmp(pend, hash, n) && pend[n] == ' ')
		yes = same_as_pending(repo, ref, pend + n + 1, NULL);
	free(last), free(pend);
	return yes;
}

static int note(rx_home *h, const char *key, const char *hash, git_repository *repo,
	const char *ref, const git_oid *id, rx_error *err)
{
	char v[64 + 1 + GIT_OID_HEXSZ + 1], oid[GIT_OID_HEXSZ + 1] = "none";
	git_oid tip;

	if (id)
		git_oid_tostr(oid, sizeof(oid), id);
	else if (git_reference_name_to_id(&tip, repo, ref) == 0)
		git_oid_tostr(oid, sizeof(oid), &tip);
	snprintf(v, sizeof(v), "%s %s", hash, oid);
	return rx_home_set(h, key, v, err);
}

static int seal(int *unchanged, rx_home *h, git_repository *repo, const uint8_t *sign_sk,
	const rx_ops_stats *recs, size_t n, const char *above, uint64_t hlc, rx_error *err)
{
	rx_crypto_recipient r[3];
	rx_buf enc = RX_BUF_INIT;
	rx_cs_write w = { 0 };
	uint8_t sum[32];
	char hash[65], ref[128];
	size_t nr;
	git_oid id;
	int rc;

	if ((rc = recipients(r, &nr, h->db, above, err)) < 0 ||
	    (rc = rx_ops_stats_encode(&enc, recs, n, err)) < 0)
		goto out;
	crypto_generichash(sum, sizeof(sum), enc.data, enc.len, NULL, 0);
	sodium_bin2hex(hash, sizeof(hash), sum, sizeof(sum));
	rx_sync_cs_ref(ref, sizeof(ref), h->node, RX_CS_STATS);
	if ((*unchanged = published_before(h, repo, ref, hash)))
		goto out;
	w.author = h->node, w.sign_sk = sign_sk, w.kind = RX_CS_STATS;
	w.time = (int64_t)time(NULL);
	w.hlc_min = w.hlc_max = hlc;
	w.plain = enc.data, w.plain_len = enc.len;
	w.rcpt = r, w.nrcpt = nr;
	if ((rc = note(h, "stats.pending", hash, repo, ref, NULL, err)) < 0 ||
	    (rc = rx_sync_cs_create(&id, repo, &w, err)) < 0)
		goto out;
	rc = note(h, "stats.published", hash, repo, ref, &id, err);
out:
	rx_buf_free(&enc);
	return rc;
}

static int publish_school(rx_ops_stats_published *out, rx_home *h, const rx_home_opts *o,
	const char *round, rx_error *err)
{
	char school[RX_NODE_ID_LEN + 1];
	rx_schema_date today;
	rx_archive *a = NULL;
	rx_ops_stats *st = calloc(1, sizeof(*st));
	int rc;

	if (!st)
		return rx_error_nomem(err);
	if ((rc = rx_home_school(school, h, err)) < 0 || (rc = rx_rec_today(&today, err)) < 0 ||
	    (rc = rx_archive_open(&a, h, o, err)) < 0 ||
	    (rc = rx_ops_stats_compute(st, a, school, round, today, err)) < 0 ||
	    (rc = seal(&out->unchanged, h, a->repo, a->s->sign_sk, st, 1, school,
		rx_archive_tick(a), err)) < 0)
		goto out;
	out->scope = RX_OPS_STATS_SCHOOL;
	memcpy(out->unit, school, sizeof(out->unit));
	out->year = st->year;
	memcpy(out->round, st->round, sizeof(out->round));
	out->count = rx_ops_stats_get(st, RX_STATS_LEVELS,
		rx_ops_stats_rows(RX_STATS_LEVELS), rx_ops_stats_cols(RX_STATS_LEVELS));
out:
	rx_archive_close(a);
	free(st);
	return rc;
}

static int publish_county(rx_ops_stats_published *out, rx_home *h, const rx_home_opts *o,
	int year, const char *round, const rx_ops_stats_pubopts *po, rx_error *err)
{
	rx_ops_stats_hub hub;
	rx_ops_stats *view = NULL;
	size_t n = 0;
	double eps = 0;
	int rc;

	if ((rc = rx_ops_stats_hub_open(&hub, h, o, year, round, err)) < 0 ||
	    (rc = rx_ops_stats_county_view(&view, &n, &hub, po, &eps, err)) < 0 ||
	    (rc = seal(&out->unchanged, h, hub.repo, hub.s->sign_sk, view, n, h->node, 0,
		err)) < 0)
		goto out;
	out->scope = RX_OPS_STATS_COUNTY;
	memcpy(out->unit, h->node, sizeof(out->unit));
	out->year = hub.year;
	memcpy(out->round, hub.round, sizeof(out->round));
	out->count = (int64_t)(n - 1);
	out->epsilon = eps;
out:
	free(view);
	rx_ops_stats_hub_close(&hub);
	return rc;
}

int rx_ops_stats_publish(rx_ops_stats_published *out, rx_home *h, const rx_home_opts *o,
	int year, const char *round, const rx_ops_stats_pubopts *po, rx_error *err)
{
	memset(out, 0, sizeof(*out));
	if (h->role == RX_ROLE_COUNTY)
		return publish_county(out, h, o, year, round, po, err);
	if (h->role == RX_ROLE_CITY)
		return rx_error_set(err, RX_EUSAGE, "the city publishes no statistics");
	return publish_school(out, h, o, round, err);
}

int rx_ops_stats_setting_set(rx_home *h, const char *kv, rx_error *err)
{
	const char *eq = strchr(kv, '=');
	char key[64];
	long v;

	if (!eq || (size_t)(eq - kv) >= 32)
		return rx_error_set(err, RX_EUSAGE, "stats setting threshold=N | protection=N | "
			"ratio=N | type=城区|乡镇中心|村小 | stage=小学|初中|高中");
	if (!strncmp(kv, "type=", 5) || !strncmp(kv, "stage=", 6)) {
		int t = kv[1] == 'y' ? rx_ops_school_type_parse(eq + 1) :
			rx_ops_school_stage_parse(eq + 1);
		if (!t)
			return rx_error_set(err, RX_EUSAGE, "学校类型应为 城区、乡镇中心 或 村小，学段应为 "
				"小学、初中 或 高中 (type=urban|township|village, stage=primary|junior|senior)");
		return rx_home_set(h, kv[1] == 'y' ? "school.type" : "school.stage", eq + 1, err);
	}
	v = strtol(eq + 1, NULL, 10);
	if (!strncmp(kv, "threshold=", 10) && v >= 1 && v <= 100)
		snprintf(key, sizeof(key), "stats.threshold");
	else if (!strncmp(kv, "protection=", 11) && v >= 1 && v <= 100)
		snprintf(key, sizeof(key), "stats.protection");
	else if (!strncmp(kv, "ratio=", 6) && v >= 100 && v <= 5000)
		snprintf(key, sizeof(key), "compliance.ratio");
	else
		return rx_error_set(err, RX_EUSAGE, "stats setting: threshold=1..100 "
			"(counts hidden), protection=1..100 (values a hidden count keeps) or ratio=100..5000 (students per psychology teacher)");
	return rx_home_set(h, key, eq + 1, err);
}
