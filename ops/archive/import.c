/* Importing a roster or a screening CSV into the archive: rows -> records, written in batches of change-sets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/archive/archive.h"
#include "schema/builtin.h"
#include "schema/schema.h"

/*
 * Rows are written every BATCH_ROWS rows (or before the ops of one change-set
 * could pass RX_SYNC_BATCH_OPS_MAX), so memory stays flat in the file size;
 * existing records are read one by one for the same reason.
 */
#define BATCH_ROWS 20000
#define BATCH_OPS (RX_SYNC_BATCH_OPS_MAX / 2)

/* What one import holds: the current batch and the counts so far. */
typedef struct batch {
	rx_archive *a;
	rx_schema_rec *recs;  /* new versions, kept alive until written */
	size_t nrec, caprec;
	rx_sync_op *ops;
	size_t nops, capops;
	size_t rows, fields, changesets;
	rx_archive_refusals refused;
	const rx_archive_import_opts *o;
	char (*seen)[33];     /* complete roster: the student numbers of kept rows */
	size_t nseen, capseen;
	int min_interval;     /* screening: days between the two administrations */
} batch;

/* Write the batch as one change-set (when something changed) and empty it. */
static int flush(batch *b, rx_error *err)
{
	int rc = 0;

	if (b->nops && !b->o->dry_run && (rc = rx_archive_write(b->a, b->ops, b->nops, err)) == 0)
		b->changesets++;
	b->fields += b->nops;
	for (size_t i = 0; i < b->nrec; i++)
		rx_schema_rec_clear(&b->recs[i]);
	b->nrec = b->nops = 0;
	return rc;
}

static int grow(batch *b, rx_error *err)
{
	size_t need = b->nops + RX_SCHEMA_REC_FIELDS_MAX;

	if (need > b->capops) {
		size_t cap = need * 2;
		rx_sync_op *o = realloc(b->ops, cap * sizeof(*o));
		if (!o)
			return rx_error_nomem(err);
		b->ops = o, b->capops = cap;
	}
	if (b->nrec == b->caprec) {
		size_t cap = b->caprec ? b->caprec * 2 : 256;
		rx_schema_rec *n = realloc(b->recs, cap * sizeof(*n));
		if (!n)
			return rx_error_nomem(err);
		/* ops point into values, not into the array, so moving is safe */
		b->recs = n, b->caprec = cap;
	}
	return 0;
}

/* Keep r (the batch owns it now) with the fields that differ from the archive. */
static int keep(batch *b, rx_schema_rec *r, rx_error *err)
{
	rx_schema_rec old;
	int found = 0, rc;

	if ((b->nrec >= BATCH_ROWS || b->nops + RX_SCHEMA_REC_FIELDS_MAX > BATCH_OPS) &&
	    (rc = flush(b, err)) < 0)
		goto fail;
	if ((rc = grow(b, err)) < 0)
		goto fail;
	if ((rc = rx_rec_get(&old, b->a, r->type, r->id, &found, err)) == 0) {
		b->nops += rx_schema_rec_diff(r, found ? &old : NULL, b->ops + b->nops,
			RX_SCHEMA_REC_FIELDS_MAX);
		b->recs[b->nrec++] = *r;
		b->rows++;
	}
	rx_schema_rec_clear(&old);
	if (rc == 0)
		return 0;
fail:
	rx_schema_rec_clear(r);
	return rc;
}

static void batch_free(batch *b)
{
	for (size_t i = 0; i < b->nrec; i++)
		rx_schema_rec_clear(&b->recs[i]);
	free(b->recs);
	free(b->ops);
	free(b->seen);
}

/* A complete roster remembers each kept row's student number. */
static int see(batch *b, const char *no, rx_error *err)
{
	if (!b->o->complete)
		return 0;
	if (b->nseen == b->capseen) {
		size_t cap = b->capseen ? b->capseen * 2 : 256;
		char (*v)[33] = realloc(b->seen, cap * sizeof(*v));
		if (!v)
			return rx_error_nomem(err);
		b->seen = v, b->capseen = cap;
	}
	snprintf(b->seen[b->nseen++], 33, "%s", no);
	return 0;
}

