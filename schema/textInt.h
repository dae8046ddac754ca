/* Internal text helpers shared by the schema parsers (locale-free, bounded). */
#ifndef RX_SCHEMA_TEXT_INT_H
#define RX_SCHEMA_TEXT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "crypto/error.h"

/* A slice of bytes that is not NUL-terminated. */
typedef struct rx_schema_span {
	const char *p;
	size_t len;
} rx_schema_span;

/* True if [p, p+len) is strict UTF-8: no overlongs, surrogates or > U+10FFFF. */
bool rx_schema_utf8_valid(const char *p, size_t len);

/* Drop surrounding ASCII spaces and tabs. */
rx_schema_span rx_schema_span_trim(rx_schema_span s);

/* True if s equals the NUL-terminated word w, ASCII letters compared without case. */
bool rx_schema_span_eq(rx_schema_span s, const char *w);

/*
 * Parse an optionally signed decimal integer (at most 9 digits, nothing else)
 * in [lo, hi] into *out. 0 on success, -1 if not an integer, -2 if out of range.
 */
int rx_schema_span_int(rx_schema_span s, int lo, int hi, int *out);

/*
 * Fold full-width forms to ASCII (U+FF01..U+FF5E: digits, letters, （）－／．
 * and the like; U+3000 to a space) into dst[cap] (cap > s.len: folding only
 * shortens), then trim. The folded, trimmed span (inside dst).
 */
rx_schema_span rx_schema_span_fold(char *dst, size_t cap, rx_schema_span s);

/* Copy s into dst[cap] as a C string; false if it does not fit. */
bool rx_schema_span_copy(char *dst, size_t cap, rx_schema_span s);

/* Write at most ~40 bytes of s, cut on a UTF-8 boundary, for an error message. */
void rx_schema_span_excerpt(char *dst, size_t cap, rx_schema_span s);

/* One `key = value` line of a scale or rules file. */
typedef struct rx_schema_kv {
	rx_schema_span key, val;
	size_t line;
} rx_schema_kv;

typedef struct rx_schema_kv_iter {
	const char *p, *end;
	size_t line;
} rx_schema_kv_iter;

#define RX_SCHEMA_KV_TEXT_MAX 65536
#define RX_SCHEMA_KV_LINE_MAX 1024

/*
 * Check a whole settings text (size, UTF-8, no control bytes) and start an
 * iterator over it; a leading BOM is skipped. 0 or RX_EINPUT.
 */
int rx_schema_kv_begin(rx_schema_kv_iter *it, const char *text, size_t len,
		       const char *what, rx_error *err);

/*
 * Next `key = value` line, skipping blank lines and `#` comments.
 * 1 with *kv set, 0 at the end, RX_EINPUT on a malformed line.
 */
int rx_schema_kv_next(rx_schema_kv_iter *it, rx_schema_kv *kv,
		      const char *what, rx_error *err);

#endif
