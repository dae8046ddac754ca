/* HTML output: every value escaped, one page frame, no script and no outside resource. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ops/ui/uiInt.h"

void rx_ui_esc(rx_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': rx_buf_puts(b, "&amp;", NULL); break;
		case '<': rx_buf_puts(b, "&lt;", NULL); break;
		case '>': rx_buf_puts(b, "&gt;", NULL); break;
		case '"': rx_buf_puts(b, "&quot;", NULL); break;
		case '\'': rx_buf_puts(b, "&#39;", NULL); break;
		default: rx_buf_put(b, s, 1, NULL);
		}
	}
}

void rx_ui_put(rx_buf *b, const char *before, const char *v)
{
	rx_buf_puts(b, before, NULL);
	rx_ui_esc(b, v);
}

void rx_ui_printf(rx_buf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		rx_buf_put(b, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1, NULL);
}

void rx_ui_csrf_field(rx_buf *b, const char *csrf)
{
	rx_ui_put(b, "<input type=\"hidden\" name=\"csrf\" value=\"", csrf);
	rx_buf_puts(b, "\">", NULL);
}

void rx_ui_page_begin(rx_buf *b, const char *title, const char *csrf)
{
	rx_ui_put(b, "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
		"<meta name=\"viewport\" content=\"width=device-width\"><title>", title);
	rx_buf_puts(b, " · 润心</title><link rel=\"stylesheet\" href=\"/static/ui.css\">"
		"</head><body><header><span class=\"brand\">润心</span>", NULL);
	if (csrf) {
		rx_buf_puts(b, "<nav><a href=\"/\">首页</a><a href=\"/students\">学生名单</a>"
			"<a href=\"/import\">导入</a></nav><form method=\"post\" action=\"/sync\" "
			"class=\"inline\">", NULL);
		rx_ui_csrf_field(b, csrf);
		rx_buf_puts(b, "<button>同步</button></form><form method=\"post\" action=\"/logout\" "
			"class=\"inline\">", NULL);
		rx_ui_csrf_field(b, csrf);
		rx_buf_puts(b, "<button>退出</button></form>", NULL);
	}
	rx_ui_put(b, "</header><main><h1>", title);
	rx_buf_puts(b, "</h1>\n", NULL);
}

void rx_ui_page_end(rx_buf *b)
{
	rx_buf_puts(b, "</main></body></html>\n", NULL);
}
