/* Refused import rows as a person reads them: the first 20 lines, then one summary that says when most fail alike. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "ops/archive/archive.h"

/* The message without its line number, quoted values and other numbers. */
static void template_of(char *dst, size_t cap, const char *msg)
{
	const char *p = strstr(msg, "行: ");
	size_t n = 0;
	int quoted = 0;

	p = p ? p + strlen("行: ") : msg;
	for (; *p && n + 4 < cap; p++) {
		if (*p == '\'')
			quoted = !quoted;
		if (quoted && *p != '\'')
			continue;
		if (*p >= '0' && *p <= '9') {
			if (!n || dst[n - 1] != '#')
				dst[n++] = '#';
			continue;
		}
		dst[n++] = *p;
	}
	dst[n] = '\0';
}

/* Count one refusal under its template (the last slot takes all others). */
static size_t count(rx_archive_refusals *r, const char *msg)
{
	char t[sizeof(r->kind[0])];
	size_t i;

	template_of(t, sizeof(t), msg);
	for (i = 0; i < RX_ARCHIVE_REFUSAL_KINDS - 1 && r->kind[i][0]; i++)
		if (!strcmp(r->kind[i], t))
			break;
	if (!r->kind[i][0])
		snprintf(r->kind[i], sizeof(r->kind[i]), "%s", t);
	r->count[i]++;
	return i;
}

int rx_archive_refusals_add(rx_archive_refusals *r, const rx_error *e)
{
	size_t k = count(r, e->msg);

	if (r->n++ < RX_ARCHIVE_REFUSALS_SHOWN)
		return 1;
	r->hidden++;
	r->hidden_kind = r->hidden == 1 || r->hidden_kind == k ? k : SIZE_MAX;
	return 0;
}

/* 9981 -> "9,981" */
static void thousands(char *dst, size_t cap, size_t v)
{
	char d[32];
	size_t n = (size_t)snprintf(d, sizeof(d), "%zu", v), o = 0;

	for (size_t i = 0; i < n && o + 2 < cap; i++) {
		if (i && (n - i) % 3 == 0)
			dst[o++] = ',';
		dst[o++] = d[i];
	}
	dst[o] = '\0';
}

/* Why most lines may fail alike: the encoding, or not the file meant. */
static const char *hint(const char *kind)
{
	if (strstr(kind, "UTF-8") || strstr(kind, "NUL") || strstr(kind, "控制字符"))
		return "大多数行有同样的错误: 文件编码可能不对 (most lines fail the same way: wrong encoding?)";
	if (strstr(kind, "列") || strstr(kind, "学号") || strstr(kind, "花名册"))
		return "大多数行有同样的错误: 可能选错了文件 (most lines fail the same way: wrong file?)";
	return "大多数行有同样的错误: 文件编码可能不对, 或选错了文件 "
	       "(most lines fail the same way: wrong encoding or wrong file?)";
}

int rx_archive_refusals_summary(const rx_archive_refusals *r, size_t kept, char *out,
	size_t cap)
{
	char n[32];
	size_t top = 0, len = 0;

	for (size_t i = 1; i < RX_ARCHIVE_REFUSAL_KINDS; i++)
		if (r->count[i] > r->count[top])
			top = i;
	out[0] = '\0';
	thousands(n, sizeof(n), r->hidden);
	if (r->hidden)
		len = (size_t)snprintf(out, cap, r->hidden_kind != SIZE_MAX ?
			"... 还有 %s 行同样的错误 (and %s more lines with the same error)" :
			"... 还有 %s 行被拒绝 (and %s more lines refused)", n, n);
	if (r->n >= 5 && 2 * r->n > r->n + kept && 2 * r->count[top] > r->n &&
	    top < RX_ARCHIVE_REFUSAL_KINDS - 1 && len < cap)
		len += (size_t)snprintf(out + len, cap - len, "%s%s", len ? "; " : "",
			hint(r->kind[top]));
	return len > 0;
}
