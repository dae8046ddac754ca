/* Head teachers' logins: the psychology teacher gives a class's head teacher a password (Argon2id hash in a setting). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ops/ui/uiInt.h"

/* 1 if a class record names who as its head teacher. */
static int leads_a_class(const rx_recset *cls, const char *who)
{
	for (size_t i = 0; i < cls->n; i++) {
		const char *ht = rx_schema_rec_get(&cls->r[i], "ht");
		if (ht && !strcmp(ht, who))
			return 1;
	}
	return 0;
}

void rx_ui_page_users(rx_ui *u, rx_ui_req *r)
{
	rx_recset cls = { 0 };
	rx_error err = { 0 };
	rx_buf *b = &r->out;

	if (rx_recset_load(&cls, u->a, rx_schema_type_find("cl"), NULL, &err) < 0)
		return rx_ui_message(r, 500, "出错了", err.msg);
	rx_ui_page_begin(b, "班主任账号", r->sess->csrf);
	rx_buf_puts(b, "<p>班主任用自己的姓名和口令登录, 只能查看自己所带班级的学生, 不能修改记录。"
		"本机档案须先由心理教师用本机口令解锁。</p><table><tr><th>班级</th><th>班主任</th>"
		"<th>账号</th></tr>", NULL);
	for (size_t i = 0; i < cls.n; i++) {
		const char *ht = rx_schema_rec_get(&cls.r[i], "ht");
		char key[200], *h = NULL;
		if (ht)
			rx_ui_head_key(key, sizeof(key), ht), h = rx_home_get(u->h, key);
		rx_ui_put(b, "<tr><td>", cls.r[i].id);
		rx_ui_put(b, "</td><td>", ht);
		rx_ui_put(b, "</td><td>", h ? "已设置" : "");
		rx_buf_puts(b, "</td></tr>", NULL);
		free(h);
	}
	rx_buf_puts(b, "</table><h2>设置口令</h2><form method=\"post\" action=\"/users\" class=\"card\">", NULL);
	rx_ui_csrf_field(b, r->sess->csrf);
	rx_buf_puts(b, "<label>班主任姓名 <input name=\"who\" required></label> <label>口令 (至少 8 个字符) "
		"<input type=\"password\" name=\"password\" required minlength=\"8\" "
		"autocomplete=\"new-password\"></label> <button>保存</button></form>", NULL);
	rx_ui_page_end(b);
	rx_recset_free(&cls);
}

void rx_ui_page_users_post(rx_ui *u, rx_ui_req *r)
{
	const char *who = rx_ui_form(r, "who", NULL), *pw = rx_ui_form(r, "password", NULL);
	char hash[crypto_pwhash_STRBYTES], key[200];
	rx_recset cls = { 0 };
	rx_error err = { 0 };
	int known;

	if (!who || !*who || strlen(who) > 128 || !pw || strlen(pw) < 8 || strlen(pw) > 1024)
		return rx_ui_message(r, 400, "无法保存", "请填写班主任姓名和至少 8 个字符的口令 "
			"(a head teacher's name and a password of at least 8 characters)");
	if (rx_recset_load(&cls, u->a, rx_schema_type_find("cl"), NULL, &err) < 0)
		return rx_ui_message(r, 500, "出错了", err.msg);
	known = leads_a_class(&cls, who);
	rx_recset_free(&cls);
	if (!known)
		return rx_ui_message(r, 400, "无法保存", "没有哪个班的班主任是这个名字; 先用 add class "
			"gr=G c=C ht=NAME 登记 (no class has this head teacher)");
	if (crypto_pwhash_str(hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
		crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return rx_ui_message(r, 500, "出错了", "out of memory hashing the password");
	rx_ui_head_key(key, sizeof(key), who);
	if (rx_home_set(u->h, key, hash, &err) < 0)
		return rx_ui_message(r, 500, "出错了", err.msg);
	rx_ui_redirect(r, "/users");
}
