/* The HTTP side of runxin ui: libmicrohttpd on 127.0.0.1, Host and Origin checks, sessions, CSRF, strict headers. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <microhttpd.h>
#include <sodium.h>

#include "ops/ui/uiInt.h"

#define BODY_MAX (16u << 20) /* an uploaded spreadsheet, at most */
#define FIELD_MAX (12u << 20)

static pthread_mutex_t big_lock = PTHREAD_MUTEX_INITIALIZER;

typedef struct route {
	const char *method, *path;
	int auth;           /* 1: a session; 2: the node's own login (not a head teacher's) */
	rx_ui_page_fn fn;
} route;

static const route routes[] = {
	{ "GET", "/login", 0, rx_ui_page_login },
	{ "POST", "/login", 0, rx_ui_page_login_post },
	{ "POST", "/logout", 1, rx_ui_page_logout },
	{ "GET", "/", 1, rx_ui_page_home },
	{ "GET", "/students", 1, rx_ui_page_students },
	{ "GET", "/student", 1, rx_ui_page_student },
	{ "POST", "/confirm", 2, rx_ui_page_confirm },
	{ "GET", "/record", 2, rx_ui_page_record_form },
	{ "POST", "/record", 2, rx_ui_page_record_post },
	{ "POST", "/sync", 2, rx_ui_page_sync },
	{ "GET", "/import", 2, rx_ui_page_import },
	{ "GET", "/letter", 1, rx_ui_page_letter },
	{ "GET", "/users", 2, rx_ui_page_users },
	{ "POST", "/users", 2, rx_ui_page_users_post },
	{ "POST", "/import", 2, rx_ui_page_import_post },
};

static enum MHD_Result post_it(void *cls, enum MHD_ValueKind kind, const char *key,
	const char *filename, const char *ctype, const char *enc, const char *data,
	uint64_t off, size_t size)
{
	rx_ui_req *r = cls;
	rx_ui_field *f = r->nf ? &r->f[r->nf - 1] : NULL;

	if (!f || off == 0 || strcmp(f->key, key)) {
		if (r->nf == RX_UI_FIELDS) {
			r->bad_form = 1;
			return MHD_NO;
		}
		f = &r->f[r->nf++];
		f->key = strdup(key);
		f->filename = filename ? strdup(filename) : NULL;
		if (!f->key || (filename && !f->filename))
			return r->bad_form = 1, MHD_NO;
	}
	if (f->val.len + size > FIELD_MAX || rx_buf_put(&f->val, data, size, NULL) < 0 ||
	    rx_buf_cstr(&f->val, NULL) < 0)
		return r->too_big = 1, MHD_NO;
	return MHD_YES;
}

static void req_free(rx_ui_req *r)
{
	if (!r)
		return;
	if (r->pp)
		MHD_destroy_post_processor(r->pp);
	for (size_t i = 0; i < r->nf; i++) {
		/* form values may hold the passphrase */
		if (r->f[i].val.data)
			sodium_memzero(r->f[i].val.data, r->f[i].val.cap);
		rx_buf_free(&r->f[i].val);
		free(r->f[i].key);
		free(r->f[i].filename);
	}
	rx_buf_free(&r->out);
	free(r);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
	enum MHD_RequestTerminationCode why)
{
	req_free(*con_cls);
	*con_cls = NULL;
}

/* DNS rebinding: a page of another site that resolves its name to 127.0.0.1 sends its own Host. */
static int host_ok(rx_ui *u, rx_ui_req *r)
{
	const char *host = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Host");
	const char *origin = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Origin");
	const char *site = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Sec-Fetch-Site");

	if (!host || (strcmp(host, u->host[0]) && strcmp(host, u->host[1])))
		return 0;
	if (origin && strcmp(origin, u->origin[0]) && strcmp(origin, u->origin[1]))
		return 0;
	return !site || strcmp(site, "cross-site");
}

static void add_headers(struct MHD_Response *resp, const rx_ui_req *r)
{
	MHD_add_response_header(resp, "Content-Type", r->ctype ? r->ctype : "text/html; charset=utf-8");
	MHD_add_response_header(resp, "Content-Security-Policy", r->csp[0] ? r->csp :
		"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
		"form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	/* not no-referrer: under it a browser sends "Origin: null" with every form, refused above */
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	for (int i = 0; i < 2; i++)
		if (r->cookie[i][0])
			MHD_add_response_header(resp, "Set-Cookie", r->cookie[i]);
	if (r->location[0])
		MHD_add_response_header(resp, "Location", r->location);
}

static enum MHD_Result send_reply(rx_ui_req *r)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(r->out.len,
		r->out.data ? r->out.data : (void *)"", MHD_RESPMEM_MUST_COPY);
	enum MHD_Result ok;

	if (!resp)
		return MHD_NO;
	add_headers(resp, r);
	ok = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ok;
}

static const route *route_find(const rx_ui_req *r)
{
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
		if (!strcmp(routes[i].path, r->path) && !strcmp(routes[i].method, r->method))
			return &routes[i];
	return NULL;
}

