/* The synthetic roster: classes, 学号, names, birth dates and key-group flags. */
#include <stdio.h>
#include <string.h>

#include "ops/synth/synth.h"
#include "schema/import.h"

#define CLASS_TARGET 45 /* students per class, about */

void rx_ops_synth_opts_init(rx_ops_synth_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->seed = 1;
	o->students = 1200;
	o->school_code = "3101";
	o->type = RX_OPS_SCHOOL_JUNIOR;
	o->year = 2024;
}

static int check_opts(const rx_ops_synth_opts *o, rx_error *err)
{
	size_t n = o->school_code ? strlen(o->school_code) : 0;

	if (o->students < 1 || o->students > RX_OPS_SYNTH_STUDENTS_MAX)
		return rx_error_set(err, RX_EUSAGE, "synthetic school: %zu students "
			"(should be 1..%d)", o->students, RX_OPS_SYNTH_STUDENTS_MAX);
	if (n < 1 || n > 6 || strspn(o->school_code, "0123456789") != n)
		return rx_error_set(err, RX_EUSAGE,
			"synthetic school: school code should be 1–6 digits");
	if (o->type < RX_OPS_SCHOOL_PRIMARY || o->type > RX_OPS_SCHOOL_SENIOR)
		return rx_error_set(err, RX_EUSAGE, "synthetic school: unknown school type");
	if (o->year < 2000 || o->year > 2090)
		return rx_error_set(err, RX_EUSAGE, "synthetic school: year %d "
			"(should be 2000..2090)", o->year);
	return 0;
}

/* Key groups, each drawn on its own; a left-behind child is not also migrant. */
static uint32_t draw_flags(rx_ops_rng *r, double left_behind, int urban)
{
	uint32_t f = 0;

	if (rx_ops_rng_chance(r, left_behind))
		f |= RX_SCHEMA_FLAG_LEFT_BEHIND;
	if (rx_ops_rng_chance(r, 0.08))
		f |= RX_SCHEMA_FLAG_SINGLE_PARENT;
	if (!(f & RX_SCHEMA_FLAG_LEFT_BEHIND) && rx_ops_rng_chance(r, urban ? 0.12 : 0.05))
		f |= RX_SCHEMA_FLAG_MIGRANT;
	if (rx_ops_rng_chance(r, urban ? 0.04 : 0.08))
		f |= RX_SCHEMA_FLAG_POOR_FAMILY;
	if (rx_ops_rng_chance(r, 0.02))
		f |= RX_SCHEMA_FLAG_CHRONIC_ILLNESS;
	if (rx_ops_rng_chance(r, 0.06))
		f |= RX_SCHEMA_FLAG_LEARNING_DIFFICULTY;
	if (rx_ops_rng_chance(r, 0.02))
		f |= RX_SCHEMA_FLAG_PSYCHOLOGICAL;
	return f;
}

static int put_flags(rx_buf *csv, uint32_t f, rx_error *err)
{
	const char *sep = "";
	int rc = 0;

	for (unsigned i = 0; i < RX_SCHEMA_FLAG_COUNT && rc == 0; i++) {
		if (!(f & (1u << i)))
			continue;
		rc = rx_buf_printf(csv, err, "%s%s", sep, rx_schema_flag_name(i));
		sep = "、";
	}
	return rc;
}

/*
 * Born between 1 Sept of (year - grade - 6) and 31 Aug a year later, the
 * usual school-entry cut-off; some start late or repeat a year, a few early.
 */
static long draw_birth(rx_ops_rng *r, int year, int grade)
{
	int y = year - grade - 6;
	long from, to;

	if (rx_ops_rng_chance(r, 0.06))
		y--;
	else if (rx_ops_rng_chance(r, 0.01))
		y++;
	from = rx_ops_days_from_civil(y, 9, 1);
	to = rx_ops_days_from_civil(y + 1, 9, 1);
	return from + (long)rx_ops_rng_below(r, (uint32_t)(to - from));
}

typedef struct seat {
	int grade, enrolled, cls, no;
} seat;

static int put_student(rx_buf *csv, rx_ops_rng *r, const rx_ops_synth_opts *o,
		       const seat *s, double left_behind, rx_error *err)
{
	int female = !rx_ops_rng_chance(r, 0.52), y, m, d, rc;
	char name[64];
	long born;

	rx_ops_synth_name(r, female, name, sizeof(name));
	born = draw_birth(r, o->year, s->grade);
	rx_ops_civil_from_days(born, &y, &m, &d);
	rc = rx_buf_printf(csv, err, "%d%s%02d%02d,%s,%s,%04d-%02d-%02d,%d,%d,",
		s->enrolled, o->school_code, s->cls, s->no, name, female ? "女" : "男",
		y, m, d, s->grade, s->cls);
	if (rc == 0)
		rc = put_flags(csv, draw_flags(r, left_behind, o->urban), err);
	return rc ? rc : rx_buf_puts(csv, "\n", err);
}

/* One grade: n students in classes of about CLASS_TARGET, seats from 01. */
static int put_grade(rx_buf *csv, rx_ops_rng *r, const rx_ops_synth_opts *o,
		     int grade, size_t n, double left_behind, rx_error *err)
{
	/* A stage's first grade: 1 for primary, 7 junior, 10 senior. */
	static const int entry[] = { 0, 1, 7, 10 };
	size_t classes = (n + CLASS_TARGET / 2) / CLASS_TARGET;
	seat s = { grade, o->year - (grade - entry[o->type]), 0, 0 };
	int rc = 0;

	if (classes < 1)
		classes = 1;
	for (size_t c = 0; c < classes && rc == 0; c++) {
		size_t size = n / classes + (c < n % classes);
		s.cls = (int)c + 1;
		for (size_t k = 0; k < size && rc == 0; k++) {
			s.no = (int)k + 1;
			rc = put_student(csv, r, o, &s, left_behind, err);
		}
	}
	return rc;
}

int rx_ops_synth_roster(rx_buf *csv, const rx_ops_synth_opts *o, rx_error *err)
{
	static const int lowest[] = { 0, 4, 7, 10 };
	double left_behind;
	rx_ops_rng r;
	int rc;

	if ((rc = check_opts(o, err)) < 0)
		return rc;
	rx_ops_rng_seed(&r, o->seed);
	/* A rural school's left-behind share is its own, 15–25 %. */
	left_behind = o->urban ? 0.02 : 0.15 + 0.01 * rx_ops_rng_below(&r, 11);
	rc = rx_buf_puts(csv, "学号,姓名,性别,出生日期,年级,班级,重点标记\n", err);
	for (int g = 0; g < 3 && rc == 0; g++)
		rc = put_grade(csv, &r, o, lowest[o->type] + g,
			o->students / 3 + ((size_t)g < o->students % 3), left_behind, err);
	return rc;
}
