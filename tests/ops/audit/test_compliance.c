/*
 * Compliance rules of the city audit (docs/rules.md section 8): staffing by
 * school type and stage with part-time teachers counted; counselling-room
 * hours week by week and lessons class by class and fortnight by fortnight
 * (one 100-hour entry, or every lesson in one class, fails); yearly rules
 * judged only after Aug 31; no count of students printed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ops/archive/archive.h"
#include "ops/audit/audit.h"
#include "schema/obligation.h"
#include "tests/harness.h"

static long day(int y, int m, int d)
{
	return rx_schema_date_days((rx_schema_date){ y, m, d });
}

/* A school of `students` grade-7 boys, all screened twice and visited, nothing owed. */
static void school(rx_ops_stats *s, int id, int64_t students)
{
	memset(s, 0, sizeof(*s));
	s->scope = RX_OPS_STATS_SCHOOL;
	s->year = 2026;
	snprintf(s->round, sizeof(s->round), "2026-1");
	snprintf(s->node, sizeof(s->node), "%016x", id);
	*rx_ops_stats_at(s, RX_STATS_LEVELS, 12, 3) = students;
	*rx_ops_stats_at(s, RX_STATS_COVERAGE, 6, 0) = students;
	s->staff = (rx_ops_stats_staff){ .teachers_full = 1, .room_hours_x10 = 80,
		.lessons_x100 = 100, .classes_g4 = 2, .classes_committee = 2,
		.school_type = RX_SCHOOL_TOWNSHIP, .school_stage = RX_STAGE_JUNIOR,
		.room_weeks = 10, .room_weeks_ok = 10, .lesson_slots = 20, .lesson_slots_ok = 20 };
	rx_ops_stats_margins(s);
}

/* Shortfalls of one school under cfg: how many of kind k (and the list in *out). */
static size_t check(const rx_ops_stats *s, const rx_ops_compliance_cfg *c,
	rx_ops_shortfall_kind k, rx_ops_shortfall **out, size_t *n)
{
	rx_error err = { 0 };
	size_t hits = 0;

	*out = NULL, *n = 0;
	if (rx_ops_compliance_check(out, n, s, 1, c, &err) < 0)
		return 999;
	for (size_t i = 0; i < *n; i++)
		hits += (*out)[i].kind == k;
	return hits;
}

static size_t count(const rx_ops_stats *s, const rx_ops_compliance_cfg *c,
	rx_ops_shortfall_kind k)
{
	rx_ops_shortfall *v;
	size_t n, hits = check(s, c, k, &v, &n);

	free(v);
	return hits;
}

static void test_policy_file(void)
{
	rx_ops_compliance_cfg c;
	rx_error err = { 0 };
	const char *bad[2] = { "ratio = 10\n", "ratio = 500\nfoo = 1\n" };
	long starts[64];

	REQUIRE(rx_ops_compliance_cfg_init(&c, &err) == 0);
	CHECK_EQ(c.students_per_teacher, 500);
	CHECK_EQ(c.full_time_from, RX_STAGE_JUNIOR);
	CHECK_EQ(c.room_hours, 8);
	CHECK_EQ(c.lessons, 1);
	CHECK(c.part_time_types == 1u << RX_SCHOOL_VILLAGE);
	CHECK_EQ(rx_ops_compliance_cfg_parse(&c, bad[0], strlen(bad[0]), &err), RX_EINPUT);
	err = (rx_error){ 0 };
	CHECK_EQ(rx_ops_compliance_cfg_parse(&c, bad[1], strlen(bad[1]), &err), RX_EINPUT);
	CHECK(strstr(err.msg, "line 2") != NULL);
	REQUIRE(rx_ops_compliance_cfg_init(&c, &err) == 0);
	/* weeks from Sept 1: the two weeks holding Oct 1-7 are not judged, nor the one not over */
	CHECK_EQ(rx_ops_compliance_blocks(starts, 64, &c, 2026, 7, day(2026, 10, 20)), 5);
	CHECK_EQ(starts[3], day(2026, 9, 22));
	CHECK_EQ(starts[4], day(2026, 10, 13));
	CHECK_EQ(rx_ops_compliance_blocks(starts, 64, &c, 2026, 14, day(2026, 10, 20)), 2);
	/* the winter holiday (Jan 21 - Feb 19) is outside both terms */
	CHECK_EQ(rx_ops_compliance_blocks(starts, 64, &c, 2026, 7, day(2027, 2, 26)),
		rx_ops_compliance_blocks(starts, 64, &c, 2026, 7, day(2027, 1, 21)));
}

