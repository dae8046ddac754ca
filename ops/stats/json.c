/* The JSON form of a stats report: hidden entries as the string "*". */
#include <inttypes.h>
#include <stdio.h>

#include "ops/stats/statsInt.h"

static int str_field(rx_buf *b, const char *key, const char *v, rx_error *err)
{
	int rc = rx_buf_printf(b, err, "\"%s\":\"", key);

	if (rc == 0)
		rc = rx_ops_stats_json_esc(b, v, err);
	return rc ? rc : rx_buf_puts(b, "\",", err);
}

static int json_table(rx_buf *b, const rx_ops_stats *s, rx_ops_stats_tab t, rx_error *err)
{
	int rows = rx_ops_stats_rows(t), cols = rx_ops_stats_cols(t);
	int rc = rx_buf_printf(b, err, "\"%s\":{\"rows\":[", rx_ops_stats_tab_name(t));

	for (int i = 0; i <= rows && rc == 0; i++)
		rc = rx_buf_printf(b, err, "%s\"%s\"", i ? "," : "", rx_ops_stats_row_label(t, i, 0));
	rc = rc ? rc : rx_buf_puts(b, "],\"cols\":[", err);
	for (int j = 0; j <= cols && rc == 0; j++)
		rc = rx_buf_printf(b, err, "%s\"%s\"", j ? "," : "", rx_ops_stats_col_label(t, j, 0));
	rc = rc ? rc : rx_buf_puts(b, "],\"counts\":[", err);
	for (int i = 0; i <= rows && rc == 0; i++) {
		rc = rx_buf_puts(b, i ? ",[" : "[", err);
		for (int j = 0; j <= cols && rc == 0; j++)
			rc = rx_ops_stats_is_hidden(s, t, i, j) ?
				rx_buf_printf(b, err, "%s\"*\"", j ? "," : "") :
				rx_buf_printf(b, err, "%s%" PRId64, j ? "," : "",
					rx_ops_stats_get(s, t, i, j));
		rc = rc ? rc : rx_buf_puts(b, "]", err);
	}
	return rc ? rc : rx_buf_puts(b, "]}", err);
}

static int json_unit(rx_buf *b, const rx_ops_stats_unit *u, rx_error *err)
{
	const rx_ops_stats *s = u->s;
	const rx_ops_stats_staff *f = &s->staff;
	rx_ops_stats_rates r;
	int rc;

	rx_ops_stats_rates_of(&r, s);
	if ((rc = rx_buf_printf(b, err, "{\"scope\":\"%s\",\"node\":\"%s\",",
		s->scope == RX_OPS_STATS_SCHOOL ? "school" : "total", s->node)) < 0 ||
	    (rc = str_field(b, "name", u->name, err)) < 0 ||
	    (u->parent && (rc = str_field(b, "parent", u->parent, err)) < 0) ||
	    (rc = rx_buf_printf(b, err, "\"year\":%d,\"round\":\"%s\",\"rates\":{"
		"\"screened_twice\":\"%s\",\"home_visited\":\"%s\",\"obligations_on_time\":"
		"\"%s\"},\"staff\":{\"teachers_full\":%" PRId64 ",\"teachers_part\":%" PRId64
		",\"room_hours_per_week\":%.1f,\"lessons_per_class_fortnight\":%.2f,"
		"\"classes_from_grade4\":%" PRId64 ",\"classes_with_committee\":%" PRId64
		",\"school_type\":%" PRId64 ",\"school_stage\":%" PRId64 ",\"room_weeks\":%"
		PRId64 ",\"room_weeks_met\":%" PRId64 ",\"class_fortnights\":%" PRId64
		",\"class_fortnights_met\":%" PRId64 "},\"tables\":{", s->year, s->round,
		r.screened, r.visited, r.on_time,
		f->teachers_full, f->teachers_part, (double)f->room_hours_x10 / 10,
		(double)f->lessons_x100 / 100, f->classes_g4, f->classes_committee,
		f->school_type, f->school_stage, f->room_weeks, f->room_weeks_ok,
		f->lesson_slots, f->lesson_slots_ok)) < 0)
		return rc;
	for (int t = 0; t < RX_STATS_NTABLES && rc == 0; t++)
		if ((rc = t ? rx_buf_puts(b, ",", err) : 0) == 0)
			rc = json_table(b, s, t, err);
	return rc ? rc : rx_buf_puts(b, "}}", err);
}

int rx_ops_stats_json(rx_buf *b, const rx_ops_stats_report *r, rx_error *err)
{
	int rc = rx_buf_puts(b, "{", err);

	rc = rc ? rc : str_field(b, "title", r->title, err);
	rc = rc ? rc : rx_buf_printf(b, err, "\"threshold\":%d,\"epsilon_spent\":%g,"
		"\"total\":", r->threshold, r->epsilon_spent);
	if (rc == 0)
		rc = r->total ? json_unit(b, r->total, err) : rx_buf_puts(b, "null", err);
	rc = rc ? rc : rx_buf_puts(b, ",\"units\":[", err);
	for (size_t i = 0; i < r->n && rc == 0; i++)
		if ((rc = i ? rx_buf_puts(b, ",", err) : 0) == 0)
			rc = json_unit(b, &r->units[i], err);
	return rc ? rc : rx_buf_puts(b, "]}\n", err);
}
