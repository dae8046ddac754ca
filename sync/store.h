/* The replicated state: per-field last-writer-wins registers in sqlite3, encrypted at rest. */
#ifndef RX_SYNC_STORE_H
#define RX_SYNC_STORE_H

#include <sqlite3.h>
#include <stdint.h>

#include "crypto/buf.h"
#include "sync/op.h"

#define RX_SYNC_STORE_KEY_BYTES 32

typedef struct rx_sync_store rx_sync_store;

/*
 * Called once per visible field (or, for dump, never). The op's strings and
 * value live only for the call. A non-zero return stops the walk and is
 * passed back to the caller of get/scan.
 */
typedef int (*rx_sync_store_fn)(void *ctx, const rx_sync_op *op);

/*
 * Open the store on db (the caller owns the connection and its
 * transactions; the tables are created if they do not exist). rest_key
 * encrypts ids and values; blind_key keys the blind indexes of records and
 * owners. Both are copied into sodium_malloc memory and wiped on close.
 */
/*
 * Report a failure of the state database db in one line: "<what>: <msg or
 * sqlite's message>", or "disk full ...: what to do" when the write failed
 * for want of space (SQLITE_FULL, ENOSPC, EFBIG). Returns RX_EINTERNAL.
 */
int rx_sync_db_error(rx_error *err, sqlite3 *db, const char *what, const char *msg);

int rx_sync_store_open(rx_sync_store **out, sqlite3 *db,
	const uint8_t rest_key[static RX_SYNC_STORE_KEY_BYTES],
	const uint8_t blind_key[static RX_SYNC_STORE_KEY_BYTES], rx_error *err);

/* Finalise statements, wipe and free the keys. Accepts NULL. */
void rx_sync_store_close(rx_sync_store *st);

/*
 * Merge ops: per (record, field) the greatest (hlc, node) wins, and on an
 * exact tie a keyed hash of the value decides (a value beats a tombstone),
 * so any order of delivery converges; applying an op twice changes nothing.
 * All ops are checked first; the batch runs inside a savepoint, so it is
 * applied entirely or not at all.
 */
int rx_sync_store_apply(rx_sync_store *st, const rx_sync_op *ops, size_t n,
	rx_error *err);

/*
 * The visible fields of record (kind, id) in field order: set, and newer
 * than any record delete. RX_ESECURITY if a register fails authentication.
 */
int rx_sync_store_get(rx_sync_store *st, const char *kind, const char *id,
	rx_sync_store_fn fn, void *ctx, rx_error *err);

/*
 * The visible fields of every record of kind (only those of owner, if not
 * NULL), decrypted; records come grouped but in blind-index order, not by id.
 */
int rx_sync_store_scan(rx_sync_store *st, const char *kind, const char *owner,
	rx_sync_store_fn fn, void *ctx, rx_error *err);

/*
 * Append a canonical text dump of every register, tombstones and clocks
 * included, sorted by (kind, id, field) in cleartext: two replicas holding
 * the same set of ops give identical bytes. Format in docs/ops.md.
 */
int rx_sync_store_dump(rx_sync_store *st, rx_buf *out, rx_error *err);

/* The greatest clock of any register, 0 when empty. */
int rx_sync_store_max_hlc(rx_sync_store *st, uint64_t *out, rx_error *err);

#endif
