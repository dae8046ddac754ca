/* Branch verification: every rule a change-set must pass before it is applied. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/sshsig.h"
#include "sync/directory.h"
#include "sync/hlc.h"
#include "sync/verify.h"

int rx_sync_branch_parse(rx_sync_branch *out, const char *ref,
	const char *prefix, rx_error *err)
{
	size_t pl = strlen(prefix);
	const char *p, *slash;
	uint64_t x;

	memset(out, 0, sizeof(*out));
	if (strncmp(ref, prefix, pl) != 0 || !(slash = strchr(ref + pl, '/')))
		return rx_error_set(err, RX_ESECURITY, "%s is not a runxin branch", ref);
	p = ref + pl;
	if ((size_t)(slash - p) >= sizeof(out->branch))
		return rx_error_set(err, RX_ESECURITY, "%s is not a runxin branch", ref);
	memcpy(out->branch, p, (size_t)(slash - p));
	/* a transfer chain names its receiving school first: xfer/<to>/<author> */
	if (!strcmp(out->branch, "xfer")) {
		if (strlen(slash + 1) <= RX_NODE_ID_LEN + 1 || slash[RX_NODE_ID_LEN + 1] != '/')
			return rx_error_set(err, RX_ESECURITY, "%s is not a runxin branch", ref);
		memcpy(out->to, slash + 1, RX_NODE_ID_LEN);
		slash += RX_NODE_ID_LEN + 1;
		if (rx_crypto_node_id_u64(&x, out->to) < 0)
			return rx_error_set(err, RX_ESECURITY, "%s is not a runxin branch", ref);
	} else if (strcmp(out->branch, "nodes") && strcmp(out->branch, "dir") &&
	    strcmp(out->branch, "checkpoints"))
		return rx_error_set(err, RX_ESECURITY, "%s is not a runxin branch", ref);
	if (rx_crypto_node_id_u64(&x, slash + 1) < 0)
		return rx_error_set(err, RX_ESECURITY, "%s is not a runxin branch", ref);
	memcpy(out->author, slash + 1, RX_NODE_ID_LEN + 1);
	return 0;
}

int rx_sync_kind_allowed(rx_cs_kind kind, rx_role role)
{
	switch (kind) {
	case RX_CS_ARCHIVE:
	case RX_CS_TRANSFER:
		return role == RX_ROLE_SCHOOL || role == RX_ROLE_DEVICE;
	case RX_CS_STATS:
		return role == RX_ROLE_SCHOOL || role == RX_ROLE_COUNTY ||
			role == RX_ROLE_DEVICE;
	case RX_CS_REPORT: /* a school's review report; a county's countersignature */
		return role == RX_ROLE_SCHOOL || role == RX_ROLE_DEVICE ||
			role == RX_ROLE_COUNTY;
	case RX_CS_DIRECTORY:
		return role != RX_ROLE_DEVICE;
	case RX_CS_CHECKPOINT:
		return role == RX_ROLE_COUNTY || role == RX_ROLE_CITY;
	case RX_CS_AUDIT:
		return 1;
	case RX_CS_POLICY: /* a school or device may never set policy */
		return role == RX_ROLE_CITY || role == RX_ROLE_COUNTY;
	}
	return 0;
}

/* The commits from new back to (not including) old, newest first. */
typedef struct walk {
	git_oid *ids;
	size_t n, cap;
	int reached_old;
} walk;

/* Fill w walking first parents from new_; each commit's size bounded before it is parsed. */
static int walk_commits(walk *w, git_repository *repo, git_odb *odb,
	const git_oid *old, const git_oid *new_, rx_error *err)
{
	git_oid cur;
	git_commit *c = NULL;
	int rc;

	git_oid_cpy(&cur, new_);
	for (;;) {
		if (old && git_oid_equal(&cur, old)) {
			w->reached_old = 1;
			return 0;
		}
		if (w->n == RX_SYNC_MAX_WALK)
			return rx_error_set(err, RX_ESECURITY, "branch update too long");
		if (w->n == w->cap) {
			git_oid *p = realloc(w->ids, (w->cap = w->cap * 2 + 64) * sizeof(*p));
			if (!p)
				return rx_error_nomem(err);
			w->ids = p;
		}
		git_oid_cpy(&w->ids[w->n++], &cur);
		/* bounded before libgit2 parses it */
		if ((rc = rx_sync_object_check(odb, &cur, GIT_OBJECT_COMMIT,
			RX_CS_COMMIT_MAX, err)) < 0)
			return rc;
		if (git_commit_lookup(&c, repo, &cur) < 0)
			return rx_error_set(err, RX_ESECURITY, "a change-set is missing");
		if (git_commit_parentcount(c) == 0) {
			git_commit_free(c);
			return 0;
		}
		git_oid_cpy(&cur, git_commit_parent_id(c, 0));
		git_commit_free(c);
	}
}

