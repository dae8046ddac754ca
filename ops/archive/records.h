/* Records of the archive on this node: load, scan, counters, write, access log, today. */
#ifndef RX_NODE_RECORDS_H
#define RX_NODE_RECORDS_H

#include "node/archive.h"
#include "schema/import.h"
#include "schema/record.h"

/* A set of records of one type, sorted by id (after rx_recset_load). */
typedef struct rx_recset {
	rx_schema_rec *r;
	size_t n, cap;
} rx_recset;

/* Load every record of t (only owner's, if not NULL) into *set, sorted by id. */
int rx_recset_load(rx_recset *set, rx_archive *a, const rx_schema_type *t,
	const char *owner, rx_error *err);
/* The record with this id, or NULL. */
rx_schema_rec *rx_recset_find(const rx_recset *set, const char *id);
void rx_recset_free(rx_recset *set);

/* Load one record; *found 0 when it has no visible field. */
int rx_rec_get(rx_schema_rec *out, rx_archive *a, const rx_schema_type *t,
	const char *id, int *found, rx_error *err);

/*
 * Give a new record of a COUNTER type its id: this node's tag (the first six
 * hex digits of its id) and the next value of the setting seq.<kind>.
 */
int rx_rec_new_id(rx_schema_rec *r, rx_archive *a, rx_error *err);

/* Write the ops of r that differ from old (NULL: all); *changed = ops written. */
int rx_rec_write(rx_archive *a, const rx_schema_rec *r, const rx_schema_rec *old,
	size_t *changed, rx_error *err);

/*
 * Append an access record (kind "ax"): what was shown ("show S001",
 * "list st"), the operator (setting `operator`), the time (UTC); the device
 * is the op's author. Written through rx_archive_write, so it is signed.
 */
int rx_rec_access(rx_archive *a, const char *what, rx_error *err);

/* Today: $RUNXIN_TODAY (YYYY-MM-DD) if set, else the local date. */
int rx_rec_today(rx_schema_date *out, rx_error *err);

/* Parse a stored YYYY-MM-DD (year 0 when v is NULL or bad). */
rx_schema_date rx_rec_date(const char *v);



#include "ops/json.h"
/* One line "type id field=value ..." (values of enums as their Chinese names). */
void rx_rec_print(FILE *f, const rx_schema_rec *r);
/* The record as a JSON object {"type", "id", fields...}. */
void rx_rec_json(rx_json *j, const rx_schema_rec *r);
#endif
