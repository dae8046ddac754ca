/* Field ops: the name rules, their total order and varints. */
#include <stdlib.h>
#include <string.h>

#include "sync/opint.h"

int rx_sync_varint_put(rx_buf *b, uint64_t v, rx_error *err)
{
	uint8_t x[10];
	size_t n = 0;

	do {
		x[n] = (uint8_t)(v & 0x7f);
		v >>= 7;
		if (v)
			x[n] |= 0x80;
		n++;
	} while (v);
	return rx_buf_put(b, x, n, err);
}

int rx_sync_varint_get(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	uint64_t x = 0;
	const uint8_t *q = *p;

	for (unsigned i = 0; i < 10; i++) {
		if (q == end)
			return -1;
		uint8_t c = *q++;
		if (i == 9 && c > 1)
			return -1;
		x |= (uint64_t)(c & 0x7f) << (7 * i);
		if (!(c & 0x80)) {
			/* A zero final byte after others would be overlong. */
			if (c == 0 && i > 0)
				return -1;
			*v = x;
			*p = q;
			return 0;
		}
	}
	return -1;
}

static int name_char(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

static int name_ok(const uint8_t *s, size_t len, size_t max)
{
	if (len == 0 || len > max)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!name_char(s[i]))
			return 0;
	return 1;
}

int rx_sync_kind_ok(const uint8_t *s, size_t len)
{
	return name_ok(s, len, RX_SYNC_KIND_MAX);
}

/* Every name character sorts after '*', so a record tombstone comes first. */
int rx_sync_field_ok(const uint8_t *s, size_t len)
{
	if (len == 1 && s[0] == '*')
		return 1;
	return name_ok(s, len, RX_SYNC_FIELD_MAX);
}

/* Length of the UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t utf8_seq(const uint8_t *s, size_t n)
{
	uint8_t c = s[0];
	size_t len, i;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

/* UTF-8, no control characters, and a non-empty owner before any '/'. */
int rx_sync_id_ok(const uint8_t *s, size_t len)
{
	size_t i = 0, k;

	if (len == 0 || len > RX_SYNC_ID_MAX || s[0] == '/')
		return 0;
	while (i < len) {
		if (s[i] < 0x20 || s[i] == 0x7f)
			return 0;
		if (!(k = utf8_seq(s + i, len - i)))
			return 0;
		i += k;
	}
	return 1;
}

int rx_sync_op_check(const rx_sync_op *op, rx_error *err)
{
	if (!op->kind || !rx_sync_kind_ok((const uint8_t *)op->kind,
	    strnlen(op->kind, RX_SYNC_KIND_MAX + 1)))
		return rx_error_set(err, RX_EINPUT, "op: bad record kind");
	if (!op->id || !rx_sync_id_ok((const uint8_t *)op->id,
	    strnlen(op->id, RX_SYNC_ID_MAX + 1)))
		return rx_error_set(err, RX_EINPUT, "op: bad record id");
	if (!op->field || !rx_sync_field_ok((const uint8_t *)op->field,
	    strnlen(op->field, RX_SYNC_FIELD_MAX + 1)))
		return rx_error_set(err, RX_EINPUT, "op: bad field name");
	if (!op->tombstone && strcmp(op->field, RX_SYNC_FIELD_RECORD) == 0)
		return rx_error_set(err, RX_EINPUT,
			"op: a record delete carries no value");
	if (!op->tombstone && op->value_len > RX_SYNC_VALUE_MAX)
		return rx_error_set(err, RX_EINPUT, "op: value too long");
	if (!op->tombstone && op->value_len && !op->value)
		return rx_error_set(err, RX_EINPUT, "op: missing value");
	return 0;
}

int rx_sync_bytes_cmp(const uint8_t *a, size_t alen, const uint8_t *b,
	size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c)
		return c;
	return (alen > blen) - (alen < blen);
}

int rx_sync_op_cmp(const rx_sync_op *a, const rx_sync_op *b)
{
	int c;

	if ((c = strcmp(a->kind, b->kind)) || (c = strcmp(a->id, b->id)) ||
	    (c = strcmp(a->field, b->field)))
		return c;
	if (a->hlc != b->hlc)
		return a->hlc < b->hlc ? -1 : 1;
	if (a->node != b->node)
		return a->node < b->node ? -1 : 1;
	if (a->tombstone || b->tombstone)
		return !!b->tombstone - !!a->tombstone;
	return rx_sync_bytes_cmp(a->value ? a->value : (const uint8_t *)"",
		a->value_len, b->value ? b->value : (const uint8_t *)"",
		b->value_len);
}

void rx_sync_batch_free(rx_sync_batch *b)
{
	if (!b)
		return;
	free(b->ops);
	free(b->mem);
	b->ops = NULL;
	b->mem = NULL;
	b->n = 0;
}
