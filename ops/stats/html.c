/* The HTML form of a stats report: one self-contained file, inline CSS and SVG, Chinese labels. */
#include <inttypes.h>
#include <stdio.h>

#include "ops/stats/statsInt.h"

#define DETAIL_MAX 200 /* schools whose full tables are included */

static const char *const level_colour[5] = { "#d7301f", "#fc8d59", "#fdcc3a",
	"#91bfdb", "#d9d9d9" };

static const char head[] =
	"<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	"<title>心理健康统计报告</title>\n<style>\n"
	"body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",\"WenQuanYi Micro Hei\",sans-serif;"
	"margin:1.5em auto;max-width:60em;padding:0 1em;color:#222;line-height:1.5}\n"
	"h1{font-size:1.6em;border-bottom:3px solid #2b6cb0}h2{font-size:1.25em;margin-top:1.6em;"
	"color:#2b6cb0}table{border-collapse:collapse;margin:.5em 0;font-size:.9em}\n"
	"th,td{border:1px solid #bbb;padding:.15em .5em;text-align:right}th{background:#eef3f8}\n"
	"td.l,th.l{text-align:left}.h{color:#888}.note{font-size:.9em;color:#555}\n"
	"svg text{font-size:12px;font-family:inherit}details{margin:.3em 0}\n"
	"@media print{details>summary{list-style:none}h2{break-after:avoid}}\n"
	"</style></head><body>\n";

/* The hatching that marks hidden counts in every chart (never drawn as zero or left out). */
#define HATCH(id) \
	"<defs><pattern id=\"" id "\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" " \
	"patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/>" \
	"<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#777\" stroke-width=\"3\"/>" \
	"</pattern></defs>\n"

#define HIDDEN_MIN_W 24.0 /* width of a hidden block whose size is not published */

static double rate(const rx_ops_stats *s, rx_ops_stats_tab t, int i, const int *num,
	int nnum, int den_col)
{
	int64_t n = 0, d = rx_ops_stats_get(s, t, i, den_col);

	if (rx_ops_stats_is_hidden(s, t, i, den_col) || d <= 0)
		return -1;
	for (int k = 0; k < nnum; k++) {
		if (rx_ops_stats_is_hidden(s, t, i, num[k]))
			return -1;
		n += rx_ops_stats_get(s, t, i, num[k]);
	}
	return (double)n / (double)d;
}

static int cell(rx_buf *b, const rx_ops_stats *s, rx_ops_stats_tab t, int i, int j,
	rx_error *err)
{
	return rx_ops_stats_is_hidden(s, t, i, j) ? rx_buf_puts(b, "<td class=h>*</td>", err) :
		rx_buf_printf(b, err, "<td>%" PRId64 "</td>", rx_ops_stats_get(s, t, i, j));
}

static int table(rx_buf *b, const rx_ops_stats *s, rx_ops_stats_tab t, rx_error *err)
{
	int rows = rx_ops_stats_rows(t), cols = rx_ops_stats_cols(t);
	int rc = rx_buf_printf(b, err, "<table><caption>%s</caption><tr><th class=l></th>",
		rx_ops_stats_tab_zh(t));

	for (int j = 0; j <= cols && rc == 0; j++)
		rc = rx_buf_printf(b, err, "<th>%s</th>", rx_ops_stats_col_label(t, j, 1));
	for (int i = 0; i <= rows && rc == 0; i++) {
		rc = rx_buf_printf(b, err, "</tr>\n<tr><th class=l>%s</th>",
			rx_ops_stats_row_label(t, i, 1));
		for (int j = 0; j <= cols && rc == 0; j++)
			rc = cell(b, s, t, i, j, err);
	}
	return rc ? rc : rx_buf_puts(b, "</tr></table>\n", err);
}

static int row_hidden(const rx_ops_stats *s, rx_ops_stats_tab t, int i)
{
	for (int j = 0; j <= rx_ops_stats_cols(t); j++)
		if (rx_ops_stats_is_hidden(s, t, i, j))
			return 1;
	return 0;
}

