/* `due` as a head teacher reads it: filtered by grade, class or head teacher, most urgent first, with a summary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/archive/archive.h"
#include "ops/archive/render.h"

/* The filters, parsed, and the class records that name head teachers. */
typedef struct due_view {
	const rx_archive_due_opts *o;
	char grade[4], klass[33];
	rx_recset classes;
	rx_schema_date today;
} due_view;

static int view_open(due_view *v, rx_archive *a, const rx_archive_due_opts *o,
	rx_error *err)
{
	v->o = o;
	if (o->grade && rx_schema_grade_norm(v->grade, o->grade) < 0)
		return rx_error_set(err, RX_EUSAGE, "--grade: 无法识别的年级 '%.40s' "
			"(write it as 8, 八年级 or 初二)", o->grade);
	if (o->klass && rx_schema_class_norm(v->klass, o->klass) < 0)
		return rx_error_set(err, RX_EUSAGE, "--class: 无法识别的班级 '%.40s' "
			"(write it as 3 or 3班)", o->klass);
	return rx_recset_load(&v->classes, a, rx_schema_type_find("cl"), NULL, err);
}

/* The head teacher of the student's class, or NULL. */
static const char *head_teacher(const due_view *v, const rx_schema_rec *st)
{
	const char *g = rx_schema_rec_get(st, "gr"), *c = rx_schema_rec_get(st, "c");
	const rx_schema_rec *cl;
	char id[64];

	if (!g || !c)
		return NULL;
	snprintf(id, sizeof(id), "%s/%s", g, c);
	cl = rx_recset_find(&v->classes, id);
	return cl ? rx_schema_rec_get(cl, "ht") : NULL;
}

/* RX_EINPUT when --teacher names nobody's head teacher (a typo shows, not an empty list). */
static int teacher_known(const due_view *v, rx_error *err)
{
	for (size_t i = 0; v->o->teacher && i < v->classes.n; i++) {
		const char *ht = rx_schema_rec_get(&v->classes.r[i], "ht");

		if (ht && !strcmp(ht, v->o->teacher))
			return 0;
	}
	if (!v->o->teacher)
		return 0;
	return rx_error_set(err, RX_EINPUT, "没有哪个班的班主任是 %.60s (no class has this head "
		"teacher; set it with add class gr=G c=C ht=NAME)", v->o->teacher);
}

static int keep(const due_view *v, const rx_schema_due *d, const rx_summary *s)
{
	const char *ht;

	if (v->o->overdue && d->days_left >= 0)
		return 0;
	if (!v->o->grade && !v->o->klass && !v->o->teacher)
		return 1;
	if (!s) /* school-wide items and incidents: the whole school's list only */
		return 0;
	if (v->o->grade && strcmp(v->grade, rx_schema_rec_get(s->st, "gr")))
		return 0;
	if (v->o->klass && strcmp(v->klass, rx_schema_rec_get(s->st, "c")))
		return 0;
	ht = v->o->teacher ? head_teacher(v, s->st) : NULL;
	return !v->o->teacher || (ht && !strcmp(ht, v->o->teacher));
}

static void days_text(char *buf, size_t cap, long left)
{
	if (left < 0)
		snprintf(buf, cap, "逾期 %ld 天", -left);
	else if (left == 0)
		snprintf(buf, cap, "今天");
	else
		snprintf(buf, cap, "还剩 %ld 天", left);
}

static void date_text(char *buf, size_t cap, rx_schema_date d)
{
	snprintf(buf, cap, "%04d-%02d-%02d", d.year, d.month, d.day);
}

/*
 * The student an obligation belongs to; NULL for a school-wide item (no is
 * "全校") and for an incident's own duty (no is the incident's id).
 */
static const rx_summary *owner(const rx_archive_dues *ds, const rx_summaries *ss,
	const rx_schema_due *d, char no[static 33])
{
	const rx_schema_rec *w = ds->who[d->ref];

	if (!w) {
		snprintf(no, 33, "全校");
		return NULL;
	}
	rx_schema_rec_owner(w, no);
	if (!no[0])
		snprintf(no, 33, "%s", w->id);
	return rx_summaries_find(ss, no);
}

/*
 * What is owed, as a teacher reads it: the calendar item's own text or the
 * action's name, with how many students a school-wide item waits for, and
 * for an assessment what made the proposal ("PHQ-9 第9题 阳性").
 */
static void action_text(char *buf, size_t cap, const rx_schema_due *d, const rx_summary *s)
{
	int k = snprintf(buf, cap, "%s", d->what ? d->what : rx_schema_action_zh(d->act));

	if (k < 0 || (size_t)k >= cap)
		return;
	if (d->count)
		snprintf(buf + k, cap - (size_t)k, " (尚有 %zu 名学生未完成)", d->count);
	else if (d->act == RX_ACT_ASSESSMENT && s && s->why[0])
		snprintf(buf + k, cap - (size_t)k, " (%s)", s->why);
}

