/* Obligations still owed by the school: collected from every student and incident, overdue first (printed by due_print.c). */
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
