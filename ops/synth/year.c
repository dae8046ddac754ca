/* A synthetic school year besides the students: staff, classes and committees, room hours, lessons, meetings. */
#include <stdio.h>
#include <string.h>

#include "ops/synth/synth.h"
#include "schema/csv.h"
#include "schema/import.h"

#define CLASSES_MAX 256

typedef struct klass {
	int grade;
	char name[RX_SCHEMA_CLASS_MAX + 1];
} klass;

typedef struct year {
	rx_buf *out;
	rx_ops_rng rng;
	const rx_ops_synth_year_opts *o;
	long start;               /* Sept 1 */
	klass k[CLASSES_MAX];
	size_t n;
} year;

/* The roster's classes, in order of first appearance. */
static int classes_load(year *y, const uint8_t *roster, size_t len, rx_error *err)
{
	rx_schema_csv *csv = NULL;
	rx_schema_import *im = NULL;
	rx_schema_student st;
	int rc;

	if ((rc = rx_schema_csv_open_mem(&csv, roster, len, err)) < 0 ||
	    (rc = rx_schema_import_open(&im, csv, NULL, err)) < 0)
		goto out;
	while ((rc = rx_schema_import_roster_next(im, &st, err)) == 1) {
		size_t i;
		for (i = 0; i < y->n && (y->k[i].grade != st.grade ||
		    strcmp(y->k[i].name, st.class_name)); i++)
			;
		if (i == y->n && y->n < CLASSES_MAX) {
			y->k[y->n].grade = st.grade;
			memcpy(y->k[y->n++].name, st.class_name, sizeof(st.class_name));
		}
	}
out:
	rx_schema_import_free(im);
	rx_schema_csv_free(csv);
	return rc;
}

/* A school day: Monday to Friday outside Oct 1-7, Jan 21 - Feb 19 and Jul 11 - Aug 31. */
static int school_day(long z)
{
	int yy, m, d;

	rx_ops_civil_from_days(z, &yy, &m, &d);
	if (rx_ops_weekday(z) >= 5 || (m == 10 && d <= 7) || (m == 1 && d >= 21) ||
	    (m == 2 && d <= 19) || (m == 7 && d >= 11) || m == 8)
		return 0;
	return 1;
}

static int day_text(char out[static 12], long z)
{
	int yy, m, d;

	rx_ops_civil_from_days(z, &yy, &m, &d);
	return snprintf(out, 12, "%04d-%02d-%02d", yy, m, d);
}

static int staff(year *y, rx_error *err)
{
	static const char *const roles[] = { "fp", "pp", "pr", "ps" };
	int count[4] = { y->o->teachers_full, y->o->teachers_part, 1, 1 }, rc = 0;
	char name[64];

	for (int r = 0; r < 4; r++)
		for (int i = 0; i < count[r] && rc == 0; i++) {
			rx_ops_synth_name(&y->rng, rx_ops_rng_chance(&y->rng, 0.6), name, sizeof(name));
			rc = rx_buf_printf(y->out, err, "staff n=%s ro=%s\n", name, roles[r]);
		}
	return rc;
}

/* Each class: its head teacher (a staff record too) and, from grade 4, a boy and a girl on its committee. */
static int classes(year *y, rx_error *err)
{
	char ht[64], boy[64], girl[64];
	int rc = 0;

	for (size_t i = 0; i < y->n && rc == 0; i++) {
		int short_girl = y->o->short_committee && y->k[i].grade >= 4 &&
			(i == 0 || y->k[i - 1].grade < 4);
		rx_ops_synth_name(&y->rng, rx_ops_rng_chance(&y->rng, 0.6), ht, sizeof(ht));
		rx_ops_synth_name(&y->rng, 0, boy, sizeof(boy));
		rx_ops_synth_name(&y->rng, !short_girl, girl, sizeof(girl));
		if ((rc = rx_buf_printf(y->out, err, "staff n=%s ro=ht\n", ht)) < 0)
			break;
		if (y->k[i].grade < 4)
			rc = rx_buf_printf(y->out, err, "class gr=%d c=%s ht=%s\n", y->k[i].grade,
				y->k[i].name, ht);
		else
			rc = rx_buf_printf(y->out, err, "class gr=%d c=%s ht=%s cm=%s、%s cmb=%d "
				"cmg=%d\n", y->k[i].grade, y->k[i].name, ht, boy, girl,
				short_girl ? 2 : 1, short_girl ? 0 : 1);
	}
	return rc;
}

