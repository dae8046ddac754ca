/* Internals of the store: its handle, blind indexes and at-rest encryption. */
#ifndef RX_SYNC_STOREINT_H
#define RX_SYNC_STOREINT_H

#include "sync/store.h"

#define RX_SYNC_RID_BYTES 16
/* Clocks and node ids are stored with the top bit flipped, so that sqlite's
 * signed integer order is the unsigned order. */
#define RX_SYNC_FLIP(x) ((sqlite3_int64)((x) ^ (UINT64_C(1) << 63)))
#define RX_SYNC_UNFLIP(x) ((uint64_t)(x) ^ (UINT64_C(1) << 63))

enum {
	RX_ST_UPSERT, RX_ST_GET, RX_ST_SCAN_KIND, RX_ST_SCAN_OWNER, RX_ST_ALL,
	RX_ST_MAXHLC, RX_ST_SAVEPOINT, RX_ST_RELEASE, RX_ST_ROLLBACK, RX_ST_COUNT
};

struct rx_sync_store {
	sqlite3 *db;
	uint8_t *keys; /* sodium_malloc: rest key, then blind key */
	sqlite3_stmt *st[RX_ST_COUNT];
};

/* rid = BLAKE2b-128 under the blind key of (kind, id). */
void rx_sync_store_rid(const rx_sync_store *st, uint8_t rid[static 16],
	const char *kind, const char *id);

/* owner = BLAKE2b-128 under the blind key of the id's part before any '/'. */
void rx_sync_store_owner(const rx_sync_store *st, uint8_t out[static 16],
	const char *owner, size_t len);

/* A deterministic, keyed tie-breaker for two values at the same clock. */
void rx_sync_store_tie(const rx_sync_store *st, uint8_t out[static 16],
	const uint8_t rid[static 16], const char *field, const uint8_t *v,
	size_t len);

/* XChaCha20-Poly1305 under the rest key: out = nonce || ciphertext. */
int rx_sync_store_seal(const rx_sync_store *st, rx_buf *out,
	const uint8_t *m, size_t len, const uint8_t *ad, size_t adlen,
	rx_error *err);

/* Open a sealed blob into out; RX_ESECURITY if it fails authentication. */
int rx_sync_store_unseal(const rx_sync_store *st, rx_buf *out,
	const uint8_t *c, size_t len, const uint8_t *ad, size_t adlen,
	rx_error *err);

/* One line for a sqlite failure. */
int rx_sync_store_dberr(const rx_sync_store *st, rx_error *err);

#endif
