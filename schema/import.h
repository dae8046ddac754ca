/* Rows of the roster and screening CSV imports, validated (docs/csv.md). */
#ifndef RX_SCHEMA_IMPORT_H
#define RX_SCHEMA_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/error.h"
#include "schema/csv.h"
#include "schema/scale.h"

/*
 * Key groups (重点标记) as bits of rx_schema_student.flags. The list is data
 * (schema/groups/default.groups, schema/groups.h); these are the first seven
 * bits, the ones the statistics table counts and synthetic data draws.
 */
enum {
	RX_SCHEMA_FLAG_LEFT_BEHIND = 1u << 0,         /* 留守 */
	RX_SCHEMA_FLAG_SINGLE_PARENT = 1u << 1,       /* 单亲/离异 */
	RX_SCHEMA_FLAG_MIGRANT = 1u << 2,             /* 随迁 */
	RX_SCHEMA_FLAG_POOR_FAMILY = 1u << 3,         /* 家庭经济困难 */
	RX_SCHEMA_FLAG_CHRONIC_ILLNESS = 1u << 4,     /* 先天性疾病/体质异常 */
	RX_SCHEMA_FLAG_LEARNING_DIFFICULTY = 1u << 5, /* 学业困难 */
	RX_SCHEMA_FLAG_PSYCHOLOGICAL = 1u << 6        /* 心理问题 */
};
#define RX_SCHEMA_FLAG_COUNT 7 /* groups of the statistics table (bits 0..6) */

enum { RX_SCHEMA_GENDER_MALE = 1, RX_SCHEMA_GENDER_FEMALE = 2 };

/* How a class was written: 1 or 01, 1班, (1)班, 一班; other text. */
enum {
	RX_SCHEMA_CLASS_NUMBER, RX_SCHEMA_CLASS_BAN, RX_SCHEMA_CLASS_PAREN,
	RX_SCHEMA_CLASS_CN, RX_SCHEMA_CLASS_TEXT, RX_SCHEMA_CLASS_FORMS
};

#define RX_SCHEMA_STUDENT_NO_MAX 32 /* bytes */
#define RX_SCHEMA_NAME_MAX 128      /* bytes */
#define RX_SCHEMA_CLASS_MAX 32      /* bytes */

typedef struct rx_schema_date {
	int year, month, day;
} rx_schema_date;

typedef struct rx_schema_student {
	char student_no[RX_SCHEMA_STUDENT_NO_MAX + 1];
	char name[RX_SCHEMA_NAME_MAX + 1];   /* as written, minus outer spaces */
	int gender;                          /* RX_SCHEMA_GENDER_* */
	rx_schema_date birth;
	int grade;                           /* 1..12 */
	char class_name[RX_SCHEMA_CLASS_MAX + 1]; /* "3" for 3, 03, 3班, (3)班, 三班; else text */
	int class_form;                      /* RX_SCHEMA_CLASS_*: how it was written */
	uint32_t flags;                      /* RX_SCHEMA_FLAG_* */
} rx_schema_student;

typedef struct rx_schema_screening_row {
	char student_no[RX_SCHEMA_STUDENT_NO_MAX + 1];
	rx_schema_date date;
	rx_schema_score score; /* answers, total, band, critical flags */
} rx_schema_screening_row;

/* Logical columns of a roster; a screening has student_no, date, q1..qN. */
enum {
	RX_SCHEMA_COL_STUDENT_NO, RX_SCHEMA_COL_NAME, RX_SCHEMA_COL_GENDER,
	RX_SCHEMA_COL_BIRTH_DATE, RX_SCHEMA_COL_GRADE, RX_SCHEMA_COL_CLASS,
	RX_SCHEMA_COL_FLAGS, RX_SCHEMA_ROSTER_COLS
};
#define RX_SCHEMA_COL_DATE 1 /* screening: the date column */
#define RX_SCHEMA_COL_Q1 2   /* screening: item i is column RX_SCHEMA_COL_Q1 + i - 1 */

/* Where each logical column sits in the file's records. */
typedef struct rx_schema_csv_header {
	size_t ncols;  /* fields in the header record */
	size_t nlogical;
	int col[2 + RX_SCHEMA_ITEMS_MAX]; /* field index, or -1 when absent */
	int ref_year;  /* 0: birth years 1980..2099; else ref_year-30..ref_year-3 */
	char ignored[256]; /* names of unknown columns, ", "-separated (cut short) */
} rx_schema_csv_header;