static void test_staffing(void)
{
	rx_ops_compliance_cfg c;
	rx_ops_stats s;
	rx_error err = { 0 };

	REQUIRE(rx_ops_compliance_cfg_init(&c, &err) == 0);
	/* a village primary school of 60 with one part-time teacher passes */
	school(&s, 1, 60);
	s.staff.teachers_full = 0, s.staff.teachers_part = 1;
	s.staff.school_type = RX_SCHOOL_VILLAGE, s.staff.school_stage = RX_STAGE_PRIMARY;
	CHECK_EQ(count(&s, &c, RX_SHORT_TEACHERS) + count(&s, &c, RX_SHORT_FULL_TIME), 0);
	/* ... and a village school with a junior section too (S1 #27: 专职或兼职) */
	s.staff.school_stage = RX_STAGE_JUNIOR;
	CHECK_EQ(count(&s, &c, RX_SHORT_FULL_TIME), 0);
	/* with nobody it fails the ratio */
	s.staff.teachers_part = 0;
	CHECK_EQ(count(&s, &c, RX_SHORT_TEACHERS), 1);
	/* a junior middle school without a full-time teacher fails, part-time ones or not */
	school(&s, 2, 900);
	s.staff.teachers_full = 0, s.staff.teachers_part = 2;
	s.staff.school_type = RX_SCHOOL_TYPE_UNSET;
	CHECK_EQ(count(&s, &c, RX_SHORT_FULL_TIME), 1);
	CHECK_EQ(count(&s, &c, RX_SHORT_TEACHERS), 0); /* 2 for 900 at 1:500 */
	/* an urban primary school needs one too (S1 #27: 城区…100%配备专职) */
	s.staff.school_type = RX_SCHOOL_URBAN, s.staff.school_stage = RX_STAGE_PRIMARY;
	CHECK_EQ(count(&s, &c, RX_SHORT_FULL_TIME), 1);
	/* part-time teachers count towards the ratio: 1 + 1 for 900 */
	school(&s, 3, 900);
	s.staff.teachers_part = 1;
	CHECK_EQ(count(&s, &c, RX_SHORT_TEACHERS), 0);
	s.staff.teachers_part = 0;
	CHECK_EQ(count(&s, &c, RX_SHORT_TEACHERS), 1);
	/* at 1:800 (a jurisdiction's setting) one is enough for 700 */
	school(&s, 4, 700);
	CHECK_EQ(count(&s, &c, RX_SHORT_TEACHERS), 1);
	c.students_per_teacher = 800;
	CHECK_EQ(count(&s, &c, RX_SHORT_TEACHERS), 0);
}

static void test_weekly(void)
{
	rx_ops_compliance_cfg c;
	rx_ops_stats s;
	rx_error err = { 0 };

	REQUIRE(rx_ops_compliance_cfg_init(&c, &err) == 0);
	school(&s, 5, 300);
	CHECK_EQ(count(&s, &c, RX_SHORT_ROOM_HOURS) + count(&s, &c, RX_SHORT_LESSONS), 0);
	/* a high average does not hide one short week or one class-fortnight without a lesson */
	s.staff.room_hours_x10 = 300, s.staff.room_weeks_ok = 9;
	s.staff.lessons_x100 = 200, s.staff.lesson_slots_ok = 19;
	CHECK_EQ(count(&s, &c, RX_SHORT_ROOM_HOURS), 1);
	CHECK_EQ(count(&s, &c, RX_SHORT_LESSONS), 1);
	/* nothing judged yet (the first week of term): nothing short */
	s.staff.room_weeks = s.staff.room_weeks_ok = 0;
	s.staff.lesson_slots = s.staff.lesson_slots_ok = 0;
	CHECK_EQ(count(&s, &c, RX_SHORT_ROOM_HOURS) + count(&s, &c, RX_SHORT_LESSONS), 0);
}

