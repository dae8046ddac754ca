/* Logging in: the passphrase unlocks the keystore once, into this process; logging out ends the session. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <stdlib.h>

#include <microhttpd.h>
#include <sodium.h>

#include "ops/ui/uiInt.h"

/* The login form has no session yet: its token is a cookie echoed in the form (double submit). */
void rx_ui_page_login(rx_ui *u, rx_ui_req *r)
{
	char tok[RX_UI_TOKEN_HEX + 1];

	if (r->sess && u->a)
		return rx_ui_redirect(r, "/");
	rx_ui_token(tok);
	snprintf(r->cookie[0], sizeof(r->cookie[0]),
		"rx_l=%s; Path=/login; HttpOnly; SameSite=Strict", tok);
	rx_ui_page_begin(&r->out, "登录", NULL);
	rx_buf_puts(&r->out, "<form method=\"post\" action=\"/login\" class=\"card\">", NULL);
	rx_ui_csrf_field(&r->out, tok);
	rx_ui_printf(&r->out, "<p>请输入本机口令以打开学校心理健康档案。口令只用于在本机解锁, "
		"不会保存, 闲置 %ld 分钟后自动退出。</p>", u->sessions.idle / 60);
	rx_buf_puts(&r->out, "<p><label for=\"who\">班主任姓名</label> <input id=\"who\" name=\"who\" "
		"size=\"12\" autocomplete=\"username\"> (心理教师留空, 用本机口令)</p><p><label for=\"pass\">"
		"口令</label> <input id=\"pass\" type=\"password\" name=\"passphrase\" autofocus required "
		"autocomplete=\"current-password\"> <button>登录</button></p></form>", NULL);
	rx_ui_page_end(&r->out);
}

static void start(rx_ui_req *r, const rx_ui_session *s)
{
	snprintf(r->cookie[0], sizeof(r->cookie[0]),
		"rx_s=%s; Path=/; HttpOnly; SameSite=Strict", s->token);
	snprintf(r->cookie[1], sizeof(r->cookie[1]),
		"rx_l=; Path=/login; HttpOnly; SameSite=Strict; Max-Age=0");
	rx_ui_redirect(r, "/");
}

/*
 * A head teacher logs in with the password the psychology teacher set for
 * them (an Argon2id hash in the setting ui.head.NAME); the archive must
 * already be unlocked by the node's passphrase in this server.
 */
static void head_login(rx_ui *u, rx_ui_req *r, const char *who, const char *pass)
{
	char key[200], *hash;
	rx_ui_session *s;
	int ok;

	if (strlen(who) > 128)
		return rx_ui_message(r, 403, "登录失败", "姓名或口令不对 (wrong name or password)");
	rx_ui_head_key(key, sizeof(key), who);
	hash = rx_home_get(u->h, key);
	ok = hash && crypto_pwhash_str_verify(hash, pass, strlen(pass)) == 0;
	free(hash);
	if (!ok)
		return rx_ui_message(r, 403, "登录失败", "姓名或口令不对 (wrong name or password)");
	if (!u->a)
		return rx_ui_message(r, 403, "暂不能登录", "本机档案尚未解锁: 请心理教师先用本机口令登录 "
			"(the psychology teacher must unlock the archive first)");
	s = rx_ui_session_new(&u->sessions, time(NULL));
	s->head = 1;
	snprintf(s->who, sizeof(s->who), "%s", who);
	start(r, s);
}

void rx_ui_page_login_post(rx_ui *u, rx_ui_req *r)
{
	const char *cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, "rx_l");
	const char *given = rx_ui_form(r, "csrf", NULL), *who = rx_ui_form(r, "who", NULL);
	size_t len = 0;
	const char *pass = rx_ui_form(r, "passphrase", &len);
	rx_ui_session fake = { 0 };
	rx_archive *a = NULL;
	rx_error err = { 0 };
	rx_ui_session *s;

	if (cookie && strlen(cookie) == RX_UI_TOKEN_HEX)
		memcpy(fake.csrf, cookie, RX_UI_TOKEN_HEX);
	if (!cookie || !rx_ui_csrf_ok(&fake, given))
		return rx_ui_message(r, 403, "拒绝", "登录表单已过期, 请重新打开登录页 "
			"(refused: missing or wrong login token)");
	if (!pass || !len)
		return rx_ui_message(r, 400, "登录失败", "请输入口令 (enter the passphrase)");
	if (who && *who)
		return head_login(u, r, who, pass);
	u->ho.pass = pass, u->ho.passlen = len;
	rx_archive_open(&a, u->h, &u->ho, &err);
	u->ho.pass = NULL, u->ho.passlen = 0;
	if (!a)
		return rx_ui_message(r, err.code == RX_ESECURITY ? 403 : 500, "登录失败",
			err.code == RX_ESECURITY ? "口令不对, 请重试 (wrong passphrase)" : err.msg);
	rx_ui_lock(u);
	u->a = a;
	s = rx_ui_session_new(&u->sessions, time(NULL));
	start(r, s);
}

void rx_ui_page_logout(rx_ui *u, rx_ui_req *r)
{
	rx_ui_session_end(r->sess);
	r->sess = NULL;
	if (rx_ui_session_expire(&u->sessions, time(NULL)) == 0)
		rx_ui_lock(u);
	snprintf(r->cookie[0], sizeof(r->cookie[0]),
		"rx_s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	rx_ui_redirect(r, "/login");
}
