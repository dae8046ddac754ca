/* Roles, node ids, fingerprints, UTF-8 and time: the small pieces of identity. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "crypto/cert.h"

static const char *const role_names[] = { NULL, "city", "county", "school", "device" };

const char *rx_crypto_role_name(rx_role r)
{
	return r >= RX_ROLE_CITY && r <= RX_ROLE_DEVICE ? role_names[r] : NULL;
}

rx_role rx_crypto_role_parse(const char *s)
{
	for (int r = RX_ROLE_CITY; r <= RX_ROLE_DEVICE; r++)
		if (s && !strcmp(s, role_names[r]))
			return (rx_role)r;
	return RX_ROLE_NONE;
}

void rx_crypto_node_id(char id[static RX_NODE_ID_LEN + 1],
	const uint8_t sign_pk[static 32])
{
	static const char tag[] = "runxin node";
	crypto_generichash_state st;
	uint8_t h[32];

	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	crypto_generichash_update(&st, (const uint8_t *)tag, sizeof(tag) - 1);
	crypto_generichash_update(&st, sign_pk, 32);
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(id, RX_NODE_ID_LEN + 1, h, RX_NODE_ID_LEN / 2);
}

int rx_crypto_node_id_u64(uint64_t *out, const char *id)
{
	uint64_t v = 0;

	if (!id || strlen(id) != RX_NODE_ID_LEN)
		return -1;
	for (int i = 0; i < RX_NODE_ID_LEN; i++) {
		char c = id[i];
		int d = c >= '0' && c <= '9' ? c - '0' :
			c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (d < 0)
			return -1;
		v = v << 4 | (uint64_t)d;
	}
	*out = v;
	return 0;
}

int rx_crypto_utf8_valid(const char *s, size_t len, int line)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		uint32_t c = *p;
		size_t n = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 :
			(c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : 9;
		if (n == 9 || (size_t)(end - p) <= n)
			return 0;
		c = n ? c & (0x3f >> n) : c;
		for (size_t i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (p[i] & 0x3f);
		}
		if ((n == 1 && c < 0x80) || (n == 2 && c < 0x800) ||
		    (n == 3 && (c < 0x10000 || c > 0x10ffff)) ||
		    (c >= 0xd800 && c <= 0xdfff))
			return 0;
		if ((line && (c < 0x20 || c == 0x7f)) || rx_crypto_char_spoofs(c))
			return 0;
		p += n + 1;
	}
	return 1;
}

int rx_crypto_char_spoofs(uint32_t c)
{
	return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f) ||
		c == 0x061c || c == 0x180e ||                  /* Arabic letter mark, Mongolian vowel separator */
		(c >= 0x200b && c <= 0x200f) ||                /* zero-width space/joiners, LRM, RLM */
		(c >= 0x202a && c <= 0x202e) ||                /* bidi embeddings and overrides */
		(c >= 0x2060 && c <= 0x2069) ||                /* word joiner, invisible operators, isolates */
		c == 0xfeff;                                   /* zero-width no-break space (BOM) */
}

int rx_crypto_text_spoofed(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		uint32_t c = *p;
		size_t n = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : 3;

		if ((size_t)(end - p) <= n)
			return 1;
		c = n ? c & (0x3f >> n) : c;
		for (size_t i = 1; i <= n; i++)
			c = c << 6 | (p[i] & 0x3f);
		if (rx_crypto_char_spoofs(c))
			return 1;
		p += n + 1;
	}
	return 0;
}

void rx_crypto_fingerprint(char out[static 30], const uint8_t sign_pk[static 32])
{
	static const char tag[] = "runxin root";
	crypto_generichash_state st;
	uint8_t h[32];
	char *o = out;

	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	crypto_generichash_update(&st, (const uint8_t *)tag, sizeof(tag) - 1);
	crypto_generichash_update(&st, sign_pk, 32);
	crypto_generichash_final(&st, h, sizeof(h));
	/* Five groups of five digits, each from 5 bytes (~83 bits in all). */
	for (int g = 0; g < 5; g++) {
		uint64_t v = 0;
		for (int i = 0; i < 5; i++)
			v = v << 8 | h[g * 5 + i];
		o += sprintf(o, g ? " %05u" : "%05u", (unsigned)(v % 100000));
	}
}

void rx_crypto_time_format(char out[static 21], int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int rx_crypto_time_parse(int64_t *t, const char *s)
{
	struct tm tm = { 0 };
	char *end;
	char back[21];

	if (!s || strlen(s) != 20)
		return -1;
	end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!end || *end)
		return -1;
	*t = (int64_t)timegm(&tm);
	rx_crypto_time_format(back, *t);
	return strcmp(back, s) == 0 ? 0 : -1;
}
