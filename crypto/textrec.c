/* Strict parser for the line-based records of the identity formats. */
#include <string.h>

#include <sodium.h>

#include "crypto/cert.h"
#include "crypto/textrec.h"

static int next_line(const char *text, size_t len, size_t *pos,
	const char **line, size_t *llen)
{
	const char *nl;

	if (*pos >= len)
		return -1;
	*line = text + *pos;
	nl = memchr(*line, '\n', len - *pos);
	*llen = nl ? (size_t)(nl - *line) : len - *pos;
	*pos += *llen + (nl ? 1 : 0);
	if (*llen && (*line)[*llen - 1] == '\r')
		(*llen)--;
	return 0;
}

static int add_field(rx_textrec *rec, const char *line, size_t llen,
	const char *what, rx_error *err)
{
	const char *colon = memchr(line, ':', llen);
	size_t klen, vlen;

	if (!colon || rec->n == RX_TEXTREC_MAX_FIELDS)
		return rx_error_set(err, RX_ESECURITY, "malformed %s: bad line", what);
	klen = (size_t)(colon - line);
	if (klen == 0 || klen >= sizeof(rec->key[0]) ||
	    (size_t)(colon - line) + 1 >= llen || colon[1] != ' ')
		return rx_error_set(err, RX_ESECURITY, "malformed %s: bad line", what);
	vlen = llen - klen - 2;
	if (vlen > RX_TEXTREC_VALUE_MAX ||
	    !rx_crypto_utf8_valid(colon + 2, vlen, 1))
		return rx_error_set(err, RX_ESECURITY, "malformed %s: bad value", what);
	memcpy(rec->key[rec->n], line, klen);
	rec->key[rec->n][klen] = '\0';
	memcpy(rec->val[rec->n], colon + 2, vlen);
	rec->val[rec->n][vlen] = '\0';
	rec->n++;
	return 0;
}

int rx_textrec_parse(rx_textrec *rec, const char *magic, const char *text,
	size_t len, size_t *used, const char *what, rx_error *err)
{
	size_t pos = 0, llen;
	const char *line;
	int rc;

	memset(rec, 0, sizeof(*rec));
	do {
		if (next_line(text, len, &pos, &line, &llen) < 0)
			return rx_error_set(err, RX_ESECURITY, "malformed %s: empty", what);
	} while (llen == 0);
	if (llen != strlen(magic) || memcmp(line, magic, llen) != 0)
		return rx_error_set(err, RX_ESECURITY,
			"malformed %s: expected '%s'", what, magic);
	for (;;) {
		if (next_line(text, len, &pos, &line, &llen) < 0)
			return rx_error_set(err, RX_ESECURITY,
				"malformed %s: truncated", what);
		if ((rc = add_field(rec, line, llen, what, err)) < 0)
			return rc;
		if (!strcmp(rec->key[rec->n - 1], "signature"))
			break;
	}
	if (used)
		*used = pos;
	return 0;
}

int rx_textrec_expect(const rx_textrec *rec, const char *const *order,
	const char *what, rx_error *err)
{
	size_t i;

	for (i = 0; order[i]; i++)
		if (i >= rec->n || strcmp(rec->key[i], order[i]) != 0)
			return rx_error_set(err, RX_ESECURITY,
				"malformed %s: expected field '%s'", what, order[i]);
	if (i != rec->n)
		return rx_error_set(err, RX_ESECURITY,
			"malformed %s: unexpected field", what);
	return 0;
}

const char *rx_textrec_get(const rx_textrec *rec, const char *key)
{
	for (size_t i = 0; i < rec->n; i++)
		if (!strcmp(rec->key[i], key))
			return rec->val[i];
	return NULL;
}

int rx_textrec_b64_put(rx_buf *out, const uint8_t *p, size_t n, rx_error *err)
{
	size_t cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	int rc;

	if ((rc = rx_buf_reserve(out, cap, err)) < 0)
		return rc;
	sodium_bin2base64((char *)out->data + out->len, cap, p, n,
		sodium_base64_VARIANT_ORIGINAL);
	out->len += strlen((char *)out->data + out->len);
	return 0;
}

int rx_textrec_b64_get(uint8_t *out, size_t n, const char *s)
{
	size_t got = 0;
	const char *end = NULL;

	if (sodium_base642bin(out, n, s, strlen(s), NULL, &got, &end,
		sodium_base64_VARIANT_ORIGINAL) != 0 || got != n || *end != '\0')
		return -1;
	return 0;
}
