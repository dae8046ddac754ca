/* Listing the records of one type, filtered by the student's level, key group, grade and class. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/archive/archive.h"
#include "ops/archive/render.h"
#include "schema/groups.h"

int rx_archive_filter_parse(rx_archive_filter *f, rx_error *err)
{
	const char *bt;
	size_t bl;

	if (f->level && rx_schema_level_parse(&f->lv, f->level, err) < 0)
		return RX_EUSAGE;
	if (f->flag && (rx_schema_flags_parse(&f->bits, f->flag, strlen(f->flag), &bt,
		&bl) < 0 || !f->bits)) {
		const rx_schema_groups *g = rx_schema_groups_default();
		char all[320];

		rx_schema_groups_names(g, g ? g->bits : 0, all, sizeof(all));
		return rx_error_set(err, RX_EUSAGE, "--flag: 无法识别的重点群体 '%.40s': 应为 %s "
			"(unknown key group)", f->flag, all);
	}
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
static void json_one(rx_json *j, const rx_schema_rec *r, const rx_summary *s)
{
	if (!s || strcmp(r->type->code, "st")) {
		rx_rec_json(j, r);
		return;
	}
	rx_json_obj_begin(j, NULL);
	rx_json_str(j, "id", r->id);
	rx_json_str(j, "name", rx_schema_rec_get(r, "n"));
	rx_json_str(j, "grade", rx_schema_rec_get(r, "gr"));
	rx_json_str(j, "class", rx_schema_rec_get(r, "c"));
	rx_json_str(j, "flags", rx_schema_rec_get(r, "f"));
	rx_json_str(j, "proposed", rx_schema_level_name(s->proposed));
	rx_json_bool(j, "discordant", s->discordant);
	rx_json_str(j, "level", rx_schema_level_name(s->ob.level));
	rx_json_bool(j, "left", s->left);
	rx_json_obj_end(j);
}

/*
 * Columns of a listing: 学号 and 姓名 for per-student types, then every
 * field but the student's key (and, for students, their name), the
 * answers as one column, 编号 for records updated by id, the levels.
 */
enum { COL_NO, COL_NAME, COL_FIELDS };

static int is_field_col(const rx_schema_type *t, size_t i)
{
	return t->fields[i].type != RX_SCHEMA_F_NO &&
		(strcmp(t->code, "st") || strcmp(t->fields[i].name, "n"));
}

static int table_open(rx_table *tb, const rx_schema_type *t, rx_error *err)
{
	const char *h[COL_FIELDS + RX_SCHEMA_REC_FIELDS_MAX + 4] = { "学号", "姓名" };
	size_t n = COL_FIELDS;

	for (size_t i = 0; i < t->nfields; i++)
		if (is_field_col(t, i))
			h[n++] = t->fields[i].zh;
	h[n++] = t->items ? "各题" : "";
	h[n++] = t->idform != RX_SCHEMA_ID_KEYS ? "编号" : "";
	h[n++] = "等级";
	h[n++] = "建议等级";
	if (rx_table_init(tb, n, h, err) < 0)
		return RX_EINTERNAL;
	tb->maxw = 30;
	return 0;
}

static void items_text(const rx_schema_rec *r, char *buf, size_t cap)
{
	size_t o = 0;

	buf[0] = 0;
	for (size_t i = r->type->nfields; i < RX_SCHEMA_REC_FIELDS_MAX && o < cap; i++)
		if (r->val[i])
			o += (size_t)snprintf(buf + o, cap - o, "%s%s", o ? " " : "", r->val[i]);
}

static int table_add(rx_table *tb, const rx_schema_rec *r, const rx_summary *s,
	rx_error *err)
{
	const rx_schema_type *t = r->type;
	char buf[512], no[33];
	size_t c = COL_FIELDS;
	int rc = rx_table_row(tb, err);

	rx_schema_rec_owner(r, no);
	if (rc == 0 && t->per_student)
		rc = rx_table_set(tb, COL_NO, no, err) ||
			rx_table_set(tb, COL_NAME, s ? rx_schema_rec_get(s->st, "n") : NULL, err);
	for (size_t i = 0; rc == 0 && i < t->nfields; i++)
		if (is_field_col(t, i))
			rc = rx_table_set(tb, c++, rx_rec_value(r, i, buf, sizeof(buf)), err);
	if (rc == 0 && t->items)
		items_text(r, buf, sizeof(buf)), rc = rx_table_set(tb, c, buf, err);
	if (rc == 0 && t->idform != RX_SCHEMA_ID_KEYS)
		rc = rx_table_set(tb, c + 1, r->id, err);
	if (rc == 0 && s && !strcmp(t->code, "st"))
		rc = rx_table_set(tb, c + 2, s->left ? "已离校" : rx_schema_level_name_zh(s->ob.level),
			err) ||
			rx_table_set(tb, c + 3, rx_summary_proposed_text(s, buf, sizeof(buf)), err);
	return rc ? RX_EINTERNAL : 0;
}

