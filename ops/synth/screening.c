/* Synthetic screening answers: a latent level per student, answers that land in it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/synth/synth.h"
#include "schema/builtin.h"
#include "schema/import.h"

/* What the generator knows of a scale: items, and total ranges per level. */
typedef struct scale_shape {
	const char *id;
	int items, max;
	int lo[4], hi[4];    /* total range for none, yellow, orange, red */
	int critical;        /* item that makes red when >= 1 (0: none) */
	double crit_p[4];    /* chance of that item >= 1 per level */
	int weight[9];       /* how often each item carries the load */
} scale_shape;

/*
 * Ranges follow the default warning rules (schema/rules/default.rules):
 * yellow >= 10, orange >= 15, red >= 20 or q9 >= 1. GAD-7 has no red rule,
 * so its top latent level is a severe score (18–21) that still reads orange.
 */
static const scale_shape shapes[] = {
	{ "phq9", 9, 3, { 0, 10, 15, 20 }, { 9, 14, 19, 27 }, 9,
	  { 0, 0.015, 0.06, 0.30 }, { 3, 3, 4, 5, 3, 2, 3, 2, 0 } },
	{ "phqa", 9, 3, { 0, 10, 15, 20 }, { 9, 14, 19, 27 }, 9,
	  { 0, 0.015, 0.06, 0.30 }, { 3, 3, 4, 5, 3, 2, 3, 2, 0 } },
	{ "gad7", 7, 3, { 0, 10, 15, 18 }, { 9, 14, 17, 21 }, 0,
	  { 0, 0, 0, 0 }, { 4, 3, 4, 3, 2, 4, 2, 0, 0 } },
};

/* Standard-normal cut points for 21 %, 9 % and 2.5 % above (item 9 adds to red). */
static const double cut[3] = { 0.806, 1.341, 1.960 };

typedef struct pupil {
	char no[RX_SCHEMA_STUDENT_NO_MAX + 1];
	uint64_t class_key;
	double shift;  /* latent mean of this student */
	double norm;   /* the school's 1 / spread of the latent */
	int grade;
	rx_schema_date birth;
} pupil;

typedef struct pupils {
	pupil *v;
	size_t n, cap;
} pupils;

/* Risk shifts on the latent scale (girls, older pupils and key groups higher). */
static double risk_shift(const rx_schema_student *st)
{
	static const double flag[RX_SCHEMA_FLAG_COUNT] = {
		0.25, 0.20, 0.10, 0.15, 0.15, 0.20, 1.20 };
	double s = st->gender == RX_SCHEMA_GENDER_FEMALE ? 0.10 : -0.10;

	s += st->grade >= 10 ? 0.10 : st->grade <= 6 ? -0.15 : 0;
	for (unsigned i = 0; i < RX_SCHEMA_FLAG_COUNT; i++)
		if (st->flags & (1u << i))
			s += flag[i];
	return s;
}

static int pupils_add(pupils *p, const rx_schema_student *st, uint64_t seed,
		      rx_error *err)
{
	pupil *u;

	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 256;
		pupil *v = realloc(p->v, cap * sizeof(*v));
		if (!v)
			return rx_error_nomem(err);
		p->v = v;
		p->cap = cap;
	}
	u = &p->v[p->n++];
	memcpy(u->no, st->student_no, sizeof(u->no));
	u->class_key = rx_ops_hash(seed, st->class_name, (uint64_t)st->grade);
	u->shift = risk_shift(st);
	u->grade = st->grade;
	u->birth = st->birth;
	return 0;
}

/* Read every student of the roster; any refused row refuses the whole roster. */
static int pupils_load(pupils *p, const uint8_t *roster, size_t len, uint64_t seed,
		       rx_error *err)
{
	rx_schema_csv *csv = NULL;
	rx_schema_import *im = NULL;
	rx_schema_student st;
	int rc;

	if ((rc = rx_schema_csv_open_mem(&csv, roster, len, err)) < 0 ||
	    (rc = rx_schema_import_open(&im, csv, NULL, err)) < 0)
		goto out;
	while ((rc = rx_schema_import_roster_next(im, &st, err)) == 1)
		if ((rc = pupils_add(p, &st, seed, err)) < 0)
			goto out;
out:
	rx_schema_import_free(im);
	rx_schema_csv_free(csv);
	return rc;
}

/*
 * Centre the shifts and scale the latent by its spread, so the school's
 * overall rates stay at the targets while groups differ. Returns the factor.
 */
