/* Synthetic schools (determinism, import, rates) and the wire-size baselines. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "crypto/buf.h"
#include "ops/bench/benchInt.h"
#include "ops/synth/synth.h"
#include "schema/schema.h"
#include "tests/harness.h"

#define N 1200

#define CHECK_RANGE(v, lo, hi) do { \
	double rx_v_ = (v); \
	CHECK(rx_v_ >= (lo) && rx_v_ <= (hi)); \
	if (!(rx_v_ >= (lo) && rx_v_ <= (hi))) \
		fprintf(stderr, "  %s = %.4f, wanted %.4f..%.4f\n", #v, rx_v_, \
			(double)(lo), (double)(hi)); \
} while (0)


static rx_schema_student students[N];
static rx_schema_screening_row rows[2][N];

typedef struct imported {
	size_t good, bad;
	char first_bad[RX_ERROR_MSG_MAX];
} imported;

/* Import a CSV with the project's own importer; scale NULL: a roster. */
static int import_csv(imported *im, const rx_buf *b, const char *scale_id,
		      rx_schema_screening_row *out)
{
	rx_schema_csv *csv = NULL;
	rx_schema_import *imp = NULL;
	rx_schema_scale *scale = NULL;
	rx_error err = { 0 };
	int rc;

	memset(im, 0, sizeof(*im));
	if ((scale_id && (rc = rx_schema_builtin_scale(&scale, scale_id, &err)) < 0) ||
	    (rc = rx_schema_csv_open_mem(&csv, b->data, b->len, &err)) < 0 ||
	    (rc = rx_schema_import_open(&imp, csv, scale, &err)) < 0)
		goto out;
	for (;;) {
		rx_schema_student st;
		rx_schema_screening_row row;
		rc = scale ? rx_schema_import_screening_next(imp, &row, &err)
			   : rx_schema_import_roster_next(imp, &st, &err);
		if (rc == RX_EINPUT) {
			if (!im->bad++)
				strcpy(im->first_bad, err.msg);
			rx_error_clear(&err);
			continue;
		}
		if (rc <= 0)
			break;
		if (im->good < N) {
			if (scale)
				out[im->good] = row;
			else
				students[im->good] = st;
		}
		im->good++;
	}
out:
	rx_schema_import_free(imp);
	rx_schema_csv_free(csv);
	rx_schema_scale_free(scale);
	return rc;
}

static int make_roster(rx_buf *b, uint64_t seed, rx_ops_school_type type, size_t n)
{
	rx_ops_synth_opts o;
	rx_error err = { 0 };

	rx_ops_synth_opts_init(&o);
	o.seed = seed;
	o.type = type;
	o.students = n;
	return rx_ops_synth_roster(b, &o, &err);
}

static int make_screening(rx_buf *b, const rx_buf *roster, uint64_t seed,
			  const char *scale, int round, int adm)
{
	rx_ops_synth_screening_opts o = { seed, scale, round, adm, 2024 };
	rx_error err = { 0 };
	int rc = rx_ops_synth_screening(b, roster->data, roster->len, &o, &err);

	if (rc < 0)
		fprintf(stderr, "  screening: %s\n", err.msg);
	return rc;
}

static int same(const rx_buf *a, const rx_buf *b)
{
	return a->len == b->len && !memcmp(a->data, b->data, a->len);
}

static void test_determinism(void)
{
	rx_buf a = RX_BUF_INIT, b = RX_BUF_INIT, c = RX_BUF_INIT;
	rx_buf sa = RX_BUF_INIT, sb = RX_BUF_INIT, sc = RX_BUF_INIT;

	CHECK_EQ(make_roster(&a, 42, RX_OPS_SCHOOL_JUNIOR, 300), 0);
	CHECK_EQ(make_roster(&b, 42, RX_OPS_SCHOOL_JUNIOR, 300), 0);
	CHECK_EQ(make_roster(&c, 43, RX_OPS_SCHOOL_JUNIOR, 300), 0);
	CHECK(a.len > 1000 && same(&a, &b));
	CHECK(!same(&a, &c));
	CHECK_EQ(make_screening(&sa, &a, 42, "phq9", 1, 1), 0);
	CHECK_EQ(make_screening(&sb, &a, 42, "phq9", 1, 1), 0);
	CHECK_EQ(make_screening(&sc, &a, 43, "phq9", 1, 1), 0);
	CHECK(sa.len > 1000 && same(&sa, &sb));
	CHECK(!same(&sa, &sc));
	rx_buf_reset(&sb);
	CHECK_EQ(make_screening(&sb, &a, 42, "phq9", 1, 2), 0);
	CHECK(!same(&sa, &sb));
	rx_buf_free(&a); rx_buf_free(&b); rx_buf_free(&c);
	rx_buf_free(&sa); rx_buf_free(&sb); rx_buf_free(&sc);
}

