/* Reports of published stats: tidy CSV and JSON (HTML in html.c). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ops/stats/stats.h"
#include "ops/stats/statsInt.h"

static const char *scope_name(const rx_ops_stats *s, int zh)
{
	if (zh)
		return s->scope == RX_OPS_STATS_SCHOOL ? "学校" : "合计";
	return s->scope == RX_OPS_STATS_SCHOOL ? "school" : "total";
}

/*
 * CSV fields are codes and node ids; a name is quoted, its quotes doubled.
 * A name that a spreadsheet would take for a formula (OWASP: first character
 * = + - @ tab or CR) gets a leading apostrophe, so it shows as text. Counts
 * are never negative and are written unquoted, as numbers.
 */
static int csv_quoted(rx_buf *b, const char *s, rx_error *err)
{
	int rc = rx_buf_puts(b, s[0] && strchr("=+-@\t\r", s[0]) ? "\"'" : "\"", err);

	for (const char *p = s; rc == 0 && *p; p++)
		rc = *p == '"' ? rx_buf_puts(b, "\"\"", err) : rx_buf_put(b, p, 1, err);
	return rc ? rc : rx_buf_puts(b, "\"", err);
}

/* The dimension columns grade,gender,group,action,level,status of an entry. */
static void csv_dims(char *out, size_t cap, rx_ops_stats_tab t, int i, int j, int zh)
{
	int rows = rx_ops_stats_rows(t);
	const char *rl = rx_ops_stats_row_label(t, i, zh), *cl = rx_ops_stats_col_label(t, j, zh);
	const char *tot = zh ? "合计" : "total";

	switch (t) {
	case RX_STATS_LEVELS:
		if (i == rows)
			snprintf(out, cap, "%s,%s,,,%s,", tot, tot, cl);
		else
			snprintf(out, cap, "%d,%s,,,%s,", i / 2 + 1,
				i % 2 ? (zh ? "女" : "f") : (zh ? "男" : "m"), cl);
		break;
	case RX_STATS_GROUPS:
		snprintf(out, cap, ",,%s,,%s,", rl, cl);
		break;
	case RX_STATS_COVERAGE:
		if (i == rows)
			snprintf(out, cap, "%s,,,,,%s", tot, cl);
		else
			snprintf(out, cap, "%d,,,,,%s", i + 1, cl);
		break;
	case RX_STATS_OBLIG:
		snprintf(out, cap, ",,,%s,,%s", rl, cl);
		break;
	default:
		snprintf(out, cap, ",,,,,%s", cl);
	}
}

static const char *tab_name(rx_ops_stats_tab t, int zh)
{
	return zh ? rx_ops_stats_tab_zh(t) : rx_ops_stats_tab_name(t);
}

static int csv_unit(rx_buf *b, const rx_ops_stats_unit *u, int zh, rx_error *err)
{
	const rx_ops_stats *s = u->s;
	const int64_t *staff = &s->staff.teachers_full;
	static const char *const staff_names[2][RX_OPS_STATS_STAFF_N] = { { "teachers_full",
		"teachers_part", "room_hours_per_week_x10", "lessons_per_class_fortnight_x100",
		"classes_from_grade4", "classes_with_committee", "school_type", "school_stage",
		"room_weeks", "room_weeks_met", "class_fortnights", "class_fortnights_met" },
		{ "专职心理教师", "兼职心理教师", "辅导室每周开放小时×10", "每班每两周心理课×100",
		"四年级起班级数", "心理委员达标班级数", "学校类型代码", "学段代码",
		"考核周数", "辅导室达标周数", "考核班级双周数", "心理课达标班级双周数" } };
	char pre[160], dims[256];
	int rc = 0;

	snprintf(pre, sizeof(pre), "%s,%s,", scope_name(s, zh), s->node);
	for (int t = 0; t < RX_STATS_NTABLES && rc == 0; t++)
		for (int i = 0; i <= rx_ops_stats_rows(t) && rc == 0; i++)
			for (int j = 0; j <= rx_ops_stats_cols(t) && rc == 0; j++) {
				csv_dims(dims, sizeof(dims), t, i, j, zh);
				if ((rc = rx_buf_puts(b, pre, err)) == 0 &&
				    (rc = csv_quoted(b, u->name, err)) == 0)
					rc = rx_ops_stats_is_hidden(s, t, i, j) ?
					rx_buf_printf(b, err, ",%d,%s,%s,%s,*\n", s->year,
						s->round, tab_name(t, zh), dims) :
					rx_buf_printf(b, err, ",%d,%s,%s,%s,%" PRId64 "\n",
						s->year, s->round, tab_name(t, zh),
						dims, rx_ops_stats_get(s, t, i, j));
			}
	for (int k = 0; k < RX_OPS_STATS_STAFF_N && rc == 0; k++)
		if ((rc = rx_buf_puts(b, pre, err)) == 0 &&
		    (rc = csv_quoted(b, u->name, err)) == 0)
			rc = rx_buf_printf(b, err, ",%d,%s,%s,,,,,,%s,%" PRId64 "\n",
				s->year, s->round, zh ? "师资与场地" : "staff", staff_names[zh][k],
				staff[k]);
	return rc;
}

/*
 * For a spreadsheet (csv_excel): a UTF-8 BOM first, so that Excel on a
 * Chinese Windows reads UTF-8 and not GBK, and CRLF line ends. Plain (tools):
 * neither. The fields are the same.
 */
static int render_csv(rx_buf *out, const rx_ops_stats_report *r, rx_error *err)
{
	rx_buf b = RX_BUF_INIT;
	int rc = rx_buf_puts(&b, r->zh ? "范围,节点,名称,学年,轮次,表,年级,性别,重点群体,工作,"
		"预警等级,状态,人数\n" : "scope,node,name,year,round,table,grade,gender,group,"
		"action,level,status,count\n", err);

	if (rc == 0 && r->total)
		rc = csv_unit(&b, r->total, r->zh, err);
	for (size_t i = 0; i < r->n && rc == 0; i++)
		rc = csv_unit(&b, &r->units[i], r->zh, err);
	if (rc == 0 && r->csv_excel)
		rc = rx_buf_puts(out, "\xEF\xBB\xBF", err);
	for (size_t i = 0; i < b.len && rc == 0; i++)
		rc = b.data[i] == '\n' && r->csv_excel ? rx_buf_puts(out, "\r\n", err) :
			rx_buf_put(out, &b.data[i], 1, err);
	rx_buf_free(&b);
	return rc;
}

int rx_ops_stats_render(rx_buf *out, const rx_ops_stats_report *r,
	rx_ops_stats_format f, rx_error *err)
{
	switch (f) {
	case RX_STATS_CSV: return render_csv(out, r, err);
	case RX_STATS_JSON: return rx_ops_stats_json(out, r, err);
	case RX_STATS_HTML: return rx_ops_stats_html(out, r, err);
	}
	return rx_error_set(err, RX_EUSAGE, "unknown report format");
}