static double pupils_centre(pupils *p)
{
	double mean = 0, var = 0, f = 1;

	for (size_t i = 0; i < p->n; i++)
		mean += p->v[i].shift;
	mean = p->n ? mean / (double)p->n : 0;
	for (size_t i = 0; i < p->n; i++) {
		p->v[i].shift -= mean;
		var += p->v[i].shift * p->v[i].shift;
	}
	var = p->n ? var / (double)p->n : 0;
	/* 1 / sqrt(1 + var) by Newton's method: no libm needed. */
	for (int k = 0; k < 30; k++)
		f = f * (1.5 - 0.5 * (1 + var) * f * f);
	return f;
}

static double normal_of(uint64_t key)
{
	rx_ops_rng r;

	rx_ops_rng_seed(&r, key);
	return rx_ops_rng_normal(&r);
}

/*
 * The level of one administration: a student factor (shared by scales and
 * rounds), a scale-and-round factor (shared by both administrations) and
 * noise, weighted so the two administrations correlate about 0.9.
 */
static int latent_level(const pupil *u, const rx_ops_synth_screening_opts *o,
			const char *group)
{
	char key[96];
	double z, n, e, x;
	int l = 0;

	z = normal_of(rx_ops_hash(o->seed, u->no, 1));
	snprintf(key, sizeof(key), "%s/%s/%d", u->no, group, o->round);
	n = normal_of(rx_ops_hash(o->seed, key, 2));
	snprintf(key, sizeof(key), "%s/%s/%d/%d", u->no, group, o->round,
		 o->administration);
	e = normal_of(rx_ops_hash(o->seed, key, 3));
	x = (u->shift + 0.95 * (0.8 * z + 0.6 * n) + 0.312 * e) * u->norm;
	while (l < 3 && x > cut[l])
		l++;
	return l;
}

static int weighted_item(rx_ops_rng *r, const scale_shape *sh, const int *a)
{
	int total = 0, i;
	uint32_t x;

	for (i = 0; i < sh->items; i++)
		if (a[i] < sh->max)
			total += sh->weight[i];
	if (total == 0)
		return -1;
	x = rx_ops_rng_below(r, (uint32_t)total);
	for (i = 0; i < sh->items; i++) {
		if (a[i] >= sh->max)
			continue;
		if (x < (uint32_t)sh->weight[i])
			return i;
		x -= (uint32_t)sh->weight[i];
	}
	return -1;
}

/*
 * Answers whose total falls in the level's range (low totals likelier).
 * u9, shared by a round's administrations, decides the critical item, so a
 * student who reports self-harm thoughts once tends to report them again.
 */
static void draw_answers(rx_ops_rng *r, const scale_shape *sh, int level,
			 double u9, int *a)
{
	uint32_t span = (uint32_t)(sh->hi[level] - sh->lo[level] + 1);
	uint32_t u = rx_ops_rng_below(r, span), v = rx_ops_rng_below(r, span);
	int t = sh->lo[level] + (int)(level == 1 || level == 2 ? u : u < v ? u : v);
	int c = sh->critical, i;

	memset(a, 0, sizeof(int) * (size_t)sh->items);
	if (c && u9 < sh->crit_p[level]) {
		a[c - 1] = 1 + rx_ops_rng_chance(r, 0.3) + rx_ops_rng_chance(r, 0.1);
		t -= a[c - 1];
	}
	while (t-- > 0 && (i = weighted_item(r, sh, a)) >= 0)
		a[i]++;
}

static long skip_weekend(long d, int back)
{
	int w = rx_ops_weekday(d);

	if (w < 5)
		return d;
	return back ? d - (w - 4) : d + (7 - w);
}

/*
 * Round 1 in late September of year, round 2 in March after it, and so on;
 * each class on its own weekday in the school's screening week, a few
 * pupils a few days late; the second administration 14–28 days after.
 */
static long admin_day(const pupil *u, const rx_ops_synth_screening_opts *o)
{
	int term = o->round - 1, y = o->year + (term + 1) / 2;
	uint64_t school = rx_ops_hash(o->seed, "screening-week", (uint64_t)o->round);
	uint64_t mine = rx_ops_hash(o->seed, u->no, 4 + (uint64_t)o->round);
	long d = term % 2 ? rx_ops_days_from_civil(y, 3, 9)
			  : rx_ops_days_from_civil(y, 9, 22);

	d = skip_weekend(d + (long)(school % 10) + (long)(u->class_key % 5), 0);
	if (mine % 100 < 3)
		d = skip_weekend(d + 1 + (long)((mine >> 8) % 4), 0);
	if (o->administration == 2)
		d = skip_weekend(d + 14 + (long)((school >> 16) % 15), 1);
	return d;
}

