/* Review reports up to the county and city: the sealed report change-set, the county's countersignature, the inbox (docs/changeset.md "Report payloads"). */
#ifndef RX_OPS_REPORT_H
#define RX_OPS_REPORT_H

#include <git2.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

#include "crypto/buf.h"
#include "crypto/cert.h"
#include "crypto/error.h"
#include "ops/archive/archive.h"
#include "ops/home/home.h"
#include "sync/op.h"

/* -- The payload of a report change-set: one record of kind "rp", id = the incident's id. -- */

typedef enum rx_ops_report_type {
	RX_REPORT_NOTICE = 1, /* an incident happened: its date, kind and deadline */
	RX_REPORT_FULL,       /* the review report as submitted */
	RX_REPORT_SIGN        /* the county's countersignature of one report change-set */
} rx_ops_report_type;

/* The fields a payload may carry, in wire order (docs/changeset.md). */
typedef enum rx_ops_report_field {
	RX_RP_SCHOOL,   /* s: the school's node id */
	RX_RP_DATE,     /* d: the incident's date */
	RX_RP_KIND,     /* k: the incident's kind */
	RX_RP_DEADLINE, /* dl: the report's deadline */
	RX_RP_A1, RX_RP_A2, RX_RP_A3, RX_RP_A4, /* the four aspects */
	RX_RP_SI, RX_RP_SS, RX_RP_SP,            /* investigators, secretary, principal */
	RX_RP_SUBMITTED, /* sd */
	RX_RP_REPORT,    /* rv: the countersigned report change-set (hex) */
	RX_RP_SIGNER,    /* cn: who signed at the county */
	RX_RP_SIGNED,    /* cd: when */
	RX_RP_NFIELDS
} rx_ops_report_field;

typedef struct rx_ops_report_doc {
	rx_ops_report_type type;
	char *incident;                  /* the record id */
	char *f[RX_RP_NFIELDS];          /* NULL: absent */
} rx_ops_report_doc;

/* Wire name of a field ("s", "d", ...). */
const char *rx_ops_report_field_name(rx_ops_report_field f);

/* Encode d canonically (an ops batch, docs/ops.md) with clock hlc by node. */
int rx_ops_report_encode(rx_buf *out, const rx_ops_report_doc *d, uint64_t hlc,
	uint64_t node, rx_error *err);

/*
 * Strict decoder: one record of kind "rp", every field known and set once,
 * strict UTF-8 values, the fields its type needs. RX_EINPUT with the reason.
 * Free with rx_ops_report_doc_clear.
 */
int rx_ops_report_decode(rx_ops_report_doc *d, const uint8_t *p, size_t len,
	rx_error *err);
void rx_ops_report_doc_clear(rx_ops_report_doc *d);

/* BLAKE2b-256 of the report's content (every field but the clock), to tell a changed report. */
void rx_ops_report_digest(uint8_t out[static 32], const rx_ops_report_doc *d);

/* -- What this node holds and can open: one entry per (school, incident). -- */

typedef struct rx_ops_report_entry {
	char school[RX_NODE_ID_LEN + 1];
	char short_id[9];          /* 8 hex digits of (school, incident): `report show ID` */
	rx_ops_report_doc doc;     /* the latest report, else the latest notice */
	int has_report;            /* doc is a report (not only a notice) */
	git_oid report_id;         /* the change-set of doc */
	int64_t time;              /* its signing time */
	uint64_t seq;
	uint8_t digest[32];
	int countersigned;         /* the county signed this very report change-set */
	int signed_earlier;        /* only an earlier version was signed */
	git_oid sign_id;           /* the countersignature's change-set */
	char sign_county[RX_NODE_ID_LEN + 1];
	char sign_name[129], sign_date[11];
} rx_ops_report_entry;

typedef struct rx_ops_report_set {
	rx_ops_report_entry *e;   /* sorted by incident date, then school */
	size_t n;
	size_t refused;           /* report change-sets refused (signature, payload, author) */
} rx_ops_report_set;

/*
 * Walk every refs/runxin/nodes/ branch of repo, open each report change-set
 * sealed to box_pk, check its signature against the directory in db, decode
 * it and check who may say it (a notice or report: the school or one of its
 * devices; a countersignature: the school's own county), keep the latest
 * report (else notice) per incident and match countersignatures to it.
 */
int rx_ops_report_collect(rx_ops_report_set *out, git_repository *repo, sqlite3 *db,
	const uint8_t box_pk[static 32], const uint8_t box_sk[static 32], rx_error *err);
void rx_ops_report_set_free(rx_ops_report_set *s);

/* The entry of a short id (or of an incident id at a school), or NULL. */
rx_ops_report_entry *rx_ops_report_find(const rx_ops_report_set *s, const char *id);

/* -- A school's side: send what is new, take in the county's countersignatures. -- */

typedef struct rx_ops_report_synced {
	size_t notices, reports;   /* change-sets written */
	size_t countersigned;      /* review records updated from a countersignature */
} rx_ops_report_synced;

/*
 * At a school or device (else nothing): seal an incident notice for every
 * incident not yet announced, a report change-set for every submitted
 * review (sd set) whose content differs from the last one sent (it
 * supersedes it), and set or clear the review's countersignature fields
 * (cx, cn, cd) from the county's countersignature of the latest report.
 */
int rx_ops_report_sync(rx_ops_report_synced *out, rx_archive *a, rx_error *err);

/*
 * At a school or device: whether this node's school has sealed up a notice
 * (*notice) or a full review report (*report) of incident id. Records a
 * sent report names are corrected by a new version, never deleted.
 */
int rx_ops_report_sent(int *notice, int *report, rx_archive *a, const char *incident,
	rx_error *err);

/* -- Reading and countersigning (county, city; a school sees its own). -- */

/* The node's view: unlock, open the repo, collect with its data key. */
typedef struct rx_ops_report_view {
	rx_home *h;
	rx_secrets *s;
	git_repository *repo;
	uint8_t box_pk[32], box_sk[32];
	rx_ops_report_set set;
} rx_ops_report_view;

int rx_ops_report_view_open(rx_ops_report_view *v, rx_home *h, const rx_home_opts *o,
	rx_error *err);
void rx_ops_report_view_close(rx_ops_report_view *v);

/*
 * The deadline status of an entry today: "incomplete" (a report arrived but
 * is short or unsigned: not done, whatever the date), "ontime", "late",
 * "overdue" (no report, past), "pending".
 */
const char *rx_ops_report_status(const rx_ops_report_entry *e, const char *today);
const char *rx_ops_report_status_zh(const char *status);

/*
 * Whether e is complete as the school's rule has it (schema/obligation_due.c):
 * the four aspects and the school's three signatures present, at least
 * review_min_chars characters (*n the count, *min the minimum).
 */
int rx_ops_report_complete(const rx_ops_report_entry *e, size_t *n, size_t *min);

/* The inbox: an aligned table with Chinese headings and a summary line (or a JSON array). */
int rx_ops_report_inbox_print(FILE *f, const rx_ops_report_view *v, const char *today,
	int json, rx_error *err);

/* One report in full (or a JSON object). */
void rx_ops_report_show_print(FILE *f, const rx_ops_report_view *v,
	const rx_ops_report_entry *e, const char *today, int json);

/*
 * At a county: countersign entry e (a report of one of its own schools) as
 * name, dated today: a report change-set sealed to the school, the county
 * and the city. *already set (nothing written) when this version is signed.
 */
int rx_ops_report_sign(int *already, rx_ops_report_view *v, const rx_ops_report_entry *e,
	const char *name, const char *today, rx_error *err);

#endif
