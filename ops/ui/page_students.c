/* The student list, filtered by level, key group, grade and class (as `list student` filters). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/archive/render.h"
#include "ops/ui/uiInt.h"

static const char *nonempty(const char *v)
{
	return v && *v ? v : NULL;
}

static void select_level(rx_buf *b, const char *cur)
{
	static const char *const v[] = { "", "红", "橙", "黄", "无" };
	static const char *const shown[] = { "全部", "红", "橙", "黄", "无" };

	rx_buf_puts(b, "<label>等级 <select name=\"level\">", NULL);
	for (size_t i = 0; i < 5; i++) {
		rx_ui_put(b, "<option value=\"", v[i]);
		rx_buf_puts(b, cur && !strcmp(cur, v[i]) ? "\" selected>" : "\">", NULL);
		rx_ui_esc(b, shown[i]);
		rx_buf_puts(b, "</option>", NULL);
	}
	rx_buf_puts(b, "</select></label> ", NULL);
}

static void text_filter(rx_buf *b, const char *label, const char *name, const char *cur)
{
	rx_ui_put(b, "<label>", label);
	rx_ui_put(b, " <input name=\"", name);
	rx_ui_put(b, "\" size=\"8\" value=\"", cur);
	rx_buf_puts(b, "\"></label> ", NULL);
}

static void filters(rx_buf *b, const rx_archive_filter *f)
{
	rx_buf_puts(b, "<form method=\"get\" action=\"/students\" class=\"filters\">", NULL);
	select_level(b, f->level);
	text_filter(b, "重点标记", "flag", f->flag);
	text_filter(b, "年级", "grade", f->grade);
	text_filter(b, "班级", "class", f->klass);
	rx_buf_puts(b, "<button>筛选</button></form>", NULL);
}

static void row(rx_buf *b, const rx_summary *s)
{
	const rx_schema_rec *st = s->st;
	char gc[64], buf[256];
	int fi = rx_schema_field_find(st->type, "f");

	rx_rec_grade_class(st, gc, sizeof(gc));
	rx_ui_printf(b, "<tr class=\"lv%d\">", s->ob.level);
	rx_ui_put(b, "<td><a href=\"/student?no=", st->id);
	rx_ui_put(b, "\">", st->id);
	rx_ui_put(b, "</a></td><td>", rx_schema_rec_get(st, "n"));
	rx_ui_put(b, "</td><td>", gc);
	rx_ui_put(b, "</td><td>", fi >= 0 ? rx_rec_value(st, (size_t)fi, buf, sizeof(buf)) : NULL);
	rx_ui_put(b, "</td><td>", rx_schema_level_name_zh(s->ob.level));
	rx_ui_put(b, "</td><td>", rx_summary_proposed_text(s, buf, sizeof(buf)));
	rx_ui_put(b, "</td><td>", s->confirmed >= 0 ? "已确认" : "");
	rx_buf_puts(b, "</td></tr>", NULL);
}

/* Grade and class as stored ("8", "3"); what cannot be read keeps nothing. */
static int norm(rx_archive_filter *f, char grade[4], char klass[33], rx_error *err)
{
	if (f->grade && rx_schema_grade_norm(grade, f->grade) < 0)
		return rx_error_set(err, RX_EUSAGE, "无法识别的年级 '%.40s' (write 8, 八年级 or 初二)",
			f->grade);
	if (f->klass && rx_schema_class_norm(klass, f->klass) < 0)
		return rx_error_set(err, RX_EUSAGE, "无法识别的班级 '%.40s' (write 3 or 3班)", f->klass);
	if (f->grade)
		f->grade = grade;
	if (f->klass)
		f->klass = klass;
	return rx_archive_filter_parse(f, err);
}

void rx_ui_page_students(rx_ui *u, rx_ui_req *r)
{
	rx_archive_filter f = { 0 };
	rx_ui_scope sc = { 0 };
	rx_summaries ss = { 0 };
	rx_schema_date today;
	rx_error err = { 0 };
	char grade[4], klass[33];
	size_t n = 0;

	f.level = nonempty(rx_ui_arg(r, "level"));
	f.flag = nonempty(rx_ui_arg(r, "flag"));
	f.grade = nonempty(rx_ui_arg(r, "grade"));
	f.klass = nonempty(rx_ui_arg(r, "class"));
	rx_ui_page_begin(&r->out, "学生名单", r->sess->csrf);
	filters(&r->out, &f);
	if (norm(&f, grade, klass, &err) < 0) {
		rx_ui_put(&r->out, "<p class=\"msg\">", err.msg);
		rx_buf_puts(&r->out, "</p>", NULL);
		goto end;
	}
	if (rx_rec_today(&today, &err) < 0 || rx_summaries_load(&ss, u->a, NULL, today, &err) < 0 ||
	    rx_ui_scope_open(&sc, u->a, r->sess, &err) < 0 ||
	    rx_rec_access(u->a, "list st", &err) < 0) {
		rx_ui_message(r, 500, "出错了", err.msg);
		goto out;
	}
	rx_buf_puts(&r->out, "<table><tr><th>学号</th><th>姓名</th><th>班级</th><th>重点标记</th>"
		"<th>等级</th><th>建议等级</th><th>评估</th></tr>", NULL);
	for (size_t i = 0; i < ss.students.n; i++)
		if (!ss.s[i].left && rx_archive_filter_keep(&f, &ss.s[i]) &&
		    rx_ui_scope_sees(&sc, ss.s[i].st))
			row(&r->out, &ss.s[i]), n++;
	rx_ui_printf(&r->out, "</table><p>共 %zu 名学生。</p>", n);
end:
	rx_ui_page_end(&r->out);
out:
	rx_ui_scope_close(&sc);
	rx_summaries_free(&ss);
}