/* After a complete roster: students not in it leave, unless a row was refused. */
static int complete_roster(batch *b, rx_archive_imported *out, rx_error *err)
{
	rx_schema_date today;
	int rc;

	if (!b->o->complete || b->o->scale || b->o->dry_run)
		return 0;
	if (b->refused.n || !b->rows) {
		out->complete_skipped = 1;
		return 0;
	}
	if ((rc = rx_rec_today(&today, err)) < 0)
		return rc;
	return rx_archive_leave_absent(&out->left, &out->returned, b->a, b->seen, b->nseen, today,
		err);
}

static int student_rec(rx_schema_rec *r, const rx_schema_student *s, rx_error *err)
{
	char bd[16], gr[8], g[4], f[16];
	int rc;

	snprintf(bd, sizeof(bd), "%04d-%02d-%02d", s->birth.year, s->birth.month,
		s->birth.day);
	snprintf(gr, sizeof(gr), "%d", s->grade);
	snprintf(g, sizeof(g), "%d", s->gender);
	snprintf(f, sizeof(f), "%u", (unsigned)s->flags);
	rx_schema_rec_init(r, rx_schema_type_find("st"));
	if ((rc = rx_schema_rec_set(r, "no", s->student_no, err)) < 0 ||
	    (rc = rx_schema_rec_set(r, "n", s->name, err)) < 0 ||
	    (rc = rx_schema_rec_put_raw(r, "g", g, strlen(g), err)) < 0 ||
	    (rc = rx_schema_rec_put_raw(r, "b", bd, strlen(bd), err)) < 0 ||
	    (rc = rx_schema_rec_put_raw(r, "gr", gr, strlen(gr), err)) < 0 ||
	    (rc = rx_schema_rec_set(r, "c", s->class_name, err)) < 0 ||
	    (rc = rx_schema_rec_put_raw(r, "f", f, strlen(f), err)) < 0)
		return rc;
	return rx_schema_rec_make_id(r, NULL, 0, err);
}

/* A refused row: count it, hand the first ones to the caller, go on. */
static void refuse(batch *b, rx_error *e)
{
	if ((rx_archive_refusals_add(&b->refused, e) || b->o->every_refusal) && b->o->refused)
		b->o->refused(b->o->ctx, e);
	rx_error_clear(e);
}

/* The notes of the end: classes written in mixed forms, the refusals' summary. */
static void closing_notes(batch *b, rx_schema_import *im)
{
	char line[RX_ERROR_MSG_MAX];
	rx_error e = { 0 };

	if (b->o->note && rx_schema_import_class_note(im))
		b->o->note(b->o->ctx, rx_schema_import_class_note(im));
	/* with every refusal passed on, "and N more like this" would be wrong */
	if (b->o->refused && !b->o->every_refusal &&
	    rx_archive_refusals_summary(&b->refused, b->rows, line, sizeof(line))) {
		rx_error_set(&e, RX_EINPUT, "%s", line);
		b->o->refused(b->o->ctx, &e);
	}
}

static void refuse_line(batch *b, size_t line, rx_error *e)
{
	char m[RX_ERROR_MSG_MAX];

	snprintf(m, sizeof(m), "%s", e->msg);
	rx_error_clear(e);
	rx_error_set(e, RX_EINPUT, "第 %zu 行: %s", line, m);
	refuse(b, e);
}

static int roster_rows(batch *b, rx_schema_import *im, rx_error *err)
{
	rx_schema_student s;
	rx_schema_rec r;
	rx_error e = { 0 };
	int rc;

	while ((rc = rx_schema_import_roster_next(im, &s, &e)) != 0) {
		if (rc == RX_EINPUT) {
			refuse(b, &e);
			continue;
		}
		if (rc < 0)
			return rx_error_set(err, rc, "%s", e.msg);
		if ((rc = student_rec(&r, &s, &e)) < 0) {
			rx_schema_rec_clear(&r);
			if (rc != RX_EINPUT)
				return rx_error_set(err, rc, "%s", e.msg);
			refuse_line(b, rx_schema_import_line(im), &e);
			continue;
		}
		if ((rc = see(b, s.student_no, err)) < 0 || (rc = keep(b, &r, err)) < 0)
			return rc;
	}
	return 0;
}

