/* One roster or screening record checked field by field into a typed row. */
#include <stdio.h>
#include <string.h>

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

static int bad_value(size_t line, const char *col, rx_schema_span v,
		     const char *expect, rx_error *err)
{
	char ex[64];

	rx_schema_span_excerpt(ex, sizeof(ex), v);
	return rx_error_set(err, RX_EINPUT, "第 %zu 行: %s '%s' 无效 (应为 %s)",
			    line, col, ex, expect);
}

static int student_no(char *dst, rx_schema_span v, size_t line, rx_error *err)
{
	for (size_t i = 0; i < v.len; i++) {
		char c = v.p[i];
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		      (c >= 'a' && c <= 'z') || c == '-' || c == '_'))
			return bad_value(line, "学号", v, "1–32 个字母、数字、- 或 _", err);
	}
	if (!v.len || !rx_schema_span_copy(dst, RX_SCHEMA_STUDENT_NO_MAX + 1, v))
		return bad_value(line, "学号", v, "1–32 个字母、数字、- 或 _", err);
	return 0;
}

static int text_ok(rx_schema_span v)
{
	for (size_t i = 0; i < v.len; i++)
		if ((unsigned char)v.p[i] < 0x20 || v.p[i] == 0x7F)
			return 0;
	return 1;
}

static int name(rx_schema_student *st, rx_schema_span v, size_t line, rx_error *err)
{
	if (!v.len)
		return rx_error_set(err, RX_EINPUT, "第 %zu 行: 姓名为空 (empty name)", line);
	if (v.len > RX_SCHEMA_NAME_MAX)
		return rx_error_set(err, RX_EINPUT, "第 %zu 行: 姓名超过 %d 字节 (name too long)",
				    line, RX_SCHEMA_NAME_MAX);
	if (!text_ok(v))
		return rx_error_set(err, RX_EINPUT,
				    "第 %zu 行: 姓名含控制字符或换行 (control character in name)",
				    line);
	rx_schema_span_copy(st->name, sizeof(st->name), v);
	return 0;
}

static int birth(const rx_schema_csv_header *h, rx_schema_student *st,
		 rx_schema_span v, size_t line, rx_error *err)
{
	int lo = h->ref_year ? h->ref_year - 30 : 1980;
	int hi = h->ref_year ? h->ref_year - 3 : 2099;

	if (rx_schema_date_parse(&st->birth, v.p, v.len) < 0)
		return bad_value(line, "出生日期", v, "真实日期 YYYY-MM-DD 或 YYYY/M/D", err);
	if (st->birth.year < lo || st->birth.year > hi)
		return rx_error_set(err, RX_EINPUT,
				    "第 %zu 行: 出生年份 %d 不合理 (应在 %d–%d 之间)",
				    line, st->birth.year, lo, hi);
	return 0;
}

/* A class is a number 1..99 (stored without leading zeros) or short text. */
static int class_name(rx_schema_student *st, rx_schema_span v, size_t line,
		      rx_error *err)
{
	int n, rc = rx_schema_span_int(v, 0, 999999999, &n);

	if (rc == 0 && v.p[0] != '+' && v.p[0] != '-') {
		if (n < 1 || n > 99)
			return bad_value(line, "班级", v, "1–99 或不超过 32 字节的文字", err);
		snprintf(st->class_name, sizeof(st->class_name), "%d", n);
		return 0;
	}
	if (!v.len || !text_ok(v) ||
	    !rx_schema_span_copy(st->class_name, sizeof(st->class_name), v))
		return bad_value(line, "班级", v, "1–99 或不超过 32 字节的文字", err);
	return 0;
}

static int flags(rx_schema_student *st, rx_schema_span v, size_t line, rx_error *err)
{
	const char *bad;
	size_t bad_len;

	if (rx_schema_flags_parse(&st->flags, v.p, v.len, &bad, &bad_len) < 0)
		return bad_value(line, "重点标记", (rx_schema_span){ bad, bad_len },
				 "留守/单亲/离异/随迁/家庭经济困难/先天性疾病/体质异常/"
				 "学业困难/心理问题, 以 ; 、 | 分隔", err);
	return 0;
}

