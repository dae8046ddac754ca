/* Collect the latest stats change-sets a node holds and can open, checked against the directory. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ops/stats/stats.h"
#include "sync/changeset.h"
#include "sync/directory.h"

/* A school record's school must be the author, the author's school, or one of the county author's schools. */
static int school_ok(sqlite3 *db, const rx_crypto_cert *a, const char *school)
{
	rx_crypto_cert c;
	rx_error e = { 0 };

	if (a->role == RX_ROLE_SCHOOL)
		return !strcmp(school, a->node);
	if (a->role == RX_ROLE_DEVICE)
		return !strcmp(school, a->parent);
	if (a->role != RX_ROLE_COUNTY || rx_directory_get_cert(db, school, &c, &e) < 0)
		return 0;
	return c.role == RX_ROLE_SCHOOL && !strcmp(c.parent, a->node);
}

static int owned(sqlite3 *db, const rx_crypto_cert *a, const rx_ops_stats *r, size_t n)
{
	size_t counties = 0;

	for (size_t i = 0; i < n; i++) {
		if (r[i].scope == RX_OPS_STATS_COUNTY) {
			if (a->role != RX_ROLE_COUNTY || strcmp(r[i].node, a->node))
				return 0;
			counties++;
		} else if (!school_ok(db, a, r[i].node)) {
			return 0;
		}
	}
	return a->role == RX_ROLE_COUNTY ? counties == 1 : n == 1;
}

static const char *unit_of(const rx_ops_stats_pub *p)
{
	return p->recs[p->n - 1].node; /* a county's own record sorts last */
}

static int newer(const rx_ops_stats_pub *a, const rx_ops_stats_pub *b)
{
	if (a->time != b->time)
		return a->time > b->time;
	if (!strcmp(a->author, b->author))
		return a->seq > b->seq;
	return strcmp(a->author, b->author) > 0;
}

static int same_key(const rx_ops_stats_pub *a, const rx_ops_stats_pub *b)
{
	return (a->role == RX_ROLE_COUNTY) == (b->role == RX_ROLE_COUNTY) &&
		!strcmp(unit_of(a), unit_of(b)) && a->recs[0].year == b->recs[0].year &&
		!strcmp(a->recs[0].round, b->recs[0].round);
}

/* Keep p if it is the latest of its key; takes ownership of p->recs. */
static int keep(rx_ops_stats_set *s, rx_ops_stats_pub *p, size_t *cap, rx_error *err)
{
	for (size_t i = 0; i < s->n; i++)
		if (same_key(&s->pub[i], p)) {
			if (newer(p, &s->pub[i])) {
				free(s->pub[i].recs);
				s->pub[i] = *p;
			} else {
				free(p->recs);
			}
			return 0;
		}
	if (s->n == *cap) {
		rx_ops_stats_pub *q = realloc(s->pub, (*cap = *cap * 2 + 16) * sizeof(*q));
		if (!q) {
			free(p->recs);
			return rx_error_nomem(err);
		}
		s->pub = q;
	}
	s->pub[s->n++] = *p;
	return 0;
}

/* Open, check and decode one stats change-set; 1 when *p is filled, 0 when refused. */
static int open_one(rx_ops_stats_pub *p, const rx_cs *cs, sqlite3 *db,
	const uint8_t box_pk[32], const uint8_t box_sk[32])
{
	rx_buf plain = RX_BUF_INIT;
	rx_crypto_cert a;
	rx_error e = { 0 };
	int ok = 0;

	memset(p, 0, sizeof(*p));
	if (rx_directory_get_cert(db, cs->meta.author, &a, &e) < 0 ||
	    rx_sync_cs_check_sig(cs, a.sign_pk, &e) < 0 ||
	    rx_sync_cs_open(&plain, cs, box_pk, box_sk, &e) < 0 ||
	    rx_ops_stats_decode(&p->recs, &p->n, plain.data, plain.len, &e) < 0)
		goto out;
	if (!owned(db, &a, p->recs, p->n)) {
		free(p->recs);
		p->recs = NULL;
		goto out;
	}
	memcpy(p->author, cs->meta.author, sizeof(p->author));
	p->role = a.role;
	p->time = cs->meta.time;
	p->seq = cs->meta.seq;
	ok = 1;
out:
	sodium_memzero(plain.data, plain.cap);
	rx_buf_free(&plain);
	return ok;
}