/* Whether the record of type code with this id exists: 1, 0, or < 0. */
static int exists(batch *b, const char *code, const char *id, const char *field,
	char *val, size_t cap, rx_error *err)
{
	rx_schema_rec r;
	int found = 0, rc = rx_rec_get(&r, b->a, rx_schema_type_find(code), id, &found, err);

	if (rc == 0 && found && field)
		snprintf(val, cap, "%s", rx_schema_rec_get(&r, field) ?
			rx_schema_rec_get(&r, field) : "");
	rx_schema_rec_clear(&r);
	return rc < 0 ? rc : found;
}

/*
 * The administration of a row: as given, else the one of this student,
 * scale and round with the same date (a re-import), else the first missing
 * (0 when both exist with other dates).
 */
static int choose_adm(batch *b, const rx_archive_import_opts *o,
	const rx_schema_screening_row *row, const char *d, int *adm, rx_error *err)
{
	char id[128], old_d[16];
	int free_adm = 0, rc;

	*adm = o->adm;
	for (int k = 1; k <= 2 && !*adm; k++) {
		snprintf(id, sizeof(id), "%s/%s/%s/%d", row->student_no,
			rx_schema_scale_id(o->scale), o->round, k);
		if ((rc = exists(b, "sc", id, "d", old_d, sizeof(old_d), err)) < 0)
			return rc;
		if (!rc)
			free_adm = free_adm ? free_adm : k;
		else if (!strcmp(old_d, d))
			*adm = k;
	}
	if (!*adm)
		*adm = free_adm;
	return 0;
}

/* The standard score and the result as scored now ("标准分 63 (中度抑郁)", "无效 (...)"), for scales with a standard score or a voided result. */
static int result_fields(rx_schema_rec *r, const rx_schema_scale *sc,
	const rx_schema_score *score, rx_error *err)
{
	char v[16], res[256];
	int rc;

	/* a plain total: t and lv say it all (no bytes on the wire for the common case) */
	if (!score->has_standard && !score->voided)
		return 0;
	if (score->has_standard && !score->voided) {
		snprintf(v, sizeof(v), "%d", score->standard);
		if ((rc = rx_schema_rec_put_raw(r, "ss", v, strlen(v), err)) < 0)
			return rc;
	}
	rx_schema_score_describe(sc, score, res, sizeof(res));
	return rx_schema_rec_set(r, "res", res, err);
}

/* Which policy scored it: the origin of the scale file and of the rules file in force. */
static int scored_by(rx_schema_rec *r, const rx_archive_import_opts *o, rx_error *err)
{
	const rx_schema_builtin *s = rx_schema_builtin_find("scale", rx_schema_scale_id(o->scale));
	const rx_schema_builtin *ru = rx_schema_builtin_find("rules", "default");
	char v[80];

	/* absent: the built-in files scored it (no bytes on the wire for the default) */
	if (!(s && s->origin) && !(ru && ru->origin))
		return 0;
	snprintf(v, sizeof(v), "%s %s", s && s->origin ? s->origin : "builtin",
		ru && ru->origin ? ru->origin : "builtin");
	return rx_schema_rec_put_raw(r, "pv", v, strlen(v), err);
}

static int screening_rec(rx_schema_rec *r, const rx_archive_import_opts *o,
	const rx_schema_screening_row *row, int adm, const char *d, rx_error *err)
{
	char v[16];
	int rc;

	rx_schema_rec_init(r, rx_schema_type_find("sc"));
	snprintf(v, sizeof(v), "%d", adm);
	if ((rc = rx_schema_rec_set(r, "no", row->student_no, err)) < 0 ||
	    (rc = rx_schema_rec_set(r, "s", rx_schema_scale_id(o->scale), err)) < 0 ||
	    (rc = rx_schema_rec_set(r, "r", o->round, err)) < 0 ||
	    (rc = rx_schema_rec_set(r, "a", v, err)) < 0 ||
	    (rc = rx_schema_rec_put_raw(r, "d", d, strlen(d), err)) < 0)
		return rc;
	for (size_t i = 0; i < row->score.n; i++) {
		char q[24];
		if (row->score.answers[i] == RX_SCHEMA_UNANSWERED)
			continue;
		snprintf(q, sizeof(q), "q%zu", i + 1);
		snprintf(v, sizeof(v), "%d", row->score.answers[i]);
		if ((rc = rx_schema_rec_put_raw(r, q, v, strlen(v), err)) < 0)
			return rc;
	}
	snprintf(v, sizeof(v), "%d", row->score.total);
	if ((rc = rx_schema_rec_put_raw(r, "t", v, strlen(v), err)) < 0)
		return rc;
	if ((rc = result_fields(r, o->scale, &row->score, err)) < 0)
		return rc;
	snprintf(v, sizeof(v), "%d",
		(int)rx_schema_rules_level(o->rules, o->scale, &row->score));
	if ((rc = rx_schema_rec_put_raw(r, "lv", v, strlen(v), err)) < 0 ||
	    (rc = scored_by(r, o, err)) < 0)
		return rc;
	return rx_schema_rec_make_id(r, NULL, 0, err);
}

