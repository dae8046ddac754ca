/* Collect the report change-sets a node holds and can open: the latest report per incident and its countersignature. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ops/report/report.h"
#include "sync/changeset.h"
#include "sync/directory.h"

/* A countersignature waiting to be matched to its report. */
typedef struct sign {
	rx_ops_report_doc doc;
	git_oid id;
	char county[RX_NODE_ID_LEN + 1];
	int64_t time;
} sign;

typedef struct walker {
	rx_ops_report_set *out;
	size_t cap;
	sign *signs;
	size_t nsigns, signcap;
	git_repository *repo;
	sqlite3 *db;
	const uint8_t *box_pk, *box_sk;
} walker;

/* May the author say this? A notice or report: the school or its device; a countersignature: the school's county. */
static int may_say(sqlite3 *db, const rx_crypto_cert *a, const rx_ops_report_doc *d)
{
	const char *school = d->f[RX_RP_SCHOOL];
	rx_crypto_cert c;
	rx_error e = { 0 };

	if (d->type != RX_REPORT_SIGN)
		return (a->role == RX_ROLE_SCHOOL && !strcmp(school, a->node)) ||
			(a->role == RX_ROLE_DEVICE && !strcmp(school, a->parent));
	if (a->role != RX_ROLE_COUNTY || rx_directory_get_cert(db, school, &c, &e) < 0)
		return 0;
	return c.role == RX_ROLE_SCHOOL && !strcmp(c.parent, a->node);
}

/* Open, check and decode one report change-set; 1 when d is filled, 0 when refused. */
static int open_one(rx_ops_report_doc *d, rx_crypto_cert *a, const rx_cs *cs, walker *w)
{
	rx_buf plain = RX_BUF_INIT;
	rx_error e = { 0 };
	int ok = 0;

	if (rx_directory_get_cert(w->db, cs->meta.author, a, &e) < 0 ||
	    rx_sync_cs_check_sig(cs, a->sign_pk, &e) < 0 ||
	    rx_sync_cs_open(&plain, cs, w->box_pk, w->box_sk, &e) < 0 ||
	    rx_ops_report_decode(d, plain.data, plain.len, &e) < 0)
		goto out;
	if (!(ok = may_say(w->db, a, d)))
		rx_ops_report_doc_clear(d);
out:
	sodium_memzero(plain.data, plain.cap);
	rx_buf_free(&plain);
	return ok;
}

static void short_id(char out[9], const char *school, const char *incident)
{
	uint8_t h[4];
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	crypto_generichash_update(&st, (const uint8_t *)school, strlen(school) + 1);
	crypto_generichash_update(&st, (const uint8_t *)incident, strlen(incident));
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(out, 9, h, sizeof(h));
}

/* Is (time, seq) of cs later than the entry's, or is cs the first report over a notice? */
static int supersedes(const rx_ops_report_entry *e, const rx_cs *cs, const rx_ops_report_doc *d)
{
	int rep = d->type == RX_REPORT_FULL;

	if (rep != e->has_report)
		return rep;
	if (cs->meta.time != e->time)
		return cs->meta.time > e->time;
	return cs->meta.seq > e->seq;
}

static void fill(rx_ops_report_entry *e, rx_ops_report_doc *d, const rx_cs *cs)
{
	rx_ops_report_doc_clear(&e->doc);
	e->doc = *d;
	memset(d, 0, sizeof(*d));
	e->has_report = e->doc.type == RX_REPORT_FULL;
	git_oid_cpy(&e->report_id, &cs->id);
	e->time = cs->meta.time, e->seq = cs->meta.seq;
	rx_ops_report_digest(e->digest, &e->doc);
}

/* Keep a notice or report: a new entry, or the latest of its incident. */
static int keep_doc(walker *w, rx_ops_report_doc *d, const rx_cs *cs, rx_error *err)
{
	rx_ops_report_set *s = w->out;
	const char *school = d->f[RX_RP_SCHOOL];
	rx_ops_report_entry *e;

	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->e[i].school, school) && !strcmp(s->e[i].doc.incident, d->incident)) {
			if (supersedes(&s->e[i], cs, d))
				fill(&s->e[i], d, cs);
			rx_ops_report_doc_clear(d);
			return 0;
		}
	if (s->n == w->cap) {
		rx_ops_report_entry *q = realloc(s->e, (w->cap = w->cap * 2 + 8) * sizeof(*q));
		if (!q) {
			rx_ops_report_doc_clear(d);
			return rx_error_nomem(err);
		}
		s->e = q;
	}
	e = &s->e[s->n++];
	memset(e, 0, sizeof(*e));
	snprintf(e->school, sizeof(e->school), "%s", school);
	short_id(e->short_id, school, d->incident);
	fill(e, d, cs);
	return 0;
}