static void check_grades(size_t n, int lowest, int year)
{
	size_t per_class[13][100] = { { 0 } };

	for (size_t i = 0; i < n; i++) {
		const rx_schema_student *s = &students[i];
		int cls = atoi(s->class_name), age = year - s->birth.year -
			(s->birth.month >= 9);
		char prefix[16];
		CHECK(s->grade >= lowest && s->grade <= lowest + 2);
		CHECK(cls >= 1 && cls <= 99);
		if (s->grade < 1 || s->grade > 12 || cls < 1 || cls > 99)
			continue;
		per_class[s->grade][cls]++;
		/* Age on 1 September: grade + 5, a year more or less for a few. */
		CHECK(age >= s->grade + 4 && age <= s->grade + 6);
		/* 学号 = enrolment year, school code, class, seat. */
		snprintf(prefix, sizeof(prefix), "%d3101%02d",
			 year - (s->grade - (lowest == 4 ? 1 : lowest)), cls);
		CHECK(strlen(s->student_no) == 12 && !strncmp(s->student_no, prefix, 10));
		/* 2–4 Chinese characters of 3 bytes each. */
		CHECK(strlen(s->name) >= 6 && strlen(s->name) <= 12 &&
		      strlen(s->name) % 3 == 0);
	}
	for (int g = lowest; g <= lowest + 2; g++)
		for (int c = 1; c < 100; c++)
			CHECK(per_class[g][c] == 0 ||
			      (per_class[g][c] >= 40 && per_class[g][c] <= 51));
}

static void check_flags(size_t n)
{
	size_t count[RX_SCHEMA_FLAG_COUNT] = { 0 }, girls = 0, multi = 0;
	double f[RX_SCHEMA_FLAG_COUNT];

	for (size_t i = 0; i < n; i++) {
		uint32_t fl = students[i].flags;
		girls += students[i].gender == RX_SCHEMA_GENDER_FEMALE;
		multi += (fl & (fl - 1)) != 0;
		for (unsigned k = 0; k < RX_SCHEMA_FLAG_COUNT; k++)
			count[k] += (fl >> k) & 1;
	}
	for (unsigned k = 0; k < RX_SCHEMA_FLAG_COUNT; k++)
		f[k] = (double)count[k] / (double)n;
	CHECK_RANGE((double)girls / (double)n, 0.43, 0.53);
	CHECK_RANGE(f[0], 0.12, 0.28);   /* left-behind, rural */
	CHECK_RANGE(f[1], 0.055, 0.105); /* single-parent/divorced */
	CHECK_RANGE(f[2], 0.025, 0.07);  /* migrant */
	CHECK_RANGE(f[3], 0.055, 0.105); /* poor family */
	CHECK_RANGE(f[4], 0.008, 0.035); /* chronic illness */
	CHECK_RANGE(f[5], 0.04, 0.08);   /* learning difficulty */
	CHECK_RANGE(f[6], 0.008, 0.035); /* psychological */
	CHECK(multi > 0);
}

static void test_roster_imports(void)
{
	static const struct { rx_ops_school_type t; int lowest; } kinds[] = {
		{ RX_OPS_SCHOOL_JUNIOR, 7 }, { RX_OPS_SCHOOL_PRIMARY, 4 },
		{ RX_OPS_SCHOOL_SENIOR, 10 } };

	for (size_t k = 0; k < 3; k++) {
		rx_buf b = RX_BUF_INIT;
		imported im;
		REQUIRE(make_roster(&b, 7 + k, kinds[k].t, N) == 0);
		CHECK(!memcmp(b.data, "学号,姓名,性别,出生日期,年级,班级,重点标记\n",
			      strlen("学号,姓名,性别,出生日期,年级,班级,重点标记\n")));
		CHECK_EQ(import_csv(&im, &b, NULL, NULL), 0);
		CHECK_EQ(im.bad, 0);
		if (im.bad)
			fprintf(stderr, "  first refused: %s\n", im.first_bad);
		CHECK_EQ(im.good, N);
		if (im.good == N) {
			check_grades(N, kinds[k].lowest, 2024);
			check_flags(N);
		}
		rx_buf_free(&b);
	}
}

