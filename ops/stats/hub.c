/* Statistics at a county or city hub: unlock, collect, and the county's published view. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crypto/datakey.h"
#include "ops/stats/stats.h"
#include "sync/directory.h"

static int setting(rx_home *h, const char *key, int protection)
{
	char *v = rx_home_get(h, key);
	int t = v ? atoi(v) : 0;
	rx_ops_compliance_cfg c;

	free(v);
	if (t >= 1 && t <= 100)
		return t;
	if (rx_ops_compliance_cfg_init(&c, NULL) < 0)
		return protection ? RX_OPS_PROTECTION_DEFAULT : RX_OPS_THRESHOLD_DEFAULT;
	return protection ? c.disclosure_protection : c.disclosure_threshold;
}

int rx_ops_stats_threshold(rx_home *h)
{
	return setting(h, "stats.threshold", 0);
}

int rx_ops_stats_protection(rx_home *h)
{
	return setting(h, "stats.protection", 1);
}

/* The latest school year, then the round most recently published in it. */
static void pick_round(rx_ops_stats_hub *hub, int want_county)
{
	int64_t best = -1;

	for (size_t i = 0; i < hub->set.n; i++) {
		const rx_ops_stats_pub *p = &hub->set.pub[i];
		if ((p->role == RX_ROLE_COUNTY) != want_county)
			continue;
		if (p->recs[0].year > hub->year || (p->recs[0].year == hub->year &&
		    p->time > best)) {
			hub->year = p->recs[0].year;
			best = p->time;
			memcpy(hub->round, p->recs[0].round, sizeof(hub->round));
		}
	}
}

int rx_ops_stats_hub_open(rx_ops_stats_hub *hub, rx_home *h, const rx_home_opts *o, int year,
	const char *round, rx_error *err)
{
	int rc;

	memset(hub, 0, sizeof(*hub));
	hub->h = h;
	if (h->role != RX_ROLE_COUNTY && h->role != RX_ROLE_CITY)
		return rx_error_set(err, RX_EUSAGE, "this runs at a county or city hub");
	if ((rc = rx_home_unlock(&hub->s, h, o, err)) < 0)
		return rc;
	if (!hub->s->has_master)
		return rx_error_set(err, RX_EUSAGE, "this hub holds no data key");
	rx_crypto_datakey_box(hub->box_pk, hub->box_sk, hub->s->master);
	if ((rc = rx_home_repo(&hub->repo, h, err)) < 0 ||
	    (rc = rx_ops_stats_collect(&hub->set, hub->repo, h->db, hub->box_pk,
		hub->box_sk, err)) < 0)
		return rc;
	if (year && round) {
		hub->year = year;
		snprintf(hub->round, sizeof(hub->round), "%s", round);
	} else {
		pick_round(hub, h->role == RX_ROLE_CITY);
	}
	return 0;
}

void rx_ops_stats_hub_close(rx_ops_stats_hub *hub)
{
	rx_ops_stats_set_free(&hub->set);
	git_repository_free(hub->repo);
	rx_home_secrets_free(hub->s);
	sodium_memzero(hub->box_sk, sizeof(hub->box_sk));
}

/* A school enrolled by this county (another county's school is not ours to report). */
static int ours(rx_ops_stats_hub *hub, const char *school)
{
	rx_crypto_cert c;
	rx_error e = { 0 };

	return rx_directory_get_cert(hub->h->db, school, &c, &e) == 0 &&
		!strcmp(c.parent, hub->h->node);
}

static int cmp_node(const void *a, const void *b)
{
	return strcmp(((const rx_ops_stats *)a)->node, ((const rx_ops_stats *)b)->node);
}

int rx_ops_stats_county_view(rx_ops_stats **out, size_t *n, rx_ops_stats_hub *hub,
	const rx_ops_stats_pubopts *po, double *eps, rx_error *err)
{
	rx_ops_stats *schools = calloc(hub->set.n + 1, sizeof(*schools));
	size_t k = 0;
	int rc;

	*out = NULL, *n = 0;
	if (!schools)
		return rx_error_nomem(err);
	for (size_t i = 0; i < hub->set.n; i++) {
		const rx_ops_stats_pub *p = &hub->set.pub[i];
		if (p->role != RX_ROLE_COUNTY && p->recs[0].year == hub->year &&
		    !strcmp(p->recs[0].round, hub->round) &&
		    ours(hub, p->recs[0].node))
			schools[k++] = p->recs[0];
	}
	if (k == 0) {
		free(schools);
		return rx_error_set(err, RX_EINPUT, "no school's statistics for %d/%s: "
			"have the schools run 'runxin stats publish' and synced?", hub->year,
			hub->round);
	}
	qsort(schools, k, sizeof(*schools), cmp_node);
	rc = rx_ops_stats_family(out, schools, k, hub->h->node, po, eps, err);
	if (rc == 0)
		*n = k + 1;
	free(schools);
	return rc;
}
