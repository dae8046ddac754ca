/* Baselines for the bytes-on-the-wire benchmark: zstd -19 of CSV, a CouchDB-style body. */
#ifndef RX_OPS_BASELINE_H
#define RX_OPS_BASELINE_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/buf.h"
#include "crypto/error.h"

/* Compressed size of len bytes at zstd level 19 (one frame, as `zstd -19`). */
int rx_ops_baseline_zstd19(size_t *out, const uint8_t *csv, size_t len,
			   rx_error *err);

/* One screening CSV and what names its records. */
typedef struct rx_ops_baseline_screening {
	const uint8_t *csv;
	size_t len;
	const char *scale;   /* a built-in scale id: phq9, phqa, gad7 */
	int round;
	int administration;
} rx_ops_baseline_screening;

/* A school year as CSV: the roster and its screening administrations. */
typedef struct rx_ops_baseline_year {
	const uint8_t *roster;
	size_t roster_len;
	const rx_ops_baseline_screening *screening;
	size_t n;            /* number of screening CSVs */
	uint64_t seed;       /* makes the _rev values */
} rx_ops_baseline_year;

typedef struct rx_ops_couch_size {
	size_t docs;  /* JSON documents in the body */
	size_t raw;   /* bytes of the JSON body */
	size_t gzip;  /* bytes of the body gzip-compressed (zlib level 6) */
} rx_ops_couch_size;

/*
 * Append to json the body a CouchDB replication would carry for the year
 * (`{"new_edits":false,"docs":[`, one document per line, `]}`): a student
 * document per roster row and a screening document per screening row, each
 * with its _id and a "1-<32 hex>" _rev derived from seed. *docs (may be
 * NULL) gets the number of documents. 0, RX_EINPUT if a CSV does not
 * import cleanly (err names the line), RX_EINTERNAL.
 */
int rx_ops_baseline_couch_body(rx_buf *json, size_t *docs,
			       const rx_ops_baseline_year *y, rx_error *err);

/* The size of that body, raw and gzip-compressed. 0 or as above. */
int rx_ops_baseline_couch(rx_ops_couch_size *out, const rx_ops_baseline_year *y,
			  rx_error *err);

/* Size of len bytes as one gzip member at zlib's default level (6). */
int rx_ops_baseline_gzip(size_t *out, const uint8_t *data, size_t len,
			 rx_error *err);

#endif
