/* Internals of the audit shared by its files: branches held, findings, directory. */
#ifndef RX_OPS_AUDITINT_H
#define RX_OPS_AUDITINT_H

#include "ops/audit/audit.h"
#include "sync/changeset.h"

/* A branch held: refs/runxin/<branch>/<author>. */
typedef struct audit_branch {
	char name[56];            /* "nodes/<id>", "xfer/<to>/<id>" */
	char author[RX_NODE_ID_LEN + 1];
	git_oid tip;
	int ok;                   /* passed verification */
	git_oid *ids;             /* ids[seq - 1], when ok */
	size_t n, cap;
} audit_branch;

struct rx_ops_audit {
	git_repository *repo;     /* borrowed during rx_ops_audit_run only */
	sqlite3 *db;
	int64_t now;
	audit_branch *br;
	size_t nbr, capbr;
	rx_ops_audit_finding *f;
	size_t nf, capf;
	rx_crypto_cert *certs;    /* the directory, in node id order */
	size_t ncerts;
	rx_ops_audit_summary sum;
};

/* Add a finding about node's branch; reason is one printf line. */
int audit_add(rx_ops_audit *a, rx_ops_audit_kind kind, const char *node,
	const char *branch, rx_error *err, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* The directory certificate of node, or NULL. */
const rx_crypto_cert *audit_cert(const rx_ops_audit *a, const char *node);

/* The kind of finding a verification message names. */
rx_ops_audit_kind audit_classify(const char *msg);

/* Order branches by short name (qsort, bsearch). */
int audit_branch_cmp(const void *x, const void *y);

/* The branch held under this short name ("nodes/<id>"), or NULL. */
audit_branch *audit_branch_find(const rx_ops_audit *a, const char *name);

/* Forks: the forks table, evidence refs, quarantine refs. */
int audit_forks(rx_ops_audit *a, rx_error *err);

/* Checkpoint lines against the branches held. */
int audit_checkpoints(rx_ops_audit *a, rx_error *err);

/* Sort findings by county, school, node (stable). */
void audit_sort(rx_ops_audit *a);

/* Writers. */
int audit_write_text(const rx_ops_audit *a, FILE *f, const rx_ops_audit_extra *x);
int audit_write_json(const rx_ops_audit *a, FILE *f, const rx_ops_audit_extra *x);
int audit_write_html(const rx_ops_audit *a, FILE *f, const rx_ops_audit_extra *x);

/* Counties in the directory (role county), then schools of one county. */
typedef void (*audit_node_fn)(void *ctx, const rx_crypto_cert *c);
void audit_each_child(const rx_ops_audit *a, const char *parent, rx_role role,
	audit_node_fn fn, void *ctx);

/* The findings of one group: county (or "") and school ("": the county's own, NULL: any). */
size_t audit_group_count(const rx_ops_audit *a, const char *county,
	const char *school, int integrity_only);

/* What a writer does at each step of the report, in order. */
typedef struct audit_visit {
	void (*group)(void *ctx, const rx_crypto_cert *c, rx_role role,
		size_t nfind, size_t nint);           /* c NULL: city and others */
	void (*finding)(void *ctx, const rx_ops_audit_finding *f);
	void (*group_end)(void *ctx, rx_role role);
} audit_visit;

/*
 * Walk the report: city and others, then each county (its own findings,
 * then each of its schools with theirs). Every finding is visited once.
 */
void audit_walk(const rx_ops_audit *a, const audit_visit *v, void *ctx);

#endif