static int walk_back(walk *w, git_repository *repo, const git_oid *old,
	const git_oid *new_, rx_error *err)
{
	git_odb *odb = NULL;
	int rc;

	if (git_repository_odb(&odb, repo) < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "opening the object store");
	rc = walk_commits(w, repo, odb, old, new_, err);
	git_odb_free(odb);
	return rc;
}

/* The author's chain and the revocations, loaded once per branch. */
typedef struct signer {
	rx_crypto_cert chain[4];
	size_t n;
	rx_crypto_revocation *revs;
	size_t nrevs;
	int verified;
} signer;

static int load_signer(signer *s, sqlite3 *db, const char *author, rx_error *err)
{
	rx_error e = { 0 };

	if (rx_directory_chain(db, author, s->chain, &s->n, &e) < 0)
		return rx_error_set(err, RX_ESECURITY,
			"node %s is not in the directory (unknown signer)", author);
	return rx_directory_revocations_of(db, s->chain, s->n, &s->revs, &s->nrevs, err);
}

static int check_signer_at(signer *s, sqlite3 *db, int64_t at, rx_error *err)
{
	uint8_t root[32];
	int rc;

	/* revocations count by their cut (check_cut), never by a claimed time */
	if (s->verified)
		return rx_crypto_chain_check_time(s->chain, s->n, at, NULL, 0, err);
	if ((rc = rx_directory_root_key(db, root, err)) < 0 ||
	    (rc = rx_crypto_chain_verify(s->chain, s->n, root, at, NULL, 0, err)) < 0)
		return rc;
	s->verified = 1;
	return 0;
}

/* Is this change-set within the revocation cut of its branch (if any)? */
static int check_cut(const signer *s, const rx_sync_branch *b, const rx_cs *cs,
	rx_error *err)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), &cs->id);
	return rx_crypto_cut_check(s->chain, s->n, rx_crypto_cut_branch(b->branch),
		cs->meta.seq, hex, s->revs, s->nrevs, err);
}

/* What the change-set before on the branch said of time: times and clocks never go back. */
typedef struct before {
	int64_t time;
	uint64_t hlc_max;
	int64_t ahead;     /* seconds a meta may run ahead of the verifier */
} before;

static int check_time(const rx_sync_verify_opts *o, const rx_sync_branch *b,
	const rx_cs_meta *m, before *p, rx_error *err)
{
	if (m->time > o->now + p->ahead)
		return rx_error_set(err, RX_ESECURITY, "%s: change-set #%" PRIu64
			" is dated in the future", b->author, m->seq);
	if (m->hlc_min > m->hlc_max ||
	    rx_sync_hlc_wall(m->hlc_max) > (uint64_t)(o->now + p->ahead) * 1000)
		return rx_error_set(err, RX_ESECURITY, "%s: change-set #%" PRIu64
			" carries a clock in the future or a bad clock range",
			b->author, m->seq);
	if (m->time < p->time)
		return rx_error_set(err, RX_ESECURITY, "%s: change-set #%" PRIu64
			" is dated before #%" PRIu64 " (time runs backwards on its branch)",
			b->author, m->seq, m->seq - 1);
	if (m->hlc_max && m->hlc_max < p->hlc_max)
		return rx_error_set(err, RX_ESECURITY, "%s: change-set #%" PRIu64
			" carries clocks before #%" PRIu64 "'s (its clock runs backwards)",
			b->author, m->seq, m->seq - 1);
	p->time = m->time;
	if (m->hlc_max)
		p->hlc_max = m->hlc_max;
	return 0;
}

