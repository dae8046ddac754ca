/* Collect the transfer change-sets a node holds and can open: offers, and the answer to each. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ops/transfer/transfer.h"
#include "sync/changeset.h"
#include "sync/directory.h"
#include "sync/verify.h"

#define WALK_MAX 100000 /* change-sets walked per transfer chain */

/* An answer waiting to be matched to its offer. */
typedef struct answer {
	rx_ops_transfer_doc doc;
	char author[RX_NODE_ID_LEN + 1];
} answer;

typedef struct walker {
	rx_ops_transfer_set *out;
	answer *ans;
	size_t nans, anscap;
	sqlite3 *db;
	const uint8_t *box_pk, *box_sk;
} walker;

/* Does the author speak for school? The school itself, or one of its devices. */
static int speaks_for(const rx_crypto_cert *a, const char *school)
{
	return (a->role == RX_ROLE_SCHOOL && !strcmp(a->node, school)) ||
		(a->role == RX_ROLE_DEVICE && !strcmp(a->parent, school));
}

/* Open, check and decode one transfer change-set of chain b; 1 when d is filled. */
static int open_one(rx_ops_transfer_doc *d, const rx_cs *cs, const rx_sync_branch *b,
	walker *w)
{
	rx_buf plain = RX_BUF_INIT;
	rx_crypto_cert a, to;
	rx_error e = { 0 };
	int ok = 0;

	if (rx_directory_get_cert(w->db, cs->meta.author, &a, &e) < 0 ||
	    rx_sync_cs_check_sig(cs, a.sign_pk, &e) < 0 ||
	    rx_sync_cs_open(&plain, cs, w->box_pk, w->box_sk, &e) < 0 ||
	    rx_ops_transfer_decode(d, plain.data, plain.len, &e) < 0)
		goto out;
	/* the author speaks for the school it names, on the chain of the school it addresses */
	ok = speaks_for(&a, d->from) && !strcmp(d->to, b->to) && strcmp(d->to, d->from) &&
		rx_directory_get_cert(w->db, d->to, &to, &e) == 0 && to.role == RX_ROLE_SCHOOL;
	if (!ok)
		rx_ops_transfer_doc_clear(d);
out:
	sodium_memzero(plain.data, plain.cap);
	rx_buf_free(&plain);
	return ok;
}

static int keep_offer(walker *w, rx_ops_transfer_doc *d, const rx_cs *cs, rx_error *err)
{
	rx_ops_transfer_set *s = w->out;
	rx_ops_transfer_entry *e;

	if (s->n == s->cap) {
		rx_ops_transfer_entry *q = realloc(s->e, (s->cap = s->cap * 2 + 8) * sizeof(*q));
		if (!q) {
			rx_ops_transfer_doc_clear(d);
			return rx_error_nomem(err);
		}
		s->e = q;
	}
	e = &s->e[s->n++];
	memset(e, 0, sizeof(*e));
	git_oid_cpy(&e->offer, &cs->id);
	git_oid_tostr(e->id, sizeof(e->id), &cs->id);
	memcpy(e->author, cs->meta.author, sizeof(e->author));
	e->time = cs->meta.time;
	e->doc = *d;
	memset(d, 0, sizeof(*d));
	return 0;
}

static int keep_answer(walker *w, rx_ops_transfer_doc *d, const rx_cs *cs, rx_error *err)
{
	answer *g;

	if (w->nans == w->anscap) {
		answer *q = realloc(w->ans, (w->anscap = w->anscap * 2 + 8) * sizeof(*q));
		if (!q) {
			rx_ops_transfer_doc_clear(d);
			return rx_error_nomem(err);
		}
		w->ans = q;
	}
	g = &w->ans[w->nans++];
	g->doc = *d;
	memset(d, 0, sizeof(*d));
	memcpy(g->author, cs->meta.author, sizeof(g->author));
	return 0;
}

static int take(walker *w, const rx_cs *cs, const rx_sync_branch *b, rx_error *err)
{
	rx_ops_transfer_doc d;
	rx_buf plain = RX_BUF_INIT;
	rx_error e = { 0 };

	/* not sealed to this node (a hub): tried with its key all the same, and counted */
	if (cs->meta.kind != RX_CS_TRANSFER || !rx_sync_cs_sealed_to(cs, w->box_pk)) {
		if (cs->meta.kind == RX_CS_TRANSFER &&
		    rx_sync_cs_open(&plain, cs, w->box_pk, w->box_sk, &e) == 0)
			w->out->opened_unsealed++;
		sodium_memzero(plain.data, plain.cap);
		rx_buf_free(&plain);
		w->out->unreadable++;
		return 0;
	}
	if (!open_one(&d, cs, b, w)) {
		w->out->refused++;
		return 0;
	}
	return d.type == RX_TF_OFFER ? keep_offer(w, &d, cs, err) : keep_answer(w, &d, cs, err);
}

