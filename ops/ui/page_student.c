/* A student's page: the archive as a timeline (the text `show` prints), confirming a level, adding care records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/archive/render.h"
#include "ops/ui/uiInt.h"

/* The timeline of `runxin show` (which logs the view as an access), escaped. */
static int timeline(rx_buf *b, rx_archive *a, const char *no, rx_error *err)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int rc;

	if (!f)
		return rx_error_nomem(err);
	rc = rx_archive_timeline_print(f, a, no, 0, err);
	fclose(f);
	if (rc == 0) {
		rx_buf_puts(b, "<h2>档案 (按时间)</h2><pre class=\"timeline\">", NULL);
		rx_ui_esc(b, text);
		rx_buf_puts(b, "</pre>", NULL);
	}
	free(text);
	return rc;
}

static void confirm_form(rx_buf *b, const char *csrf, const char *no)
{
	static const char *const lv[] = { "红", "橙", "黄", "无" };

	rx_buf_puts(b, "<h2>确认等级 (一对一评估后)</h2><form method=\"post\" action=\"/confirm\" "
		"class=\"card\">", NULL);
	rx_ui_csrf_field(b, csrf);
	rx_ui_put(b, "<input type=\"hidden\" name=\"no\" value=\"", no);
	rx_buf_puts(b, "\"><label>等级 <select name=\"level\">", NULL);
	for (size_t i = 0; i < 4; i++)
		rx_ui_put(b, "<option>", lv[i]), rx_buf_puts(b, "</option>", NULL);
	rx_buf_puts(b, "</select></label> <label>理由 (与建议等级不同时必填) <input name=\"reason\" "
		"size=\"40\" maxlength=\"500\"></label> <button>确认</button></form>", NULL);
}

static void add_links(rx_buf *b, const char *no, int head)
{
	size_t n;
	const rx_schema_type *ts = rx_schema_types(&n);

	if (!head)
		rx_buf_puts(b, "<h2>添加记录</h2><p class=\"links\">", NULL);
	for (size_t i = 0; i < n && !head; i++) {
		if (!ts[i].per_student || !rx_archive_rec_addable(&ts[i]) || !strcmp(ts[i].code, "st"))
			continue;
		rx_ui_put(b, "<a href=\"/record?type=", ts[i].code);
		rx_ui_put(b, "&amp;no=", no);
		rx_ui_put(b, "\">", ts[i].zh);
		rx_buf_puts(b, "</a> ", NULL);
	}
	rx_buf_puts(b, head ? "<h2>致家长</h2><p class=\"links\">" :
		"</p><h2>致家长</h2><p class=\"links\">", NULL);
	rx_ui_put(b, "<a href=\"/letter?kind=inf&amp;no=", no);
	rx_ui_put(b, "\">打印知情书</a> <a href=\"/letter?kind=sug&amp;no=", no);
	rx_buf_puts(b, "\">打印建议书</a></p>", NULL);
}

/* The number, the name and the class, as a teacher knows the student. */
void rx_ui_student_title(char *out, size_t cap, rx_archive *a, const char *no)
{
	rx_summaries ss = { 0 };
	rx_summary *s = NULL;
	rx_schema_date today;
	rx_error err = { 0 };
	char gc[64] = "";

	snprintf(out, cap, "学生 %s", no);
	if (rx_summaries_load_one(&ss, &s, &today, a, no, &err) == 0 && s) {
		rx_rec_grade_class(s->st, gc, sizeof(gc));
		snprintf(out, cap, "%s %s · %s", no, rx_schema_rec_get(s->st, "n") ?
			rx_schema_rec_get(s->st, "n") : "", gc);
	}
	rx_summaries_free(&ss);
}

void rx_ui_page_student(rx_ui *u, rx_ui_req *r)
{
	const char *who = rx_ui_arg(r, "no");
	rx_error err = { 0 };
	rx_buf body = RX_BUF_INIT;
	char no[33], title[320];

	if (!who || !*who || strlen(who) > 128 ||
	    rx_archive_student_find(no, u->a, who, &err) < 0) {
		rx_ui_message(r, 404, "找不到学生", err.msg[0] ? err.msg : "请给出学号 (give a student number)");
		goto out;
	}
	if (!rx_ui_sees_student(u->a, r->sess, no)) {
		rx_ui_message(r, 403, "无权查看", "这名学生不在你所带的班级 (not in a class you lead)");
		goto out;
	}
	if (timeline(&body, u->a, no, &err) < 0) {
		rx_ui_message(r, err.code == RX_EINTERNAL ? 500 : 404, "找不到学生",
			err.msg[0] ? err.msg : "请给出学号 (give a student number)");
		goto out;
	}
	rx_ui_student_title(title, sizeof(title), u->a, no);
	rx_ui_page_begin(&r->out, title, r->sess->csrf);
	rx_buf_put(&r->out, body.data, body.len, NULL);
	if (!r->sess->head)
		confirm_form(&r->out, r->sess->csrf, no);
	add_links(&r->out, no, r->sess->head);
	rx_ui_page_end(&r->out);
out:
	rx_buf_free(&body);
}

/* The student number as given in a form, checked. */
static const char *form_no(rx_ui_req *r)
{
	const char *no = rx_ui_form(r, "no", NULL);

	return no && rx_schema_no_valid(no) ? no : NULL;
}

static void back_to(rx_ui_req *r, const char *no)
{
	char path[80];

	snprintf(path, sizeof(path), "/student?no=%s", no);
	rx_ui_redirect(r, path);
}

void rx_ui_page_confirm(rx_ui *u, rx_ui_req *r)
{
	const char *no = form_no(r), *level = rx_ui_form(r, "level", NULL);
	const char *reason = rx_ui_form(r, "reason", NULL);
	rx_archive_confirm c = { 0 };
	rx_archive_confirmed done = { 0 };
	rx_schema_level lv;
	rx_error err = { 0 };

	if (!no || !level || rx_schema_level_parse(&lv, level, NULL) < 0 || lv < 0)
		return rx_ui_message(r, 400, "无法确认", "请选择学生和等级 (a student and a level)");
	c.no = no, c.level = lv, c.reason = reason && *reason ? reason : NULL;
	if (rx_archive_level_confirm(&done, u->a, &c, &err) < 0)
		return rx_ui_message(r, err.code == RX_EINTERNAL ? 500 : 400, "无法确认", err.msg);
	back_to(r, no);
}
