/* Synthetic schools: seeded rosters and screenings for the demo, benchmarks and tests. */
#ifndef RX_OPS_SYNTH_H
#define RX_OPS_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/buf.h"
#include "crypto/error.h"

/* -- Seeded, reproducible synthetic schools: roster and screening CSVs (docs/synthetic.md). -- */

#define RX_OPS_SYNTH_STUDENTS_MAX 10000 /* per school */

/* Which three grades a school has (the screened ones). */
typedef enum rx_ops_school_type {
	RX_OPS_SCHOOL_PRIMARY = 1, /* 小学高年级: grades 4–6 */
	RX_OPS_SCHOOL_JUNIOR = 2,  /* 初中: 7–9 */
	RX_OPS_SCHOOL_SENIOR = 3   /* 高中: 10–12 */
} rx_ops_school_type;

typedef struct rx_ops_synth_opts {
	uint64_t seed;            /* same seed, same bytes */
	size_t students;          /* 1..RX_OPS_SYNTH_STUDENTS_MAX */
	const char *school_code;  /* 1–6 digits, part of every 学号 */
	rx_ops_school_type type;
	int year;                 /* first calendar year of the school year, 2000..2090 */
	int urban;                /* 0: rural key-group rates (left-behind 15–25 %) */
} rx_ops_synth_opts;

/* Defaults: seed 1, 1,200 students, code "3101", rural junior school, 2024. */
void rx_ops_synth_opts_init(rx_ops_synth_opts *o);

/*
 * Append a roster CSV (docs/csv.md: 学号,姓名,性别,出生日期,年级,班级,重点标记,
 * LF line ends) for one school to csv. 0, RX_EUSAGE for bad options, or
 * RX_EINTERNAL (out of memory).
 */
int rx_ops_synth_roster(rx_buf *csv, const rx_ops_synth_opts *o, rx_error *err);

typedef struct rx_ops_synth_screening_opts {
	uint64_t seed;       /* the school's seed: ties administrations together */
	const char *scale;   /* "phq9", "phqa" or "gad7" */
	int round;           /* 1..9: 1 the autumn term of year, 2 the spring after, ... */
	int administration;  /* 1 or 2 (2–4 weeks after the first) */
	int year;            /* as in rx_ops_synth_opts */
} rx_ops_synth_screening_opts;

/*
 * Append a screening CSV (学号,日期,q1..qN) answering for every student of
 * the roster CSV (read with schema's importer; any valid roster will do).
 * Answers come from a per-student latent level, so the two administrations
 * of a round, and the scales of a round, are correlated. 0, RX_EUSAGE for
 * bad options, RX_EINPUT if the roster does not import cleanly, RX_EINTERNAL.
 */
int rx_ops_synth_screening(rx_buf *csv, const uint8_t *roster, size_t roster_len,
			   const rx_ops_synth_screening_opts *o, rx_error *err);

/* -- Internals of the synthetic school: a seeded PRNG, hashing and calendar days. -- */

/* xoshiro256** seeded through splitmix64: no libc rand, same on every host. */
typedef struct rx_ops_rng {
	uint64_t s[4];
} rx_ops_rng;

uint64_t rx_ops_splitmix64(uint64_t *state);
void rx_ops_rng_seed(rx_ops_rng *r, uint64_t seed);
uint64_t rx_ops_rng_next(rx_ops_rng *r);
/* Uniform in [0, n), n >= 1, without modulo bias. */
uint32_t rx_ops_rng_below(rx_ops_rng *r, uint32_t n);
/* Uniform in [0, 1). */
double rx_ops_rng_unit(rx_ops_rng *r);
/* True with probability p. */
int rx_ops_rng_chance(rx_ops_rng *r, double p);
/* Approximately standard normal (Irwin–Hall of 12 uniforms, |z| <= 6). */
double rx_ops_rng_normal(rx_ops_rng *r);

/* A 64-bit key of seed, a string and a small tag, for per-record streams. */
uint64_t rx_ops_hash(uint64_t seed, const char *s, uint64_t tag);

/* Days since 1970-01-01 of a civil date, and back; weekday 0 = Monday. */
long rx_ops_days_from_civil(int y, int m, int d);
void rx_ops_civil_from_days(long z, int *y, int *m, int *d);
int rx_ops_weekday(long z);

/* A Chinese name (surname weighted by frequency, 1–2 given characters). */
void rx_ops_synth_name(rx_ops_rng *r, int female, char *out, size_t cap);

/* -- A school's year of records besides its students: staff, classes, room hours, lessons, meetings. -- */

typedef struct rx_ops_synth_year_opts {
	uint64_t seed;
	int year;              /* the school year (Sept 1 of year to Aug 31) */
	long today;            /* rx_ops_days_from_civil: only days before it are written */
	int teachers_full;     /* psychology teachers, full- and part-time */
	int teachers_part;
	/* shortfalls this school really has (the demo's audit finds them) */
	int short_room_week;   /* 1: the room is open 4 hours in the third week of term */
	int short_lessons;     /* 1: the last class misses its lessons in days 14-27 of term */
	int short_committee;   /* 1: the first class from grade 4 has two boys, no girl */
} rx_ops_synth_year_opts;

/*
 * The school's records of the year as lines "TYPE field=value ..." (the
 * fields of `runxin add`, codes as values, no spaces inside a value), one
 * per record, dated from Sept 1 to the day before today, read from the
 * roster CSV's classes (docs/synthetic.md). Same options, same bytes.
 */
int rx_ops_synth_year(rx_buf *out, const uint8_t *roster, size_t roster_len,
	const rx_ops_synth_year_opts *o, rx_error *err);

#endif
