/* Archive transfer between schools (档案转接): an offer sealed to the receiving school, its accept or refusal, the sender's settlement (docs/changeset.md "Transfer payloads"). */
#ifndef RX_OPS_TRANSFER_H
#define RX_OPS_TRANSFER_H

#include <git2.h>
#include <sqlite3.h>
#include <stdio.h>

#include "crypto/cert.h"
#include "crypto/error.h"
#include "ops/archive/archive.h"
#include "ops/home/home.h"
#include "sync/op.h"

/* -- The payload: a header record (kind "tf", id "h"), for an offer followed by the student's records. -- */

typedef enum rx_ops_transfer_type {
	RX_TF_OFFER = 1, /* the student's archive, sealed to the receiving school and the sender */
	RX_TF_ACCEPT,    /* the receiving school took offer `of` */
	RX_TF_REFUSE     /* the receiving school refused offer `of`, with a reason */
} rx_ops_transfer_type;

typedef struct rx_ops_transfer_doc {
	rx_ops_transfer_type type;
	char from[RX_NODE_ID_LEN + 1]; /* s: the sending school (offer) or answering school */
	char to[RX_NODE_ID_LEN + 1];   /* to: the school it is addressed to */
	char date[11];                 /* d: YYYY-MM-DD */
	char *no;                      /* no: the student number (offer) */
	char *of;                      /* of: the offer's change-set, 40 hex (answers) */
	char *reason;                  /* r: why refused (refuse) */
	rx_sync_batch recs;            /* offer: the student's records, as ops; else empty */
	rx_sync_op *rops;              /* encode only: the records to send */
	size_t nrops;
} rx_ops_transfer_doc;

/* Encode d canonically (an ops batch, docs/ops.md) with clock hlc by node. */
int rx_ops_transfer_encode(rx_buf *out, const rx_ops_transfer_doc *d, uint64_t hlc,
	uint64_t node, rx_error *err);

/*
 * Strict decoder: the header's fields known and set once, those of its type
 * present; for an offer, every other op a field of a per-student record
 * type whose owner is the student `no`, no tombstone. RX_EINPUT with the
 * reason. Free with rx_ops_transfer_doc_clear.
 */
int rx_ops_transfer_decode(rx_ops_transfer_doc *d, const uint8_t *p, size_t len,
	rx_error *err);
void rx_ops_transfer_doc_clear(rx_ops_transfer_doc *d);

/* -- What a node holds and can open. -- */

typedef enum rx_ops_transfer_state {
	RX_TF_PENDING = 0, RX_TF_ACCEPTED, RX_TF_REFUSED
} rx_ops_transfer_state;

typedef struct rx_ops_transfer_entry {
	char id[9];                    /* first 8 hex of the offer's change-set: `accept ID` */
	git_oid offer;                 /* the offer change-set */
	char author[RX_NODE_ID_LEN + 1];
	rx_ops_transfer_doc doc;       /* the offer */
	int64_t time;
	rx_ops_transfer_state state;
	char answered[11];             /* the answer's date */
	char *reason;                  /* a refusal's reason */
} rx_ops_transfer_entry;

typedef struct rx_ops_transfer_set {
	rx_ops_transfer_entry *e;      /* offers, oldest first */
	size_t n, cap;
	size_t unreadable;             /* transfer change-sets held but not sealed to this node */
	size_t opened_unsealed;        /* of those, opened all the same with this node's key: must stay 0 */
	size_t refused;                /* sealed to it but failing a check (signature, author, payload) */
} rx_ops_transfer_set;

/*
 * Walk every refs/runxin/xfer/ chain of repo; open each transfer change-set
 * sealed to box_pk, check its signature against the directory in db, decode
 * it and check its author speaks for the school it names (a school, or a
 * device of it) and that it travels on the chain of the school it is
 * addressed to; keep the offers and match each answer to its offer (an
 * answer counts only from the school the offer went to).
 */
int rx_ops_transfer_collect(rx_ops_transfer_set *out, git_repository *repo, sqlite3 *db,
	const uint8_t box_pk[static 32], const uint8_t box_sk[static 32], rx_error *err);
void rx_ops_transfer_set_free(rx_ops_transfer_set *s);

/* The entry of an id (8 hex or more of the offer), or NULL. */
rx_ops_transfer_entry *rx_ops_transfer_find(const rx_ops_transfer_set *s, const char *id);

/* -- The sending school. -- */

/*
 * Seal student `no`'s archive (every record of a per-student type, the
 * student record too) to school `to` (a node id or a school's name in the
 * directory) and to this school: one transfer change-set on
 * refs/runxin/xfer/<to>/<this node>. The student stays until the receiving
 * school accepts. RX_EINPUT: an unknown or revoked school, this school
 * itself, an unknown student, a transfer of the student still pending.
 * *id gets the offer's short id, *to_name the school's name.
 */
int rx_ops_transfer_send(char id[static 9], char to_name[static RX_NAME_MAX + 1],
	rx_archive *a, const char *no, const char *to, rx_error *err);

/* What the sender's policy keeps once a transfer is accepted (schema/rules/default.transfer). */
typedef enum rx_ops_transfer_keep {
	RX_TF_KEEP_RECORD = 0, /* only the transfer record: to whom, when */
	RX_TF_KEEP_ARCHIVE     /* the archive too, the student marked left (转学) */
} rx_ops_transfer_keep;

/* The built-in policy (keep = record | archive). */
int rx_ops_transfer_policy(rx_ops_transfer_keep *out, rx_error *err);

/*
 * At a school or device: for every accepted offer of this school not yet
 * settled, keep what the policy says (a transfer record "tr" out; the
 * student's records deleted, or the student marked left). *settled: how
 * many; *refused: offers refused so far (reported, the student stays).
 */
int rx_ops_transfer_settle(size_t *settled, size_t *refused, rx_archive *a, rx_error *err);

/* -- The receiving school. -- */

typedef struct rx_ops_transfer_accept_opts {
	const char *id;        /* the offer */
	int refuse;            /* refuse instead of accept */
	const char *reason;    /* a refusal's reason (required) */
	const char *as;        /* accept under this student number instead (NULL: the sender's) */
} rx_ops_transfer_accept_opts;

/*
 * Accept an offer addressed to this school: its records written into the
 * archive (renumbered under o->as) with a transfer record "tr" in (来自,
 * 日期), then an answer sealed to the sender and this school. Or refuse it:
 * only the answer. RX_EINPUT: an unknown id, an offer already answered
 * (a replay is not taken twice), a student number already on the roster.
 * *n: the records taken in.
 */
int rx_ops_transfer_accept(size_t *n, rx_archive *a, const rx_ops_transfer_accept_opts *o,
	rx_error *err);

/* -- Printing. -- */

/* The transfers section of `inbox` and `transfer --list` (self: this node's school). */
void rx_ops_transfer_print(FILE *f, const rx_ops_transfer_set *s, sqlite3 *db,
	const char *self);
/* The same as JSON objects, each preceded by ", " after the first of *count. */
void rx_ops_transfer_json(FILE *f, const rx_ops_transfer_set *s, sqlite3 *db,
	const char *self, size_t *count);

/* A student no longer on the roster: the transfer records kept for `no` (show). RX_EINPUT: none. */
int rx_ops_transfer_show_gone(FILE *f, rx_archive *a, const char *no, int json, rx_error *err);

#endif
