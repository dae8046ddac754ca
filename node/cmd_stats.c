/* runxin stats publish | report | setting: a school's figures, a county's suppressed view, reports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/util/util.h"
#include "ops/archive/archive.h"
#include "ops/stats/stats.h"
#include "sync/changeset.h"
#include "sync/directory.h"

/* The box keys of the county and the city above a school, or the city above a county. */
static int recipients(rx_crypto_recipient *r, size_t *n, sqlite3 *db, const char *node,
	rx_error *err)
{
	rx_crypto_cert chain[4];
	size_t len;
	int rc;

	if ((rc = rx_directory_chain(db, node, chain, &len, err)) < 0)
		return rc;
	*n = 0;
	for (size_t i = 1; i < len; i++)
		if (chain[i].role == RX_ROLE_COUNTY || chain[i].role == RX_ROLE_CITY)
			memcpy(r[(*n)++].box_pk, chain[i].box_pk, 32);
	if (*n == 0)
		return rx_error_set(err, RX_EUSAGE, "no county or city above %s in the directory", node);
	return 0;
}

static int seal(git_repository *repo, const char *author, const uint8_t *sign_sk,
	const rx_ops_stats *recs, size_t n, sqlite3 *db, const char *above, uint64_t hlc,
	rx_error *err)
{
	rx_crypto_recipient r[3];
	rx_buf enc = RX_BUF_INIT;
	rx_cs_write w = { 0 };
	size_t nr;
	git_oid id;
	int rc;

	if ((rc = recipients(r, &nr, db, above, err)) < 0 ||
	    (rc = rx_ops_stats_encode(&enc, recs, n, err)) < 0)
		goto out;
	w.author = author, w.sign_sk = sign_sk, w.kind = RX_CS_STATS;
	w.time = (int64_t)time(NULL);
	w.hlc_min = w.hlc_max = hlc;
	w.plain = enc.data, w.plain_len = enc.len;
	w.rcpt = r, w.nrcpt = nr;
	rc = rx_sync_cs_create(&id, repo, &w, err);
out:
	rx_buf_free(&enc);
	return rc;
}

/* The school a school node or device publishes for. */
static int school_of(char out[RX_NODE_ID_LEN + 1], rx_home *h, rx_error *err)
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

static int publish_school(rx_home *h, const rx_opts *o, const char *round, rx_error *err)
{
	char school[RX_NODE_ID_LEN + 1];
	rx_schema_date today;
	rx_archive *a = NULL;
	rx_ops_stats *st = calloc(1, sizeof(*st));
	int rc;

	if (!st)
		return rx_error_nomem(err);
	if ((rc = school_of(school, h, err)) < 0 || (rc = rx_rec_today(&today, err)) < 0 ||
	    (rc = rx_archive_open(&a, h, &o->home, err)) < 0 ||
	    (rc = rx_node_stats_compute(st, a, school, round, today, err)) < 0 ||
	    (rc = seal(a->repo, h->node, a->s->sign_sk, st, 1, h->db, school,
		rx_archive_tick(a), err)) < 0)
		goto out;
	printf("统计 stats: school %s, school year %d, round %s: %lld students published\n",
		school, st->year, st->round, (long long)rx_ops_stats_get(st, RX_STATS_LEVELS,
		rx_ops_stats_rows(RX_STATS_LEVELS), rx_ops_stats_cols(RX_STATS_LEVELS)));
out:
	rx_archive_close(a);
	free(st);
	return rc;
}

static int publish_county(rx_home *h, const rx_opts *o, int year, const char *round,
	const rx_ops_stats_pubopts *po, rx_error *err)
{
	rx_node_hub hub;
	rx_ops_stats *view = NULL;
	size_t n = 0;
	double eps = 0;
	int rc;

	if ((rc = rx_node_hub_open(&hub, h, &o->home, year, round, err)) < 0 ||
	    (rc = rx_node_stats_county_view(&view, &n, &hub, po, &eps, err)) < 0 ||
	    (rc = seal(hub.repo, h->node, hub.s->sign_sk, view, n, h->db, h->node, 0,
		err)) < 0)
		goto out;
	printf("统计 stats: county %s, school year %d, round %s: %zu schools published "
		"(suppressed, threshold %lld%s)\n", h->node, hub.year, hub.round, n - 1,
		(long long)po->threshold, eps > 0 ? ", with noise" : "");
out:
	free(view);
	rx_node_hub_close(&hub);
	return rc;
}

