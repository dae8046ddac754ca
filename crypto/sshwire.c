/* Bounded readers for SSH wire strings and a strict PEM-style armor decoder. */
#include <string.h>

#include <sodium.h>

#include "crypto/sshwire.h"

/* Body lines longer than this are refused (OpenSSH writes 70). */
#define ARMOR_LINE_MAX 76

int rx_sshrd_bytes(rx_sshrd *r, const uint8_t **p, size_t n)
{
	if (n > r->left)
		return -1;
	*p = r->p;
	r->p += n;
	r->left -= n;
	return 0;
}

int rx_sshrd_u32(rx_sshrd *r, uint32_t *v)
{
	const uint8_t *b;

	if (rx_sshrd_bytes(r, &b, 4) < 0)
		return -1;
	*v = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
		(uint32_t)b[2] << 8 | (uint32_t)b[3];
	return 0;
}

int rx_sshrd_str(rx_sshrd *r, const uint8_t **p, size_t *n)
{
	uint32_t len;

	if (rx_sshrd_u32(r, &len) < 0 || rx_sshrd_bytes(r, p, len) < 0)
		return -1;
	*n = len;
	return 0;
}

int rx_sshrd_str_n(rx_sshrd *r, const uint8_t **p, size_t n)
{
	size_t got;

	if (rx_sshrd_str(r, p, &got) < 0 || got != n)
		return -1;
	return 0;
}

int rx_sshrd_str_eq(rx_sshrd *r, const char *s)
{
	const uint8_t *p;
	size_t n = strlen(s);

	if (rx_sshrd_str_n(r, &p, n) < 0 || memcmp(p, s, n) != 0)
		return -1;
	return 0;
}

int rx_sshrd_ed25519(rx_sshrd *r, const uint8_t **key, size_t n)
{
	rx_sshrd in;

	if (rx_sshrd_str(r, &in.p, &in.left) < 0 ||
	    rx_sshrd_str_eq(&in, "ssh-ed25519") < 0 ||
	    rx_sshrd_str_n(&in, key, n) < 0 || in.left != 0)
		return -1;
	return 0;
}

static int is_b64(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		(c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
}

/* Length of the line end at p ("\n" or "\r\n"), 0 if there is none. */
static size_t eol_len(const char *p, const char *end)
{
	if (p < end && p[0] == '\n')
		return 1;
	if (end - p >= 2 && p[0] == '\r' && p[1] == '\n')
		return 2;
	return 0;
}

static int skip(const char **p, const char *end, const char *s)
{
	size_t n = strlen(s);

	if ((size_t)(end - *p) < n || memcmp(*p, s, n) != 0)
		return 0;
	*p += n;
	return 1;
}

/* "-----<what> <label>-----" at *p; advances past it on a match. */
static int skip_marker(const char **p, const char *end, const char *what,
	const char *label)
{
	const char *q = *p;

	if (!skip(&q, end, "-----") || !skip(&q, end, what) ||
	    !skip(&q, end, " ") || !skip(&q, end, label) ||
	    !skip(&q, end, "-----"))
		return 0;
	*p = q;
	return 1;
}

/* Walk the base64 lines, leaving *pp at the first line starting with '-'. */
static int scan_body(const char **pp, const char *end, int code,
	rx_error *err)
{
	const char *p = *pp, *line;
	size_t n;

	while (p < end && *p != '-') {
		line = p;
		while (p < end && is_b64(*p))
			p++;
		if (p == line || p - line > ARMOR_LINE_MAX ||
		    !(n = eol_len(p, end)))
			return rx_error_set(err, code, "malformed line in armor");
		p += n;
	}
	*pp = p;
	return 0;
}

int rx_ssh_armor_decode(uint8_t *out, size_t cap, size_t *outlen,
	const char *text, size_t text_len, const char *label,
	int code, rx_error *err)
{
	const char *p = text, *end, *body;
	size_t n;
	int rc;

	if (text_len > RX_SSH_ARMOR_MAX)
		return rx_error_set(err, code, "armor longer than %d bytes",
			RX_SSH_ARMOR_MAX);
	end = text + text_len;
	if (!skip_marker(&p, end, "BEGIN", label) || !(n = eol_len(p, end)))
		return rx_error_set(err, code, "armor lacks its BEGIN line");
	body = p += n;
	if ((rc = scan_body(&p, end, code, err)) < 0)
		return rc;
	n = (size_t)(p - body);
	if (!skip_marker(&p, end, "END", label))
		return rx_error_set(err, code, "armor lacks its END line");
	p += eol_len(p, end);
	if (p != end)
		return rx_error_set(err, code, "bytes after the armor's END line");
	/* The body holds only base64 and line ends: scan_body made sure. */
	if (n == 0 || sodium_base642bin(out, cap, body, n, "\r\n", outlen,
	    NULL, sodium_base64_VARIANT_ORIGINAL) != 0)
		return rx_error_set(err, code, "bad base64 in armor");
	return 0;
}