static void test_bad_options(void)
{
	rx_ops_synth_opts o;
	rx_ops_synth_screening_opts so = { 1, "phq9", 1, 1, 2024 };
	rx_buf b = RX_BUF_INIT, roster = RX_BUF_INIT;
	rx_error err = { 0 };

	rx_ops_synth_opts_init(&o);
	o.students = 0;
	CHECK_EQ(rx_ops_synth_roster(&b, &o, &err), RX_EUSAGE);
	o.students = RX_OPS_SYNTH_STUDENTS_MAX + 1;
	CHECK_EQ(rx_ops_synth_roster(&b, &o, &err), RX_EUSAGE);
	rx_ops_synth_opts_init(&o);
	o.school_code = "31a1";
	CHECK_EQ(rx_ops_synth_roster(&b, &o, &err), RX_EUSAGE);
	o.school_code = "1234567";
	CHECK_EQ(rx_ops_synth_roster(&b, &o, &err), RX_EUSAGE);
	rx_ops_synth_opts_init(&o);
	o.type = 0;
	CHECK_EQ(rx_ops_synth_roster(&b, &o, &err), RX_EUSAGE);
	rx_ops_synth_opts_init(&o);
	o.year = 1999;
	CHECK_EQ(rx_ops_synth_roster(&b, &o, &err), RX_EUSAGE);
	CHECK_EQ(b.len, 0);

	REQUIRE(make_roster(&roster, 1, RX_OPS_SCHOOL_JUNIOR, 30) == 0);
	so.scale = "sds";
	CHECK_EQ(rx_ops_synth_screening(&b, roster.data, roster.len, &so, &err), RX_EUSAGE);
	so.scale = NULL;
	CHECK_EQ(rx_ops_synth_screening(&b, roster.data, roster.len, &so, &err), RX_EUSAGE);
	so.scale = "gad7";
	so.round = 0;
	CHECK_EQ(rx_ops_synth_screening(&b, roster.data, roster.len, &so, &err), RX_EUSAGE);
	so.round = 1;
	so.administration = 3;
	CHECK_EQ(rx_ops_synth_screening(&b, roster.data, roster.len, &so, &err), RX_EUSAGE);
	so.administration = 1;
	CHECK_EQ(b.len, 0);
	/* A roster with one refused line refuses the screening, naming the line. */
	rx_buf_puts(&roster, "S 1,张三,男,2011-03-04,8,2,\n", NULL);
	rx_error_clear(&err);
	CHECK_EQ(rx_ops_synth_screening(&b, roster.data, roster.len, &so, &err), RX_EINPUT);
	CHECK(strstr(err.msg, "第 32 行") != NULL);
	/* Cut inside the third student's name: that row is refused. */
	{
		const char *p = (const char *)roster.data;
		for (int k = 0; k < 3; k++)
			p = strchr(p, '\n') + 1;
		rx_error_clear(&err);
		CHECK_EQ(rx_ops_synth_screening(&b, roster.data,
			(size_t)(p - (const char *)roster.data) + 14, &so, &err), RX_EINPUT);
		CHECK(strstr(err.msg, "第 4 行") != NULL);
	}
	rx_buf_free(&b);
	rx_buf_free(&roster);
}

static long day_number(const rx_schema_date *d)
{
	struct tm tm = { 0 };

	tm.tm_year = d->year - 1900;
	tm.tm_mon = d->month - 1;
	tm.tm_mday = d->day;
	return (long)(timegm(&tm) / 86400);
}

static int weekday(const rx_schema_date *d)
{
	struct tm tm = { 0 };
	time_t t;

	tm.tm_year = d->year - 1900;
	tm.tm_mon = d->month - 1;
	tm.tm_mday = d->day;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	return tm.tm_wday; /* 0 Sunday */
}

