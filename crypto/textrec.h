/* Line-based "key: value" records: the text form of requests, certificates and revocations. */
#ifndef RX_CRYPTO_TEXTREC_H
#define RX_CRYPTO_TEXTREC_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/buf.h"

#define RX_TEXTREC_MAX_FIELDS 12
#define RX_TEXTREC_VALUE_MAX 512

typedef struct rx_textrec {
	size_t n;
	char key[RX_TEXTREC_MAX_FIELDS][24];
	char val[RX_TEXTREC_MAX_FIELDS][RX_TEXTREC_VALUE_MAX + 1];
} rx_textrec;

/*
 * Parse a record starting at the line `magic` (e.g. "runxin-cert 1") and
 * ending with the line "signature: ...". Blank lines before it are skipped;
 * CR before LF is accepted. On success *used is the offset just past the
 * signature line. RX_ESECURITY (what: names the record kind) if malformed.
 */
int rx_textrec_parse(rx_textrec *rec, const char *magic, const char *text,
	size_t len, size_t *used, const char *what, rx_error *err);

/* The value of key, or NULL. The keys must come in `order` (NULL-ended). */
int rx_textrec_expect(const rx_textrec *rec, const char *const *order,
	const char *what, rx_error *err);
const char *rx_textrec_get(const rx_textrec *rec, const char *key);

/* Base64 (standard alphabet, padded) of exactly n bytes. */
int rx_textrec_b64_put(rx_buf *out, const uint8_t *p, size_t n, rx_error *err);
int rx_textrec_b64_get(uint8_t *out, size_t n, const char *s);

#endif
