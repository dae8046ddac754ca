/* Seeded, reproducible synthetic schools: roster and screening CSVs (docs/synthetic.md). */
#ifndef RX_OPS_SYNTH_H
#define RX_OPS_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/buf.h"
#include "crypto/error.h"

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

#endif
