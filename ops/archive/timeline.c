/* A student's whole archive as one timeline: every record of the student, by date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/archive/archive.h"
#include "schema/groups.h"
#include "ops/archive/render.h"

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

/* A student who left: the date and reason (the archive is kept). */
static void left_line(FILE *f, const rx_summary *s)
{
	const rx_schema_type *t = s->st->type;
	int lr = rx_schema_field_find(t, "lr");
	const char *why = rx_schema_rec_get(s->st, "lr");

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

/* "学生  T0002  张三  女  8年级3班  出生日期 2011-03-12  重点标记 留守". */
static void print_student(FILE *f, const rx_summary *s)
{
	const rx_schema_rec *st = s->st;
	const char *g = rx_schema_rec_get(st, "g"), *b = rx_schema_rec_get(st, "b");
	char gc[64], buf[256];

	rx_rec_grade_class(st, gc, sizeof(gc));
	fprintf(f, "学生  %s  %s  %s  %s", st->id, rx_schema_rec_get(st, "n"),
		g && !strcmp(g, "1") ? "男" : g ? "女" : "", gc);
	if (b)
		fprintf(f, "  出生日期 %s", b);
	if (rx_rec_value(st, (size_t)rx_schema_field_find(st->type, "f"), buf, sizeof(buf)))
		fprintf(f, "  重点标记 %s", buf);
	fputc('\n', f);
}

/*
 * The levels: current, proposed (its round; 不一致 only for a real pair),
 * confirmed. Kept apart so that a line saying why can follow.
 */
static void print_levels(FILE *f, const rx_summary *s)
{
	const rx_schema_date *d = &s->ob.assessed;

	fprintf(f, "当前等级  %s\n", rx_schema_level_name_zh(s->ob.level));
	if (s->proposed == RX_SCHEMA_LEVEL_MISSING)
		fprintf(f, "建议等级  未测评\n");
	else
		fprintf(f, "建议等级  %s (轮次 %s%s)\n", rx_schema_level_name_zh(s->proposed),
			s->round, rx_summary_discordant_shown(s) ? ", 两次测评不一致" :
			rx_summary_one_administration(s) ? ", 只测了一次" : "");
	if (s->confirmed == RX_SCHEMA_LEVEL_MISSING)
		fprintf(f, "确认等级  未确认 (一对一评估后用 confirm 确认)\n");
	else
		fprintf(f, "确认等级  %s (%04d-%02d-%02d)\n", rx_schema_level_name_zh(s->confirmed),
			d->year, d->month, d->day);
}

/* Every record by date: "2024-10-15  测评      量表 phq9  轮次 ex  ...". */
static void print_events(FILE *f, const timeline *tl)
{
	for (size_t i = 0; i < tl->n; i++) {
		const rx_schema_rec *r = tl->ev[i];
		size_t w = rx_text_width(r->type->zh);

		fprintf(f, "%-10s  %s%*s", when(r)[0] ? when(r) : "(无日期)", r->type->zh,
			(int)(w < 8 ? 10 - w : 2), "");
		rx_rec_print_fields(f, r, r->type->date_field);
	}
	fprintf(f, "共 %zu 条记录\n", tl->n);
}

static void print_text(FILE *f, const timeline *tl, const rx_summary *s)
{
	print_student(f, s);
	left_line(f, s);
	print_levels(f, s);
	print_why(f, s);
	fputs("\n日期        类别      内容\n", f);
	print_events(f, tl);
}

static void print_json(FILE *f, const timeline *tl, const rx_summary *s)
{
	rx_json j = RX_JSON_INIT(f);

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
	if (json)
		print_json(f, &tl, s);
	else
		print_text(f, &tl, s);
	snprintf(what, sizeof(what), "show %s", no);
	rc = rx_rec_access(a, what, err);
out:
	for (size_t i = 0; i < tl.nsets; i++)
		rx_recset_free(&tl.sets[i]);
	free(tl.ev);
	rx_summaries_free(&ss);
	return rc;
}
