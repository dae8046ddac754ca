/* Forks found three ways: the forks table, evidence refs, and quarantine refs against accepted branches. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ops/audit/auditInt.h"

#define FORK_MAX_WALK 100000
#define FORK_MAX_SEEN 4096

/* (author, seq) pairs already reported, so one fork is named once. */
typedef struct seen {
	char author[FORK_MAX_SEEN][RX_NODE_ID_LEN + 1];
	uint64_t seq[FORK_MAX_SEEN];
	size_t n;
} seen;

static int seen_add(seen *s, const char *author, uint64_t seq)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->seq[i] == seq && !strcmp(s->author[i], author))
			return 0;
	if (s->n < FORK_MAX_SEEN) {
		snprintf(s->author[s->n], sizeof(s->author[0]), "%s", author);
		s->seq[s->n++] = seq;
	}
	return 1;
}

/* Load a change-set and check it is signed by author; 0 or negative. */
static int load_signed(rx_cs *cs, const rx_ops_audit *a, const char *author,
	const git_oid *id, rx_error *err)
{
	const rx_crypto_cert *c = audit_cert(a, author);
	int rc;

	if (!c)
		return rx_error_set(err, RX_ESECURITY, "%s is not in the directory", author);
	if ((rc = rx_sync_cs_load(cs, a->repo, id, err)) < 0)
		return rc;
	if ((rc = rx_sync_cs_check_sig(cs, c->sign_pk, err)) < 0 ||
	    strcmp(cs->meta.author, author) != 0) {
		rx_sync_cs_free(cs);
		return rc < 0 ? rc : rx_error_set(err, RX_ESECURITY, "another author");
	}
	return 0;
}

/* Do x and y prove a fork of author (two signed change-sets of one number)? */
static int fork_proven(const rx_ops_audit *a, const char *author,
	const git_oid *x, const git_oid *y, uint64_t *seq, char *branch, size_t cap)
{
	rx_cs cx, cy;
	rx_error e = { 0 };
	int yes;

	if (git_oid_equal(x, y) || load_signed(&cx, a, author, x, &e) < 0)
		return 0;
	if (load_signed(&cy, a, author, y, &e) < 0) {
		rx_sync_cs_free(&cx);
		return 0;
	}
	/* one signed content in two commits (an armor wrapped anew) is no fork */
	yes = cx.meta.seq == cy.meta.seq && (cx.signed_data.size != cy.signed_data.size ||
		memcmp(cx.signed_data.ptr, cy.signed_data.ptr, cx.signed_data.size));
	*seq = cx.meta.seq;
	snprintf(branch, cap, "%s/%s", rx_sync_kind_branch(cx.meta.kind), author);
	rx_sync_cs_free(&cx);
	rx_sync_cs_free(&cy);
	return yes;
}

static int report_fork(rx_ops_audit *a, seen *s, const char *author,
	const git_oid *x, const git_oid *y, const char *how, rx_error *err)
{
	char hx[GIT_OID_HEXSZ + 1], hy[GIT_OID_HEXSZ + 1], branch[40];
	uint64_t seq;

	if (!fork_proven(a, author, x, y, &seq, branch, sizeof(branch)))
		return 0;
	if (!seen_add(s, author, seq))
		return 1;
	git_oid_tostr(hx, sizeof(hx), x);
	git_oid_tostr(hy, sizeof(hy), y);
	audit_add(a, RX_AUDIT_FORK, author, branch, err, "fork: %s signed two "
		"different change-sets #%" PRIu64 " (%.12s and %.12s; %s)", author,
		seq, hx, hy, how);
	return 1;
}

static int from_table(rx_ops_audit *a, seen *s, rx_error *err)
{
	sqlite3_stmt *st = NULL;
	git_oid x, y;

	if (sqlite3_prepare_v2(a->db, "SELECT author, a, b FROM forks ORDER BY author",
		-1, &st, NULL) != SQLITE_OK)
		return 0;  /* no forks table: nothing recorded */
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *au = (const char *)sqlite3_column_text(st, 0);
		const char *ha = (const char *)sqlite3_column_text(st, 1);
		const char *hb = (const char *)sqlite3_column_text(st, 2);
		if (!au || !ha || !hb || git_oid_fromstr(&x, ha) < 0 ||
		    git_oid_fromstr(&y, hb) < 0)
			continue;
		if (!report_fork(a, s, au, &x, &y, "evidence kept by sync", err))
			audit_add(a, RX_AUDIT_FORK, au, "", err, "fork recorded by "
				"sync (%.12s and %.12s), its evidence not verifiable here",
				ha, hb);
	}
	sqlite3_finalize(st);
	return err && err->code ? err->code : 0;
}

