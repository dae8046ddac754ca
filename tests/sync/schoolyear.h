/* A synthetic school year for the sync tests: roster + 4 screenings as ops and as CSV. */
#ifndef RX_TEST_SCHOOLYEAR_H
#define RX_TEST_SCHOOLYEAR_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/buf.h"
#include "sync/op.h"

#define SY_STUDENTS 1200
#define SY_BATCHES 5 /* the roster, then 4 screening administrations */

typedef struct sy_year {
	rx_sync_op *ops;
	size_t n;
	size_t end[SY_BATCHES];  /* ops[end[b-1]..end[b]) is import b */
	rx_buf csv[SY_BATCHES];
	char *pool;
	size_t used;
} sy_year;

static uint64_t sy_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static char *sy_str(sy_year *y, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = y->pool + y->used;

	memcpy(p, s, n);
	y->used += n;
	return p;
}

static void sy_op(sy_year *y, const char *kind, const char *id,
	const char *field, const char *value, uint64_t hlc)
{
	rx_sync_op *o = &y->ops[y->n++];

	o->kind = kind;
	o->id = id;
	o->field = field;
	o->value = (const uint8_t *)sy_str(y, value);
	o->value_len = strlen(value);
	o->hlc = hlc;
	o->node = 0x5c0001d0a11ce001ULL;
}

static const char *sy_pick(uint64_t *s, const char *const *v, size_t n)
{
	return v[sy_rand(s) % n];
}

static void sy_name(uint64_t *s, char *out, size_t cap)
{
	static const char *const fam[] = { "王", "李", "张", "刘", "陈", "杨",
		"黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭" };
	static const char *const giv[] = { "伟", "芳", "娜", "敏", "静", "丽",
		"强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
		"超", "秀", "霞", "平", "刚", "桂", "欣", "怡", "浩", "宇" };

	snprintf(out, cap, "%s%s%s", sy_pick(s, fam, 16), sy_pick(s, giv, 26),
		sy_rand(s) % 3 ? sy_pick(s, giv, 26) : "");
}

static void sy_roster(sy_year *y, uint64_t *s, uint64_t hlc)
{
	static const char *const flags[] = { "", "", "", "", "", "left-behind",
		"single-parent", "migrant", "poor-family", "left-behind;poor-family" };
	static const char *const f[] = { "name", "gender", "birth_date", "grade",
		"class", "flags", "guardian", "guardian_phone", "enrol_date", "boarding" };
	char v[10][64];

	rx_buf_puts(&y->csv[0], "student_no,name,gender,birth_date,grade,class,"
		"flags,guardian,guardian_phone,enrol_date,boarding\n", NULL);
	for (int i = 0; i < SY_STUDENTS; i++) {
		char no[16];
		int grade = 7 + i / 400;
		snprintf(no, sizeof(no), "%d", 2023001 + i);
		const char *id = sy_str(y, no);
		sy_name(s, v[0], 64);
		strcpy(v[1], sy_rand(s) % 2 ? "M" : "F");
		snprintf(v[2], 64, "%d-%02d-%02d", 2017 - grade,
			(int)(sy_rand(s) % 12) + 1, (int)(sy_rand(s) % 28) + 1);
		snprintf(v[3], 64, "%d", grade);
		snprintf(v[4], 64, "%d", (i % 400) / 50 + 1);
		strcpy(v[5], sy_pick(s, flags, 10));
		sy_name(s, v[6], 64);
		snprintf(v[7], 64, "1%02d%08llu", 30 + (int)(sy_rand(s) % 60),
			(unsigned long long)(sy_rand(s) % 100000000));
		snprintf(v[8], 64, "%d-09-01", 2023 - (grade - 7));
		strcpy(v[9], sy_rand(s) % 4 ? "N" : "Y");
		rx_buf_printf(&y->csv[0], NULL, "%s", no);
		for (int k = 0; k < 10; k++) {
			rx_buf_printf(&y->csv[0], NULL, ",%s", v[k]);
			if (v[k][0])
				sy_op(y, "st", id, f[k], v[k], hlc);
		}
		rx_buf_puts(&y->csv[0], "\n", NULL);
	}
}

static void sy_screening(sy_year *y, uint64_t *s, int adm, uint64_t hlc)
{
	static const char *const q[] = { "q1", "q2", "q3", "q4", "q5", "q6",
		"q7", "q8", "q9" };
	rx_buf *c = &y->csv[adm];
	char id[64], date[32], a[4];

	rx_buf_puts(c, "student_no,date,q1,q2,q3,q4,q5,q6,q7,q8,q9\n", NULL);
	for (int i = 0; i < SY_STUDENTS; i++) {
		int risk = (int)(sy_rand(s) % 10);
		snprintf(id, sizeof(id), "%d/phq9/%d/%d", 2023001 + i,
			(adm + 1) / 2, 2 - adm % 2);
		const char *rid = sy_str(y, id);
		snprintf(date, sizeof(date), "2023-%02d-%02d", (9 + adm) % 100,
			10 + i / 200);
		sy_op(y, "sc", rid, "date", date, hlc);
		rx_buf_printf(c, NULL, "%d,%s", 2023001 + i, date);
		for (int k = 0; k < 9; k++) {
			int ans = (int)(sy_rand(s) % 10) < risk ?
				(int)(sy_rand(s) % 4) : (int)(sy_rand(s) % 10 == 0);
			snprintf(a, sizeof(a), "%d", ans);
			sy_op(y, "sc", rid, q[k], a, hlc);
			rx_buf_printf(c, NULL, ",%s", a);
		}
		rx_buf_puts(c, "\n", NULL);
	}
}

/* Build the year; ops in import order, one clock per import. */
static int sy_make(sy_year *y, uint64_t seed)
{
	uint64_t s = seed | 1, hlc = (UINT64_C(1693526400000) << 16);

	memset(y, 0, sizeof(*y));
	y->ops = calloc(SY_STUDENTS * 60, sizeof(*y->ops));
	y->pool = malloc(16u << 20);
	if (!y->ops || !y->pool)
		return -1;
	sy_roster(y, &s, hlc);
	y->end[0] = y->n;
	for (int adm = 1; adm <= 4; adm++) {
		hlc += UINT64_C(30) * 86400000 << 16;
		sy_screening(y, &s, adm, hlc);
		y->end[adm] = y->n;
	}
	return 0;
}

static void sy_free(sy_year *y)
{
	free(y->ops);
	free(y->pool);
	for (int b = 0; b < SY_BATCHES; b++)
		rx_buf_free(&y->csv[b]);
}

#endif