/*
 * Levels by grade: one stacked bar per grade and gender with pupils. Shown
 * counts are drawn to scale; the hidden ones of a row together make one
 * hatched block labelled 已隐藏, as wide as the row total less the shown
 * counts (a published difference), or a fixed width when the total is hidden
 * too. So every bar is as long as its row total in the table.
 */
static int chart_levels(rx_buf *b, const rx_ops_stats *s, int threshold, rx_error *err)
{
	rx_ops_stats_tab t = RX_STATS_LEVELS;
	int rows = rx_ops_stats_rows(t), cols = rx_ops_stats_cols(t), n = 0, y, rc;
	int64_t max = 1;

	for (int i = 0; i < rows; i++)
		if (rx_ops_stats_get(s, t, i, cols) > 0 || rx_ops_stats_is_hidden(s, t, i, cols)) {
			n++;
			if (rx_ops_stats_get(s, t, i, cols) > max)
				max = rx_ops_stats_get(s, t, i, cols);
		}
	rc = rx_buf_printf(b, err, "<svg width=\"720\" height=\"%d\" role=\"img\" "
		"aria-label=\"各年级预警等级\">\n" HATCH("hid"), 22 * n + 40);
	for (int j = 0; j < cols && rc == 0; j++)
		rc = rx_buf_printf(b, err, "<rect x=\"%d\" y=\"4\" width=\"12\" height=\"12\" "
			"fill=\"%s\"/><text x=\"%d\" y=\"15\">%s</text>\n", 90 + j * 100,
			level_colour[j], 106 + j * 100, rx_ops_stats_col_label(t, j, 1));
	if (rc == 0)
		rc = rx_buf_printf(b, err, "<rect x=\"590\" y=\"4\" width=\"12\" height=\"12\" "
			"fill=\"url(#hid)\" stroke=\"#777\"/><text x=\"606\" y=\"15\">已隐藏 "
			"(≤%d 或为保护而隐藏)</text>\n", threshold);
	y = 28;
	for (int i = 0; i < rows && rc == 0; i++) {
		double x = 90, hw;
		int64_t shown = 0;
		int tot_hidden = rx_ops_stats_is_hidden(s, t, i, cols);
		if (!(rx_ops_stats_get(s, t, i, cols) > 0 || tot_hidden))
			continue;
		rc = rx_buf_printf(b, err, "<text x=\"0\" y=\"%d\">%s</text>\n", y + 13,
			rx_ops_stats_row_label(t, i, 1));
		for (int j = 0; j < cols && rc == 0; j++) {
			double w = 520.0 * (double)rx_ops_stats_get(s, t, i, j) / (double)max;
			if (rx_ops_stats_is_hidden(s, t, i, j) || w <= 0)
				continue;
			shown += rx_ops_stats_get(s, t, i, j);
			rc = rx_buf_printf(b, err, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
				"height=\"16\" fill=\"%s\"><title>%s %" PRId64 "</title></rect>\n",
				x, y, w, level_colour[j], rx_ops_stats_col_label(t, j, 1),
				rx_ops_stats_get(s, t, i, j));
			x += w;
		}
		if (rc == 0 && row_hidden(s, t, i)) {
			hw = tot_hidden ? HIDDEN_MIN_W :
				520.0 * (double)(rx_ops_stats_get(s, t, i, cols) - shown) / (double)max;
			rc = rx_buf_printf(b, err, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
				"height=\"16\" fill=\"url(#hid)\" stroke=\"#777\"><title>已隐藏 "
				"hidden</title></rect><text x=\"%.1f\" y=\"%d\" fill=\"#555\">"
				"已隐藏%s</text>\n", x, y, hw, x + hw + 4, y + 13,
				tot_hidden ? "（合计亦隐藏）" : "");
		}
		y += 22;
	}
	return rc ? rc : rx_buf_puts(b, "</svg>\n", err);
}