static void dispatch(rx_ui *u, rx_ui_req *r)
{
	const char *tok = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, "rx_s");
	const route *rt;

	r->status = 200;
	if (!host_ok(u, r))
		return rx_ui_message(r, 403, "拒绝", "只接受本机地址 127.0.0.1 或 localhost 的请求 "
			"(refused: wrong Host or Origin)");
	if (!strcmp(r->path, "/static/ui.css") && !strcmp(r->method, "GET")) {
		r->ctype = "text/css; charset=utf-8";
		rx_buf_puts(&r->out, rx_ui_css, NULL);
		return;
	}
	r->sess = rx_ui_session_find(&u->sessions, tok, time(NULL));
	if (!r->sess && u->a && rx_ui_session_expire(&u->sessions, time(NULL)) == 0)
		rx_ui_lock(u);
	if (!(rt = route_find(r)))
		return rx_ui_message(r, 404, "找不到", "没有这个页面 (not found)");
	if (r->too_big || r->bad_form)
		return rx_ui_message(r, 413, "太大", "提交的内容太大或格式不对 (request too large or malformed)");
	if (rt->auth && (!r->sess || !u->a)) {
		if (!strcmp(r->method, "GET"))
			return rx_ui_redirect(r, "/login");
		return rx_ui_message(r, 403, "请先登录", "请先登录 (log in first)");
	}
	if (rt->auth && !strcmp(r->method, "POST") && !rx_ui_csrf_ok(r->sess, rx_ui_form(r, "csrf", NULL)))
		return rx_ui_message(r, 403, "拒绝", "表单已过期或来源不明, 请重新打开页面再提交 "
			"(refused: missing or wrong CSRF token)");
	if (rt->auth == 2 && r->sess->head)
		return rx_ui_message(r, 403, "无权操作", "班主任账号只能查看本班学生 (a head teacher's "
			"login only reads the classes they lead)");
	/* the access log and the records name who did it */
	if (u->a)
		u->a->operator = r->sess && r->sess->head ? r->sess->who : NULL;
	rt->fn(u, r);
	if (u->a)
		u->a->operator = NULL;
	u->pages++;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
	const char *method, const char *version, const char *data, size_t *size,
	void **con_cls)
{
	rx_ui *u = cls;
	rx_ui_req *r = *con_cls;
	enum MHD_Result ok;

	if (!r) {
		if (!(r = calloc(1, sizeof(*r))))
			return MHD_NO;
		r->conn = c, r->method = method, r->path = url;
		*con_cls = r;
		if (!strcmp(method, "POST") &&
		    !(r->pp = MHD_create_post_processor(c, 32 * 1024, post_it, r)))
			r->bad_form = 1;
		return MHD_YES;
	}
	if (*size) {
		r->body += *size;
		if (r->body > BODY_MAX)
			r->too_big = 1;
		else if (r->pp && !r->too_big && !r->bad_form &&
			 MHD_post_process(r->pp, data, *size) != MHD_YES)
			r->bad_form = 1;
		*size = 0;
		return MHD_YES;
	}
	pthread_mutex_lock(&big_lock);
	dispatch(u, r);
	ok = send_reply(r);
	pthread_mutex_unlock(&big_lock);
	return ok;
}

static struct MHD_Daemon *start(rx_ui *u, unsigned port)
{
	struct sockaddr_in sin = { 0 };

	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, (uint16_t)port, NULL, NULL,
		handle, u, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
		MHD_OPTION_NOTIFY_COMPLETED, completed, u,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)64,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60, MHD_OPTION_END);
}

static long idle_setting(rx_home *h)
{
	char *v = rx_home_get(h, "ui.idle_minutes");
	long m = v ? strtol(v, NULL, 10) : 15;

	free(v);
	return (m >= 1 && m <= 480 ? m : 15) * 60;
}

/* Wait for SIGINT/SIGTERM; meanwhile end idle sessions, locking the keys when none is left. */
static void wait_stop(rx_ui *u, const sigset_t *set)
{
	struct timespec tick = { 5, 0 };

	for (;;) {
		int sig = sigtimedwait(set, NULL, &tick);
		if (sig == SIGINT || sig == SIGTERM)
			return;
		pthread_mutex_lock(&big_lock);
		if (u->a && rx_ui_session_expire(&u->sessions, time(NULL)) == 0)
			rx_ui_lock(u);
		pthread_mutex_unlock(&big_lock);
	}
}

int rx_ui_serve(const rx_ui_opts *o, rx_error *err)
{
	rx_ui *u = sodium_init() < 0 ? NULL : sodium_malloc(sizeof(*u));
	struct MHD_Daemon *d = NULL;
	const union MHD_DaemonInfo *di;
	sigset_t set, old;
	char url[64];
	int rc;

	if (!u)
		return rx_error_nomem(err);
	sodium_memzero(u, sizeof(*u));
	u->ho = o->home;
	u->ho.pass = NULL;
	if ((rc = rx_home_open(&u->h, &u->ho, err)) < 0)
		goto out;
	u->sessions.idle = idle_setting(u->h);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, &old); /* the server's thread inherits the mask */
	if (!(d = start(u, o->port))) {
		rc = rx_error_set(err, RX_ETRANSPORT, "cannot listen on 127.0.0.1:%u (the port is "
			"taken? choose another with --port)", o->port);
		goto out_mask;
	}
	di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	u->port = di ? di->port : o->port;
	snprintf(u->host[0], sizeof(u->host[0]), "127.0.0.1:%u", u->port);
	snprintf(u->host[1], sizeof(u->host[1]), "localhost:%u", u->port);
	snprintf(u->origin[0], sizeof(u->origin[0]), "http://127.0.0.1:%u", u->port);
	snprintf(u->origin[1], sizeof(u->origin[1]), "http://localhost:%u", u->port);
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/", u->port);
	if (o->ready)
		o->ready(o->ctx, url);
	wait_stop(u, &set);
	MHD_stop_daemon(d);
out_mask:
	pthread_sigmask(SIG_SETMASK, &old, NULL);
out:
	rx_ui_lock(u);
	rx_home_close(u->h);
	sodium_free(u);
	return rc;
}