static int check_one(const rx_sync_verify_opts *o, signer *s,
	const rx_sync_branch *b, const rx_cs *cs, uint64_t want_seq,
	const git_oid *want_parent, before *p, rx_error *err)
{
	const rx_cs_meta *m = &cs->meta;
	int rc;

	if (strcmp(m->author, b->author) != 0)
		return rx_error_set(err, RX_ESECURITY, "change-set #%" PRIu64
			" on %s's branch is written by %s", m->seq, b->author, m->author);
	if (strcmp(rx_sync_kind_branch(m->kind), b->branch) != 0)
		return rx_error_set(err, RX_ESECURITY, "a %s change-set on a %s branch",
			rx_sync_kind_name(m->kind), b->branch);
	if (m->seq != want_seq || (want_parent && (!cs->has_parent ||
	    !git_oid_equal(&cs->parent, want_parent))))
		return rx_error_set(err, RX_ESECURITY, "%s: change-set #%" PRIu64
			" where #%" PRIu64 " was due (replayed, reordered or dropped)",
			b->author, m->seq, want_seq);
	if ((rc = check_time(o, b, m, p, err)) < 0)
		return rc;
	if ((rc = rx_sync_cs_check_sig(cs, s->chain[0].sign_pk, err)) < 0 ||
	    (rc = check_signer_at(s, o->db, m->time, err)) < 0 ||
	    (rc = check_cut(s, b, cs, err)) < 0)
		return rc;
	if (!rx_sync_kind_allowed(m->kind, s->chain[0].role))
		return rx_error_set(err, RX_ESECURITY, "a %s may not write %s change-sets",
			rx_crypto_role_name(s->chain[0].role), rx_sync_kind_name(m->kind));
	return 0;
}

/*
 * Two commits of one signed content (an armor wrapped anew by whoever
 * passed it on) are one change-set of the author's, not a fork.
 */
static int same_signed(const rx_cs *a, const rx_cs *b)
{
	return a->signed_data.size == b->signed_data.size &&
		!memcmp(a->signed_data.ptr, b->signed_data.ptr, a->signed_data.size);
}

/* new does not descend from old: a fork if both hold a signed change-set of one number. */
static int not_fast_forward(const rx_sync_verify_opts *o, const rx_sync_branch *b,
	signer *s, const walk *w, const git_oid *old, git_oid *fa, git_oid *fb,
	rx_error *err)
{
	rx_cs mine, theirs;
	rx_error e = { 0 };
	int rc = rx_error_set(err, RX_ESECURITY,
		"%s: the update of %s/%s is not a fast-forward (history rewritten)",
		b->author, b->branch, b->author);

	if (rx_sync_cs_load(&mine, o->repo, old, &e) < 0)
		return rc;
	for (size_t i = 0; i < w->n; i++) {
		if (rx_sync_cs_load(&theirs, o->repo, &w->ids[i], &e) < 0)
			continue;
		if (theirs.meta.seq == mine.meta.seq && !same_signed(&theirs, &mine) &&
		    rx_sync_cs_check_sig(&theirs, s->chain[0].sign_pk, &e) == 0) {
			rx_error_clear(err);
			rc = rx_error_set(err, RX_ESECURITY, "fork: %s signed two "
				"different change-sets #%" PRIu64, b->author, mine.meta.seq);
			if (fa)
				git_oid_cpy(fa, old);
			if (fb)
				git_oid_cpy(fb, &w->ids[i]);
			i = w->n;
		}
		rx_sync_cs_free(&theirs);
	}
	rx_sync_cs_free(&mine);
	return rc;
}

static int old_seq(uint64_t *seq, before *p, git_repository *repo,
	const git_oid *old, rx_error *err)
{
	rx_cs cs;
	int rc;

	*seq = 0;
	if (!old)
		return 0;
	if ((rc = rx_sync_cs_load(&cs, repo, old, err)) < 0)
		return rc;
	*seq = cs.meta.seq;
	p->time = cs.meta.time;
	p->hlc_max = cs.meta.hlc_max;
	rx_sync_cs_free(&cs);
	return 0;
}

/*
 * Change-sets checked and kept loaded for the callback, so they are not read
 * twice; beyond KEEP_MAX bytes of blobs the rest is loaded again when called.
 */
#define KEEP_MAX (64u << 20)

typedef struct kept {
	rx_cs *cs;         /* w->n entries, by walk index; NULL when no callback */
	char *have;
	size_t bytes;
} kept;

static void keep(kept *k, size_t i, rx_cs *cs)
{
	size_t more = cs->payload.len + cs->keys.len;

	if (!k->cs || k->bytes + more > KEEP_MAX) {
		rx_sync_cs_free(cs);
		return;
	}
	k->cs[i] = *cs;
	k->have[i] = 1;
	k->bytes += more;
}