/*
 * Whether the student may take the scale (its age or grade range, age on
 * the day of the screening): 0, RX_EINPUT naming the line and the range.
 */
static int fits(batch *b, const rx_schema_screening_row *row, size_t line,
	rx_schema_who *who, rx_error *e)
{
	const rx_schema_scale *sc = b->o->scale;
	rx_schema_rec st;
	int found = 0, grade, age, rc, g;
	char range[96];

	if ((rc = rx_rec_get(&st, b->a, rx_schema_type_find("st"), row->student_no,
		&found, e)) < 0)
		return rc;
	grade = rx_schema_rec_get(&st, "gr") ? atoi(rx_schema_rec_get(&st, "gr")) : 0;
	g = rx_schema_rec_get(&st, "g") ? atoi(rx_schema_rec_get(&st, "g")) : 0;
	who->grade = grade;
	who->sex = g == RX_SCHEMA_GENDER_MALE ? 1 : g == RX_SCHEMA_GENDER_FEMALE ? 2 : 0;
	age = rx_schema_age_on(rx_rec_date(rx_schema_rec_get(&st, "b")), row->date);
	rx_schema_rec_clear(&st);
	if (rx_schema_scale_fits(sc, grade, age))
		return 0;
	rx_schema_scale_fit_describe(sc, range, sizeof(range));
	return rx_error_set(e, RX_EINPUT, "第 %zu 行: 学号 '%s' (%d 年级, %d 岁) 不在 %s 的适用范围 "
		"(%s) 内 (student outside the scale's age/grade range)", line, row->student_no,
		grade, age, rx_schema_scale_short(sc), range);
}

/* The two administrations of a round at least min_interval days apart. */
static int interval_ok(batch *b, const rx_schema_screening_row *row, int adm,
	size_t line, rx_error *e)
{
	char id[128], other[16];
	long gap;
	int rc;

	snprintf(id, sizeof(id), "%s/%s/%s/%d", row->student_no,
		rx_schema_scale_id(b->o->scale), b->o->round, 3 - adm);
	if ((rc = exists(b, "sc", id, "d", other, sizeof(other), e)) <= 0)
		return rc;
	gap = labs(rx_schema_date_days(row->date) - rx_schema_date_days(rx_rec_date(other)));
	if (gap >= b->min_interval)
		return 0;
	return rx_error_set(e, RX_EINPUT, "第 %zu 行: 学号 '%s' 与第 %d 次施测 (%s) 只隔 %ld 天, "
		"两次至少间隔 %d 天 (second administration too soon)", line, row->student_no,
		3 - adm, other, gap, b->min_interval);
}

static int screening_row(batch *b, const rx_archive_import_opts *o, rx_schema_import *im,
	const rx_schema_screening_row *row, rx_error *e)
{
	size_t line = rx_schema_import_line(im);
	rx_schema_screening_row normed;
	rx_schema_who who;
	rx_schema_rec r;
	char d[16];
	int adm, rc;

	snprintf(d, sizeof(d), "%04d-%02d-%02d", row->date.year, row->date.month,
		row->date.day);
	if ((rc = exists(b, "st", row->student_no, NULL, NULL, 0, e)) <= 0)
		return rc < 0 ? rc : rx_error_set(e, RX_EINPUT, "第 %zu 行: 学号 '%s' "
			"不在花名册中 (unknown student)", line, row->student_no);
	if ((rc = fits(b, row, line, &who, e)) < 0 || (rc = choose_adm(b, o, row, d, &adm, e)) < 0)
		return rc;
	if (rx_schema_scale_needs_who(o->scale)) { /* norm tables: by grade and sex */
		normed = *row;
		if ((rc = rx_schema_scale_score_who(o->scale, row->score.answers, row->score.n,
			&who, &normed.score, e)) < 0)
			return rc;
		row = &normed;
	}
	if (!adm)
		return rx_error_set(e, RX_EINPUT, "第 %zu 行: 该轮两次施测均已存在, 日期不同 "
			"(both administrations exist: use --administration)", line);
	if ((rc = interval_ok(b, row, adm, line, e)) < 0)
		return rc;
	if ((rc = screening_rec(&r, o, row, adm, d, e)) == 0)
		return keep(b, &r, e);
	rx_schema_rec_clear(&r);
	return rc;
}

