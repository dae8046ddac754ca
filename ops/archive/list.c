/* Listing the records of one type, filtered by the student's level, key group, grade and class. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/archive/archive.h"

int rx_archive_filter_parse(rx_archive_filter *f, rx_error *err)
{
	const char *bt;
	size_t bl;

	if (f->level && rx_schema_level_parse(&f->lv, f->level, err) < 0)
		return RX_EUSAGE;
	if (f->flag && (rx_schema_flags_parse(&f->bits, f->flag, strlen(f->flag), &bt,
		&bl) < 0 || !f->bits))
		return rx_error_set(err, RX_EUSAGE, "--flag: unknown key group '%.40s'", f->flag);
	return 0;
}

static int keep(const rx_archive_filter *f, const rx_summary *s)
{
	const char *fl = rx_schema_rec_get(s->st, "f");

	if (f->level && s->ob.level != f->lv)
		return 0;
	if (f->flag && !(fl && (strtoul(fl, NULL, 10) & f->bits)))
		return 0;
	if (f->grade && strcmp(f->grade, rx_schema_rec_get(s->st, "gr")))
		return 0;
	return !f->klass || !strcmp(f->klass, rx_schema_rec_get(s->st, "c"));
}

/* Students come with their proposed and effective level. */
static void print_one(FILE *f, rx_json *j, const rx_schema_rec *r, const rx_summary *s)
{
	if (j && (!s || strcmp(r->type->code, "st"))) {
		rx_rec_json(j, r);
	} else if (j) {
		rx_json_obj_begin(j, NULL);
		rx_json_str(j, "id", r->id);
		rx_json_str(j, "name", rx_schema_rec_get(r, "n"));
		rx_json_str(j, "grade", rx_schema_rec_get(r, "gr"));
		rx_json_str(j, "class", rx_schema_rec_get(r, "c"));
		rx_json_str(j, "flags", rx_schema_rec_get(r, "f"));
		rx_json_str(j, "proposed", rx_schema_level_name(s->proposed));
		rx_json_bool(j, "discordant", s->discordant);
		rx_json_str(j, "level", rx_schema_level_name(s->ob.level));
		rx_json_obj_end(j);
	} else {
		if (s && !strcmp(r->type->code, "st"))
			fprintf(f, "[%s/建议%s%s] ", rx_schema_level_name_zh(s->ob.level),
				rx_schema_level_name_zh(s->proposed), s->discordant ? ",不一致" : "");
		rx_rec_print(f, r);
	}
}

int rx_archive_list_print(FILE *out, rx_archive *a, const rx_schema_type *t,
	const rx_archive_filter *f, int json, rx_error *err)
{
	rx_summaries ss = { 0 };
	rx_recset set = { 0 };
	rx_schema_date today;
	rx_json j = RX_JSON_INIT(out);
	char no[33];
	int rc;

	if ((rc = rx_rec_today(&today, err)) < 0 ||
	    (t->per_student && (rc = rx_summaries_load(&ss, a, NULL, today, err)) < 0) ||
	    (rc = rx_recset_load(&set, a, t, NULL, err)) < 0)
		goto out;
	if (json)
		rx_json_arr_begin(&j, NULL);
	for (size_t i = 0; i < set.n; i++) {
		const rx_summary *s = NULL;

		rx_schema_rec_owner(&set.r[i], no);
		if (t->per_student && (!(s = rx_summaries_find(&ss, no)) || !keep(f, s)))
			continue;
		print_one(out, json ? &j : NULL, &set.r[i], s);
	}
	if (json)
		rx_json_arr_end(&j), fputc('\n', out);
	if (t->personal) {
		snprintf(no, sizeof(no), "list %s", t->code);
		rc = rx_rec_access(a, no, err);
	}
out:
	rx_recset_free(&set);
	rx_summaries_free(&ss);
	return rc;
}