/* Levels by the default rules for both administrations of one scale. */
static void levels_of(int lv[2][N], const char *scale_id, const rx_buf *roster,
		      uint64_t seed)
{
	rx_schema_scale *scale = NULL;
	rx_schema_rules *rules = NULL;
	rx_error err = { 0 };

	REQUIRE(rx_schema_builtin_scale(&scale, scale_id, &err) == 0);
	REQUIRE(rx_schema_builtin_rules(&rules, "default", &err) == 0);
	for (int a = 0; a < 2; a++) {
		rx_buf b = RX_BUF_INIT;
		imported im;
		CHECK_EQ(make_screening(&b, roster, seed, scale_id, 1, a + 1), 0);
		CHECK_EQ(import_csv(&im, &b, scale_id, rows[a]), 0);
		CHECK_EQ(im.bad, 0);
		if (im.bad)
			fprintf(stderr, "  first refused: %s\n", im.first_bad);
		CHECK_EQ(im.good, N);
		for (size_t i = 0; i < N; i++)
			lv[a][i] = i < im.good ? (int)rx_schema_rules_level(rules, scale,
				&rows[a][i].score) : -1;
		rx_buf_free(&b);
	}
	rx_schema_scale_free(scale);
	rx_schema_rules_free(rules);
}

static void check_dates(void)
{
	for (size_t i = 0; i < N; i++) {
		const rx_schema_date *d1 = &rows[0][i].date, *d2 = &rows[1][i].date;
		long gap = day_number(d2) - day_number(d1);
		CHECK_STR(rows[0][i].student_no, students[i].student_no);
		CHECK_STR(rows[1][i].student_no, students[i].student_no);
		CHECK(d1->year == 2024 && (d1->month == 9 || d1->month == 10));
		CHECK(d2->year == 2024 && (d2->month == 10 || d2->month == 11));
		CHECK(gap >= 14 && gap <= 28);
		CHECK(weekday(d1) != 0 && weekday(d1) != 6);
		CHECK(weekday(d2) != 0 && weekday(d2) != 6);
	}
}

static void check_levels(int lv[2][N], const char *scale_id)
{
	int red = strcmp(scale_id, "gad7") != 0;

	for (int a = 0; a < 2; a++) {
		size_t c[4] = { 0 };
		for (size_t i = 0; i < N; i++)
			if (lv[a][i] >= 0 && lv[a][i] <= 3)
				c[lv[a][i]]++;
		printf("  %s administration %d: none %zu yellow %zu orange %zu red %zu\n",
		       scale_id, a + 1, c[0], c[1], c[2], c[3]);
		CHECK_RANGE(c[0] / (double)N, 0.70, 0.82);
		CHECK_RANGE(c[1] / (double)N, 0.08, 0.16);
		CHECK_RANGE(c[2] / (double)N, red ? 0.035 : 0.05, red ? 0.09 : 0.13);
		CHECK_RANGE(c[3] / (double)N, red ? 0.015 : 0, red ? 0.055 : 0);
	}
}

/* The two administrations mostly agree, sometimes one step apart, rarely two. */
static void check_agreement(int lv[2][N])
{
	size_t diff[4] = { 0 };

	for (size_t i = 0; i < N; i++)
		diff[abs(lv[0][i] - lv[1][i]) & 3]++;
	printf("  agreement: same %zu, one step %zu, two %zu, three %zu\n",
	       diff[0], diff[1], diff[2], diff[3]);
	CHECK_RANGE(diff[0] / (double)N, 0.78, 0.97);
	CHECK_RANGE(diff[1] / (double)N, 0.03, 0.20);
	CHECK_RANGE((diff[2] + diff[3]) / (double)N, 0, 0.03);
}

static void check_item9(void)
{
	size_t q9 = 0;

	for (int a = 0; a < 2; a++)
		for (size_t i = 0; i < N; i++)
			q9 += rows[a][i].score.answers[8] >= 1;
	printf("  PHQ-9 item 9 >= 1: %zu of %d\n", q9, 2 * N);
	CHECK_RANGE(q9 / (2.0 * N), 0.007, 0.025);
}

/* Key groups and scales: the psychological flag and depression raise anxiety. */
static void check_risk(int phq[2][N], int gad[2][N])
{
	size_t psy = 0, psy_hi = 0, phq_hi = 0, gad_hi = 0, both = 0;

	for (size_t i = 0; i < N; i++) {
		int p = phq[0][i] >= 1, g = gad[0][i] >= 1;
		phq_hi += p;
		gad_hi += g;
		both += p && g;
		if (students[i].flags & RX_SCHEMA_FLAG_PSYCHOLOGICAL) {
			psy++;
			psy_hi += p;
		}
	}
	REQUIRE(psy > 0 && phq_hi > 0);
	CHECK(psy_hi / (double)psy > 2.0 * phq_hi / (double)N);
	CHECK(both / (double)phq_hi > 2.0 * gad_hi / (double)N);
}