static int by_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Any two evidence refs of one author (sorted next to each other) that prove a fork. */
static void evidence_pairs(rx_ops_audit *a, seen *s, char **ev, size_t n,
	rx_error *err)
{
	const size_t pl = strlen("refs/runxin/evidence/");

	for (size_t i = 0; i < n; i++) {
		char author[RX_NODE_ID_LEN + 1];
		git_oid x, y;
		memcpy(author, ev[i] + pl, RX_NODE_ID_LEN);
		author[RX_NODE_ID_LEN] = '\0';
		if (git_reference_name_to_id(&x, a->repo, ev[i]) < 0)
			continue;
		for (size_t j = i + 1; j < n && !strncmp(ev[j], ev[i],
			pl + RX_NODE_ID_LEN + 1); j++)
			if (git_reference_name_to_id(&y, a->repo, ev[j]) == 0)
				report_fork(a, s, author, &x, &y, "evidence refs", err);
	}
}

/* refs/runxin/evidence/<author>/<id>. */
static int from_evidence(rx_ops_audit *a, seen *s, rx_error *err)
{
	git_strarray refs = { NULL, 0 };
	static const char pre[] = "refs/runxin/evidence/";
	char **ev;
	size_t n = 0;

	if (git_reference_list(&refs, a->repo) < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "listing evidence");
	if (!(ev = calloc(refs.count + 1, sizeof(*ev)))) {
		git_strarray_dispose(&refs);
		return rx_error_nomem(err);
	}
	for (size_t i = 0; i < refs.count; i++)
		if (!strncmp(refs.strings[i], pre, sizeof(pre) - 1) &&
		    strlen(refs.strings[i]) > sizeof(pre) + RX_NODE_ID_LEN)
			ev[n++] = refs.strings[i];
	qsort(ev, n, sizeof(*ev), by_str);
	evidence_pairs(a, s, ev, n, err);
	free(ev);
	git_strarray_dispose(&refs);
	return 0;
}

static int parent_of(git_oid *out, git_repository *repo, const git_oid *id)
{
	git_commit *c = NULL;
	int yes;

	if (git_commit_lookup(&c, repo, id) < 0)
		return 0;
	if ((yes = git_commit_parentcount(c) > 0))
		git_oid_cpy(out, git_commit_parent_id(c, 0));
	git_commit_free(c);
	return yes;
}

/* Walk a quarantined chain back to where it meets the accepted branch. */
static int quarantine_one(rx_ops_audit *a, seen *s, const audit_branch *b,
	const git_oid *tip, rx_error *err)
{
	git_oid cur = *tip;
	size_t steps = 0;
	int found = 0;

	do {
		rx_cs cs;
		rx_error e = { 0 };
		if (rx_sync_cs_load(&cs, a->repo, &cur, &e) < 0)
			continue;
		uint64_t seq = cs.meta.seq;
		rx_sync_cs_free(&cs);
		if (seq == 0 || seq > b->n)
			continue;
		if (git_oid_equal(&b->ids[seq - 1], &cur))
			break;
		found |= report_fork(a, s, b->author, &b->ids[seq - 1], &cur,
			"a quarantined change-set against the accepted branch", err);
	} while (++steps < FORK_MAX_WALK && parent_of(&cur, a->repo, &cur));
	return found;
}

static void quarantine_reason(const rx_ops_audit *a, const char *ref, char *out,
	size_t cap)
{
	sqlite3_stmt *st = NULL;

	snprintf(out, cap, "refused by sync");
	if (sqlite3_prepare_v2(a->db, "SELECT reason FROM quarantine WHERE ref=? "
		"ORDER BY time DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

static int from_quarantine(rx_ops_audit *a, seen *s, rx_error *err)
{
	git_strarray refs = { NULL, 0 };
	static const char pre[] = "refs/runxin/quarantine/";
	char held[80], why[RX_AUDIT_REASON_MAX - 40];

	if (git_reference_list(&refs, a->repo) < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "listing quarantine");
	for (size_t i = 0; i < refs.count; i++) {
		const char *r = refs.strings[i];
		const audit_branch *b;
		git_oid tip;
		if (strncmp(r, pre, sizeof(pre) - 1) ||
		    git_reference_name_to_id(&tip, a->repo, r) < 0)
			continue;
		snprintf(held, sizeof(held), "%s", r + sizeof(pre) - 1);
		b = audit_branch_find(a, held);
		if (b && b->ok && quarantine_one(a, s, b, &tip, err))
			continue;
		snprintf(why, sizeof(why), "refused by sync");
		snprintf(held, sizeof(held), "refs/runxin/%s", r + sizeof(pre) - 1);
		quarantine_reason(a, held, why, sizeof(why));
		const char *slash = strrchr(r, '/');
		audit_add(a, RX_AUDIT_REFUSED, slash ? slash + 1 : r,
			r + sizeof(pre) - 1, err, "an offer was refused and quarantined: %s",
			why);
	}
	git_strarray_dispose(&refs);
	return 0;
}

int audit_forks(rx_ops_audit *a, rx_error *err)
{
	seen *s = calloc(1, sizeof(*s));
	int rc;

	if (!s)
		return rx_error_nomem(err);
	if ((rc = from_table(a, s, err)) == 0 && (rc = from_evidence(a, s, err)) == 0)
		rc = from_quarantine(a, s, err);
	free(s);
	return rc;
}
