/* runxin due: every obligation still owed, overdue first, then upcoming. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/archive/archive.h"

typedef struct dues {
	rx_schema_due *d;
	size_t n;
	const rx_schema_rec **who; /* by ref: students, then incidents */
} dues;

static int collect(dues *out, const rx_summaries *ss, const rx_schema_oblig_cfg *cfg,
	rx_schema_date today, rx_error *err)
{
	size_t ns = ss->students.n, ni = ss->incidents.n;

	out->d = calloc(ns * RX_SCHEMA_DUE_PER_STUDENT + ni + 1, sizeof(*out->d));
	out->who = calloc(ns + ni + 1, sizeof(*out->who));
	if (!out->d || !out->who)
		return rx_error_nomem(err);
	for (size_t i = 0; i < ns; i++) {
		out->who[i] = ss->s[i].st;
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

static void print(const dues *ds, const rx_summaries *ss, int json)
{
	rx_json j = RX_JSON_INIT(stdout);
	char no[33], dl[16];

	if (json)
		rx_json_arr_begin(&j, NULL);
	for (size_t i = 0; i < ds->n; i++) {
		const rx_schema_due *d = &ds->d[i];
		const rx_schema_rec *w = ds->who[d->ref];
		const rx_summary *s;
		const char *name;

		rx_schema_rec_owner(w, no);
		s = rx_summaries_find(ss, no);
		name = s ? rx_schema_rec_get(s->st, "n") : "?";
		snprintf(dl, sizeof(dl), "%04d-%02d-%02d", d->deadline.year,
			d->deadline.month, d->deadline.day);
		if (!json) {
			printf("%s\t%s %s\t%s\t%s\t%s\n", d->days_left < 0 ? "逾期" : "待办", no,
				name, rx_schema_action_zh(d->act), dl,
				d->level > 0 ? rx_schema_level_name_zh(d->level) : "");
			continue;
		}
		rx_json_obj_begin(&j, NULL);
		rx_json_str(&j, "student", no);
		rx_json_str(&j, "name", name);
		rx_json_str(&j, "action", rx_schema_action_en(d->act));
		rx_json_str(&j, "label", rx_schema_action_zh(d->act));
		rx_json_str(&j, "level", rx_schema_level_name(d->level));
		rx_json_str(&j, "deadline", dl);
		rx_json_bool(&j, "overdue", d->days_left < 0);
		if (w->type != ss->students.r[0].type)
			rx_json_str(&j, "record", w->id);
		rx_json_obj_end(&j);
	}
	if (json)
		rx_json_arr_end(&j), putchar('\n');
}

static int due(rx_archive *a, int json, rx_error *err)
{
	rx_schema_oblig_cfg cfg;
	rx_summaries ss = { 0 };
	rx_schema_date today;
	dues ds = { 0 };
	int rc;

	if ((rc = rx_rec_today(&today, err)) < 0 ||
	    (rc = rx_schema_oblig_default(&cfg, err)) < 0 ||
	    (rc = rx_summaries_load(&ss, a, NULL, today, err)) < 0 ||
	    (rc = collect(&ds, &ss, &cfg, today, err)) < 0)
		goto out;
	print(&ds, &ss, json);
	rc = rx_rec_access(a, "due", err);
out:
	free(ds.d);
	free(ds.who);
	rx_summaries_free(&ss);
	return rc;
}

int rx_cmd_due(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	int json = o->json;
	const rx_argopt opts[] = { { "--json", NULL, &json }, { NULL, NULL, NULL } };
	rx_archive *a = NULL;
	rx_home *h = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, NULL, 0, 0, err)) < 0)
		return rc;
	if ((rc = rx_home_open(&h, &o->home, err)) == 0 && (rc = rx_archive_open(&a, h, &o->home, err)) == 0)
		rc = due(a, json, err);
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}