static void json_one(rx_json *j, const due_view *v, const rx_archive_dues *ds,
	const rx_schema_due *d, const rx_summary *s, const char *no)
{
	const rx_schema_rec *w = ds->who[d->ref];
	const char *ht = s ? head_teacher(v, s->st) : NULL;
	char dl[16];

	date_text(dl, sizeof(dl), d->deadline);
	rx_json_obj_begin(j, NULL);
	if (!w) {
		rx_json_str(j, "scope", "school");
		if (d->count)
			rx_json_int(j, "students", (long long)d->count);
	} else {
		rx_json_str(j, "student", no);
		rx_json_str(j, "name", s ? rx_schema_rec_get(s->st, "n") : w->type->zh);
	}
	rx_json_str(j, "action", rx_schema_action_en(d->act));
	rx_json_str(j, "label", d->what ? d->what : rx_schema_action_zh(d->act));
	rx_json_str(j, "level", rx_schema_level_name(d->level));
	rx_json_str(j, "deadline", dl);
	rx_json_bool(j, "overdue", d->days_left < 0);
	if (w && strcmp(w->type->code, "st"))
		rx_json_str(j, "record", w->id);
	if (d->act == RX_ACT_ASSESSMENT && s && s->why[0])
		rx_json_str(j, "why", s->why);
	rx_json_int(j, "days_left", d->days_left);
	if (s) {
		rx_json_str(j, "grade", rx_schema_rec_get(s->st, "gr"));
		rx_json_str(j, "class", rx_schema_rec_get(s->st, "c"));
		rx_json_str(j, "student_level", rx_schema_level_name(s->ob.level));
	}
	if (ht)
		rx_json_str(j, "head_teacher", ht);
	rx_json_obj_end(j);
}

static int row(rx_table *tb, const due_view *v, const rx_schema_due *d,
	const rx_schema_rec *w, const rx_summary *s, const char *no)
{
	const char *cells[8] = { NULL };
	char left[32], dl[16], gc[64], what[320];
	int rc = 0;

	days_text(left, sizeof(left), d->days_left);
	date_text(dl, sizeof(dl), d->deadline);
	action_text(what, sizeof(what), d, s);
	cells[0] = left;
	cells[1] = no[0] ? no : "-";
	cells[4] = what;
	cells[5] = dl;
	if (w && !s)
		cells[2] = w->type->zh; /* an incident's own duty: 极端事件 */
	if (s) {
		rx_rec_grade_class(s->st, gc, sizeof(gc));
		cells[2] = rx_schema_rec_get(s->st, "n");
		cells[3] = gc;
		/* the student's level: a yearly duty of a red student is urgent too */
		cells[6] = rx_schema_level_name_zh(s->ob.level > d->level ? s->ob.level : d->level);
		cells[7] = head_teacher(v, s->st);
	}
	if (rx_table_row(tb, NULL) < 0)
		return RX_EINTERNAL;
	for (size_t c = 0; c < 8 && rc == 0; c++)
		rc = rx_table_set(tb, c, cells[c], NULL);
	return rc;
}

/* "截至 2024-10-20 的待办事项 (8年级, 3班, 班主任 王老师, 只列逾期)". */
static void title(FILE *f, const due_view *v)
{
	const rx_archive_due_opts *o = v->o;
	const char *sep = " (";
	char d[16];

	date_text(d, sizeof(d), v->today);
	fprintf(f, "截至 %s 的待办事项", d);
	if (o->grade)
		fprintf(f, "%s%s年级", sep, v->grade), sep = ", ";
	if (o->klass)
		fprintf(f, "%s%s%s", sep, v->klass, strspn(v->klass, "0123456789") ==
			strlen(v->klass) ? "班" : ""), sep = ", ";
	if (o->teacher)
		fprintf(f, "%s班主任 %s", sep, o->teacher), sep = ", ";
	if (o->overdue)
		fprintf(f, "%s只列逾期", sep), sep = ", ";
	fputs(sep[0] == ',' ? ")\n" : "\n", f);
}

static int print_all(FILE *f, const due_view *v, const rx_archive_dues *ds,
	const rx_summaries *ss, rx_error *err)
{
	static const char *const head[8] = { "期限状态", "学号", "姓名", "年级班级", "事项",
		"期限", "等级", "班主任" };
	size_t n[3] = { 0, 0, 0 }, total = 0;
	rx_json j = RX_JSON_INIT(f);
	rx_table tb = { 0 };
	char no[33];
	int rc = 0;

	if (v->o->json)
		rx_json_arr_begin(&j, NULL);
	else if ((rc = rx_table_init(&tb, 8, head, err)) < 0)
		return rc;
	for (size_t i = 0; i < ds->n && rc == 0; i++) {
		const rx_schema_due *d = &ds->d[i];
		const rx_summary *s = owner(ds, ss, d, no);

		if (!keep(v, d, s))
			continue;
		total++;
		n[d->days_left < 0 ? 0 : d->days_left == 0 ? 1 : 2]++;
		if (v->o->json)
			json_one(&j, v, ds, d, s, no);
		else
			rc = row(&tb, v, d, ds->who[d->ref], s, no);
	}
	if (v->o->json) {
		rx_json_arr_end(&j), fputc('\n', f);
	} else if (rc == 0) {
		title(f, v);
		rx_table_print(f, &tb, NULL);
		fprintf(f, "共 %zu 项: 逾期 %zu, 今天到期 %zu, 待办 %zu\n", total, n[0], n[1], n[2]);
	}
	rx_table_free(&tb);
	return rc < 0 ? rx_error_nomem(err) : 0;
}

int rx_archive_due_print(FILE *f, rx_archive *a, const rx_archive_due_opts *o,
	rx_error *err)
{
	rx_summaries ss = { 0 };
	rx_archive_dues ds = { 0 };
	due_view v = { 0 };
	int rc;

	if ((rc = view_open(&v, a, o, err)) < 0 || (rc = teacher_known(&v, err)) < 0 ||
	    (rc = rx_rec_today(&v.today, err)) < 0 ||
	    (rc = rx_summaries_load(&ss, a, NULL, v.today, err)) < 0 ||
	    (rc = rx_archive_dues_load(&ds, &ss, v.today, err)) < 0 ||
	    (rc = print_all(f, &v, &ds, &ss, err)) < 0)
		goto out;
	rc = rx_rec_access(a, "due", err);
out:
	rx_recset_free(&v.classes);
	rx_archive_dues_free(&ds);
	rx_summaries_free(&ss);
	return rc;
}
