/* One roster or screening record checked field by field into a typed row; every bad field is named. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "crypto/cert.h"
#include "schema/fieldsInt.h"

/* The trimmed value of logical column c (empty when the column is absent). */
static rx_schema_span cell(const rx_schema_csv_header *h,
			   const rx_schema_csv_record *rec, size_t c)
{
	if (h->col[c] < 0)
		return (rx_schema_span){ "", 0 };
	return rx_schema_span_trim((rx_schema_span){ rec->field[h->col[c]],
						     rec->len[h->col[c]] });
}

/* The value of column c with full-width forms folded to ASCII, in buf. */
static rx_schema_span folded(const rx_schema_csv_header *h, const rx_schema_csv_record *rec,
			     size_t c, char buf[static RX_SCHEMA_CSV_FIELD_MAX + 1])
{
	return rx_schema_span_fold(buf, RX_SCHEMA_CSV_FIELD_MAX + 1, cell(h, rec, c));
}

/* The reasons one row is refused, joined into one line by "; ". */
typedef struct why {
	char s[RX_ERROR_MSG_MAX - 32];
	size_t len;
	int n;
} why;

static void add(why *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(why *w, const char *fmt, ...)
{
	char one[RX_ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(one, sizeof(one), fmt, ap);
	va_end(ap);
	if (w->n++ && w->len + 2 + strlen(one) < sizeof(w->s))
		w->len += (size_t)snprintf(w->s + w->len, sizeof(w->s) - w->len, "; ");
	if (w->len + strlen(one) < sizeof(w->s))
		w->len += (size_t)snprintf(w->s + w->len, sizeof(w->s) - w->len, "%s", one);
	else if (w->len + 5 < sizeof(w->s) && !strstr(w->s, " ..."))
		w->len += (size_t)snprintf(w->s + w->len, sizeof(w->s) - w->len, " ...");
}

static int refuse(const why *w, size_t line, rx_error *err)
{
	return rx_error_set(err, RX_EINPUT, "第 %zu 行: %s", line, w->s);
}

static int check_count(const rx_schema_csv_header *h,
		       const rx_schema_csv_record *rec, rx_error *err)
{
	if (rec->n < h->ncols)
		return rx_error_set(err, RX_EINPUT,
				    "第 %zu 行: 只有 %zu 列, 表头有 %zu 列 (missing column)",
				    rec->line, rec->n, h->ncols);
	for (size_t i = h->ncols; i < rec->n; i++)
		if (rx_schema_span_trim((rx_schema_span){ rec->field[i], rec->len[i] }).len)
			return rx_error_set(err, RX_EINPUT,
					    "第 %zu 行: 第 %zu 列在表头之外 (extra column)",
					    rec->line, i + 1);
	return 0;
}

static void bad_value(why *w, const char *col, rx_schema_span v, const char *expect,
		      const char *en)
{
	char ex[64];

	rx_schema_span_excerpt(ex, sizeof(ex), v);
	add(w, "%s '%s' 无效 (应为 %s) (%s)", col, ex, expect, en);
}

static void student_no(char *dst, rx_schema_span v, why *w)
{
	int ok = v.len > 0;

	for (size_t i = 0; i < v.len; i++) {
		char c = v.p[i];
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		      (c >= 'a' && c <= 'z') || c == '-' || c == '_'))
			ok = 0;
	}
	if (!ok || !rx_schema_span_copy(dst, RX_SCHEMA_STUDENT_NO_MAX + 1, v))
		bad_value(w, "学号", v, "1–32 个字母、数字、- 或 _", "invalid student number");
}

static int text_ok(rx_schema_span v)
{
	for (size_t i = 0; i < v.len; i++)
		if ((unsigned char)v.p[i] < 0x20 || v.p[i] == 0x7F)
			return 0;
	return !rx_crypto_text_spoofed(v.p, v.len);
}

static void name(rx_schema_student *st, rx_schema_span v, why *w)
{
	if (!v.len)
		add(w, "姓名为空 (empty name)");
	else if (v.len > RX_SCHEMA_NAME_MAX)
		add(w, "姓名超过 %d 字节 (name too long)", RX_SCHEMA_NAME_MAX);
	else if (!text_ok(v))
		add(w, "姓名含控制字符、换行、双向控制符或零宽字符 "
		    "(control, bidi or zero-width character in name)");
	else
		rx_schema_span_copy(st->name, sizeof(st->name), v);
}

#define DATE_FORMS "真实日期 YYYY-MM-DD、YYYY/M/D、YYYY年M月D日、YYYYMMDD 等"

static void birth(const rx_schema_csv_header *h, rx_schema_student *st,
		  rx_schema_span v, why *w)
{
	int lo = h->ref_year ? h->ref_year - 30 : 1980;
	int hi = h->ref_year ? h->ref_year - 3 : 2099;

	if (rx_schema_date_parse(&st->birth, v.p, v.len) < 0)
		bad_value(w, "出生日期", v, DATE_FORMS, "invalid date");
	else if (st->birth.year < lo || st->birth.year > hi)
		add(w, "出生年份 %d 不合理 (应在 %d–%d 之间) (implausible birth year)",
		    st->birth.year, lo, hi);
}