static int check_all(const rx_sync_verify_opts *o, const rx_sync_branch *b,
	signer *s, const walk *w, const git_oid *old, kept *k, rx_error *err)
{
	const git_oid *parent = old;
	before p = { 0, 0, rx_sync_clock_ahead(o->db) };
	uint64_t seq;
	rx_cs cs;
	int rc;

	if ((rc = old_seq(&seq, &p, o->repo, old, err)) < 0)
		return rc;
	for (size_t i = w->n; i-- > 0;) {
		if ((rc = rx_sync_cs_load(&cs, o->repo, &w->ids[i], err)) < 0)
			return rc;
		if ((rc = check_one(o, s, b, &cs, ++seq, parent, &p, err)) < 0) {
			rx_sync_cs_free(&cs);
			return rc;
		}
		keep(k, i, &cs);
		parent = &w->ids[i];
	}
	return 0;
}

static int call_all(const rx_sync_verify_opts *o, const walk *w, kept *k,
	rx_error *err)
{
	rx_cs cs;
	int rc = 0;

	for (size_t i = w->n; rc == 0 && o->fn && i-- > 0;) {
		if (k->have[i]) {
			rc = o->fn(o->ctx, &k->cs[i], err);
			continue;
		}
		if ((rc = rx_sync_cs_load(&cs, o->repo, &w->ids[i], err)) < 0)
			return rc;
		rc = o->fn(o->ctx, &cs, err);
		rx_sync_cs_free(&cs);
	}
	return rc;
}

static int kept_new(kept *k, const rx_sync_verify_opts *o, size_t n, rx_error *err)
{
	memset(k, 0, sizeof(*k));
	if (!o->fn || n == 0)
		return 0;
	if (!(k->cs = calloc(n, sizeof(*k->cs))) || !(k->have = calloc(n, 1))) {
		free(k->cs);
		k->cs = NULL;
		return rx_error_nomem(err);
	}
	return 0;
}

static void kept_free(kept *k, size_t n)
{
	for (size_t i = 0; k->have && i < n; i++)
		if (k->have[i])
			rx_sync_cs_free(&k->cs[i]);
	free(k->cs);
	free(k->have);
}

/*
 * A tip whose signature is not canonical (a re-wrapped copy taken before
 * such copies were refused) is no base: verify from its first canonical
 * ancestor, so the genuine change-set of the same content replaces it.
 */
static const git_oid *canonical_base(git_repository *repo, const git_oid *old,
	git_oid *buf)
{
	for (int i = 0; old && i < 64; i++) {
		git_buf sig = { 0 }, data = { 0 };
		git_commit *c = NULL;
		rx_error e = { 0 };
		int ok = git_commit_extract_signature(&sig, &data, repo,
			(git_oid *)old, "gpgsig") == 0 &&
			rx_crypto_sshsig_canonical(sig.ptr, sig.size, &e) == 0;
		git_buf_dispose(&sig);
		git_buf_dispose(&data);
		if (ok || git_commit_lookup(&c, repo, old) < 0)
			return old;
		if (git_commit_parentcount(c) == 0) {
			git_commit_free(c);
			return NULL;
		}
		git_oid_cpy(buf, git_commit_parent_id(c, 0));
		git_commit_free(c);
		old = buf;
	}
	return old;
}

int rx_sync_verify_update(const rx_sync_verify_opts *o, const char *ref,
	const git_oid *old, const git_oid *new_, git_oid *fork_a, git_oid *fork_b,
	rx_error *err)
{
	rx_sync_branch b;
	signer s = { 0 };
	walk w = { 0 };
	kept k = { 0 };
	git_oid base;
	int rc;

	if (old && git_oid_is_zero(old))
		old = NULL;
	old = canonical_base(o->repo, old, &base);
	if ((rc = rx_sync_branch_parse(&b, ref, "refs/runxin/", err)) < 0 ||
	    (rc = load_signer(&s, o->db, b.author, err)) < 0 ||
	    (rc = walk_back(&w, o->repo, old, new_, err)) < 0)
		goto out;
	if (old && !w.reached_old) {
		rc = not_fast_forward(o, &b, &s, &w, old, fork_a, fork_b, err);
		goto out;
	}
	if ((rc = kept_new(&k, o, w.n, err)) == 0 &&
	    (rc = check_all(o, &b, &s, &w, old, &k, err)) == 0)
		rc = call_all(o, &w, &k, err);
out:
	kept_free(&k, w.n);
	free(w.ids);
	free(s.revs);
	return rc;
}
