/* Letters to parents: placeholders filled (HTML-escaped) and the sections of one level kept. */
#include <string.h>

#include "schema/letter.h"
#include "schema/textInt.h"

int rx_schema_html_escape(rx_buf *out, const char *s, rx_error *err)
{
	int rc = 0;

	for (const char *p = s; rc == 0 && *p; p++) {
		switch (*p) {
		case '&': rc = rx_buf_puts(out, "&amp;", err); break;
		case '<': rc = rx_buf_puts(out, "&lt;", err); break;
		case '>': rc = rx_buf_puts(out, "&gt;", err); break;
		case '"': rc = rx_buf_puts(out, "&quot;", err); break;
		case '\'': rc = rx_buf_puts(out, "&#39;", err); break;
		default: rc = rx_buf_put(out, p, 1, err);
		}
	}
	return rc;
}

typedef struct render {
	const rx_schema_letter *l;
	rx_buf *out;
	char open[32];  /* the section we are in, "" outside */
	int keep;       /* emit text (outside a section, or in l->section) */
	rx_error *err;
} render;

static size_t line_of(const rx_schema_letter *l, const char *p)
{
	size_t n = 1;

	for (const char *q = l->tpl; q < p; q++)
		n += *q == '\n';
	return n;
}

static int bad(render *r, const char *at, const char *what, rx_schema_span name)
{
	return rx_error_set(r->err, RX_EINPUT, "信件模板第 %zu 行: %s {{%.*s}} (%s)",
		line_of(r->l, at), what, (int)(name.len > 40 ? 40 : name.len), name.p,
		"bad letter template");
}

/* A section opens or closes: {{#name}} or {{/name}}. */
static int section(render *r, const char *at, rx_schema_span name, int opening)
{
	rx_schema_span n = { name.p + 1, name.len - 1 };

	if (opening) {
		if (r->open[0] || !rx_schema_span_copy(r->open, sizeof(r->open), n))
			return bad(r, at, "区段不能嵌套或过长 (nested section)", name);
		r->keep = r->l->section && !strcmp(r->open, r->l->section);
		return 0;
	}
	if (!r->open[0] || n.len != strlen(r->open) || memcmp(n.p, r->open, n.len))
		return bad(r, at, "区段结束不匹配 (section close without its open)", name);
	r->open[0] = 0;
	r->keep = 1;
	return 0;
}

static int placeholder(render *r, const char *at, rx_schema_span name)
{
	if (name.len && (name.p[0] == '#' || name.p[0] == '/'))
		return section(r, at, name, name.p[0] == '#');
	for (size_t i = 0; i < r->l->nvars; i++)
		if (name.len == strlen(r->l->vars[i].key) &&
		    !memcmp(name.p, r->l->vars[i].key, name.len))
			return r->keep ? rx_schema_html_escape(r->out,
				r->l->vars[i].value ? r->l->vars[i].value : "", r->err) : 0;
	return bad(r, at, "未知占位符 (unknown placeholder)", name);
}

int rx_schema_letter_render(rx_buf *out, const rx_schema_letter *l, rx_error *err)
{
	render r = { l, out, "", 1, err };
	const char *p = l->tpl, *end = l->tpl + l->len;
	int rc = 0;

	if (l->len > RX_SCHEMA_LETTER_MAX || !rx_schema_utf8_valid(l->tpl, l->len))
		return rx_error_set(err, RX_EINPUT,
			"信件模板过长或不是 UTF-8 (letter template too long or not UTF-8)");
	while (rc == 0 && p < end) {
		const char *o = memmem(p, (size_t)(end - p), "{{", 2), *c;

		if (!o) {
			rc = r.keep ? rx_buf_put(out, p, (size_t)(end - p), err) : 0;
			break;
		}
		if (r.keep && (rc = rx_buf_put(out, p, (size_t)(o - p), err)) < 0)
			break;
		if (!(c = memmem(o + 2, (size_t)(end - o - 2), "}}", 2)) || memchr(o + 2, '\n',
		    (size_t)(c - o - 2)))
			return bad(&r, o, "占位符未结束 (unclosed placeholder)",
				(rx_schema_span){ o + 2, 0 });
		rc = placeholder(&r, o, rx_schema_span_trim((rx_schema_span){ o + 2,
			(size_t)(c - o - 2) }));
		p = c + 2;
	}
	if (rc == 0 && r.open[0])
		return bad(&r, end, "区段未结束 (section not closed)",
			(rx_schema_span){ r.open, strlen(r.open) });
	return rc;
}