static void test_screening(void)
{
	static int phq[2][N], gad[2][N];
	rx_buf roster = RX_BUF_INIT, b = RX_BUF_INIT;
	imported im;

	REQUIRE(make_roster(&roster, 2024, RX_OPS_SCHOOL_JUNIOR, N) == 0);
	REQUIRE(import_csv(&im, &roster, NULL, NULL) == 0 && im.good == N);
	levels_of(phq, "phq9", &roster, 2024);
	check_dates();
	check_item9();
	check_levels(phq, "phq9");
	check_agreement(phq);
	levels_of(gad, "gad7", &roster, 2024);
	check_dates();
	check_levels(gad, "gad7");
	check_agreement(gad);
	check_risk(phq, gad);
	/* PHQ-A has the same shape; it parses and scores too. */
	CHECK_EQ(make_screening(&b, &roster, 2024, "phqa", 2, 1), 0);
	CHECK_EQ(import_csv(&im, &b, "phqa", rows[0]), 0);
	CHECK(im.bad == 0 && im.good == N);
	CHECK(rows[0][0].date.year == 2025 && rows[0][0].date.month == 3);
	rx_buf_free(&b);
	rx_buf_free(&roster);
}

typedef struct year {
	rx_buf csv[5];
	rx_ops_baseline_screening s[4];
	rx_ops_baseline_year y;
} year;

static int make_year(year *y, uint64_t seed)
{
	static const char *const scale[4] = { "phq9", "phq9", "gad7", "gad7" };
	int rc;

	memset(y, 0, sizeof(*y));
	if ((rc = make_roster(&y->csv[0], seed, RX_OPS_SCHOOL_JUNIOR, N)) < 0)
		return rc;
	for (int i = 0; i < 4; i++) {
		if ((rc = make_screening(&y->csv[i + 1], &y->csv[0], seed, scale[i], 1,
					 i % 2 + 1)) < 0)
			return rc;
		y->s[i] = (rx_ops_baseline_screening){ y->csv[i + 1].data,
			y->csv[i + 1].len, scale[i], 1, i % 2 + 1 };
	}
	y->y = (rx_ops_baseline_year){ y->csv[0].data, y->csv[0].len, y->s, 4, seed };
	return 0;
}

