/* runxin stats report: a county's suppressed view of its schools, or the city's view of its counties. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/util/util.h"
#include "ops/stats/stats.h"
#include "sync/directory.h"

typedef struct names {
	char (*name)[RX_NAME_MAX + 1];
	char (*parent)[RX_NAME_MAX + 1];
} names;

static void name_of(char out[RX_NAME_MAX + 1], char parent[RX_NAME_MAX + 1],
	sqlite3 *db, const char *node)
{
	rx_crypto_cert c, p;
	rx_error e = { 0 };

	snprintf(out, RX_NAME_MAX + 1, "%s", node);
	if (parent)
		parent[0] = 0;
	if (rx_directory_get_cert(db, node, &c, &e) < 0)
		return;
	snprintf(out, RX_NAME_MAX + 1, "%s", c.name);
	if (parent && rx_directory_get_cert(db, c.parent, &p, &e) == 0)
		snprintf(parent, RX_NAME_MAX + 1, "%s", p.name);
}

static int emit(rx_ops_stats_hub *hub, rx_ops_stats_unit *units, size_t n,
	const rx_ops_stats_unit *total, double eps, rx_ops_stats_format f,
	const char *path, const rx_ops_stats_pubopts *po, rx_error *err)
{
	char title[RX_NAME_MAX + 1];
	rx_ops_stats_report r = { title, rx_ops_stats_threshold(hub->h), eps, total, units, n,
		!po->csv_plain, po->lang_zh };
	rx_buf out = RX_BUF_INIT;
	int rc;

	name_of(title, NULL, hub->h->db, hub->h->node);
	if ((rc = rx_ops_stats_render(&out, &r, f, err)) == 0) {
		if (path)
			rc = rx_ops_file_write(path, out.data, out.len, err);
		else if (fwrite(out.data, 1, out.len, stdout) != out.len)
			rc = rx_error_set(err, RX_EINTERNAL, "writing the report");
	}
	rx_buf_free(&out);
	return rc;
}

static int units_of(rx_ops_stats_unit **out, names *nm, rx_ops_stats *const *recs,
	size_t n, sqlite3 *db, int with_parent, rx_error *err)
{
	*out = calloc(n + 1, sizeof(**out));
	nm->name = calloc(n + 1, sizeof(*nm->name));
	nm->parent = calloc(n + 1, sizeof(*nm->parent));
	if (!*out || !nm->name || !nm->parent)
		return rx_error_nomem(err);
	for (size_t i = 0; i < n; i++) {
		name_of(nm->name[i], nm->parent[i], db, recs[i]->node);
		(*out)[i].s = recs[i];
		(*out)[i].name = nm->name[i];
		(*out)[i].parent = with_parent ? nm->parent[i] : NULL;
	}
	return 0;
}

static int county_report(rx_ops_stats_hub *hub, const rx_ops_stats_pubopts *po,
	rx_ops_stats_format f, const char *path, rx_error *err)
{
	rx_ops_stats *view = NULL, **ptr = NULL;
	rx_ops_stats_unit *units = NULL;
	names nm = { 0 };
	size_t n = 0;
	double eps = 0;
	int rc;

	if ((rc = rx_ops_stats_county_view(&view, &n, hub, po, &eps, err)) < 0)
		goto out;
	if (!(ptr = calloc(n, sizeof(*ptr)))) {
		rc = rx_error_nomem(err);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		ptr[i] = &view[i];
	/* the aggregate is the last record: the total, then the schools */
	if ((rc = units_of(&units, &nm, ptr, n, hub->h->db, 0, err)) == 0)
		rc = emit(hub, units, n - 1, &units[n - 1], eps, f, path, po, err);
out:
	free(view), free(ptr), free(units), free(nm.name), free(nm.parent);
	return rc;
}

/* Counties' published aggregates, then their schools as the counties published them. */
static int city_report(rx_ops_stats_hub *hub, rx_ops_stats_format f, const char *path,
	const rx_ops_stats_pubopts *po, rx_error *err)
{
	rx_ops_stats **ptr = NULL, **cty = NULL, *total = NULL;
	rx_ops_stats_unit *units = NULL, tu;
	names nm = { 0 };
	size_t n = 0, nc = 0, cap = 0;
	int rc = 0;

	for (size_t i = 0; i < hub->set.n; i++)
		cap += hub->set.pub[i].n;
	if (!(ptr = calloc(cap + 1, sizeof(*ptr))) || !(cty = calloc(cap + 1, sizeof(*cty))) ||
	    !(total = calloc(1, sizeof(*total))))
		return free(ptr), free(cty), rx_error_nomem(err);
	for (size_t i = 0; i < hub->set.n; i++) {
		rx_ops_stats_pub *p = &hub->set.pub[i];
		if (p->role != RX_ROLE_COUNTY || p->recs[0].year != hub->year ||
		    strcmp(p->recs[0].round, hub->round))
			continue;
		cty[nc++] = &p->recs[p->n - 1];
		for (size_t r = 0; r < p->n; r++)
			ptr[n++] = &p->recs[(r + p->n - 1) % p->n]; /* the county, then its schools */
	}
	if (nc == 0) {
		rc = rx_error_set(err, RX_EINPUT, "no county's statistics: have the counties "
			"run 'runxin stats publish' and synced?");
		goto out;
	}
	rx_ops_stats_city_total(total, (const rx_ops_stats *const *)cty, nc, hub->h->node);
	tu.s = total, tu.name = "全市合计", tu.parent = NULL;
	if ((rc = units_of(&units, &nm, ptr, n, hub->h->db, 1, err)) == 0)
		rc = emit(hub, units, n, &tu, 0, f, path, po, err);
out:
	free(ptr), free(cty), free(total), free(units), free(nm.name), free(nm.parent);
	return rc;
}

int rx_ops_stats_report_write(rx_home *h, const rx_home_opts *o, int year, const char *round,
	const rx_ops_stats_pubopts *po, rx_ops_stats_format f, const char *path,
	rx_error *err)
{
	rx_ops_stats_hub hub;
	int rc;

	if (h->role == RX_ROLE_CITY && po->epsilon > 0)
		return rx_error_set(err, RX_EUSAGE, "--epsilon applies where the exact figures "
			"are, at a county; the city reports what counties published");
	if ((rc = rx_ops_stats_hub_open(&hub, h, o, year, round, err)) == 0)
		rc = h->role == RX_ROLE_CITY ? city_report(&hub, f, path, po, err) :
			county_report(&hub, po, f, path, err);
	rx_ops_stats_hub_close(&hub);
	return rc;
}
