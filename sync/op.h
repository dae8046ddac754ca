/* Field ops and their canonical, columnar batch encoding. */
#ifndef RX_SYNC_OP_H
#define RX_SYNC_OP_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/buf.h"

#define RX_SYNC_KIND_MAX 16           /* bytes of [A-Za-z0-9_.-] */
#define RX_SYNC_ID_MAX 256            /* bytes of UTF-8, no control characters */
#define RX_SYNC_FIELD_MAX 64          /* bytes of [A-Za-z0-9_.-], or "*" */
#define RX_SYNC_VALUE_MAX 65536       /* bytes, any */
#define RX_SYNC_BATCH_OPS_MAX 1000000 /* ops in one decoded batch */
#define RX_SYNC_BATCH_MEM_MAX (64u << 20) /* bytes a decoded batch may take */
#define RX_SYNC_FIELD_RECORD "*"      /* the field of a record delete */

/*
 * One field op: set (or, with tombstone, clear) field `field` of record
 * (kind, id) at clock (hlc, node). The owner of a record is the part of id
 * before the first '/'. A tombstone on field "*" deletes the whole record:
 * a field is visible only if its (hlc, node) is greater than that of the
 * record tombstone. Strings are NUL-terminated.
 */
typedef struct rx_sync_op {
	const char *kind;
	const char *id;
	const char *field;
	const uint8_t *value; /* value_len bytes; ignored for a tombstone */
	size_t value_len;
	int tombstone;        /* 1: no value */
	uint64_t hlc;
	uint64_t node;
} rx_sync_op;

/* A decoded batch: ops in canonical order; all memory owned by the batch. */
typedef struct rx_sync_batch {
	rx_sync_op *ops;
	size_t n;
	uint8_t *mem;
} rx_sync_batch;

/* Check one op against the limits above. 0 or RX_EINPUT. */
int rx_sync_op_check(const rx_sync_op *op, rx_error *err);

/*
 * Total order of ops: kind, id, field (bytewise), hlc, node, then a
 * tombstone before any value, then value bytes (a prefix first).
 * Returns <0, 0 or >0.
 */
int rx_sync_op_cmp(const rx_sync_op *a, const rx_sync_op *b);

/*
 * Append the canonical encoding of the set of ops (duplicates dropped, any
 * order in, so the same set gives the same bytes) to out. The caller's array
 * is not changed. Layout in docs/ops.md. RX_EINPUT if an op breaks a limit.
 */
int rx_sync_ops_encode(rx_buf *out, const rx_sync_op *ops, size_t n,
	rx_error *err);

/*
 * Decode a batch into *out (free with rx_sync_batch_free). Every count and
 * length is checked against the remaining input and the caps above before
 * anything is allocated; only the canonical encoding is accepted, so a
 * decoded batch re-encodes to exactly the input. Malformed, non-canonical
 * or trailing input gives RX_EINPUT; a batch beyond the caps gives
 * RX_ESECURITY.
 */
int rx_sync_ops_decode(rx_sync_batch *out, const uint8_t *in, size_t len,
	rx_error *err);

void rx_sync_batch_free(rx_sync_batch *b);

/*
 * zstd: append the compression of in (level 1..19, so that the window stays
 * within what the decompressor accepts) to out.
 */
int rx_sync_zstd_compress(rx_buf *out, const uint8_t *in, size_t len,
	int level, rx_error *err);

/*
 * Append the decompression of exactly one zstd frame to out, streaming with
 * a running cap: output beyond max_out bytes is refused with RX_ESECURITY
 * (whatever the frame header claims); a corrupt, truncated or trailing
 * frame gives RX_EINPUT. On failure out is left as it was.
 */
int rx_sync_zstd_decompress(rx_buf *out, const uint8_t *in, size_t len,
	size_t max_out, rx_error *err);

#endif
