/* Internals of the web interface: server state, sessions, requests, page writers. */
#ifndef RX_OPS_UI_INT_H
#define RX_OPS_UI_INT_H

#include <stddef.h>
#include <time.h>

#include "crypto/buf.h"
#include "ops/archive/archive.h"
#include "ops/ui/ui.h"

/* -- Sessions (session.c): random tokens, idle expiry, a CSRF token each. -- */

#define RX_UI_SESSIONS 8
#define RX_UI_TOKEN_HEX 64 /* 32 random bytes in hex */

typedef struct rx_ui_session {
	char token[RX_UI_TOKEN_HEX + 1]; /* the cookie; "" when the slot is free */
	char csrf[RX_UI_TOKEN_HEX + 1];  /* every form of the session carries it */
	time_t seen;                     /* last request */
	int head;                        /* 1: a head teacher's login (RX_UI_HEAD_*), 0: the node's */
	char who[129];                   /* the head teacher's name */
} rx_ui_session;

typedef struct rx_ui_sessions {
	rx_ui_session s[RX_UI_SESSIONS];
	long idle;                       /* seconds of inactivity before a session ends */
} rx_ui_sessions;

/* A random token of RX_UI_TOKEN_HEX hex digits into out. */
void rx_ui_token(char out[static RX_UI_TOKEN_HEX + 1]);
/* A new session as of now (the oldest one is ended when all slots are taken). */
rx_ui_session *rx_ui_session_new(rx_ui_sessions *ss, time_t now);
/* The live session of a cookie value (NULL: none, or expired and ended); touches it. */
rx_ui_session *rx_ui_session_find(rx_ui_sessions *ss, const char *token, time_t now);
/* End the sessions idle too long; returns how many are still live. */
size_t rx_ui_session_expire(rx_ui_sessions *ss, time_t now);
void rx_ui_session_end(rx_ui_session *s);
/* 1 if the form's token matches the session's (constant time), else 0. */
int rx_ui_csrf_ok(const rx_ui_session *s, const char *given);

/* -- Roles (roles.c): the node's passphrase sees all; a head teacher only the classes they lead. -- */

/* What a session may see: all students, or those of the classes a head teacher leads. */
typedef struct rx_ui_scope {
	const rx_ui_session *s;
	rx_recset classes;   /* class records (gr/c -> ht), loaded for a head teacher */
} rx_ui_scope;

int rx_ui_scope_open(rx_ui_scope *sc, rx_archive *a, const rx_ui_session *s, rx_error *err);
/* 1 if the session may see student st. */
int rx_ui_scope_sees(const rx_ui_scope *sc, const rx_schema_rec *st);
void rx_ui_scope_close(rx_ui_scope *sc);
/* 1 if the session may see student no (on the roster and, for a head teacher, in their class). */
int rx_ui_sees_student(rx_archive *a, const rx_ui_session *s, const char *no);
/* "NO NAME · CLASS" into out (just "学生 NO" if the student is not found). */
void rx_ui_student_title(char *out, size_t cap, rx_archive *a, const char *no);
/* The setting that holds a head teacher's password hash ("ui.head.NAME"), into out. */
void rx_ui_head_key(char *out, size_t cap, const char *name);

/* -- HTML (html.c): escaping and the page frame. -- */