static int bar(rx_buf *b, int x, int y, double r, const char *colour, rx_error *err)
{
	if (r < 0)
		return rx_buf_printf(b, err, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" "
			"height=\"12\" fill=\"url(#hidb)\" stroke=\"#777\"/><text x=\"%.1f\" "
			"y=\"%d\" fill=\"#555\">已隐藏</text>\n", x, y, HIDDEN_MIN_W,
			x + HIDDEN_MIN_W + 4, y + 11);
	return rx_buf_printf(b, err, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"12\" "
		"fill=\"%s\"/><text x=\"%.1f\" y=\"%d\">%.0f%%</text>\n", x, y, 300 * r,
		colour, x + 300 * r + 4, y + 11, 100 * r);
}

/* Per school: screened twice and visited (coverage), and obligations met on time. */
static int chart_schools(rx_buf *b, const rx_ops_stats_report *r, rx_error *err)
{
	static const int twice[2] = { 0, 1 }, visited[2] = { 0, 2 }, ontime[1] = { 0 };
	size_t n = r->n < DETAIL_MAX ? r->n : DETAIL_MAX;
	int rc = rx_buf_printf(b, err, "<svg width=\"720\" height=\"%zu\" role=\"img\" "
		"aria-label=\"各校覆盖率与按时率\">\n<rect x=\"200\" y=\"2\" width=\"12\" "
		"height=\"12\" fill=\"#2b6cb0\"/><text x=\"216\" y=\"12\">测评两次</text>"
		"<rect x=\"290\" y=\"2\" width=\"12\" height=\"12\" fill=\"#38a169\"/>"
		"<text x=\"306\" y=\"12\">已家访</text><rect x=\"370\" y=\"2\" width=\"12\" "
		"height=\"12\" fill=\"#dd6b20\"/><text x=\"386\" y=\"12\">工作按时完成</text>\n"
		HATCH("hidb") "<rect x=\"480\" y=\"2\" width=\"12\" height=\"12\" fill=\"url(#hidb)\" "
		"stroke=\"#777\"/><text x=\"496\" y=\"12\">已隐藏（比率的分子或分母被隐藏）</text>\n",
		46 * n + 24);

	for (size_t k = 0; k < n && rc == 0; k++) {
		const rx_ops_stats *s = r->units[k].s;
		int y = 22 + 46 * (int)k, crow = rx_ops_stats_rows(RX_STATS_COVERAGE);
		int orow = rx_ops_stats_rows(RX_STATS_OBLIG);
		if ((rc = rx_buf_printf(b, err, "<text x=\"0\" y=\"%d\">", y + 24)) < 0 ||
		    (rc = rx_ops_stats_html_esc(b, r->units[k].name, err)) < 0 ||
		    (rc = rx_buf_puts(b, "</text>\n", err)) < 0 ||
		    (rc = bar(b, 200, y, rate(s, RX_STATS_COVERAGE, crow, twice, 2, 4),
			"#2b6cb0", err)) < 0 ||
		    (rc = bar(b, 200, y + 14, rate(s, RX_STATS_COVERAGE, crow, visited, 2, 4),
			"#38a169", err)) < 0)
			break;
		rc = bar(b, 200, y + 28, rate(s, RX_STATS_OBLIG, orow, ontime, 1, 4),
			"#dd6b20", err);
	}
	return rc ? rc : rx_buf_puts(b, "</svg>\n", err);
}

static int compliance_row(rx_buf *b, const rx_ops_stats_unit *u, rx_error *err)
{
	const rx_ops_stats *s = u->s;
	const rx_ops_stats_staff *f = &s->staff;
	int rows = rx_ops_stats_rows(RX_STATS_LEVELS), cols = rx_ops_stats_cols(RX_STATS_LEVELS);
	rx_ops_stats_rates rt;
	int rc;

	rx_ops_stats_rates_of(&rt, s);
	if ((rc = rx_buf_puts(b, "<tr><td class=l>", err)) < 0 ||
	    (rc = rx_ops_stats_html_esc(b, u->name, err)) < 0 ||
	    (rc = rx_buf_puts(b, "</td>", err)) < 0 ||
	    (rc = cell(b, s, RX_STATS_LEVELS, rows, cols, err)) < 0)
		return rc;
	return rx_buf_printf(b, err, "<td>%" PRId64 "</td><td>%" PRId64 "</td><td>%.1f</td>"
		"<td>%.2f</td><td>%" PRId64 "/%" PRId64 "</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		f->teachers_full, f->teachers_part, (double)f->room_hours_x10 / 10,
		(double)f->lessons_x100 / 100, f->classes_committee, f->classes_g4,
		rt.screened, rt.visited, rt.on_time);
}