static int setting(rx_home *h, const char *kv, rx_error *err)
{
	const char *eq = strchr(kv, '=');
	char key[64];
	long v;

	if (!eq || (size_t)(eq - kv) >= 32)
		return rx_error_set(err, RX_EUSAGE, "stats setting threshold=N | ratio=N");
	v = strtol(eq + 1, NULL, 10);
	if (!strncmp(kv, "threshold=", 10) && v >= 1 && v <= 100)
		snprintf(key, sizeof(key), "stats.threshold");
	else if (!strncmp(kv, "ratio=", 6) && v >= 100 && v <= 5000)
		snprintf(key, sizeof(key), "compliance.ratio");
	else
		return rx_error_set(err, RX_EUSAGE, "stats setting: threshold=1..100 "
			"(counts hidden) or ratio=100..5000 (students per psychology teacher)");
	return rx_home_set(h, key, eq + 1, err);
}

static int parse_format(rx_ops_stats_format *f, const char *s, rx_error *err)
{
	if (!s || !strcmp(s, "csv"))
		*f = RX_STATS_CSV;
	else if (!strcmp(s, "json"))
		*f = RX_STATS_JSON;
	else if (!strcmp(s, "html"))
		*f = RX_STATS_HTML;
	else
		return rx_error_set(err, RX_EUSAGE, "--format csv|json|html");
	return 0;
}

static int parse_opts(rx_ops_stats_pubopts *po, int *year, const char *eps_s,
	const char *year_s, rx_home *h, rx_error *err)
{
	char *end = NULL;

	memset(po, 0, sizeof(*po));
	po->threshold = rx_node_stats_threshold(h);
	*year = year_s ? atoi(year_s) : 0;
	if (year_s && (*year < 2000 || *year > 2099))
		return rx_error_set(err, RX_EUSAGE, "--year must be 2000..2099");
	if (eps_s) {
		po->epsilon = strtod(eps_s, &end);
		if (!end || *end || !(po->epsilon > 0 && po->epsilon <= 20))
			return rx_error_set(err, RX_EUSAGE, "--epsilon must be in (0, 20]");
	}
	return 0;
}

int rx_cmd_stats(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *pos[2] = { NULL, NULL }, *fmt = NULL, *eps_s = NULL, *out = NULL;
	const char *round = NULL, *year_s = NULL;
	const rx_argopt opts[] = { { "--format", &fmt, NULL }, { "--epsilon", &eps_s, NULL },
		{ "--out", &out, NULL }, { "--round", &round, NULL }, { "--year", &year_s, NULL },
		{ NULL, NULL, NULL } };
	rx_ops_stats_pubopts po;
	rx_ops_stats_format f;
	rx_home *h = NULL;
	int rc, year;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 2, err)) < 0 ||
	    (rc = parse_format(&f, fmt, err)) < 0)
		return rc;
	if ((year_s || round) && !(year_s && round))
		return rx_error_set(err, RX_EUSAGE, "give --year and --round together");
	if ((rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if ((rc = parse_opts(&po, &year, eps_s, year_s, h, err)) < 0)
		goto out;
	if (!strcmp(pos[0], "setting") && pos[1])
		rc = setting(h, pos[1], err);
	else if (pos[1])
		rc = rx_error_set(err, RX_EUSAGE, "stats publish | report | setting KEY=N");
	else if (!strcmp(pos[0], "publish"))
		rc = h->role == RX_ROLE_COUNTY ? publish_county(h, o, year, round, &po, err) :
			h->role == RX_ROLE_CITY ? rx_error_set(err, RX_EUSAGE,
			"the city publishes no statistics") : publish_school(h, o, round, err);
	else if (!strcmp(pos[0], "report"))
		rc = rx_node_stats_report(h, &o->home, year, round, &po, f, out, err);
	else
		rc = rx_error_set(err, RX_EUSAGE, "stats publish | report | setting KEY=N");
out:
	rx_home_close(h);
	return rc;
}
