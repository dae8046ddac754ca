/* Internals shared by the op encoder and decoder: varints and name rules. */
#ifndef RX_SYNC_OPINT_H
#define RX_SYNC_OPINT_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/buf.h"
#include "sync/op.h"

#define RX_SYNC_OPS_MAGIC "RXo"
#define RX_SYNC_OPS_VERSION 1

/* Append v as an unsigned LEB128 varint (1..10 bytes). */
int rx_sync_varint_put(rx_buf *b, uint64_t v, rx_error *err);

/*
 * Read one minimal-length varint from *p (not beyond end), advancing *p.
 * 0, or -1 if truncated, overlong or above 64 bits.
 */
int rx_sync_varint_get(const uint8_t **p, const uint8_t *end, uint64_t *v);

/* 1 if s[0..len) is a valid kind / field name / record id, else 0. */
int rx_sync_kind_ok(const uint8_t *s, size_t len);
int rx_sync_field_ok(const uint8_t *s, size_t len);
int rx_sync_id_ok(const uint8_t *s, size_t len);

/* Bytewise order of two byte strings, a prefix first. */
int rx_sync_bytes_cmp(const uint8_t *a, size_t alen, const uint8_t *b,
	size_t blen);

#endif
