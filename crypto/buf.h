/* A growable byte buffer for non-secret data (secrets use sodium_malloc). */
#ifndef RX_BUF_H
#define RX_BUF_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef struct rx_buf {
	uint8_t *data;
	size_t len;
	size_t cap;
} rx_buf;

#define RX_BUF_INIT { NULL, 0, 0 }

/* Make room for `more` bytes beyond len. 0 or RX_EINTERNAL. */
int rx_buf_reserve(rx_buf *b, size_t more, rx_error *err);

/* Append bytes; append a NUL-terminated string (without its NUL). */
int rx_buf_put(rx_buf *b, const void *p, size_t n, rx_error *err);
int rx_buf_puts(rx_buf *b, const char *s, rx_error *err);
int rx_buf_printf(rx_buf *b, rx_error *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Big-endian integers and SSH-style strings (uint32 length + bytes). */
int rx_buf_put_u32be(rx_buf *b, uint32_t v, rx_error *err);
int rx_buf_put_sshstr(rx_buf *b, const void *p, size_t n, rx_error *err);

/* Keep data[len] == '\0' without counting it, for use as a C string. */
int rx_buf_cstr(rx_buf *b, rx_error *err);

void rx_buf_reset(rx_buf *b);
void rx_buf_free(rx_buf *b);

#endif