/* Append s HTML-escaped (& < > " ' ); NULL appends nothing. */
void rx_ui_esc(rx_buf *b, const char *s);
/* Append text formatted, then the value v escaped: rx_ui_put(b, "<td>", v). */
void rx_ui_put(rx_buf *b, const char *before, const char *v);
/* printf into b (no escaping: constant markup and numbers only). */
void rx_ui_printf(rx_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The page head and navigation (csrf NULL: logged out), and its end. */
void rx_ui_page_begin(rx_buf *b, const char *title, const char *csrf);
void rx_ui_page_end(rx_buf *b);
/* The hidden CSRF field of a form. */
void rx_ui_csrf_field(rx_buf *b, const char *csrf);

/* -- Requests and responses (server.c), handled one at a time. -- */

#define RX_UI_FIELDS 100

typedef struct rx_ui_field {
	char *key;
	rx_buf val;      /* NUL-terminated */
	char *filename;  /* an uploaded file's name, or NULL */
} rx_ui_field;

typedef struct rx_ui rx_ui;

typedef struct rx_ui_req {
	const char *method, *path;
	struct MHD_Connection *conn;
	rx_ui_session *sess;           /* NULL: not logged in */
	rx_ui_field f[RX_UI_FIELDS];   /* POST form fields */
	size_t nf;
	size_t body;                   /* bytes received */
	int too_big, bad_form;
	void *pp;                      /* the MHD post processor */
	/* the response */
	int status;
	rx_buf out;
	char location[256];            /* a redirect */
	char cookie[2][192];           /* Set-Cookie values */
	const char *ctype;
	char csp[512];                 /* "" : the default policy */
} rx_ui_req;

/* An uploaded file previewed and waiting for the teacher's go (page_import.c). */
typedef struct rx_ui_pending {
	char id[RX_UI_TOKEN_HEX + 1];  /* "" when none */
	int screening;
	char scale[33], round[17], name[128];
	int adm;
	rx_buf data;
} rx_ui_pending;
void rx_ui_pending_clear(rx_ui_pending *p);

struct rx_ui {
	rx_home_opts ho;
	rx_home *h;
	rx_archive *a;          /* open while a session lives */
	rx_ui_sessions sessions;
	unsigned port;
	char host[2][64];       /* the Host values accepted */
	char origin[2][80];
	size_t pages;           /* requests answered (a figure) */
	rx_ui_pending pending;
};

/* A query (GET) or form (POST) value, or NULL. */
const char *rx_ui_arg(rx_ui_req *r, const char *key);
/* A form value (POST only), or NULL; *len set when not NULL. */
const char *rx_ui_form(rx_ui_req *r, const char *key, size_t *len);
const rx_ui_field *rx_ui_form_file(rx_ui_req *r, const char *key);
/* A 303 redirect to path. */
void rx_ui_redirect(rx_ui_req *r, const char *path);
/* A page with a one-line message (status 200, 400, 403 ...), escaped. */
void rx_ui_message(rx_ui_req *r, int status, const char *title, const char *msg);

/* -- Pages, each a handler: fill r->out (or redirect). -- */

typedef void (*rx_ui_page_fn)(rx_ui *u, rx_ui_req *r);
void rx_ui_page_login(rx_ui *u, rx_ui_req *r);
void rx_ui_page_login_post(rx_ui *u, rx_ui_req *r);
void rx_ui_page_logout(rx_ui *u, rx_ui_req *r);
void rx_ui_page_home(rx_ui *u, rx_ui_req *r);
void rx_ui_page_students(rx_ui *u, rx_ui_req *r);
void rx_ui_page_student(rx_ui *u, rx_ui_req *r);
void rx_ui_page_confirm(rx_ui *u, rx_ui_req *r);
void rx_ui_page_record_form(rx_ui *u, rx_ui_req *r);
void rx_ui_page_record_post(rx_ui *u, rx_ui_req *r);
void rx_ui_page_sync(rx_ui *u, rx_ui_req *r);
void rx_ui_page_import(rx_ui *u, rx_ui_req *r);
void rx_ui_page_letter(rx_ui *u, rx_ui_req *r);
void rx_ui_page_users(rx_ui *u, rx_ui_req *r);
void rx_ui_page_users_post(rx_ui *u, rx_ui_req *r);
void rx_ui_page_import_post(rx_ui *u, rx_ui_req *r);

/* The embedded style sheet. */
extern const char rx_ui_css[];

/* Close the archive and wipe its keys (no session left). */
void rx_ui_lock(rx_ui *u);

#endif