/*
 * Map a roster header (Chinese or English names, any order, may be mixed;
 * 重点标记/flags optional; empty header cells and unknown names ignored,
 * the unknown ones listed in out->ignored; a repeated name or a missing
 * required column refused). 0 or RX_EINPUT ("第 1 行: ...").
 */
int rx_schema_roster_header_map(rx_schema_csv_header *out,
				const rx_schema_csv_record *rec, rx_error *err);

/*
 * Map a screening header: 学号/student_no, 日期/date and q1..qN of scale;
 * other names ignored as above, but an item beyond N is refused.
 */
int rx_schema_screening_header_map(rx_schema_csv_header *out,
				   const rx_schema_csv_record *rec,
				   const rx_schema_scale *scale, rx_error *err);

/* Validate one roster record into *out. 0 or RX_EINPUT ("第 N 行: why"). */
int rx_schema_roster_row_parse(const rx_schema_csv_header *h,
			       const rx_schema_csv_record *rec,
			       rx_schema_student *out, rx_error *err);

/* Validate and score one screening record. 0 or RX_EINPUT. */
int rx_schema_screening_row_parse(const rx_schema_csv_header *h,
				  const rx_schema_csv_record *rec,
				  const rx_schema_scale *scale,
				  rx_schema_screening_row *out, rx_error *err);

/*
 * Parse a date, a real calendar day: YYYY-M-D, YYYY/M/D, YYYY.M.D (one
 * separator kind, one or two digits), YYYY年M月D日, YYYYMMDD, or a
 * five-digit Excel serial day number (1900 date system). 0 or -1.
 */
int rx_schema_date_parse(rx_schema_date *out, const char *s, size_t len);

/*
 * A date given as a word, relative to today: today/今天/今日, yesterday/
 * 昨天/昨日 (ASCII without case). 0, or -1 when s is no such word.
 */
int rx_schema_date_word(rx_schema_date *out, const char *s, rx_schema_date today);

/* A grade as a teacher writes it (8, 八年级, 初二), as stored ("8"). 0 or -1. */
int rx_schema_grade_norm(char out[static 4], const char *s);
/* A class as a teacher writes it (3, 03, 3班, (3)班, 三班; other text kept), as stored. 0 or -1. */
int rx_schema_class_norm(char out[static 33], const char *s);

/* Parse a 重点标记 cell into flag bits; 0, or -1 with *bad set to the token. */
int rx_schema_flags_parse(uint32_t *out, const char *s, size_t len,
			  const char **bad, size_t *bad_len);

/* Chinese name and English code of flag bit i (any bit of the groups file; "?" if none). */
const char *rx_schema_flag_name(unsigned i);
const char *rx_schema_flag_name_en(unsigned i);

/*
 * A whole import: reads the header from csv, then yields validated rows,
 * refusing a student number seen earlier in the same file.
 */
typedef struct rx_schema_import rx_schema_import;

/* scale NULL: a roster; else a screening of that scale. csv stays the caller's. */
int rx_schema_import_open(rx_schema_import **out, rx_schema_csv *csv,
			  const rx_schema_scale *scale, rx_error *err);
void rx_schema_import_free(rx_schema_import *im);
/* The header mapping (e.g. to set ref_year before the first row). */
rx_schema_csv_header *rx_schema_import_header(rx_schema_import *im);
/* The header's unknown columns as one note line, or NULL when there were none. */
const char *rx_schema_import_ignored(rx_schema_import *im);
/*
 * When the rows so far wrote their classes in more than one form (1, 1班,
 * (1)班, 一班): one note line naming each form's first line; else NULL.
 */
const char *rx_schema_import_class_note(rx_schema_import *im);
/* Line where the record last returned (or refused) starts. */
size_t rx_schema_import_line(const rx_schema_import *im);

/*
 * Next row: 1 with *out filled; 0 at the end; RX_EINPUT for a refused row
 * (err says which line and why; call again for the next); other codes final.
 */
int rx_schema_import_roster_next(rx_schema_import *im, rx_schema_student *out,
				 rx_error *err);
int rx_schema_import_screening_next(rx_schema_import *im,
				    rx_schema_screening_row *out, rx_error *err);

#endif
