/* A bounded, streaming RFC 4180 CSV reader for UTF-8 imports (docs/csv.md). */
#ifndef RX_SCHEMA_CSV_H
#define RX_SCHEMA_CSV_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "crypto/error.h"

#define RX_SCHEMA_CSV_FIELD_MAX 4096    /* bytes in one field */
#define RX_SCHEMA_CSV_FIELDS_MAX 128    /* fields in one record */
#define RX_SCHEMA_CSV_RECORD_MAX 65536  /* bytes of all fields of one record */

/* Reads up to cap bytes into buf: the count, 0 at the end, < 0 on failure. */
typedef ssize_t (*rx_schema_csv_read_fn)(void *ctx, void *buf, size_t cap);

typedef struct rx_schema_csv rx_schema_csv;

/* One record; the pointers stay valid until the next call on the reader. */
typedef struct rx_schema_csv_record {
	size_t line;               /* physical line (1-based) where it starts */
	size_t n;                  /* number of fields, >= 1 */
	const char *const *field;  /* NUL-terminated, valid UTF-8, no NUL inside */
	const size_t *len;         /* byte length of each field */
} rx_schema_csv_record;

/* A reader pulling bytes from fn(ctx). The caller owns ctx. 0 or RX_EINTERNAL. */
int rx_schema_csv_open(rx_schema_csv **out, rx_schema_csv_read_fn fn, void *ctx,
		       rx_error *err);
/* A reader over len bytes at data (not copied: keep them until freed). */
int rx_schema_csv_open_mem(rx_schema_csv **out, const void *data, size_t len,
			   rx_error *err);
/* A reader over an open stream (not closed by the reader). */
int rx_schema_csv_open_file(rx_schema_csv **out, FILE *f, rx_error *err);
void rx_schema_csv_free(rx_schema_csv *r);

/*
 * Read the next record, skipping empty lines and lines of only commas.
 * Returns 1 with *rec set; 0 at the end of input; RX_EINPUT when this record
 * is refused (rec->line is set, err says "第 N 行: why"; call again to go
 * on with the next record); RX_EINTERNAL on a read failure (final).
 */
int rx_schema_csv_next(rx_schema_csv *r, rx_schema_csv_record *rec, rx_error *err);

#endif