/* A class is a number 1..99 however written (stored as the number) or short text. */
static void class_name(rx_schema_student *st, rx_schema_span v, why *w)
{
	int rc = rx_schema_class_parse(st->class_name, sizeof(st->class_name), v,
				       &st->class_form);

	if (rc < 0 || (rc > 0 && (!v.len || !text_ok(v) ||
		       !rx_schema_span_copy(st->class_name, sizeof(st->class_name), v))))
		bad_value(w, "班级", v, "1–99、1班、(1)班、一班 或不超过 32 字节的文字",
			  "invalid class");
}

static void flags(rx_schema_student *st, rx_schema_span v, why *w)
{
	const char *bad;
	size_t bad_len;

	if (rx_schema_flags_parse(&st->flags, v.p, v.len, &bad, &bad_len) < 0)
		bad_value(w, "重点标记", (rx_schema_span){ bad, bad_len },
			  "留守/单亲/离异/困境儿童/残疾/... (见 docs/csv.md), 以 ; 、 | 分隔", "unknown key group");
}

int rx_schema_roster_row_parse(const rx_schema_csv_header *h,
			       const rx_schema_csv_record *rec,
			       rx_schema_student *out, rx_error *err)
{
	char buf[RX_SCHEMA_CSV_FIELD_MAX + 1];
	rx_schema_span v;
	why w = { .len = 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = check_count(h, rec, err)) < 0)
		return rc;
	student_no(out->student_no, folded(h, rec, RX_SCHEMA_COL_STUDENT_NO, buf), &w);
	name(out, cell(h, rec, RX_SCHEMA_COL_NAME), &w);
	if (rx_schema_gender_parse(&out->gender,
				   v = folded(h, rec, RX_SCHEMA_COL_GENDER, buf)) < 0)
		bad_value(&w, "性别", v, "男/女", "invalid gender");
	birth(h, out, folded(h, rec, RX_SCHEMA_COL_BIRTH_DATE, buf), &w);
	if (rx_schema_grade_parse(&out->grade, v = folded(h, rec, RX_SCHEMA_COL_GRADE, buf)) < 0)
		bad_value(&w, "年级", v, "1–12、七年级、初一、高二 等", "invalid grade");
	class_name(out, folded(h, rec, RX_SCHEMA_COL_CLASS, buf), &w);
	flags(out, folded(h, rec, RX_SCHEMA_COL_FLAGS, buf), &w);
	return w.n ? refuse(&w, rec->line, err) : 0;
}

/* Item i (1-based) of a screening record into *v. */
static void answer(const rx_schema_csv_header *h, const rx_schema_csv_record *rec,
		   const rx_schema_scale *scale, size_t i, int *v, why *w)
{
	char buf[RX_SCHEMA_CSV_FIELD_MAX + 1], ex[64];
	rx_schema_span s = folded(h, rec, RX_SCHEMA_COL_Q1 + i - 1, buf);
	int lo, hi;

	rx_schema_scale_item_range(scale, i, &lo, &hi);
	if (!s.len && i > rx_schema_scale_items(scale)) {
		*v = RX_SCHEMA_UNANSWERED; /* a supplementary item left blank or out */
		return;
	}
	if (!s.len) {
		add(w, "缺少 q%zu 的答案 (missing item)", i);
		return;
	}
	rx_schema_span_excerpt(ex, sizeof(ex), s);
	switch (rx_schema_span_int(s, lo, hi, v)) {
	case 0:
		return;
	case -2:
		add(w, "q%zu '%s' 超出范围 (应为 %d–%d) (out of range)", i, ex, lo, hi);
		return;
	default:
		add(w, "q%zu '%s' 不是整数 (not an integer)", i, ex);
	}
}

int rx_schema_screening_row_parse(const rx_schema_csv_header *h,
				  const rx_schema_csv_record *rec,
				  const rx_schema_scale *scale,
				  rx_schema_screening_row *out, rx_error *err)
{
	int answers[RX_SCHEMA_ITEMS_MAX];
	size_t n = rx_schema_scale_items_all(scale);
	char buf[RX_SCHEMA_CSV_FIELD_MAX + 1];
	rx_schema_span d;
	why w = { .len = 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = check_count(h, rec, err)) < 0)
		return rc;
	student_no(out->student_no, folded(h, rec, RX_SCHEMA_COL_STUDENT_NO, buf), &w);
	d = folded(h, rec, RX_SCHEMA_COL_DATE, buf);
	if (rx_schema_date_parse(&out->date, d.p, d.len) < 0 ||
	    out->date.year < 2000 || out->date.year > 2099)
		bad_value(&w, "日期", d, "2000–2099 年的" DATE_FORMS, "invalid date");
	for (size_t i = 1; i <= n; i++)
		answer(h, rec, scale, i, &answers[i - 1], &w);
	if (w.n)
		return refuse(&w, rec->line, err);
	return rx_schema_scale_score(scale, answers, n, &out->score, err);
}
