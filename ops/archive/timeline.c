/* A student's whole archive as one timeline: every record of the student, by date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/archive/archive.h"
#include "schema/groups.h"

typedef struct timeline {
	rx_recset sets[16];
	size_t nsets;
	const rx_schema_rec **ev;
	size_t n;
} timeline;

static const char *when(const rx_schema_rec *r)
{
	const char *d = r->type->date_field ? rx_schema_rec_get(r, r->type->date_field) : NULL;

	return d ? d : "";
}

static int cmp_ev(const void *pa, const void *pb)
{
	const rx_schema_rec *a = *(const rx_schema_rec *const *)pa;
	const rx_schema_rec *b = *(const rx_schema_rec *const *)pb;
	int c = strcmp(when(a), when(b));

	return c ? c : strcmp(a->id, b->id);
}

static int load(timeline *tl, rx_archive *a, const char *no, rx_error *err)
{
	size_t nt, total = 0;
	const rx_schema_type *t = rx_schema_types(&nt);
	int rc;

	for (size_t i = 0; i < nt; i++) {
		if (!t[i].per_student || !strcmp(t[i].code, "st"))
			continue;
		if ((rc = rx_recset_load(&tl->sets[tl->nsets++], a, &t[i], no, err)) < 0)
			return rc;
		total += tl->sets[tl->nsets - 1].n;
	}
	/* incidents have their own ids: those that name the student */
	if ((rc = rx_archive_incidents_of(&tl->sets[tl->nsets++], a, no, err)) < 0)
		return rc;
	total += tl->sets[tl->nsets - 1].n;
	if (!(tl->ev = calloc(total + 1, sizeof(*tl->ev))))
		return rx_error_nomem(err);
	for (size_t i = 0; i < tl->nsets; i++)
		for (size_t k = 0; k < tl->sets[i].n; k++)
			tl->ev[tl->n++] = &tl->sets[i].r[k];
	qsort(tl->ev, tl->n, sizeof(*tl->ev), cmp_ev);
	return 0;
}

/* The student's key groups by name; a student who left: the date and reason (the archive is kept). */
static void left_line(FILE *f, const rx_summary *s)
{
	const rx_schema_type *t = s->st->type;
	int lr = rx_schema_field_find(t, "lr");
	const char *why = rx_schema_rec_get(s->st, "lr"), *fl = rx_schema_rec_get(s->st, "f");
	char groups[512];

	rx_schema_groups_names(rx_schema_groups_default(),
		fl ? (uint32_t)strtoul(fl, NULL, 10) : 0, groups, sizeof(groups));
	if (groups[0])
		fprintf(f, "重点关爱群体: %s\n", groups);
	if (s->left)
		fprintf(f, "已离校 %s (%s), 档案保留 (left; records kept)\n",
			rx_schema_rec_get(s->st, "lf"),
			why && lr >= 0 ? rx_schema_enum_label(&t->fields[lr], why) : "-");
}

/* What made the proposal (scale, item, total and band), one line; none when empty. */
static void print_why(FILE *f, const rx_summary *s)
{
	if (s->why[0])
		fprintf(f, "依据: %s\n", s->why);
}

static void print(FILE *f, const timeline *tl, const rx_summary *s, int json)
{
	rx_json j = RX_JSON_INIT(f);

	if (!json) {
		rx_rec_print(f, s->st);
		left_line(f, s);
		fprintf(f, "建议等级 %s%s (轮次 %s), 当前等级 %s\n", rx_schema_level_name_zh(s->proposed),
			s->discordant ? " (两次不一致 discordant)" : "", s->round[0] ? s->round : "-",
			rx_schema_level_name_zh(s->ob.level));
		print_why(f, s);
		for (size_t i = 0; i < tl->n; i++) {
			fprintf(f, "%-10s ", when(tl->ev[i]));
			rx_rec_print(f, tl->ev[i]);
		}
		return;
	}
	rx_json_obj_begin(&j, NULL);
	rx_json_str(&j, "proposed", rx_schema_level_name(s->proposed));
	rx_json_bool(&j, "discordant", s->discordant);
	rx_json_str(&j, "round", s->round);
	rx_json_str(&j, "level", rx_schema_level_name(s->ob.level));
	if (s->left) {
		rx_json_str(&j, "left", rx_schema_rec_get(s->st, "lf"));
		rx_json_str(&j, "left_reason", rx_schema_rec_get(s->st, "lr"));
	}
	rx_json_str(&j, "why", s->why);
	rx_json_arr_begin(&j, "timeline");
	rx_rec_json(&j, s->st);
	for (size_t i = 0; i < tl->n; i++)
		rx_rec_json(&j, tl->ev[i]);
	rx_json_arr_end(&j);
	rx_json_obj_end(&j);
	fputc('\n', f);
}

int rx_archive_timeline_print(FILE *f, rx_archive *a, const char *no, int json,
	rx_error *err)
{
	rx_summaries ss = { 0 };
	timeline tl = { 0 };
	rx_schema_date today;
	rx_summary *s;
	char what[64];
	int rc;

	if ((rc = rx_summaries_load_one(&ss, &s, &today, a, no, err)) < 0)
		goto out;
	if ((rc = load(&tl, a, no, err)) < 0)
		goto out;
	print(f, &tl, s, json);
	snprintf(what, sizeof(what), "show %s", no);
	rc = rx_rec_access(a, what, err);
out:
	for (size_t i = 0; i < tl.nsets; i++)
		rx_recset_free(&tl.sets[i]);
	free(tl.ev);
	rx_summaries_free(&ss);
	return rc;
}
