/* A school's side: incident notices and review reports sealed up to the county and city, countersignatures taken in. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "ops/report/reportInt.h"
#include "sync/changeset.h"
#include "sync/directory.h"

static int dup_field(rx_ops_report_doc *d, rx_ops_report_field f, const char *v)
{
	return !v || (d->f[f] = strdup(v)) ? 0 : -1;
}

/* The notice (rr NULL or not submitted) or report of one incident. */
static int build(rx_ops_report_doc *d, const char *school, const rx_schema_rec *in,
	const rx_schema_rec *rr, int days, rx_error *err)
{
	static const char *const rrf[] = { "a1", "a2", "a3", "a4", "si", "ss", "sp", "sd" };
	rx_schema_date dt = rx_rec_date(rx_schema_rec_get(in, "d"));
	rx_schema_date dl = rx_schema_date_from_days(rx_schema_date_days(dt) + days);
	char dls[16];
	int bad = 0;

	memset(d, 0, sizeof(*d));
	snprintf(dls, sizeof(dls), "%04d-%02d-%02d", dl.year, dl.month, dl.day);
	d->type = rr && rx_schema_rec_get(rr, "sd") ? RX_REPORT_FULL : RX_REPORT_NOTICE;
	bad |= !(d->incident = strdup(in->id));
	bad |= dup_field(d, RX_RP_SCHOOL, school) | dup_field(d, RX_RP_DEADLINE, dls);
	bad |= dup_field(d, RX_RP_DATE, rx_schema_rec_get(in, "d"));
	bad |= dup_field(d, RX_RP_KIND, rx_schema_rec_get(in, "k"));
	for (int i = 0; d->type == RX_REPORT_FULL && i < 8; i++)
		bad |= dup_field(d, (rx_ops_report_field)(RX_RP_A1 + i), rx_schema_rec_get(rr, rrf[i]));
	if (bad || !d->f[RX_RP_DATE]) {
		rx_ops_report_doc_clear(d);
		return bad ? rx_error_nomem(err) : 0;
	}
	return 1;
}

/* Send what the county has not got: a notice for a new incident, a report when new or changed. */
static int send_one(rx_ops_report_synced *out, rx_archive *a, const rx_ops_report_set *set,
	const char *school, const rx_schema_rec *in, const rx_schema_rec *rr, int days,
	rx_error *err)
{
	rx_ops_report_doc d;
	const rx_ops_report_entry *e = NULL;
	uint8_t dg[32];
	int rc, send;

	if ((rc = build(&d, school, in, rr, days, err)) <= 0)
		return rc;
	for (size_t i = 0; i < set->n && !e; i++)
		if (!strcmp(set->e[i].school, school) && !strcmp(set->e[i].doc.incident, in->id))
			e = &set->e[i];
	rx_ops_report_digest(dg, &d);
	send = !e || (d.type == RX_REPORT_FULL && (!e->has_report ||
		sodium_memcmp(dg, e->digest, 32) != 0));
	rc = 0; /* this one already sent: go on with the next */
	if (send && (rc = rx_ops_report_seal(a->repo, a->h, a->s->sign_sk, &d,
		rx_archive_tick(a), err)) == 0) {
		out->notices += d.type == RX_REPORT_NOTICE;
		out->reports += d.type == RX_REPORT_FULL;
	}
	rx_ops_report_doc_clear(&d);
	return rc;
}

static int send_all(rx_ops_report_synced *out, rx_archive *a, const char *school,
	const rx_recset *ins, const rx_recset *rrs, rx_error *err)
{
	rx_ops_report_set set;
	rx_schema_oblig_cfg cfg;
	int rc;

	if ((rc = rx_schema_oblig_default(&cfg, err)) < 0 ||
	    (rc = rx_ops_report_collect(&set, a->repo, a->h->db, a->box_pk, a->box_sk, err)) < 0)
		return rc;
	for (size_t i = 0; i < ins->n && rc == 0; i++)
		rc = send_one(out, a, &set, school, &ins->r[i],
			rx_recset_find(rrs, ins->r[i].id), cfg.review_days, err);
	rx_ops_report_set_free(&set);
	return rc;
}

int rx_ops_report_sync(rx_ops_report_synced *out, rx_archive *a, rx_error *err)
{
	char school[RX_NODE_ID_LEN + 1];
	rx_recset ins = { 0 }, rrs = { 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	if (a->h->role != RX_ROLE_SCHOOL && a->h->role != RX_ROLE_DEVICE)
		return 0;
	if ((rc = rx_home_school(school, a->h, err)) < 0 ||
	    (rc = rx_recset_load(&ins, a, rx_schema_type_find("in"), NULL, err)) < 0 ||
	    (rc = rx_recset_load(&rrs, a, rx_schema_type_find("rr"), NULL, err)) < 0 ||
	    (rc = send_all(out, a, school, &ins, &rrs, err)) < 0)
		goto out;
	rc = rx_ops_report_take_signs(out, a, school, &rrs, err);
out:
	rx_recset_free(&ins);
	rx_recset_free(&rrs);
	return rc;
}

int rx_ops_report_sent(int *notice, int *report, rx_archive *a, const char *incident,
	rx_error *err)
{
	char school[RX_NODE_ID_LEN + 1];
	rx_ops_report_set set;
	int rc;

	*notice = *report = 0;
	if (a->h->role != RX_ROLE_SCHOOL && a->h->role != RX_ROLE_DEVICE)
		return 0;
	if ((rc = rx_home_school(school, a->h, err)) < 0 ||
	    (rc = rx_ops_report_collect(&set, a->repo, a->h->db, a->box_pk, a->box_sk, err)) < 0)
		return rc;
	for (size_t i = 0; i < set.n; i++)
		if (!strcmp(set.e[i].school, school) && !strcmp(set.e[i].doc.incident, incident)) {
			*notice = 1;
			*report = set.e[i].has_report;
		}
	rx_ops_report_set_free(&set);
	return 0;
}