/* The counselling room: open two hours every school afternoon (S4 asks one a day, S2 eight a week). */
static int room(year *y, rx_error *err)
{
	char d[12];
	int rc = 0, in_short = 0;

	for (long z = y->start; z < y->o->today && rc == 0; z++) {
		long k = z - y->start;
		if (!school_day(z))
			continue;
		/* the third week of term: open on two days only */
		if (y->o->short_room_week && k >= 14 && k <= 20 && in_short++ >= 2)
			continue;
		day_text(d, z);
		rc = rx_buf_printf(y->out, err, "activity d=%s k=or h=2\n", d);
	}
	return rc;
}

/* One psychology lesson a week per class, on the class's own weekday. */
static int lessons(year *y, rx_error *err)
{
	char d[12];
	int rc = 0;

	for (size_t i = 0; i < y->n && rc == 0; i++)
		for (long z = y->start; z < y->o->today && rc == 0; z++) {
			long k = z - y->start;
			if (!school_day(z) || rx_ops_weekday(z) != (int)(i % 5))
				continue;
			if (y->o->short_lessons && i + 1 == y->n && k >= 14 && k <= 27)
				continue;
			day_text(d, z);
			rc = rx_buf_printf(y->out, err, "activity d=%s k=ls gr=%d c=%s\n", d,
				y->k[i].grade, y->k[i].name);
		}
	return rc;
}

/* The first school day on or after z. */
static long next_school_day(long z)
{
	while (!school_day(z))
		z++;
	return z;
}

/* A parent meeting per class each term; the committee meets once a month. */
static int meetings(year *y, rx_error *err)
{
	long term[2] = { rx_ops_days_from_civil(y->o->year, 9, 20),
		rx_ops_days_from_civil(y->o->year + 1, 3, 10) };
	char d[12];
	int rc = 0;

	for (int t = 0; t < 2; t++)
		for (size_t i = 0; i < y->n && rc == 0; i++) {
			long z = next_school_day(term[t] + (long)(i % 5));
			if (z >= y->o->today)
				continue;
			day_text(d, z);
			rc = rx_buf_printf(y->out, err, "activity d=%s k=pm gr=%d c=%s\n", d,
				y->k[i].grade, y->k[i].name);
		}
	for (int m = 0; m < 10 && rc == 0; m++) {
		int month = (8 + m) % 12 + 1;
		long z = next_school_day(rx_ops_days_from_civil(y->o->year + (month < 9),
			month, 15));
		if (z >= y->o->today || month == 2)
			continue;
		day_text(d, z);
		rc = rx_buf_printf(y->out, err, "activity d=%s k=cc\n", d);
	}
	return rc;
}

int rx_ops_synth_year(rx_buf *out, const uint8_t *roster, size_t roster_len,
	const rx_ops_synth_year_opts *o, rx_error *err)
{
	year y;
	int rc;

	memset(&y, 0, sizeof(y));
	y.out = out, y.o = o;
	y.start = rx_ops_days_from_civil(o->year, 9, 1);
	rx_ops_rng_seed(&y.rng, rx_ops_hash(o->seed, "year", 0));
	if ((rc = classes_load(&y, roster, roster_len, err)) < 0 ||
	    (rc = staff(&y, err)) < 0 || (rc = classes(&y, err)) < 0 ||
	    (rc = room(&y, err)) < 0 || (rc = lessons(&y, err)) < 0)
		return rc;
	return meetings(&y, err);
}