static int screening_rows(batch *b, const rx_archive_import_opts *o, rx_schema_import *im,
	rx_error *err)
{
	rx_schema_screening_row row;
	rx_error e = { 0 };
	int rc;

	while ((rc = rx_schema_import_screening_next(im, &row, &e)) != 0) {
		if (rc == 1)
			rc = screening_row(b, o, im, &row, &e);
		if (rc == RX_EINPUT)
			refuse(b, &e);
		else if (rc < 0)
			return rx_error_set(err, rc, "%s", e.msg);
	}
	return 0;
}

/* A CSV reader over f: an .xlsx workbook's first sheet, or text in its detected encoding. */
static int open_source(rx_schema_csv **csv, rx_schema_decoder **dec, rx_schema_xlsx **xl,
	FILE *f, const char *path, const rx_archive_import_opts *o, rx_error *err)
{
	int rc;

	if (rx_schema_is_zip(f)) {
		if ((rc = rx_schema_xlsx_open(xl, path, err)) < 0)
			return rc;
		if (o->note)
			o->note(o->ctx, "文件格式: Excel 工作簿 (.xlsx), 读取第一张工作表 (format: .xlsx, first worksheet)");
		return rx_schema_csv_open(csv, rx_schema_xlsx_read, *xl, err);
	}
	if ((rc = rx_schema_decoder_open(dec, f, err)) < 0)
		return rc;
	if (o->note)
		o->note(o->ctx, rx_schema_enc_note(rx_schema_decoder_enc(*dec)));
	return rx_schema_csv_open(csv, rx_schema_decoder_read, *dec, err);
}

/* The minimum interval from the obligation settings (schema/rules/default.due). */
static int screening_settings(batch *b, rx_error *err)
{
	rx_schema_oblig_cfg cfg;
	int rc;

	if ((rc = rx_schema_oblig_default(&cfg, err)) < 0)
		return rc;
	b->min_interval = cfg.min_interval_days;
	return 0;
}

int rx_archive_csv_import(rx_archive_imported *out, rx_archive *a, const char *path,
	const rx_archive_import_opts *o, rx_error *err)
{
	batch b = { 0 };
	rx_schema_decoder *dec = NULL;
	rx_schema_xlsx *xl = NULL;
	rx_schema_csv *csv = NULL;
	rx_schema_import *im = NULL;
	FILE *f = fopen(path, "rb");
	int rc;

	if (!f)
		return rx_error_set(err, RX_EUSAGE, "无法打开文件 %s (cannot open)", path);
	b.a = a, b.o = o;
	if (o->scale && (rc = screening_settings(&b, err)) < 0)
		goto out;
	if ((rc = open_source(&csv, &dec, &xl, f, path, o, err)) < 0 ||
	    (rc = rx_schema_import_open(&im, csv, o->scale, err)) < 0)
		goto out;
	if (o->note && rx_schema_import_ignored(im))
		o->note(o->ctx, rx_schema_import_ignored(im));
	rc = o->scale ? screening_rows(&b, o, im, err) : roster_rows(&b, im, err);
	if (rc == 0)
		rc = flush(&b, err);
	if (rc == 0)
		closing_notes(&b, im);
	if (rc == 0)
		rc = complete_roster(&b, out, err);
	out->rows = b.rows, out->refused = b.refused.n, out->fields = b.fields;
	out->changesets = b.changesets;
out:
	if (rc < 0 && rx_schema_xlsx_error(xl)) { /* the reader's failure, said as it is */
		rx_error_clear(err);
		rc = rx_error_set(err, RX_EINPUT, "无法读取 Excel 文件 (xlsx): %s",
			rx_schema_xlsx_error(xl));
	}
	batch_free(&b);
	rx_schema_import_free(im);
	rx_schema_csv_free(csv);
	rx_schema_decoder_free(dec);
	rx_schema_xlsx_free(xl);
	fclose(f);
	return rc;
}
