/* The audit without any school key: integrity of every branch, forks, checkpoints, and compliance against the rules. */
#ifndef RX_OPS_AUDIT_H
#define RX_OPS_AUDIT_H

#include <git2.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "crypto/buf.h"
#include "crypto/cert.h"
#include "ops/home/home.h"
#include "ops/stats/stats.h"

/* -- The integrity audit: re-verify every branch held, with no data key, and report per county and school. -- */

typedef enum rx_ops_audit_kind {
	RX_AUDIT_TAMPERED = 1, /* altered, malformed, unsigned or missing change-set */
	RX_AUDIT_CHAIN,        /* unknown signer or a broken certificate chain */
	RX_AUDIT_REVOKED,      /* written after its key's revocation */
	RX_AUDIT_GAP,          /* sequence gap, replay or reorder */
	RX_AUDIT_OWNERSHIP,    /* a change-set on a branch that is not its author's */
	RX_AUDIT_FORK,         /* two signed change-sets of one number */
	RX_AUDIT_CHECKPOINT,   /* a hub's checkpoint names another commit */
	RX_AUDIT_BEHIND,       /* note: a checkpoint lists more than is held here */
	RX_AUDIT_REFUSED       /* note: an offer refused and quarantined by sync */
} rx_ops_audit_kind;

/* "tampered", "chain", ... (English) and the Chinese label. */
const char *rx_ops_audit_kind_name(rx_ops_audit_kind k);
const char *rx_ops_audit_kind_label(rx_ops_audit_kind k);

/* Does this kind of finding fail the audit (exit 3)? Notes do not. */
int rx_ops_audit_kind_integrity(rx_ops_audit_kind k);

#define RX_AUDIT_REASON_MAX 320

typedef struct rx_ops_audit_finding {
	rx_ops_audit_kind kind;
	char node[RX_NODE_ID_LEN + 1];    /* whose branch */
	char name[RX_NAME_MAX + 1];       /* from the directory; "" if unknown */
	rx_role role;                     /* RX_ROLE_NONE if unknown */
	char school[RX_NODE_ID_LEN + 1];  /* the school it belongs to, or "" */
	char county[RX_NODE_ID_LEN + 1];  /* the county it belongs to, or "" */
	char branch[56];                  /* "nodes/<id>", "dir/<id>", "xfer/<to>/<id>" ... */
	char reason[RX_AUDIT_REASON_MAX]; /* one line */
} rx_ops_audit_finding;

typedef struct rx_ops_audit_summary {
	int64_t time;                /* when the audit ran */
	size_t branches;             /* branches re-verified */
	size_t changesets;           /* change-sets that passed */
	size_t checkpoints;          /* checkpoint change-sets read */
	size_t checkpoint_entries;   /* (branch, seq, commit) lines compared */
	size_t integrity;            /* findings that fail the audit */
	size_t notes;                /* findings that do not */
} rx_ops_audit_summary;

typedef struct rx_ops_audit rx_ops_audit;

/*
 * Audit what repo holds against the directory in db (certificates,
 * revocations, root key; quarantine and forks tables when present). Every
 * branch under refs/runxin/{nodes,dir,checkpoints}/ is verified from the
 * empty state; forks come from the forks table, refs/runxin/evidence/ and
 * quarantine refs compared with the accepted branches; every checkpoint
 * line is compared with the commit held at that number. Reads only; needs
 * no key. *out is owned by the caller (rx_ops_audit_free). Findings are not
 * errors: the return is negative only if the audit itself could not run.
 */
int rx_ops_audit_run(rx_ops_audit **out, git_repository *repo, sqlite3 *db,
	int64_t now, rx_error *err);

/* The findings, grouped by county, then school, then node; owned by a. */
void rx_ops_audit_findings(const rx_ops_audit *a,
	const rx_ops_audit_finding **out, size_t *n);

void rx_ops_audit_summary_get(const rx_ops_audit *a, rx_ops_audit_summary *out);

typedef enum rx_ops_audit_format {
	RX_AUDIT_TEXT = 0,
	RX_AUDIT_JSON,
	RX_AUDIT_HTML
} rx_ops_audit_format;

/* Parse "text", "json" or "html"; -1 for anything else. */
int rx_ops_audit_format_parse(const char *s);

