/* Internals of ops/transfer shared by its files. */
#ifndef RX_OPS_TRANSFER_INT_H
#define RX_OPS_TRANSFER_INT_H

#include "ops/transfer/transfer.h"

/* A transfer record "tr" (docs/records.md), id <no>/<first 8 hex of of>. */
typedef struct rx_ops_transfer_tr {
	const char *no;
	int in;                    /* 转入, else 转出 */
	const char *school;        /* the other school's node id */
	const char *school_name;
	const char *date;
	const char *count;         /* records received (in), or NULL */
	const char *of;            /* the offer, 40 hex */
} rx_ops_transfer_tr;

/* The ops of t (kind "tr", at most 7, clock unset); id is their record id's storage. */
size_t rx_ops_transfer_tr_ops(rx_sync_op ops[static 7], char id[static 48],
	const rx_ops_transfer_tr *t);

/* Does the archive hold a transfer record of offer `of` (40 hex)? */
int rx_ops_transfer_traced(int *found, rx_archive *a, const char *of, rx_error *err);

/* Write the answer to e (accept, or refuse with reason), sealed to its sender and this school. */
int rx_ops_transfer_answer(rx_archive *a, const rx_ops_transfer_entry *e, int accept,
	const char *reason, rx_error *err);

/* This node's view with its archive's key. */
int rx_ops_transfer_collect_archive(rx_ops_transfer_set *out, rx_archive *a, rx_error *err);

/* The name of a school in the directory, else its id. */
void rx_ops_transfer_school_name(char out[static RX_NAME_MAX + 1], sqlite3 *db,
	const char *school);

#endif