/* What rx_ops_stats_collect gathers into. */
typedef struct gather {
	rx_ops_stats_set *s;
	size_t cap;
	sqlite3 *db;
	const uint8_t *box_pk, *box_sk;
} gather;

static int take(void *ctx, const rx_cs *cs, rx_error *err)
{
	gather *g = ctx;
	rx_ops_stats_pub p;

	if (!open_one(&p, cs, g->db, g->box_pk, g->box_sk)) {
		g->s->skipped++;
		return 0;
	}
	return keep(g->s, &p, &g->cap, err);
}

static int pub_cmp(const void *pa, const void *pb)
{
	const rx_ops_stats_pub *a = pa, *b = pb;
	int ca = a->role == RX_ROLE_COUNTY, cb = b->role == RX_ROLE_COUNTY, c;

	if (ca != cb)
		return ca - cb;
	if ((c = strcmp(unit_of(a), unit_of(b))) != 0)
		return c;
	if (a->recs[0].year != b->recs[0].year)
		return a->recs[0].year - b->recs[0].year;
	return strcmp(a->recs[0].round, b->recs[0].round);
}

int rx_ops_stats_collect(rx_ops_stats_set *out, git_repository *repo, sqlite3 *db,
	const uint8_t box_pk[static 32], const uint8_t box_sk[static 32],
	rx_error *err)
{
	gather g = { out, 0, db, box_pk, box_sk };
	int rc;

	memset(out, 0, sizeof(*out));
	rc = rx_sync_cs_each(repo, RX_CS_STATS, box_pk, take, &g, &out->skipped, err);
	if (rc < 0) {
		rx_ops_stats_set_free(out);
		return rc;
	}
	if (out->n)
		qsort(out->pub, out->n, sizeof(*out->pub), pub_cmp);
	return 0;
}

void rx_ops_stats_set_free(rx_ops_stats_set *s)
{
	for (size_t i = 0; s && i < s->n; i++)
		free(s->pub[i].recs);
	if (s)
		free(s->pub), memset(s, 0, sizeof(*s));
}

/* The index in out of school, or n. */
static size_t find_school(const rx_ops_stats *out, size_t n, const char *school)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(out[i].node, school))
			return i;
	return n;
}

static int later_round(const rx_ops_stats *a, const rx_ops_stats *b)
{
	return a->year != b->year ? a->year > b->year : strcmp(a->round, b->round) > 0;
}

int rx_ops_stats_schools(rx_ops_stats **out, size_t *n, const rx_ops_stats_set *set,
	rx_error *err)
{
	size_t total = 0, k = 0;
	rx_ops_stats *v;

	for (size_t i = 0; i < set->n; i++)
		total += set->pub[i].n;
	*out = NULL, *n = 0;
	if (!(v = calloc(total + 1, sizeof(*v))))
		return rx_error_nomem(err);
	/* schools' own publications first (exact), so a county's masked copy only fills gaps */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < set->n; i++) {
			const rx_ops_stats_pub *p = &set->pub[i];
			if ((p->role == RX_ROLE_COUNTY) != pass)
				continue;
			for (size_t r = 0; r < p->n; r++) {
				size_t at;
				if (p->recs[r].scope != RX_OPS_STATS_SCHOOL)
					continue;
				at = find_school(v, k, p->recs[r].node);
				if (at == k)
					v[k++] = p->recs[r];
				else if (pass == 0 && later_round(&p->recs[r], &v[at]))
					v[at] = p->recs[r];
			}
		}
	*out = v, *n = k;
	return 0;
}
