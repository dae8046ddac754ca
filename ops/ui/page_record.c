/* Adding a care record: the form is made from the record type's field table, so every type works. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/ui/uiInt.h"

/* Types a teacher adds for one student from the student's page. */
static const rx_schema_type *student_type(const char *code)
{
	const rx_schema_type *t = code ? rx_schema_type_find(code) : NULL;

	return t && t->per_student && rx_archive_rec_addable(t) && strcmp(t->code, "st") ? t : NULL;
}

static void enum_select(rx_buf *b, const rx_schema_fdef *f)
{
	rx_ui_put(b, "<select name=\"", f->name);
	rx_buf_puts(b, "\" id=\"f_", NULL);
	rx_ui_esc(b, f->name);
	rx_buf_puts(b, "\"><option value=\"\"></option>", NULL);
	for (const rx_schema_enumval *e = f->enums; e && e->code; e++) {
		rx_ui_put(b, "<option value=\"", e->code);
		rx_ui_put(b, "\">", e->zh);
		rx_buf_puts(b, "</option>", NULL);
	}
	rx_buf_puts(b, "</select>", NULL);
}

static void choice(rx_buf *b, const rx_schema_fdef *f, const char *const *opts, size_t n)
{
	rx_ui_put(b, "<select name=\"", f->name);
	rx_ui_put(b, "\" id=\"f_", f->name);
	rx_buf_puts(b, "\"><option value=\"\"></option>", NULL);
	for (size_t i = 0; i < n; i++)
		rx_ui_put(b, "<option>", opts[i]), rx_buf_puts(b, "</option>", NULL);
	rx_buf_puts(b, "</select>", NULL);
}

static void input(rx_buf *b, const rx_schema_fdef *f, const char *type)
{
	if (f->type == RX_SCHEMA_F_TEXT && f->max > 200) {
		rx_ui_put(b, "<textarea rows=\"4\" cols=\"60\" name=\"", f->name);
		rx_ui_put(b, "\" id=\"f_", f->name);
		rx_ui_printf(b, "\" maxlength=\"%d\"></textarea>", f->max);
		return;
	}
	rx_ui_put(b, "<input type=\"", type);
	rx_ui_put(b, "\" name=\"", f->name);
	rx_ui_put(b, "\" id=\"f_", f->name);
	rx_buf_puts(b, "\">", NULL);
}

static void field(rx_buf *b, const rx_schema_fdef *f)
{
	static const char *const lv[] = { "红", "橙", "黄", "无" }, *const yn[] = { "是", "否" },
		*const gd[] = { "男", "女" };

	rx_ui_put(b, "<p><label for=\"f_", f->name);
	rx_ui_put(b, "\">", f->zh);
	rx_buf_puts(b, f->required ? " *</label> " : "</label> ", NULL);
	switch (f->type) {
	case RX_SCHEMA_F_ENUM: enum_select(b, f); break;
	case RX_SCHEMA_F_LEVEL: choice(b, f, lv, 4); break;
	case RX_SCHEMA_F_BOOL: choice(b, f, yn, 2); break;
	case RX_SCHEMA_F_GENDER: choice(b, f, gd, 2); break;
	case RX_SCHEMA_F_DATE: input(b, f, "date"); break;
	case RX_SCHEMA_F_INT: input(b, f, "number"); break;
	default: input(b, f, "text");
	}
	rx_buf_puts(b, "</p>", NULL);
}

void rx_ui_page_record_form(rx_ui *u, rx_ui_req *r)
{
	const rx_schema_type *t = student_type(rx_ui_arg(r, "type"));
	const char *no = rx_ui_arg(r, "no");
	char title[480], who[320];

	if (!t || !no || !rx_schema_no_valid(no))
		return rx_ui_message(r, 404, "找不到", "没有这种记录或学号不对 (unknown type or student)");
	rx_ui_student_title(who, sizeof(who), u->a, no);
	snprintf(title, sizeof(title), "添加%s · %s", t->zh, who);
	rx_ui_page_begin(&r->out, title, r->sess->csrf);
	rx_buf_puts(&r->out, "<form method=\"post\" action=\"/record\" class=\"card\">", NULL);
	rx_ui_csrf_field(&r->out, r->sess->csrf);
	rx_ui_put(&r->out, "<input type=\"hidden\" name=\"type\" value=\"", t->code);
	rx_ui_put(&r->out, "\"><input type=\"hidden\" name=\"no\" value=\"", no);
	rx_buf_puts(&r->out, "\">", NULL);
	for (size_t i = 0; i < t->nfields; i++)
		if (t->fields[i].type != RX_SCHEMA_F_NO)
			field(&r->out, &t->fields[i]);
	rx_buf_puts(&r->out, "<p>* 必填; 日期不填则为今天。</p><button>保存</button> ", NULL);
	rx_ui_put(&r->out, "<a href=\"/student?no=", no);
	rx_buf_puts(&r->out, "\">取消</a></form>", NULL);
	rx_ui_page_end(&r->out);
}

/* Every non-empty form value of a field of t into rec; the student into its number field. */
static int fill(rx_schema_rec *rec, rx_ui_req *r, const char *no, rx_error *err)
{
	const rx_schema_type *t = rec->type;
	int rc = 0;

	for (size_t i = 0; i < t->nfields && rc == 0; i++) {
		const rx_schema_fdef *f = &t->fields[i];
		const char *v = f->type == RX_SCHEMA_F_NO ? no : rx_ui_form(r, f->name, NULL);
		if (v && *v)
			rc = rx_rec_set(rec, f->name, v, err);
	}
	return rc;
}

void rx_ui_page_record_post(rx_ui *u, rx_ui_req *r)
{
	const rx_schema_type *t = student_type(rx_ui_form(r, "type", NULL));
	const char *no = rx_ui_form(r, "no", NULL), *dated = NULL;
	rx_archive_added ad = { 0 };
	rx_error err = { 0 };
	rx_schema_rec rec;
	char path[80];

	if (!t || !no || !rx_schema_no_valid(no))
		return rx_ui_message(r, 400, "无法保存", "没有这种记录或学号不对 (unknown type or student)");
	rx_schema_rec_init(&rec, t);
	if (fill(&rec, r, no, &err) < 0 || rx_rec_date_default(&rec, &dated, &err) < 0 ||
	    rx_archive_rec_add(&ad, u->a, &rec, NULL, &err) < 0)
		rx_ui_message(r, err.code == RX_EINTERNAL ? 500 : 400, "无法保存", err.msg);
	else {
		snprintf(path, sizeof(path), "/student?no=%s", no);
		rx_ui_redirect(r, path);
	}
	rx_schema_rec_clear(&rec);
}
