/* Importing a roster or a screening CSV into the archive: rows -> records, one change-set of the changed fields. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/archive/archive.h"
#include "schema/schema.h"

/* What one import collects before its single change-set. */
typedef struct batch {
	rx_archive *a;
	rx_recset old;        /* existing records of the kind */
	rx_recset students;   /* the roster (screening: to refuse unknown students) */
	rx_schema_rec *recs;  /* new versions, kept alive until written */
	size_t nrec, caprec;
	rx_sync_op *ops;
	size_t nops, capops;
	size_t rows, refused;
	const rx_archive_import_opts *o;
} batch;

static int keep(batch *b, rx_schema_rec *r, rx_error *err)
{
	const rx_schema_rec *old = rx_recset_find(&b->old, r->id);
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
	b->recs[b->nrec++] = *r;
	b->nops += rx_schema_rec_diff(r, old, b->ops + b->nops, RX_SCHEMA_REC_FIELDS_MAX);
	b->rows++;
	return 0;
}

static void batch_free(batch *b)
{
	for (size_t i = 0; i < b->nrec; i++)
		rx_schema_rec_clear(&b->recs[i]);
	free(b->recs);
	free(b->ops);
	rx_recset_free(&b->old);
	rx_recset_free(&b->students);
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

/* A refused row: hand it to the caller, count it, go on. */
static void refuse(batch *b, rx_error *e)
{
	if (b->o->refused)
		b->o->refused(b->o->ctx, e);
	rx_error_clear(e);
	b->refused++;
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
		if ((rc = keep(b, &r, err)) < 0)
			return rc;
	}
	return 0;
}

/*
 * The administration of a row: as given, else the one of this student,
 * scale and round with the same date (a re-import), else the first missing.
 */
static int choose_adm(batch *b, const rx_archive_import_opts *o, const rx_schema_screening_row *row,
	char d[16])
{
	char id[128];
	int free_adm = 0;

	if (o->adm)
		return o->adm;
	for (int k = 1; k <= 2; k++) {
		const rx_schema_rec *r;

		snprintf(id, sizeof(id), "%s/%s/%s/%d", row->student_no,
			rx_schema_scale_id(o->scale), o->round, k);
		if (!(r = rx_recset_find(&b->old, id)))
			free_adm = free_adm ? free_adm : k;
		else if (!strcmp(rx_schema_rec_get(r, "d") ? rx_schema_rec_get(r, "d") : "", d))
			return k;
	}
	return free_adm;
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
		snprintf(q, sizeof(q), "q%zu", i + 1);
		snprintf(v, sizeof(v), "%d", row->score.answers[i]);
		if ((rc = rx_schema_rec_put_raw(r, q, v, strlen(v), err)) < 0)
			return rc;
	}
	snprintf(v, sizeof(v), "%d", row->score.total);
	if ((rc = rx_schema_rec_put_raw(r, "t", v, strlen(v), err)) < 0)
		return rc;
	snprintf(v, sizeof(v), "%d",
		(int)rx_schema_rules_level(o->rules, o->scale, &row->score));
	if ((rc = rx_schema_rec_put_raw(r, "lv", v, strlen(v), err)) < 0)
		return rc;
	return rx_schema_rec_make_id(r, NULL, 0, err);
}

static int screening_row(batch *b, const rx_archive_import_opts *o, rx_schema_import *im,
	const rx_schema_screening_row *row, rx_error *e)
{
	size_t line = rx_schema_import_line(im);
	rx_schema_rec r;
	char d[16];
	int adm, rc;

	snprintf(d, sizeof(d), "%04d-%02d-%02d", row->date.year, row->date.month,
		row->date.day);
	if (!rx_recset_find(&b->students, row->student_no))
		return rx_error_set(e, RX_EINPUT, "第 %zu 行: 学号 '%s' 不在花名册中 "
			"(unknown student)", line, row->student_no);
	if (!(adm = choose_adm(b, o, row, d)))
		return rx_error_set(e, RX_EINPUT, "第 %zu 行: 该轮两次施测均已存在, 日期不同 "
			"(both administrations exist: use --administration)", line);
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

static int load_sets(batch *b, int screening, rx_error *err)
{
	int rc;

	if ((rc = rx_recset_load(&b->students, b->a, rx_schema_type_find("st"), NULL,
		err)) < 0)
		return rc;
	if (!screening) {
		b->old = b->students;
		memset(&b->students, 0, sizeof(b->students));
		return 0;
	}
	return rx_recset_load(&b->old, b->a, rx_schema_type_find("sc"), NULL, err);
}

static int run_rows(batch *b, rx_schema_import *im, const rx_archive_import_opts *o, rx_error *err)
{
	int rc;

	if ((rc = load_sets(b, o->scale != NULL, err)) < 0)
		return rc;
	rc = o->scale ? screening_rows(b, o, im, err) : roster_rows(b, im, err);
	if (rc < 0 || !b->nops)
		return rc;
	return rx_archive_write(b->a, b->ops, b->nops, err);
}

int rx_archive_csv_import(rx_archive_imported *out, rx_archive *a, const char *path,
	const rx_archive_import_opts *o, rx_error *err)
{
	batch b = { 0 };
	rx_schema_csv *csv = NULL;
	rx_schema_import *im = NULL;
	FILE *f = fopen(path, "rb");
	int rc;

	if (!f)
		return rx_error_set(err, RX_EUSAGE, "cannot open %s", path);
	b.a = a, b.o = o;
	if ((rc = rx_schema_csv_open_file(&csv, f, err)) < 0 ||
	    (rc = rx_schema_import_open(&im, csv, o->scale, err)) < 0)
		goto out;
	if ((rc = run_rows(&b, im, o, err)) == 0)
		out->rows = b.rows, out->refused = b.refused, out->fields = b.nops;
out:
	batch_free(&b);
	rx_schema_import_free(im);
	rx_schema_csv_free(csv);
	fclose(f);
	return rc;
}
