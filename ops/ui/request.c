/* Reading a request's values and writing the simple answers (a redirect, a one-line message). */
#include <stdio.h>
#include <string.h>

#include <microhttpd.h>

#include "ops/ui/uiInt.h"

const char *rx_ui_arg(rx_ui_req *r, const char *key)
{
	const char *v = rx_ui_form(r, key, NULL);

	return v ? v : MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
}

const char *rx_ui_form(rx_ui_req *r, const char *key, size_t *len)
{
	for (size_t i = 0; i < r->nf; i++)
		if (!strcmp(r->f[i].key, key) && !r->f[i].filename) {
			if (len)
				*len = r->f[i].val.len;
			return r->f[i].val.data ? (const char *)r->f[i].val.data : "";
		}
	return NULL;
}

const rx_ui_field *rx_ui_form_file(rx_ui_req *r, const char *key)
{
	for (size_t i = 0; i < r->nf; i++)
		if (!strcmp(r->f[i].key, key) && r->f[i].filename)
			return &r->f[i];
	return NULL;
}

void rx_ui_redirect(rx_ui_req *r, const char *path)
{
	r->status = 303;
	snprintf(r->location, sizeof(r->location), "%s", path);
}

void rx_ui_message(rx_ui_req *r, int status, const char *title, const char *msg)
{
	r->status = status;
	rx_buf_reset(&r->out);
	rx_ui_page_begin(&r->out, title, r->sess ? r->sess->csrf : NULL);
	rx_ui_put(&r->out, "<p class=\"msg\">", msg);
	rx_buf_puts(&r->out, "</p><p><a href=\"/\">返回首页</a></p>", NULL);
	rx_ui_page_end(&r->out);
}
