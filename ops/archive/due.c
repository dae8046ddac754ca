/* Obligations still owed by the school: collected from every student and incident, overdue first. */
#include <stdio.h>
#include <stdlib.h>

#include "ops/archive/archive.h"

static int collect(rx_archive_dues *out, const rx_summaries *ss, const rx_schema_oblig_cfg *cfg,
	rx_schema_date today, rx_error *err)
{
	size_t ns = ss->students.n, ni = ss->incidents.n;

	out->d = calloc(ns * RX_SCHEMA_DUE_PER_STUDENT + ni + 1, sizeof(*out->d));
	out->who = calloc(ns + ni + 1, sizeof(*out->who));
	if (!out->d || !out->who)
		return rx_error_nomem(err);
	for (size_t i = 0; i < ns; i++) {
		out->who[i] = ss->s[i].st;
		if (ss->s[i].left)
			continue; /* left the school: records kept, nothing owed */
		out->n += rx_schema_oblig_student_due(cfg, &ss->s[i].ob, today, out->d + out->n);
	}
	for (size_t i = 0; i < ni; i++) {
		const rx_schema_rec *in = &ss->incidents.r[i];
		rx_schema_oblig_incident oi;

		rx_summary_incident(&oi, in, rx_recset_find(&ss->reviews, in->id));
		oi.ref = ns + i;
		out->who[ns + i] = in;
		out->n += (size_t)rx_schema_oblig_incident_due(cfg, &oi, today, out->d + out->n);
	}
	rx_schema_due_sort(out->d, out->n);
	return 0;
}

/* A school-wide item: one line for the whole school (全校), with the students it waits for. */
static void school_item(FILE *f, rx_json *j, const rx_schema_due *d, const char *label,
	int json)
{
	char dl[16];

	snprintf(dl, sizeof(dl), "%04d-%02d-%02d", d->deadline.year, d->deadline.month,
		d->deadline.day);
	if (!json) {
		fprintf(f, "%s\t全校\t%s", d->days_left < 0 ? "逾期" : "待办", label);
		if (d->count)
			fprintf(f, " (尚有 %zu 名学生未完成)", d->count);
		fprintf(f, "\t%s\t\n", dl);
		return;
	}
	rx_json_obj_begin(j, NULL);
	rx_json_str(j, "scope", "school");
	rx_json_str(j, "action", rx_schema_action_en(d->act));
	rx_json_str(j, "label", label);
	rx_json_str(j, "deadline", dl);
	rx_json_bool(j, "overdue", d->days_left < 0);
	if (d->count)
		rx_json_int(j, "students", (long long)d->count);
	rx_json_obj_end(j);
}

static void print(FILE *f, const rx_archive_dues *ds, const rx_summaries *ss, int json)
{
	rx_json j = RX_JSON_INIT(f);
	char no[33], dl[16];

	if (json)
		rx_json_arr_begin(&j, NULL);
	for (size_t i = 0; i < ds->n; i++) {
		const rx_schema_due *d = &ds->d[i];
		const rx_schema_rec *w = ds->who[d->ref];
		const rx_summary *s;
		const char *name, *label = d->what ? d->what : rx_schema_action_zh(d->act);

		if (!w) {
			school_item(f, &j, d, label, json);
			continue;
		}
		rx_schema_rec_owner(w, no);
		s = rx_summaries_find(ss, no);
		name = s ? rx_schema_rec_get(s->st, "n") : "?";
		if (!no[0]) /* an incident's own duty (its review): its id and type */
			snprintf(no, sizeof(no), "%s", w->id), name = w->type->zh;
		snprintf(dl, sizeof(dl), "%04d-%02d-%02d", d->deadline.year,
			d->deadline.month, d->deadline.day);
		if (!json) {
			fprintf(f, "%s\t%s %s\t%s\t%s\t%s", d->days_left < 0 ? "逾期" : "待办", no,
				name, label, dl,
				d->level > 0 ? rx_schema_level_name_zh(d->level) : "");
			if (d->act == RX_ACT_ASSESSMENT && s && s->why[0])
				fprintf(f, "\t%s", s->why); /* e.g. PHQ-9 第9题 阳性 */
			fputc('\n', f);
			continue;
		}
		rx_json_obj_begin(&j, NULL);
		rx_json_str(&j, "student", no);
		rx_json_str(&j, "name", name);
		rx_json_str(&j, "action", rx_schema_action_en(d->act));
		rx_json_str(&j, "label", label);
		rx_json_str(&j, "level", rx_schema_level_name(d->level));
		rx_json_str(&j, "deadline", dl);
		rx_json_bool(&j, "overdue", d->days_left < 0);
		if (w->type != ss->students.r[0].type)
			rx_json_str(&j, "record", w->id);
		if (d->act == RX_ACT_ASSESSMENT && s && s->why[0])
			rx_json_str(&j, "why", s->why);
		rx_json_obj_end(&j);
	}
	if (json)
		rx_json_arr_end(&j), fputc('\n', f);
}

int rx_archive_dues_load(rx_archive_dues *out, const rx_summaries *ss,
	rx_schema_date today, rx_error *err)
{
	rx_schema_oblig_cfg cfg;
	int rc;

	if ((rc = rx_schema_oblig_default(&cfg, err)) < 0 ||
	    (rc = collect(out, ss, &cfg, today, err)) < 0)
		return rc;
	return rx_archive_care_dues(out, ss, today, err);
}

void rx_archive_dues_free(rx_archive_dues *ds)
{
	if (!ds)
		return;
	free(ds->d);
	free(ds->who);
	free(ds->cal);
}

int rx_archive_due_print(FILE *f, rx_archive *a, int json, rx_error *err)
{
	rx_summaries ss = { 0 };
	rx_schema_date today;
	rx_archive_dues ds = { 0 };
	int rc;

	if ((rc = rx_rec_today(&today, err)) < 0 ||
	    (rc = rx_summaries_load(&ss, a, NULL, today, err)) < 0 ||
	    (rc = rx_archive_dues_load(&ds, &ss, today, err)) < 0)
		goto out;
	print(f, &ds, &ss, json);
	rc = rx_rec_access(a, "due", err);
out:
	rx_archive_dues_free(&ds);
	rx_summaries_free(&ss);
	return rc;
}