int rx_schema_roster_row_parse(const rx_schema_csv_header *h,
			       const rx_schema_csv_record *rec,
			       rx_schema_student *out, rx_error *err)
{
	size_t line = rec->line;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = check_count(h, rec, err)) < 0 ||
	    (rc = student_no(out->student_no, cell(h, rec, RX_SCHEMA_COL_STUDENT_NO),
			     line, err)) < 0 ||
	    (rc = name(out, cell(h, rec, RX_SCHEMA_COL_NAME), line, err)) < 0)
		return rc;
	if (rx_schema_gender_parse(&out->gender, cell(h, rec, RX_SCHEMA_COL_GENDER)) < 0)
		return bad_value(line, "性别", cell(h, rec, RX_SCHEMA_COL_GENDER),
				 "男/女", err);
	if ((rc = birth(h, out, cell(h, rec, RX_SCHEMA_COL_BIRTH_DATE), line, err)) < 0)
		return rc;
	if (rx_schema_grade_parse(&out->grade, cell(h, rec, RX_SCHEMA_COL_GRADE)) < 0)
		return bad_value(line, "年级", cell(h, rec, RX_SCHEMA_COL_GRADE),
				 "1–12 或 一年级…九年级、初一…初三、高一…高三", err);
	if ((rc = class_name(out, cell(h, rec, RX_SCHEMA_COL_CLASS), line, err)) < 0)
		return rc;
	return flags(out, cell(h, rec, RX_SCHEMA_COL_FLAGS), line, err);
}

/* Item i (1-based) of a screening record into *v. */
static int answer(const rx_schema_csv_header *h, const rx_schema_csv_record *rec,
		  const rx_schema_scale *scale, size_t i, int *v, rx_error *err)
{
	rx_schema_span s = cell(h, rec, RX_SCHEMA_COL_Q1 + i - 1);
	int lo = rx_schema_scale_min(scale), hi = rx_schema_scale_max(scale);
	char ex[64];

	if (!s.len)
		return rx_error_set(err, RX_EINPUT, "第 %zu 行: 缺少 q%zu 的答案 (missing item)",
				    rec->line, i);
	rx_schema_span_excerpt(ex, sizeof(ex), s);
	switch (rx_schema_span_int(s, lo, hi, v)) {
	case 0:
		return 0;
	case -2:
		return rx_error_set(err, RX_EINPUT,
				    "第 %zu 行: q%zu '%s' 超出范围 (应为 %d–%d)",
				    rec->line, i, ex, lo, hi);
	default:
		return rx_error_set(err, RX_EINPUT,
				    "第 %zu 行: q%zu '%s' 不是整数 (not an integer)",
				    rec->line, i, ex);
	}
}

int rx_schema_screening_row_parse(const rx_schema_csv_header *h,
				  const rx_schema_csv_record *rec,
				  const rx_schema_scale *scale,
				  rx_schema_screening_row *out, rx_error *err)
{
	int answers[RX_SCHEMA_ITEMS_MAX];
	size_t n = rx_schema_scale_items(scale);
	rx_schema_span d = cell(h, rec, RX_SCHEMA_COL_DATE);
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = check_count(h, rec, err)) < 0 ||
	    (rc = student_no(out->student_no, cell(h, rec, RX_SCHEMA_COL_STUDENT_NO),
			     rec->line, err)) < 0)
		return rc;
	if (rx_schema_date_parse(&out->date, d.p, d.len) < 0 ||
	    out->date.year < 2000 || out->date.year > 2099)
		return bad_value(rec->line, "日期", d,
				 "2000–2099 年的真实日期 YYYY-MM-DD 或 YYYY/M/D", err);
	for (size_t i = 1; i <= n; i++)
		if ((rc = answer(h, rec, scale, i, &answers[i - 1], err)) < 0)
			return rc;
	return rx_schema_scale_score(scale, answers, n, &out->score, err);
}
