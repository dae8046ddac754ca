/* Locale-free text helpers: strict UTF-8, trimming, integers, key = value lines. */
#include <string.h>

#include "schema/textInt.h"

/* Length of the UTF-8 sequence at p (0 if invalid), given n bytes left. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF;
	size_t len;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4;
	else
		return 0; /* continuation byte, C0/C1 overlong lead, or > U+10FFFF */
	if (c == 0xE0)
		lo = 0xA0; /* overlong 3-byte */
	else if (c == 0xED)
		hi = 0x9F; /* UTF-16 surrogates */
	else if (c == 0xF0)
		lo = 0x90; /* overlong 4-byte */
	else if (c == 0xF4)
		hi = 0x8F; /* above U+10FFFF */
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return len;
}

bool rx_schema_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (!(k = utf8_seq(p + i, len - i)))
			return false;
		i += k;
	}
	return true;
}

rx_schema_span rx_schema_span_trim(rx_schema_span s)
{
	while (s.len && (s.p[0] == ' ' || s.p[0] == '\t')) {
		s.p++;
		s.len--;
	}
	while (s.len && (s.p[s.len - 1] == ' ' || s.p[s.len - 1] == '\t'))
		s.len--;
	return s;
}

rx_schema_span rx_schema_span_fold(char *dst, size_t cap, rx_schema_span s)
{
	const unsigned char *p = (const unsigned char *)s.p;
	size_t i = 0, n = 0;

	if (cap <= s.len)
		return rx_schema_span_trim(s); /* never happens: cells are capped */
	while (i < s.len) {
		/* U+FF01..U+FF3F is EF BC 81..BF, U+FF40..U+FF5E is EF BD 80..9E */
		if (s.len - i >= 3 && p[i] == 0xEF && p[i + 1] == 0xBC &&
		    p[i + 2] >= 0x81 && p[i + 2] <= 0xBF) {
			dst[n++] = (char)(p[i + 2] - 0x81 + 0x21), i += 3;
		} else if (s.len - i >= 3 && p[i] == 0xEF && p[i + 1] == 0xBD &&
			   p[i + 2] >= 0x80 && p[i + 2] <= 0x9E) {
			dst[n++] = (char)(p[i + 2] - 0x80 + 0x60), i += 3;
		} else if (s.len - i >= 3 && !memcmp(p + i, "\xE3\x80\x80", 3)) {
			dst[n++] = ' ', i += 3;
		} else {
			dst[n++] = (char)p[i++];
		}
	}
	dst[n] = '\0';
	return rx_schema_span_trim((rx_schema_span){ dst, n });
}

static char ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

bool rx_schema_span_eq(rx_schema_span s, const char *w)
{
	size_t n = strlen(w);

	if (n != s.len)
		return false;
	for (size_t i = 0; i < n; i++)
		if (ascii_lower(s.p[i]) != ascii_lower(w[i]))
			return false;
	return true;
}

int rx_schema_span_int(rx_schema_span s, int lo, int hi, int *out)
{
	size_t i = 0;
	int neg = 0;
	long v = 0;

	if (s.len && (s.p[0] == '-' || s.p[0] == '+')) {
		neg = s.p[0] == '-';
		i = 1;
	}
	if (i == s.len || s.len - i > 9)
		return -1;
	for (; i < s.len; i++) {
		if (s.p[i] < '0' || s.p[i] > '9')
			return -1;
		v = v * 10 + (s.p[i] - '0');
	}
	if (neg)
		v = -v;
	if (v < lo || v > hi)
		return -2;
	*out = (int)v;
	return 0;
}

bool rx_schema_span_copy(char *dst, size_t cap, rx_schema_span s)
{
	if (s.len >= cap)
		return false;
	memcpy(dst, s.p, s.len);
	dst[s.len] = '\0';
	return true;
}

void rx_schema_span_excerpt(char *dst, size_t cap, rx_schema_span s)
{
	size_t n = s.len < 40 ? s.len : 40;

	if (n >= cap)
		n = cap - 1;
	/* Never cut inside a multi-byte sequence. */
	while (n < s.len && n > 0 && ((unsigned char)s.p[n] & 0xC0) == 0x80)
		n--;
	memcpy(dst, s.p, n);
	dst[n] = '\0';
	if (n < s.len && n + 4 < cap)
		memcpy(dst + n, "...", 4);
}

int rx_schema_kv_begin(rx_schema_kv_iter *it, const char *text, size_t len,
		       const char *what, rx_error *err)
{
	if (len > RX_SCHEMA_KV_TEXT_MAX)
		return rx_error_set(err, RX_EINPUT, "%s: longer than %d bytes",
				    what, RX_SCHEMA_KV_TEXT_MAX);
	if (!rx_schema_utf8_valid(text, len))
		return rx_error_set(err, RX_EINPUT, "%s: invalid UTF-8", what);
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	it->p = text;
	it->end = text + len;
	it->line = 0;
	return 0;
}

/* Split one line (without its end) into key and value; 0 if blank/comment. */
static int kv_split(rx_schema_kv *kv, rx_schema_span line, const char *what,
		    rx_error *err)
{
	const char *eq;

	for (size_t i = 0; i < line.len; i++)
		if ((unsigned char)line.p[i] < 0x20 && line.p[i] != '\t')
			return rx_error_set(err, RX_EINPUT,
					    "%s line %zu: control byte", what, kv->line);
	line = rx_schema_span_trim(line);
	if (!line.len || line.p[0] == '#')
		return 0;
	if (!(eq = memchr(line.p, '=', line.len)))
		return rx_error_set(err, RX_EINPUT,
				    "%s line %zu: expected key = value", what, kv->line);
	kv->key = rx_schema_span_trim((rx_schema_span){ line.p, (size_t)(eq - line.p) });
	kv->val = rx_schema_span_trim((rx_schema_span){ eq + 1,
				(size_t)(line.p + line.len - eq - 1) });
	for (size_t i = 0; i < kv->key.len; i++) {
		char c = kv->key.p[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return rx_error_set(err, RX_EINPUT,
					    "%s line %zu: bad key", what, kv->line);
	}
	if (!kv->key.len || !kv->val.len)
		return rx_error_set(err, RX_EINPUT,
				    "%s line %zu: empty key or value", what, kv->line);
	return 1;
}

int rx_schema_kv_next(rx_schema_kv_iter *it, rx_schema_kv *kv,
		      const char *what, rx_error *err)
{
	while (it->p < it->end) {
		const char *nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
		size_t len = nl ? (size_t)(nl - it->p) : (size_t)(it->end - it->p);
		rx_schema_span line = { it->p, len };
		int rc;

		it->line++;
		it->p += len + (nl != NULL);
		if (len > RX_SCHEMA_KV_LINE_MAX)
			return rx_error_set(err, RX_EINPUT,
					    "%s line %zu: longer than %d bytes",
					    what, it->line, RX_SCHEMA_KV_LINE_MAX);
		if (line.len && line.p[line.len - 1] == '\r')
			line.len--;
		kv->line = it->line;
		if ((rc = kv_split(kv, line, what, err)) != 0)
			return rc;
	}
	return 0;
}