/* Lines another section appends under "compliance" (合规), e.g. from ops/compliance. */
typedef struct rx_ops_audit_extra {
	const char *const *lines;   /* UTF-8, one line each, escaped by the writer */
	size_t nlines;
	size_t findings;            /* compliance shortfalls among the lines */
	int checked;                /* 1: compliance was checked (its verdict is shown apart) */
} rx_ops_audit_extra;

/*
 * Write the report: text (Chinese and English labels), JSON, or one
 * self-contained HTML page (no network). extra may be NULL.
 * RX_EINTERNAL if writing to f failed.
 */
int rx_ops_audit_write(const rx_ops_audit *a, rx_ops_audit_format fmt, FILE *f,
	const rx_ops_audit_extra *extra, rx_error *err);

void rx_ops_audit_free(rx_ops_audit *a);

/* -- Compliance of schools' published figures against the settings (for the audit). -- */

/* The settings (rx_ops_compliance_cfg) are in ops/stats/stats.h: the school computes its weekly figures with them too. */

/* Machine codes of the shortfalls. */
typedef enum rx_ops_shortfall_kind {
	RX_SHORT_TEACHERS,      /* 心理教师配备不足 */
	RX_SHORT_ROOM_HOURS,    /* 辅导室开放时间不足 */
	RX_SHORT_LESSONS,       /* 心理课不足 */
	RX_SHORT_COMMITTEE,     /* 心理委员配备不足 */
	RX_SHORT_COVERAGE,      /* 测评覆盖不足 */
	RX_SHORT_VISITS,        /* 家访覆盖不足 */
	RX_SHORT_OVERDUE,       /* 工作逾期未完成 */
	RX_SHORT_LATE,          /* 工作逾期完成 */
	RX_SHORT_REVIEW,        /* 复盘报告逾期、缺失或不完整 */
	RX_SHORT_HIDDEN,        /* a figure is hidden in the published view: not checked */
	RX_SHORT_FULL_TIME      /* 无专职心理教师（初中以上或城区、乡镇中心学校） */
} rx_ops_shortfall_kind;

typedef struct rx_ops_shortfall {
	char school[RX_NODE_ID_LEN + 1];
	rx_ops_shortfall_kind kind;
	int64_t have, want;     /* the figure and what the setting asks (units of the kind);
	                           -1, -1 for counts of students or their work: never printed */
	char text[512];         /* one line with Chinese labels (all 11 actions fit) */
} rx_ops_shortfall;

const char *rx_ops_shortfall_code(rx_ops_shortfall_kind k); /* "teachers", ... */

/*
 * Compare each school record (scope school) with the settings; append one
 * shortfall per rule not met to *out (malloc'ed, *n entries). Yearly rules
 * (coverage, visits) are judged only once the school year has ended by
 * cfg->today. Counts of students or of their work are never put in the
 * text: only whether the rule is met (docs/audit.md). cfg NULL: the
 * built-in policy, today unset. 0, RX_EINTERNAL (out of memory).
 */
int rx_ops_compliance_check(rx_ops_shortfall **out, size_t *n,
	const rx_ops_stats *schools, size_t nschools, const rx_ops_compliance_cfg *cfg,
	rx_error *err);

/* One line per shortfall: "school<TAB>code<TAB>have<TAB>want<TAB>text". */
int rx_ops_compliance_format(rx_buf *out, const rx_ops_shortfall *s, size_t n,
	rx_error *err);

/* -- What `runxin audit` and `runxin verify` share: run the integrity audit over this home, with no key. -- */

/*
 * Audit this home's repository against its directory and write the report
 * (to path, or stdout when NULL). Never unlocks the keystore. Returns
 * RX_ESECURITY (exit 3) if any integrity finding, 0 if none.
 */
int rx_ops_audit_home(const rx_home_opts *o, rx_ops_audit_format fmt, const char *path,
	int hubs_only, rx_error *err);

/* Compliance lines for the audit's report (see compliance_collect.c). */
typedef struct rx_ops_compliance_lines {
	char **lines;
	size_t n;
	size_t findings; /* shortfalls and leaky county tables (lines after the summary) */
	int checked;     /* 1: the figures were opened and checked */
} rx_ops_compliance_lines;

/*
 * Collect the compliance section: unlocks this hub's own key when a
 * passphrase is at hand (statistics are sealed to it), else one line saying
 * it was not checked. Integrity never depends on it.
 */
int rx_ops_compliance_collect(rx_ops_compliance_lines *c, rx_home *h,
	const rx_home_opts *o, rx_error *err);
void rx_ops_compliance_lines_free(rx_ops_compliance_lines *c);

#endif