/* What a listing counts for its summary line. */
typedef struct counts {
	size_t n, lv[4], students, left;
	char prev[33];
} counts;

/* "共 3 名学生: 红 1, 橙 0, 黄 1, 无 1" or "共 5 条辅导记录 (2 名学生)". */
static void summary_line(FILE *f, const rx_schema_type *t, const counts *k)
{
	size_t zl = strlen(t->zh);
	const char *rec = zl >= 6 && !strcmp(t->zh + zl - 6, "记录") ? "" : "记录";

	if (!strcmp(t->code, "st") && k->left)
		fprintf(f, "共 %zu 名学生: 红 %zu, 橙 %zu, 黄 %zu, 无 %zu (在校; 另有 %zu 名已离校, 不计入)\n",
			k->n - k->left, k->lv[3], k->lv[2], k->lv[1], k->lv[0], k->left);
	else if (!strcmp(t->code, "st"))
		fprintf(f, "共 %zu 名学生: 红 %zu, 橙 %zu, 黄 %zu, 无 %zu\n", k->n, k->lv[3],
			k->lv[2], k->lv[1], k->lv[0]);
	else if (t->per_student)
		fprintf(f, "共 %zu 条%s%s (%zu 名学生)\n", k->n, t->zh, rec, k->students);
	else
		fprintf(f, "共 %zu 条%s%s\n", k->n, t->zh, rec);
}

static void count(counts *k, const rx_summary *s, const rx_schema_rec *r, const char *no)
{
	k->n++;
	/* a student who left keeps the row (the archive is kept), not the count */
	if (s && s->left && !strcmp(r->type->code, "st"))
		k->left++;
	else if (s && s->ob.level >= 0 && s->ob.level <= RX_SCHEMA_LEVEL_RED)
		k->lv[s->ob.level]++;
	k->students += s && strcmp(k->prev, no);
	snprintf(k->prev, sizeof(k->prev), "%s", no);
}

int rx_archive_list_print(FILE *out, rx_archive *a, const rx_schema_type *t,
	const rx_archive_filter *f, int json, rx_error *err)
{
	rx_summaries ss = { 0 };
	rx_recset set = { 0 };
	rx_schema_date today;
	rx_json j = RX_JSON_INIT(out);
	rx_table tb = { 0 };
	counts k = { 0 };
	char no[33];
	int rc;

	if ((rc = rx_rec_today(&today, err)) < 0 ||
	    (t->per_student && (rc = rx_summaries_load(&ss, a, NULL, today, err)) < 0) ||
	    (rc = rx_recset_load(&set, a, t, NULL, err)) < 0 ||
	    (!json && (rc = table_open(&tb, t, err)) < 0))
		goto out;
	if (json)
		rx_json_arr_begin(&j, NULL);
	for (size_t i = 0; i < set.n; i++) {
		const rx_summary *s = NULL;

		rx_schema_rec_owner(&set.r[i], no);
		if (t->per_student && (!(s = rx_summaries_find(&ss, no)) || !keep(f, s)))
			continue;
		count(&k, s, &set.r[i], no);
		if (json)
			json_one(&j, &set.r[i], s);
		else if ((rc = table_add(&tb, &set.r[i], s, err)) < 0)
			goto out;
	}
	if (json)
		rx_json_arr_end(&j), fputc('\n', out);
	else
		rx_table_print(out, &tb, NULL), summary_line(out, t, &k);
	if (t->personal) {
		snprintf(no, sizeof(no), "list %s", t->code);
		rc = rx_rec_access(a, no, err);
	}
out:
	rx_table_free(&tb);
	rx_recset_free(&set);
	rx_summaries_free(&ss);
	return rc;
}

int rx_archive_filter_keep(const rx_archive_filter *f, const rx_summary *s)
{
	return keep(f, s);
}