/* Digit runs of text that are counts from 1 to 4 (a year or 100 % is not one). */
static int small_count_in(const char *text)
{
	for (const char *p = text; *p; p++)
		if (*p >= '0' && *p <= '9' && (p == text || p[-1] < '0' || p[-1] > '9')) {
			long v = strtol(p, NULL, 10);
			if (v >= 1 && v <= 4)
				return 1;
		}
	return 0;
}

static void test_deadlines_and_small_counts(void)
{
	rx_ops_compliance_cfg c;
	rx_ops_shortfall *v;
	rx_ops_stats s;
	rx_buf b = RX_BUF_INIT;
	rx_error err = { 0 };
	size_t n;

	REQUIRE(rx_ops_compliance_cfg_init(&c, &err) == 0);
	/* 3 of 300 not visited yet, 2 screened once; 3 care plans overdue, 1 late, a late review */
	school(&s, 6, 300);
	*rx_ops_stats_at(&s, RX_STATS_COVERAGE, 6, 0) = 295;
	*rx_ops_stats_at(&s, RX_STATS_COVERAGE, 6, 1) = 3;
	*rx_ops_stats_at(&s, RX_STATS_COVERAGE, 6, 2) = 2;
	*rx_ops_stats_at(&s, RX_STATS_OBLIG, RX_ACT_CARE_PLAN, 3) = 3;
	*rx_ops_stats_at(&s, RX_STATS_OBLIG, RX_ACT_PARENTS, 1) = 1;
	*rx_ops_stats_at(&s, RX_STATS_INCIDENTS, 0, 2) = 1;
	rx_ops_stats_margins(&s);
	/* in November the yearly home visit (due Aug 31) is not a shortfall */
	c.today = day(2026, 11, 20);
	CHECK_EQ(count(&s, &c, RX_SHORT_VISITS) + count(&s, &c, RX_SHORT_COVERAGE), 0);
	c.today = day(2027, 8, 31);
	CHECK_EQ(count(&s, &c, RX_SHORT_VISITS), 0);
	c.today = day(2027, 9, 1);
	CHECK_EQ(count(&s, &c, RX_SHORT_VISITS), 1);
	CHECK_EQ(count(&s, &c, RX_SHORT_COVERAGE), 1);
	/* no count from 1 to 4 in any line, nor in have/want */
	check(&s, &c, RX_SHORT_OVERDUE, &v, &n);
	CHECK_EQ(n, 5); /* coverage, visits, overdue, late, review */
	for (size_t i = 0; i < n; i++) {
		CHECK(!small_count_in(v[i].text));
		CHECK(v[i].have == -1 && v[i].want == -1);
	}
	REQUIRE(rx_ops_compliance_format(&b, v, n, &err) == 0 && rx_buf_cstr(&b, &err) == 0);
	CHECK(strstr((char *)b.data, "\toverdue\t-\t-\t有过了期限仍未完成的工作：一生一策") != NULL);
	CHECK(!small_count_in((char *)b.data + 16));
	free(v);
	rx_buf_free(&b);
	/* the county's masked view: a hidden entry (1..4) is still above zero, so still a shortfall */
	school(&s, 7, 300);
	*rx_ops_stats_at(&s, RX_STATS_OBLIG, RX_ACT_CARE_PLAN, 3) = 3;
	rx_ops_stats_margins(&s);
	for (int i = 0; i < 2; i++) { /* published: hidden, and no value */
		int at = (i ? rx_ops_stats_rows(RX_STATS_OBLIG) : RX_ACT_CARE_PLAN) * 5 + 3;
		s.hidden[RX_STATS_OBLIG][at] = 1, s.v[RX_STATS_OBLIG][at] = 0;
	}
	CHECK_EQ(count(&s, &c, RX_SHORT_OVERDUE), 1);
	CHECK_EQ(count(&s, &c, RX_SHORT_HIDDEN), 0);
	/* a review report submitted incomplete before its deadline is not short yet; after it, it is */
	school(&s, 8, 300);
	*rx_ops_stats_at(&s, RX_STATS_INCIDENTS, 0, 1) = 1;
	*rx_ops_stats_at(&s, RX_STATS_OBLIG, RX_ACT_REVIEW, 2) = 1;
	rx_ops_stats_margins(&s);
	CHECK_EQ(count(&s, &c, RX_SHORT_REVIEW), 0);
	*rx_ops_stats_at(&s, RX_STATS_OBLIG, RX_ACT_REVIEW, 2) = 0;
	*rx_ops_stats_at(&s, RX_STATS_OBLIG, RX_ACT_REVIEW, 3) = 1;
	rx_ops_stats_margins(&s);
	CHECK_EQ(count(&s, &c, RX_SHORT_REVIEW), 1);
}