static int compliance(rx_buf *b, const rx_ops_stats_report *r, rx_error *err)
{
	int rc = rx_buf_puts(b, "<h2>各校达标情况</h2>\n<table><tr><th class=l>学校</th>"
		"<th>学生数</th><th>专职心理教师</th><th>兼职心理教师</th><th>辅导室开放(小时/周)</th>"
		"<th>心理课(节/班/两周)</th><th>心理委员达标班级</th><th>测评两次</th><th>已家访</th>"
		"<th>工作按时完成</th></tr>\n", err);

	if (rc == 0 && r->total)
		rc = compliance_row(b, r->total, err);
	for (size_t k = 0; k < r->n && rc == 0; k++)
		rc = compliance_row(b, &r->units[k], err);
	return rc ? rc : rx_buf_puts(b, "</table>\n", err);
}

static int unit_tables(rx_buf *b, const rx_ops_stats *s, rx_error *err)
{
	int rc = 0;

	for (int t = 0; t < RX_STATS_NTABLES && rc == 0; t++)
		rc = table(b, s, t, err);
	return rc;
}

static int details(rx_buf *b, const rx_ops_stats_report *r, rx_error *err)
{
	int rc = rx_buf_puts(b, "<h2>各校明细</h2>\n", err);

	for (size_t k = 0; k < r->n && k < DETAIL_MAX && rc == 0; k++)
		if ((rc = rx_buf_puts(b, "<details open><summary>", err)) == 0 &&
		    (rc = rx_ops_stats_html_esc(b, r->units[k].name, err)) == 0 &&
		    (rc = rx_buf_puts(b, "</summary>\n", err)) == 0 &&
		    (rc = unit_tables(b, r->units[k].s, err)) == 0)
			rc = rx_buf_puts(b, "</details>\n", err);
	if (rc == 0 && r->n > DETAIL_MAX)
		rc = rx_buf_printf(b, err, "<p class=note>仅列出前 %d 所学校，其余见 CSV/JSON。</p>\n",
			DETAIL_MAX);
	return rc;
}

int rx_ops_stats_html(rx_buf *b, const rx_ops_stats_report *r, rx_error *err)
{
	const rx_ops_stats *t = r->total ? r->total->s : NULL;
	int rc;

	if ((rc = rx_buf_puts(b, head, err)) < 0 || (rc = rx_buf_puts(b, "<h1>", err)) < 0 ||
	    (rc = rx_ops_stats_html_esc(b, r->title, err)) < 0 ||
	    (rc = rx_buf_printf(b, err, " 学生心理健康统计报告</h1>\n<p class=note>学年 %d–%d，"
		"测评轮次 %s。小于等于 %d 的非零计数及可由合计推算的格子显示为 *。%s",
		t ? t->year : 0, t ? t->year + 1 : 0, t ? t->round : "-", r->threshold,
		r->epsilon_spent > 0 ? "已加入差分隐私噪声，隐私预算 ε = " : "")) < 0 ||
	    (r->epsilon_spent > 0 && (rc = rx_buf_printf(b, err, "%g。", r->epsilon_spent)) < 0) ||
	    (rc = rx_buf_puts(b, "</p>\n", err)) < 0)
		return rc;
	if (t && ((rc = rx_buf_puts(b, "<h2>各年级预警等级（合计）</h2>\n", err)) < 0 ||
	    (rc = chart_levels(b, t, r->threshold, err)) < 0 || (rc = unit_tables(b, t, err)) < 0))
		return rc;
	if ((rc = rx_buf_puts(b, "<h2>各校测评覆盖、家访与工作按时率</h2>\n", err)) < 0 ||
	    (rc = chart_schools(b, r, err)) < 0 || (rc = compliance(b, r, err)) < 0 ||
	    (rc = details(b, r, err)) < 0)
		return rc;
	return rx_buf_puts(b, "</body></html>\n", err);
}