static void year_free(year *y)
{
	for (int i = 0; i < 5; i++)
		rx_buf_free(&y->csv[i]);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int is_hex32(const char *p)
{
	for (int i = 0; i < 32; i++)
		if (!strchr("0123456789abcdef", p[i]))
			return 0;
	return p[32] == '"';
}

static void test_couch_body(void)
{
	year y;
	rx_buf a = RX_BUF_INIT, b = RX_BUF_INIT, c = RX_BUF_INIT;
	rx_error err = { 0 };
	size_t docs = 0, revs = 0;
	const char *p;

	REQUIRE(make_year(&y, 5) == 0);
	CHECK_EQ(rx_ops_baseline_couch_body(&a, &docs, &y.y, &err), 0);
	CHECK_EQ(docs, 5 * N);
	REQUIRE(rx_buf_cstr(&a, &err) == 0);
	p = (const char *)a.data;
	CHECK(!strncmp(p, "{\"new_edits\":false,\"docs\":[\n{\"_id\":\"student:", 44));
	CHECK(strstr(p, "\"type\":\"screening\",\"student_no\":") != NULL);
	CHECK(strstr(p, ":phq9:1:2\"") && strstr(p, ":gad7:1:1\""));
	CHECK(a.len > 6 && !strcmp(p + a.len - 4, "\n]}\n"));
	for (const char *q = p; (q = strstr(q, "\"_rev\":\"1-")); q += 10)
		revs += is_hex32(q + 10);
	CHECK_EQ(revs, 5 * N);
	CHECK_EQ(rx_ops_baseline_couch_body(&b, NULL, &y.y, &err), 0);
	CHECK(a.len == b.len && !memcmp(a.data, b.data, b.len));
	y.y.seed = 6; /* same records, other revisions */
	CHECK_EQ(rx_ops_baseline_couch_body(&c, NULL, &y.y, &err), 0);
	CHECK(c.len == b.len && memcmp(c.data, b.data, b.len) != 0);
	year_free(&y);
	rx_buf_free(&a); rx_buf_free(&b); rx_buf_free(&c);
}

static void test_couch_escapes_and_refuses(void)
{
	const char *roster = "学号,姓名,性别,出生日期,年级,班级,重点标记\n"
		"1,\"王\"\"小\\明\",女,2011-03-04,8,A班,留守、随迁\n";
	const char *bad = "学号,日期,q1,q2,q3,q4,q5,q6,q7\n1,2024-09-30,0,0,0,4,0,0,0\n";
	rx_ops_baseline_screening s = { (const uint8_t *)bad, strlen(bad), "gad7", 1, 1 };
	rx_ops_baseline_year y = { (const uint8_t *)roster, strlen(roster), NULL, 0, 1 };
	rx_buf b = RX_BUF_INIT;
	rx_error err = { 0 };
	rx_ops_couch_size sz;

	CHECK_EQ(rx_ops_baseline_couch_body(&b, NULL, &y, &err), 0);
	REQUIRE(rx_buf_cstr(&b, &err) == 0);
	CHECK(strstr((char *)b.data, "\"name\":\"王\\\"小\\\\明\"") != NULL);
	CHECK(strstr((char *)b.data, "\"class\":\"A班\",\"flags\":[\"left-behind\","
		"\"migrant\"]}") != NULL);
	y.screening = &s;
	y.n = 1;
	CHECK_EQ(rx_ops_baseline_couch(&sz, &y, &err), RX_EINPUT);
	CHECK(strstr(err.msg, "第 2 行") && strstr(err.msg, "q4"));
	rx_buf_free(&b);
}

/* zstd -19 of the CLI on the same bytes, or 0 if zstd is not installed. */
static size_t zstd_cli(const rx_buf *b)
{
	char path[] = "/tmp/rx-synth-XXXXXX", cmd[128];
	size_t n = 0;
	FILE *f;
	int fd = mkstemp(path);

	if (fd < 0)
		return 0;
	if (write(fd, b->data, b->len) == (ssize_t)b->len) {
		snprintf(cmd, sizeof(cmd), "zstd -q -19 -c %s 2>/dev/null | wc -c", path);
		if ((f = popen(cmd, "r"))) {
			if (fscanf(f, "%zu", &n) != 1)
				n = 0;
			pclose(f);
		}
	}
	close(fd);
	unlink(path);
	return n;
}

static void test_baselines_school_year(void)
{
	year y;
	rx_buf all = RX_BUF_INIT;
	rx_error err = { 0 };
	rx_ops_couch_size cz = { 0 };
	size_t csv = 0, z_files = 0, z_all = 0, z, cli;
	double t0 = now(), t1, t2, t3;

	REQUIRE(make_year(&y, 2024) == 0);
	t1 = now();
	for (int i = 0; i < 5; i++) {
		csv += y.csv[i].len;
		rx_buf_put(&all, y.csv[i].data, y.csv[i].len, NULL);
		CHECK_EQ(rx_ops_baseline_zstd19(&z, y.csv[i].data, y.csv[i].len, &err), 0);
		z_files += z;
	}
	CHECK_EQ(rx_ops_baseline_zstd19(&z_all, all.data, all.len, &err), 0);
	t2 = now();
	CHECK_EQ(rx_ops_baseline_couch(&cz, &y.y, &err), 0);
	t3 = now();
	CHECK(z_all > 0 && z_all < csv / 2 && z_files >= z_all);
	CHECK_EQ(cz.docs, 5 * N);
	CHECK(cz.raw > csv && cz.gzip > 0 && cz.gzip < cz.raw);
	/* The library's figure is what `zstd -19` writes, less its 4-byte checksum. */
	if ((cli = zstd_cli(&all)))
		CHECK(cli >= z_all && cli <= z_all + 8);
	printf("  school year, %d students: roster + 2 PHQ-9 + 2 GAD-7 (generated in %.2f s)\n",
	       N, t1 - t0);
	printf("  CSV                  %8zu bytes (5 files)\n", csv);
	printf("  zstd -19, per file   %8zu bytes\n", z_files);
	printf("  zstd -19, one stream %8zu bytes (cli %zu) in %.2f s\n",
	       z_all, cli, t2 - t1);
	printf("  Couch JSON, raw      %8zu bytes (%zu docs)\n", cz.raw, cz.docs);
	printf("  Couch JSON, gzip     %8zu bytes in %.2f s\n", cz.gzip, t3 - t2);
	rx_buf_free(&all);
	year_free(&y);
}

int main(void)
{
	RUN(test_determinism);
	RUN(test_roster_imports);
	RUN(test_bad_options);
	RUN(test_screening);
	RUN(test_couch_body);
	RUN(test_couch_escapes_and_refuses);
	RUN(test_baselines_school_year);
	return rx_test_done();
}