static int walk_chain(walker *w, git_repository *repo, const char *ref, rx_error *err)
{
	rx_sync_branch b;
	git_oid id;
	rx_error e = { 0 };
	int rc = 0;

	if (rx_sync_branch_parse(&b, ref, "refs/runxin/", &e) < 0 || strcmp(b.branch, "xfer") ||
	    git_reference_name_to_id(&id, repo, ref) < 0)
		return 0;
	for (size_t k = 0; k < WALK_MAX && rc == 0; k++) {
		rx_cs cs;

		if (rx_sync_cs_load(&cs, repo, &id, &e) < 0) {
			w->out->refused++;
			return 0;
		}
		rc = take(w, &cs, &b, err);
		int more = cs.has_parent;
		if (more)
			git_oid_cpy(&id, &cs.parent);
		rx_sync_cs_free(&cs);
		if (!more)
			break;
	}
	return rc;
}

/* An answer counts from the school the offer went to, for that very offer. */
static void match_answers(walker *w)
{
	for (size_t i = 0; i < w->nans; i++) {
		const rx_ops_transfer_doc *a = &w->ans[i].doc;

		for (size_t k = 0; k < w->out->n; k++) {
			rx_ops_transfer_entry *e = &w->out->e[k];
			char hex[GIT_OID_HEXSZ + 1];

			git_oid_tostr(hex, sizeof(hex), &e->offer);
			if (strcmp(hex, a->of) || strcmp(a->from, e->doc.to) ||
			    strcmp(a->to, e->doc.from) || e->state != RX_TF_PENDING)
				continue;
			e->state = a->type == RX_TF_ACCEPT ? RX_TF_ACCEPTED : RX_TF_REFUSED;
			memcpy(e->answered, a->date, sizeof(e->answered));
			if (a->reason)
				e->reason = strdup(a->reason);
		}
	}
}

static int entry_cmp(const void *pa, const void *pb)
{
	const rx_ops_transfer_entry *a = pa, *b = pb;

	return a->time != b->time ? (a->time < b->time ? -1 : 1) : strcmp(a->id, b->id);
}

int rx_ops_transfer_collect(rx_ops_transfer_set *out, git_repository *repo, sqlite3 *db,
	const uint8_t box_pk[static 32], const uint8_t box_sk[static 32], rx_error *err)
{
	walker w = { out, NULL, 0, 0, db, box_pk, box_sk };
	git_strarray refs = { NULL, 0 };
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (git_reference_list(&refs, repo) < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "listing branches");
	for (size_t i = 0; i < refs.count && rc == 0; i++)
		if (!strncmp(refs.strings[i], "refs/runxin/xfer/", 17))
			rc = walk_chain(&w, repo, refs.strings[i], err);
	git_strarray_dispose(&refs);
	if (rc == 0)
		match_answers(&w);
	for (size_t i = 0; i < w.nans; i++)
		rx_ops_transfer_doc_clear(&w.ans[i].doc);
	free(w.ans);
	if (rc < 0) {
		rx_ops_transfer_set_free(out);
		return rc;
	}
	if (out->n)
		qsort(out->e, out->n, sizeof(*out->e), entry_cmp);
	return 0;
}

void rx_ops_transfer_set_free(rx_ops_transfer_set *s)
{
	for (size_t i = 0; s && i < s->n; i++) {
		rx_ops_transfer_doc_clear(&s->e[i].doc);
		free(s->e[i].reason);
	}
	if (s)
		free(s->e), memset(s, 0, sizeof(*s));
}

rx_ops_transfer_entry *rx_ops_transfer_find(const rx_ops_transfer_set *s, const char *id)
{
	size_t l = strlen(id);
	rx_ops_transfer_entry *hit = NULL;

	if (l < 8 || l > GIT_OID_HEXSZ)
		return NULL;
	for (size_t i = 0; i < s->n; i++) {
		char hex[GIT_OID_HEXSZ + 1];

		git_oid_tostr(hex, sizeof(hex), &s->e[i].offer);
		if (!strncmp(hex, id, l)) {
			if (hit)
				return NULL; /* ambiguous */
			hit = &s->e[i];
		}
	}
	return hit;
}