static const scale_shape *shape_find(const char *id)
{
	for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
		if (id && !strcmp(shapes[i].id, id))
			return &shapes[i];
	return NULL;
}

static int check_opts(const scale_shape **sh, const rx_ops_synth_screening_opts *o,
		      rx_error *err)
{
	rx_schema_scale *sc = NULL;
	int rc;

	if (!(*sh = shape_find(o->scale)))
		return rx_error_set(err, RX_EUSAGE, "synthetic screening: unknown "
			"scale (should be phq9, phqa or gad7)");
	if (o->round < 1 || o->round > 9 || o->administration < 1 ||
	    o->administration > 2 || o->year < 2000 || o->year > 2090)
		return rx_error_set(err, RX_EUSAGE, "synthetic screening: round "
			"1..9, administration 1..2, year 2000..2090");
	if ((rc = rx_schema_builtin_scale(&sc, o->scale, err)) < 0)
		return rc;
	if ((int)rx_schema_scale_items(sc) != (*sh)->items ||
	    rx_schema_scale_max(sc) != (*sh)->max)
		rc = rx_error_set(err, RX_EINTERNAL, "synthetic screening: scale "
			"%s no longer has %d items of 0..%d", o->scale, (*sh)->items,
			(*sh)->max);
	rx_schema_scale_free(sc);
	return rc;
}

static int put_row(rx_buf *csv, const pupil *u, const scale_shape *sh,
		   const rx_ops_synth_screening_opts *o, rx_error *err)
{
	const char *group = sh->critical ? "phq" : "gad";
	int a[9], y, m, d, rc;
	char key[96];
	rx_ops_rng r;
	double u9;

	snprintf(key, sizeof(key), "%s/%s/%d", u->no, group, o->round);
	rx_ops_rng_seed(&r, rx_ops_hash(o->seed, key, 6));
	u9 = rx_ops_rng_unit(&r);
	snprintf(key, sizeof(key), "%s/%s/%d/%d", u->no, o->scale, o->round,
		 o->administration);
	rx_ops_rng_seed(&r, rx_ops_hash(o->seed, key, 5));
	draw_answers(&r, sh, latent_level(u, o, group), u9, a);
	rx_ops_civil_from_days(admin_day(u, o), &y, &m, &d);
	rc = rx_buf_printf(csv, err, "%s,%04d-%02d-%02d", u->no, y, m, d);
	for (int i = 0; i < sh->items && rc == 0; i++)
		rc = rx_buf_printf(csv, err, ",%d", a[i]);
	return rc ? rc : rx_buf_puts(csv, "\n", err);
}

/* Only pupils the scale fits on the day (its age or grade range) take it. */
static int fits(const rx_schema_scale *sc, const pupil *u,
		const rx_ops_synth_screening_opts *o)
{
	int y, m, d;

	rx_ops_civil_from_days(admin_day(u, o), &y, &m, &d);
	return rx_schema_scale_fits(sc, u->grade,
		rx_schema_age_on(u->birth, (rx_schema_date){ y, m, d }));
}

int rx_ops_synth_screening(rx_buf *csv, const uint8_t *roster, size_t roster_len,
			   const rx_ops_synth_screening_opts *o, rx_error *err)
{
	const scale_shape *sh;
	pupils p = { NULL, 0, 0 };
	rx_schema_scale *sc = NULL;
	double norm;
	int rc;

	if ((rc = check_opts(&sh, o, err)) < 0 ||
	    (rc = rx_schema_builtin_scale(&sc, o->scale, err)) < 0 ||
	    (rc = pupils_load(&p, roster, roster_len, o->seed, err)) < 0)
		goto out;
	norm = pupils_centre(&p);
	for (size_t i = 0; i < p.n; i++)
		p.v[i].norm = norm;
	rc = rx_buf_puts(csv, "学号,日期", err);
	for (int i = 1; i <= sh->items && rc == 0; i++)
		rc = rx_buf_printf(csv, err, ",q%d", i);
	if (rc == 0)
		rc = rx_buf_puts(csv, "\n", err);
	for (size_t i = 0; i < p.n && rc == 0; i++)
		if (fits(sc, &p.v[i], o))
			rc = put_row(csv, &p.v[i], sh, o, err);
out:
	rx_schema_scale_free(sc);
	free(p.v);
	return rc;
}
