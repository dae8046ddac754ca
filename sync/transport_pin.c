/* Pinned ssh host keys (SHA-256 of the key blob) and the one-line transport failure. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "sync/transport.h"

#define PIN_TEXT_MAX 8192
#define KEY_BLOB_MAX 4096
#define TOKENS_MAX 4

void rx_sync_transport_pin_format(char out[static RX_SYNC_PIN_TEXT_MAX],
	const uint8_t h[static 32])
{
	char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL_NO_PADDING)];

	sodium_bin2base64(b64, sizeof(b64), h, 32,
		sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	snprintf(out, RX_SYNC_PIN_TEXT_MAX, "SHA256:%s", b64);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Split at most TOKENS_MAX whitespace-separated tokens of one line, in place. */
static size_t tokens(char *s, char *tok[TOKENS_MAX])
{
	size_t n = 0;

	while (*s && *s != '\n' && n < TOKENS_MAX) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || is_space(*s))
			break;
		tok[n++] = s;
		while (*s && !is_space(*s))
			s++;
		if (*s)
			*s++ = '\0';
	}
	return n;
}

static int is_key_type(const char *s)
{
	return strncmp(s, "ssh-", 4) == 0 || strncmp(s, "ecdsa-", 6) == 0 ||
		strncmp(s, "sk-", 3) == 0;
}

/* The blob must open with its own type name as an SSH string. */
static int blob_hash(uint8_t out[32], const char *type, const char *b64,
	rx_error *err)
{
	uint8_t blob[KEY_BLOB_MAX];
	size_t len = 0, tl = strlen(type);

	if (sodium_base642bin(blob, sizeof(blob), b64, strlen(b64), NULL, &len,
		NULL, sodium_base64_VARIANT_ORIGINAL) != 0 || len < 4 + tl ||
	    blob[0] || blob[1] || blob[2] != (tl >> 8) || blob[3] != (tl & 0xff) ||
	    memcmp(blob + 4, type, tl) != 0)
		return rx_error_set(err, RX_EUSAGE, "host key pin: bad %s key", type);
	crypto_hash_sha256(out, blob, len);
	return 0;
}

static int fingerprint(uint8_t out[32], const char *tok, rx_error *err)
{
	size_t len = 0;

	if (sodium_base642bin(out, 32, tok + 7, strlen(tok + 7), NULL, &len, NULL,
		sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0 || len != 32)
		return rx_error_set(err, RX_EUSAGE,
			"host key pin: bad SHA256 fingerprint");
	return 0;
}

int rx_sync_transport_pin_parse(uint8_t out[static 32], const char *text,
	rx_error *err)
{
	char line[PIN_TEXT_MAX], *tok[TOKENS_MAX];
	size_t n, i;

	if (!text || (n = strnlen(text, PIN_TEXT_MAX)) >= PIN_TEXT_MAX)
		return rx_error_set(err, RX_EUSAGE, "host key pin: missing or too long");
	memcpy(line, text, n);
	line[n] = '\0';
	n = tokens(line, tok);
	/* @revoked / @cert-authority markers and comments never make a pin. */
	if (n == 0 || tok[0][0] == '@' || tok[0][0] == '#')
		return rx_error_set(err, RX_EUSAGE, "host key pin: not a key");
	/* "SHA256:..." alone or as ssh-keygen -l prints it; or a key line. */
	for (i = 0; i < n; i++) {
		if (strncmp(tok[i], "SHA256:", 7) == 0)
			return fingerprint(out, tok[i], err);
		if (i + 1 < n && is_key_type(tok[i]))
			return blob_hash(out, tok[i], tok[i + 1], err);
	}
	return rx_error_set(err, RX_EUSAGE, "host key pin: no key found");
}

/* remote with any password in its user info replaced by "***". */
static void mask(char *out, size_t cap, const char *remote)
{
	const char *s = strstr(remote, "://"), *at, *slash, *colon;

	snprintf(out, cap, "%s", remote);
	if (!s)
		return;
	s += 3;
	slash = strchr(s, '/');
	at = strchr(s, '@');
	colon = strchr(s, ':');
	if (!at || (slash && at > slash) || !colon || colon > at)
		return;
	snprintf(out, cap, "%.*s***%s", (int)(colon + 1 - remote), remote, at);
}

int rx_sync_transport_fail(const rx_sync_transport *t, int git_rc,
	const char *remote, rx_error *err)
{
	const git_error *e = git_error_last();
	char name[256];

	if (git_rc >= 0)
		return 0;
	if (t && t->refused)
		return rx_error_set(err, RX_ESECURITY, "%s", t->msg);
	mask(name, sizeof(name), remote ? remote : "(remote)");
	if (t && t->cancelled)
		return rx_error_set(err, RX_ETRANSPORT, "transfer with %s cancelled",
			name);
	/* the hub's web server answered but cannot serve its repository: retrying never helps */
	if (e && e->message && (strstr(e->message, "status code: 404") ||
	    strstr(e->message, "status code: 403") || strstr(e->message, "status code: 500")))
		return rx_error_set(err, RX_EINPUT, "中心 %s 拒绝了请求 (%s): 地址不对, 或中心的文件"
			"权限有误, 请县里的管理员运行 runxin hub check; 重试无用 (the hub refused: a "
			"wrong URL or its files out of its server's reach)", name, e->message);
	return rx_error_set(err, RX_ETRANSPORT, "cannot reach %s: %s", name,
		e && e->message ? e->message : "unknown error");
}
