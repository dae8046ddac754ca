/* The audit's main pass: every branch held re-verified from the empty state. */
#include <stdlib.h>
#include <string.h>

#include "ops/audit/auditInt.h"
#include "sync/directory.h"
#include "sync/verify.h"

#define AUDIT_MAX_BRANCHES 1000000

static int branch_add(rx_ops_audit *a, const char *ref, const git_oid *tip,
	rx_error *err)
{
	audit_branch *b;
	rx_sync_branch sb;
	rx_error e = { 0 };

	if (rx_sync_branch_parse(&sb, ref, "refs/runxin/", &e) < 0)
		return 0;  /* not nodes/dir/checkpoints: quarantine, evidence, batches */
	if (a->nbr == AUDIT_MAX_BRANCHES)
		return rx_error_set(err, RX_EINTERNAL, "too many branches to audit");
	if (a->nbr == a->capbr) {
		size_t cap = a->capbr * 2 + 64;
		audit_branch *p = realloc(a->br, cap * sizeof(*p));
		if (!p)
			return rx_error_nomem(err);
		a->br = p, a->capbr = cap;
	}
	b = &a->br[a->nbr++];
	memset(b, 0, sizeof(*b));
	if (sb.to[0])
		snprintf(b->name, sizeof(b->name), "%s/%s/%s", sb.branch, sb.to, sb.author);
	else
		snprintf(b->name, sizeof(b->name), "%s/%s", sb.branch, sb.author);
	memcpy(b->author, sb.author, sizeof(b->author));
	git_oid_cpy(&b->tip, tip);
	return 0;
}

static int list_branches(rx_ops_audit *a, rx_error *err)
{
	git_strarray refs = { NULL, 0 };
	int rc = 0;

	if (git_reference_list(&refs, a->repo) < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "listing branches");
	for (size_t i = 0; i < refs.count && rc == 0; i++) {
		git_oid id;
		if (git_reference_name_to_id(&id, a->repo, refs.strings[i]) == 0)
			rc = branch_add(a, refs.strings[i], &id, err);
	}
	git_strarray_dispose(&refs);
	if (rc == 0)
		qsort(a->br, a->nbr, sizeof(*a->br), audit_branch_cmp);
	return rc;
}

/* Verified change-sets arrive oldest first, numbered from 1 without gaps. */
static int keep_id(void *ctx, const rx_cs *cs, rx_error *err)
{
	audit_branch *b = ctx;

	if (b->n == b->cap) {
		size_t cap = b->cap * 2 + 16;
		git_oid *p = realloc(b->ids, cap * sizeof(*p));
		if (!p)
			return rx_error_nomem(err);
		b->ids = p, b->cap = cap;
	}
	git_oid_cpy(&b->ids[b->n++], &cs->id);
	return 0;
}

static int verify_branch(rx_ops_audit *a, audit_branch *b, rx_error *err)
{
	rx_sync_verify_opts o = { a->repo, a->db, a->now, keep_id, b };
	rx_error e = { 0 };
	char ref[80];
	int rc;

	snprintf(ref, sizeof(ref), "refs/runxin/%s", b->name);
	rc = rx_sync_verify_update(&o, ref, NULL, &b->tip, NULL, NULL, &e);
	if (rc == RX_ESECURITY || (rc < 0 && rc != RX_EINTERNAL)) {
		b->n = 0;
		return audit_add(a, audit_classify(e.msg), b->author, b->name,
			err, "%s", e.msg);
	}
	if (rc < 0)
		return rx_error_set(err, rc, "%s", e.msg);
	b->ok = 1;
	a->sum.changesets += b->n;
	return 0;
}

static int load_directory(rx_ops_audit *a, rx_error *err)
{
	uint8_t root[32];
	int rc;

	if ((rc = rx_directory_root_key(a->db, root, err)) < 0)
		return rc;
	return rx_directory_list(a->db, &a->certs, &a->ncerts, err);
}

int rx_ops_audit_run(rx_ops_audit **out, git_repository *repo, sqlite3 *db,
	int64_t now, rx_error *err)
{
	rx_ops_audit *a;
	int rc;

	*out = NULL;
	if (!(a = calloc(1, sizeof(*a))))
		return rx_error_nomem(err);
	a->repo = repo, a->db = db, a->now = now, a->sum.time = now;
	if ((rc = load_directory(a, err)) < 0 || (rc = list_branches(a, err)) < 0)
		goto out;
	for (size_t i = 0; i < a->nbr && rc == 0; i++)
		rc = verify_branch(a, &a->br[i], err);
	a->sum.branches = a->nbr;
	if (rc < 0 || (rc = audit_forks(a, err)) < 0 ||
	    (rc = audit_checkpoints(a, err)) < 0)
		goto out;
	audit_sort(a);
	*out = a;
out:
	a->repo = NULL, a->db = NULL;
	if (rc < 0)
		rx_ops_audit_free(a);
	return rc;
}

void rx_ops_audit_findings(const rx_ops_audit *a,
	const rx_ops_audit_finding **out, size_t *n)
{
	*out = a->f, *n = a->nf;
}

void rx_ops_audit_summary_get(const rx_ops_audit *a, rx_ops_audit_summary *out)
{
	*out = a->sum;
}

void rx_ops_audit_free(rx_ops_audit *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->nbr; i++)
		free(a->br[i].ids);
	free(a->br);
	free(a->f);
	free(a->certs);
	free(a);
}
