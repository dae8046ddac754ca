/* Header rows of the roster and screening imports: names to column positions. */
#include <stdio.h>
#include <string.h>

#include "schema/fieldsInt.h"

static const char *const roster_zh[RX_SCHEMA_ROSTER_COLS] = {
	"学号", "姓名", "性别", "出生日期", "年级", "班级", "重点标记" };
static const char *const roster_en[RX_SCHEMA_ROSTER_COLS] = {
	"student_no", "name", "gender", "birth_date", "grade", "class", "flags" };

typedef int (*col_fn)(rx_schema_span name, size_t nitems);

static int roster_col(rx_schema_span name, size_t nitems)
{
	for (int i = 0; i < RX_SCHEMA_ROSTER_COLS; i++)
		if (rx_schema_span_eq(name, roster_zh[i]) ||
		    rx_schema_span_eq(name, roster_en[i]))
			return i;
	return -1;
}

static int screening_col(rx_schema_span name, size_t nitems)
{
	int q;

	if (rx_schema_span_eq(name, "学号") || rx_schema_span_eq(name, "student_no"))
		return RX_SCHEMA_COL_STUDENT_NO;
	if (rx_schema_span_eq(name, "日期") || rx_schema_span_eq(name, "date"))
		return RX_SCHEMA_COL_DATE;
	if (name.len >= 2 && (name.p[0] == 'q' || name.p[0] == 'Q') &&
	    name.p[1] >= '1' && name.p[1] <= '9' &&
	    rx_schema_span_int((rx_schema_span){ name.p + 1, name.len - 1 }, 1,
			       (int)nitems, &q) == 0)
		return RX_SCHEMA_COL_Q1 + q - 1;
	if (name.len >= 2 && (name.p[0] == 'q' || name.p[0] == 'Q') &&
	    name.p[1] >= '0' && name.p[1] <= '9')
		return -2; /* an item the scale does not have: the wrong scale? */
	return -1;
}

/* Add an unknown column's name to the list of ignored ones. */
static void ignore(rx_schema_csv_header *h, const char *ex)
{
	size_t n = strlen(h->ignored);

	if (n + strlen(ex) + 7 < sizeof(h->ignored))
		snprintf(h->ignored + n, sizeof(h->ignored) - n, "%s%s", n ? ", " : "", ex);
	else if (n + 5 < sizeof(h->ignored) && !strstr(h->ignored, ", ..."))
		snprintf(h->ignored + n, sizeof(h->ignored) - n, ", ...");
}

static int header_map(rx_schema_csv_header *h, const rx_schema_csv_record *rec,
		      col_fn fn, size_t nitems, rx_error *err)
{
	char ex[64];

	h->ncols = rec->n;
	h->ref_year = 0;
	h->ignored[0] = '\0';
	for (size_t i = 0; i < sizeof(h->col) / sizeof(h->col[0]); i++)
		h->col[i] = -1;
	for (size_t i = 0; i < rec->n; i++) {
		rx_schema_span name = rx_schema_span_trim(
			(rx_schema_span){ rec->field[i], rec->len[i] });
		int c = fn(name, nitems);

		if (!name.len)
			continue; /* an unnamed column is ignored */
		rx_schema_span_excerpt(ex, sizeof(ex), name);
		if (c == -2)
			return rx_error_set(err, RX_EINPUT,
					    "第 %zu 行: 未知列 '%s' (unknown column)",
					    rec->line, ex);
		if (c < 0) {
			ignore(h, ex);
			continue;
		}
		if (h->col[c] >= 0)
			return rx_error_set(err, RX_EINPUT,
					    "第 %zu 行: 列 '%s' 重复 (repeated column)",
					    rec->line, ex);
		h->col[c] = (int)i;
	}
	return 0;
}

int rx_schema_roster_header_map(rx_schema_csv_header *out,
				const rx_schema_csv_record *rec, rx_error *err)
{
	int rc = header_map(out, rec, roster_col, 0, err);

	out->nlogical = RX_SCHEMA_ROSTER_COLS;
	for (int i = 0; rc == 0 && i < RX_SCHEMA_COL_FLAGS; i++)
		if (out->col[i] < 0 && !out->ignored[0])
			rc = rx_error_set(err, RX_EINPUT,
					  "第 %zu 行: 缺少列 %s (%s)", rec->line,
					  roster_zh[i], roster_en[i]);
		else if (out->col[i] < 0)
			rc = rx_error_set(err, RX_EINPUT,
					  "第 %zu 行: 缺少列 %s (%s); 未识别的列: '%s' "
					  "(missing column; unrecognised columns)", rec->line,
					  roster_zh[i], roster_en[i], out->ignored);
	return rc;
}

int rx_schema_screening_header_map(rx_schema_csv_header *out,
				   const rx_schema_csv_record *rec,
				   const rx_schema_scale *scale, rx_error *err)
{
	size_t n = rx_schema_scale_items(scale);
	int rc = header_map(out, rec, screening_col, rx_schema_scale_items_all(scale), err);

	/* supplementary items (after the n scored ones) may be left out */
	out->nlogical = RX_SCHEMA_COL_Q1 + rx_schema_scale_items_all(scale);
	for (size_t i = 0; rc == 0 && i < RX_SCHEMA_COL_Q1 + n; i++) {
		if (out->col[i] >= 0)
			continue;
		if (i >= RX_SCHEMA_COL_Q1)
			rc = rx_error_set(err, RX_EINPUT, "第 %zu 行: 缺少列 q%zu",
					  rec->line, i - RX_SCHEMA_COL_Q1 + 1);
		else
			rc = rx_error_set(err, RX_EINPUT, "第 %zu 行: 缺少列 %s",
					  rec->line, i ? "日期 (date)" : "学号 (student_no)");
	}
	return rc;
}