/* -- The school's own figures from its archive: week by week, class by class. -- */

static char dir[256];

static int sh(const char *fmt, ...)
{
	char cmd[2048], full[2400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	snprintf(full, sizeof(full), "cd %s && R=\"$RUNXIN\" && %s", dir, cmd);
	return system(full);
}

static int add(rx_archive *a, const char *type, ...)
{
	rx_archive_added ad;
	rx_schema_rec r;
	rx_error err = { 0 };
	va_list ap;
	const char *f;
	int rc = 0;

	rx_schema_rec_init(&r, rx_schema_type_find(type));
	va_start(ap, type);
	while (rc == 0 && (f = va_arg(ap, const char *)))
		rc = rx_schema_rec_set(&r, f, va_arg(ap, const char *), &err);
	va_end(ap);
	if (rc == 0)
		rc = rx_archive_rec_add(&ad, a, &r, NULL, &err);
	if (rc < 0)
		fprintf(stderr, "add %s: %s\n", type, err.msg);
	rx_schema_rec_clear(&r);
	return rc;
}

static void test_school_figures(void)
{
	static const char *lesson_days[6] = { "2026-09-02", "2026-09-09", "2026-09-16",
		"2026-09-23", "2026-09-30", "2026-10-09" };
	rx_home_opts o = { 0 };
	rx_home *h = NULL;
	rx_archive *a = NULL;
	rx_ops_stats s;
	rx_ops_compliance_cfg c;
	rx_ops_shortfall *v;
	rx_error err = { 0 };
	char path[400];
	size_t n;

	REQUIRE(sh("$R -C s init --role school --name 校 >/dev/null && printf '"
		"学号,姓名,性别,出生日期,年级,班级,重点标记\\nS1,张三,男,2013-03-01,7,1,\\n"
		"S2,李四,女,2013-04-01,7,2,\\n' >r.csv && $R -C s import roster r.csv "
		">/dev/null 2>&1 && $R -C s stats setting type=村小 >/dev/null") == 0);
	snprintf(path, sizeof(path), "%s/s", dir);
	o.path = path;
	REQUIRE(rx_home_open(&h, &o, &err) == 0 && rx_archive_open(&a, h, &o, &err) == 0);
	/* one 100-hour entry in the first week; six lessons, all in class 7/1 */
	REQUIRE(add(a, "activity", "d", "2026-09-02", "k", "辅导室开放", "h", "100", NULL) == 0);
	for (int i = 0; i < 6; i++)
		REQUIRE(add(a, "activity", "d", lesson_days[i], "k", "心理课", "gr", "7", "c", "1",
			NULL) == 0);
	REQUIRE(add(a, "staff", "n", "王老师", "ro", "兼职心理教师", NULL) == 0);
	REQUIRE(rx_ops_stats_compute(&s, a, h->node, NULL, (rx_schema_date){ 2026, 10, 20 },
		&err) == 0);
	/* averaged, both pass (20 hours a week; one lesson per class per fortnight) */
	CHECK_EQ(s.staff.room_hours_x10, 200);
	CHECK_EQ(s.staff.lessons_x100, 100);
	/* week by week: 5 judged weeks, 1 met; class by class: 2 fortnights x 2 classes, 2 met */
	CHECK_EQ(s.staff.room_weeks, 5);
	CHECK_EQ(s.staff.room_weeks_ok, 1);
	CHECK_EQ(s.staff.lesson_slots, 4);
	CHECK_EQ(s.staff.lesson_slots_ok, 2);
	CHECK_EQ(s.staff.teachers_part, 1);
	CHECK_EQ(s.staff.school_type, RX_SCHOOL_VILLAGE);
	CHECK_EQ(s.staff.school_stage, RX_STAGE_JUNIOR);
	REQUIRE(rx_ops_compliance_cfg_init(&c, &err) == 0);
	CHECK_EQ(check(&s, &c, RX_SHORT_ROOM_HOURS, &v, &n), 1);
	free(v);
	CHECK_EQ(count(&s, &c, RX_SHORT_LESSONS), 1);
	/* the village school's one part-time teacher is enough */
	CHECK_EQ(count(&s, &c, RX_SHORT_TEACHERS) + count(&s, &c, RX_SHORT_FULL_TIME), 0);
	rx_archive_close(a);
	rx_home_close(h);
}

/* A student who left counts in no class and sets no stage (docs/rules.md section 7). */
static void test_left_not_counted(void)
{
	rx_home_opts o = { 0 };
	rx_home *h = NULL;
	rx_archive *a = NULL;
	rx_ops_stats s;
	rx_error err = { 0 };
	char path[400];

	REQUIRE(sh("$R -C l init --role school --name 校 >/dev/null && printf '"
		"学号,姓名,性别,出生日期,年级,班级,重点标记\\nS1,张三,男,2013-03-01,7,1,\\n"
		"S2,李四,女,2008-04-01,10,2,\\n' >l.csv && $R -C l import roster l.csv "
		">/dev/null 2>&1 && RUNXIN_TODAY=2026-09-01 $R -C l leave S2 --reason graduated "
		">/dev/null") == 0);
	snprintf(path, sizeof(path), "%s/l", dir);
	o.path = path;
	REQUIRE(rx_home_open(&h, &o, &err) == 0 && rx_archive_open(&a, h, &o, &err) == 0);
	REQUIRE(rx_ops_stats_compute(&s, a, h->node, NULL, (rx_schema_date){ 2026, 10, 20 },
		&err) == 0);
	CHECK_EQ(s.staff.classes_g4, 1);
	CHECK_EQ(s.staff.school_stage, RX_STAGE_JUNIOR);
	/* 2 fortnights, one class */
	CHECK_EQ(s.staff.lesson_slots, 2);
	rx_archive_close(a);
	rx_home_close(h);
}

int main(void)
{
	setenv("RUNXIN_PASSPHRASE", "compliance-test", 1);
	snprintf(dir, sizeof(dir), "%s/rx-compliance-XXXXXX",
		getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		return fprintf(stderr, "cannot make %s\n", dir), 1;
	RUN(test_policy_file);
	RUN(test_staffing);
	RUN(test_weekly);
	RUN(test_deadlines_and_small_counts);
	RUN(test_school_figures);
	RUN(test_left_not_counted);
	if (!rx_test_failures)
		sh("cd / && rm -rf \"$OLDPWD\"");
	return rx_test_done();
}