static int keep_sign(walker *w, rx_ops_report_doc *d, const rx_cs *cs, rx_error *err)
{
	sign *g;

	if (w->nsigns == w->signcap) {
		sign *q = realloc(w->signs, (w->signcap = w->signcap * 2 + 8) * sizeof(*q));
		if (!q) {
			rx_ops_report_doc_clear(d);
			return rx_error_nomem(err);
		}
		w->signs = q;
	}
	g = &w->signs[w->nsigns++];
	g->doc = *d;
	memset(d, 0, sizeof(*d));
	git_oid_cpy(&g->id, &cs->id);
	snprintf(g->county, sizeof(g->county), "%s", cs->meta.author);
	g->time = cs->meta.time;
	return 0;
}

static int take(void *ctx, const rx_cs *cs, rx_error *err)
{
	walker *w = ctx;
	rx_ops_report_doc d;
	rx_crypto_cert a;

	if (!open_one(&d, &a, cs, w)) {
		w->out->refused++;
		return 0;
	}
	return d.type == RX_REPORT_SIGN ? keep_sign(w, &d, cs, err) : keep_doc(w, &d, cs, err);
}

/* Match each countersignature to its report: this very version, or an earlier one. */
static void match_signs(walker *w)
{
	for (size_t i = 0; i < w->nsigns; i++) {
		sign *g = &w->signs[i];
		git_oid rv;
		rx_ops_report_entry *e = NULL;

		for (size_t k = 0; k < w->out->n && !e; k++)
			if (!strcmp(w->out->e[k].school, g->doc.f[RX_RP_SCHOOL]) &&
			    !strcmp(w->out->e[k].doc.incident, g->doc.incident))
				e = &w->out->e[k];
		if (!e || git_oid_fromstr(&rv, g->doc.f[RX_RP_REPORT]) < 0)
			continue;
		if (!e->has_report || !git_oid_equal(&rv, &e->report_id)) {
			e->signed_earlier |= !e->countersigned;
			continue;
		}
		e->countersigned = 1, e->signed_earlier = 0;
		git_oid_cpy(&e->sign_id, &g->id);
		snprintf(e->sign_county, sizeof(e->sign_county), "%s", g->county);
		snprintf(e->sign_name, sizeof(e->sign_name), "%s", g->doc.f[RX_RP_SIGNER]);
		snprintf(e->sign_date, sizeof(e->sign_date), "%s", g->doc.f[RX_RP_SIGNED]);
	}
}

static int entry_cmp(const void *pa, const void *pb)
{
	const rx_ops_report_entry *a = pa, *b = pb;
	int c = strcmp(a->doc.f[RX_RP_DATE], b->doc.f[RX_RP_DATE]);

	return c ? c : (c = strcmp(a->school, b->school)) ? c : strcmp(a->doc.incident, b->doc.incident);
}

int rx_ops_report_collect(rx_ops_report_set *out, git_repository *repo, sqlite3 *db,
	const uint8_t box_pk[static 32], const uint8_t box_sk[static 32], rx_error *err)
{
	walker w = { out, 0, NULL, 0, 0, repo, db, box_pk, box_sk };
	int rc;

	memset(out, 0, sizeof(*out));
	/* only report change-sets are read whole: a school's branch is mostly archive */
	rc = rx_sync_cs_each(repo, RX_CS_REPORT, box_pk, take, &w, &out->refused, err);
	if (rc == 0)
		match_signs(&w);
	for (size_t i = 0; i < w.nsigns; i++)
		rx_ops_report_doc_clear(&w.signs[i].doc);
	free(w.signs);
	if (rc < 0) {
		rx_ops_report_set_free(out);
		return rc;
	}
	if (out->n)
		qsort(out->e, out->n, sizeof(*out->e), entry_cmp);
	return 0;
}

void rx_ops_report_set_free(rx_ops_report_set *s)
{
	for (size_t i = 0; s && i < s->n; i++)
		rx_ops_report_doc_clear(&s->e[i].doc);
	if (s)
		free(s->e), memset(s, 0, sizeof(*s));
}

rx_ops_report_entry *rx_ops_report_find(const rx_ops_report_set *s, const char *id)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->e[i].short_id, id) || !strcmp(s->e[i].doc.incident, id))
			return &s->e[i];
	return NULL;
}
