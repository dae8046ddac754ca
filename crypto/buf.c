/* Growable byte buffer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

int rx_buf_reserve(rx_buf *b, size_t more, rx_error *err)
{
	size_t need, cap;
	uint8_t *p;

	if (more > SIZE_MAX - b->len - 1)
		return rx_error_nomem(err);
	need = b->len + more + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (!(p = realloc(b->data, cap)))
		return rx_error_nomem(err);
	b->data = p;
	b->cap = cap;
	return 0;
}

int rx_buf_put(rx_buf *b, const void *p, size_t n, rx_error *err)
{
	int rc;

	if ((rc = rx_buf_reserve(b, n, err)) < 0)
		return rc;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int rx_buf_puts(rx_buf *b, const char *s, rx_error *err)
{
	return rx_buf_put(b, s, strlen(s), err);
}

int rx_buf_printf(rx_buf *b, rx_error *err, const char *fmt, ...)
{
	va_list ap;
	int n, rc;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return rx_error_set(err, RX_EINTERNAL, "format error");
	if ((rc = rx_buf_reserve(b, (size_t)n, err)) < 0)
		return rc;
	va_start(ap, fmt);
	vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

int rx_buf_put_u32be(rx_buf *b, uint32_t v, rx_error *err)
{
	uint8_t x[4] = { v >> 24, v >> 16, v >> 8, v };

	return rx_buf_put(b, x, 4, err);
}

int rx_buf_put_sshstr(rx_buf *b, const void *p, size_t n, rx_error *err)
{
	int rc;

	if (n > UINT32_MAX)
		return rx_error_set(err, RX_EINTERNAL, "string too long");
	if ((rc = rx_buf_put_u32be(b, (uint32_t)n, err)) < 0)
		return rc;
	return rx_buf_put(b, p, n, err);
}

int rx_buf_cstr(rx_buf *b, rx_error *err)
{
	int rc;

	/* callers fill data directly (fread, zstd) and then set len */
	if ((rc = rx_buf_reserve(b, 0, err)) < 0)
		return rc;
	b->data[b->len] = '\0';
	return 0;
}

void rx_buf_reset(rx_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void rx_buf_free(rx_buf *b)
{
	if (!b)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
