/* Roster and screening imports: headers, each kind of bad row, and speed. */
#include <string.h>
#include <time.h>

#include "crypto/buf.h"
#include "schema/schema.h"
#include "tests/harness.h"

#define MAXMSG 32

typedef struct result {
	int good, bad;
	size_t good_line[64];
	char msg[MAXMSG][RX_ERROR_MSG_MAX];
	rx_schema_student st[64];
	rx_schema_screening_row sr[8];
	int open_rc;
} result;

static void run(result *res, const char *text, const rx_schema_scale *scale)
{
	rx_schema_csv *csv = NULL;
	rx_schema_import *im = NULL;
	rx_error err = { 0 };
	int rc;

	memset(res, 0, sizeof(*res));
	if (rx_schema_csv_open_mem(&csv, text, strlen(text), &err) < 0)
		return;
	if ((res->open_rc = rx_schema_import_open(&im, csv, scale, &err)) < 0) {
		strcpy(res->msg[0], err.msg);
		goto out;
	}
	for (;;) {
		rx_schema_student st;
		rx_schema_screening_row sr;

		rc = scale ? rx_schema_import_screening_next(im, &sr, &err)
			   : rx_schema_import_roster_next(im, &st, &err);
		if (rc == 0 || (rc < 0 && rc != RX_EINPUT))
			break;
		if (rc == RX_EINPUT) {
			if (res->bad < MAXMSG)
				strcpy(res->msg[res->bad], err.msg);
			res->bad++;
			rx_error_clear(&err);
			continue;
		}
		if (res->good < 64) {
			res->good_line[res->good] = rx_schema_import_line(im);
			res->st[res->good] = st;
			if (res->good < 8)
				res->sr[res->good] = sr;
		}
		res->good++;
	}
out:
	rx_schema_import_free(im);
	rx_schema_csv_free(csv);
}

/* True if some refusal message starts with "第 LINE 行" and contains what. */
static int refused(const result *res, size_t line, const char *what)
{
	char head[32];

	snprintf(head, sizeof(head), "第 %zu 行", line);
	for (int i = 0; i < res->bad && i < MAXMSG; i++)
		if (strstr(res->msg[i], head) == res->msg[i] && strstr(res->msg[i], what))
			return 1;
	fprintf(stderr, "no refusal of line %zu for '%s'\n", line, what);
	return 0;
}

static const char bad_roster[] =
	"\xEF\xBB\xBF学号,姓名,性别,出生日期,年级,班级,重点标记\r\n"
	"S001,张三,男,2010-03-05,7,3,留守;单亲\r\n"            /* 2 good */
	"S002,李四,男x,2010-03-05,7,3,\r\n"                  /* 3 gender */
	"S003,王五,女,2023-02-30,7,3,\r\n"                   /* 4 date */
	"S001,赵六,女,2010-01-01,7,3,\r\n"                   /* 5 duplicate */
	"S004,钱七,女,2010-01-01,7,3,留守|外星\r\n"           /* 6 flag */
	"S005,孙八,M,2010-01-01,0,3,\r\n"                    /* 7 grade 0 */
	"S006,周九,F,2010-01-01,13,3,\r\n"                   /* 8 grade 13 */
	"S007,\xC0\xAF,F,2010-01-01,8,3,\r\n"                /* 9 UTF-8 */
	"S008,%s,F,2010-01-01,8,3,\r\n"                     /* 10 long name */
	"S009,吴十,F,2010-01-01,8\r\n"                       /* 11 missing column */
	"\"S010\",\" 阿依古丽·买买提 \",female,2009/1/9,初三,\"03\",\"随迁、家庭经济困难\"\r\n"
	"S011,\"郑\n十一\",男,2010-01-01,8,3,\r\n"            /* 13-14 newline in name */
	"S012,冯十二,男,1890-01-01,8,3,\r\n"                 /* 15 implausible year */
	"S013,陈十三,男,2010-01-01,8,,\r\n"                  /* 16 empty class */
	"S 14,褚十四,男,2010-01-01,8,3,\r\n"                 /* 17 bad 学号 */
	"S015,卫十五,male,2011-12-31,高一,A班,psychological,\r\n" /* 18 good, empty extra */
	"S016,蒋十六,男,2010-01-01,8,3,留守,x\r\n";          /* 19 extra column */

static void test_roster_bad_lines(void)
{
	static char text[sizeof(bad_roster) + 512];
	char longname[200];
	result *res = calloc(1, sizeof(*res));

	REQUIRE(res != NULL);
	memset(longname, 'a', 129);
	longname[129] = '\0';
	snprintf(text, sizeof(text), bad_roster, longname);
	run(res, text, NULL);
	CHECK_EQ(res->open_rc, 0);
	CHECK_EQ(res->good, 3);
	CHECK_EQ(res->bad, 14);
	CHECK_EQ(res->good_line[0], 2);
	CHECK_EQ(res->good_line[1], 12);
	CHECK_EQ(res->good_line[2], 18);
	CHECK(refused(res, 3, "性别 '男x' 无效 (应为 男/女)"));
	CHECK(refused(res, 4, "出生日期 '2023-02-30'"));
	CHECK(refused(res, 5, "学号 'S001' 重复 (首次出现在第 2 行)"));
	CHECK(refused(res, 6, "重点标记 '外星'"));
	CHECK(refused(res, 7, "年级 '0'"));
	CHECK(refused(res, 8, "年级 '13'"));
	CHECK(refused(res, 9, "UTF-8"));
	CHECK(refused(res, 10, "姓名超过 128 字节"));
	CHECK(refused(res, 11, "missing column"));
	CHECK(refused(res, 13, "姓名含控制字符"));
	CHECK(refused(res, 15, "出生年份 1890"));
	CHECK(refused(res, 16, "班级"));
	CHECK(refused(res, 17, "学号 'S 14'"));
	CHECK(refused(res, 19, "extra column"));
	CHECK_STR(res->st[0].name, "张三");
	CHECK_EQ(res->st[0].gender, RX_SCHEMA_GENDER_MALE);
	CHECK_EQ(res->st[0].flags, RX_SCHEMA_FLAG_LEFT_BEHIND | RX_SCHEMA_FLAG_SINGLE_PARENT);
	CHECK_STR(res->st[1].name, "阿依古丽·买买提");
	CHECK_EQ(res->st[1].gender, RX_SCHEMA_GENDER_FEMALE);
	CHECK_EQ(res->st[1].birth.year, 2009);
	CHECK_EQ(res->st[1].birth.month, 1);
	CHECK_EQ(res->st[1].birth.day, 9);
	CHECK_EQ(res->st[1].grade, 9);
	CHECK_STR(res->st[1].class_name, "3");
	CHECK_EQ(res->st[1].flags, RX_SCHEMA_FLAG_MIGRANT | RX_SCHEMA_FLAG_POOR_FAMILY);
	CHECK_EQ(res->st[2].grade, 10);
	CHECK_STR(res->st[2].class_name, "A班");
	CHECK_EQ(res->st[2].flags, RX_SCHEMA_FLAG_PSYCHOLOGICAL);
	free(res);
}

static void test_roster_headers(void)
{
	result *res = calloc(1, sizeof(*res));

	REQUIRE(res != NULL);
	run(res, "flags,class,grade,birth_date,gender,NAME,student_no\n"
		 "single-parent;divorced;离异,12,12,2008-02-29,F,Li Lei,x1\n", NULL);
	CHECK_EQ(res->good, 1);
	CHECK_EQ(res->st[0].flags, RX_SCHEMA_FLAG_SINGLE_PARENT);
	CHECK_STR(res->st[0].name, "Li Lei");
	run(res, "学号,姓名,性别,出生日期,年级,班级,\n1,A,男,2010-1-1,1,1,\n", NULL);
	CHECK_EQ(res->good, 1); /* no flags column; unnamed column ignored */
	CHECK_EQ(res->st[0].flags, 0);
	run(res, "学号,姓名,性别,出生日期,年级,班级,备注\n1,A,男,2010-1-1,1,1,x\n", NULL);
	CHECK_EQ(res->open_rc, 0); /* an unknown column is ignored (with a note) */
	CHECK_EQ(res->good, 1);
	run(res, "学号,姓名,性别,出生日期,年级\n", NULL);
	CHECK_EQ(res->open_rc, RX_EINPUT);
	CHECK(strstr(res->msg[0], "缺少列 班级") != NULL);
	run(res, "学号,姓名,姓别,出生日期,年级,班级\n", NULL); /* misspelt */
	CHECK_EQ(res->open_rc, RX_EINPUT);
	CHECK(strstr(res->msg[0], "缺少列 性别 (gender)") != NULL);
	CHECK(strstr(res->msg[0], "'姓别'") != NULL);
	run(res, "学号,姓名,name,性别,出生日期,年级,班级\n", NULL);
	CHECK_EQ(res->open_rc, RX_EINPUT);
	run(res, "", NULL);
	CHECK_EQ(res->open_rc, RX_EINPUT);
	free(res);
}

static void test_fields(void)
{
	rx_schema_date dt;
	uint32_t f;
	const char *bad;
	size_t bl;

	CHECK_EQ(rx_schema_date_parse(&dt, "2024-02-29", 10), 0);
	CHECK_EQ(rx_schema_date_parse(&dt, "2023-02-29", 10), -1);
	CHECK_EQ(rx_schema_date_parse(&dt, "1900-02-29", 10), -1);
	CHECK_EQ(rx_schema_date_parse(&dt, "2000-02-29", 10), 0);
	CHECK_EQ(rx_schema_date_parse(&dt, "2010-04-31", 10), -1);
	CHECK_EQ(rx_schema_date_parse(&dt, "2010-13-01", 10), -1);
	CHECK_EQ(rx_schema_date_parse(&dt, "2010-00-10", 10), -1);
	CHECK_EQ(rx_schema_date_parse(&dt, "2010/1-1", 8), -1);
	CHECK_EQ(rx_schema_date_parse(&dt, "10-1-1", 6), -1);
	CHECK_EQ(rx_schema_date_parse(&dt, "2010-1-1x", 9), -1);
	CHECK_EQ(rx_schema_date_parse(&dt, "2010-001-1", 10), -1);
	CHECK_EQ(rx_schema_flags_parse(&f, "", 0, &bad, &bl), 0);
	CHECK_EQ(f, 0);
	CHECK_EQ(rx_schema_flags_parse(&f, "无", 3, &bad, &bl), 0);
	const char *all = "留守；单亲/离异，随迁|家庭经济困难;体质异常、学业困难,心理问题;";
	CHECK_EQ(rx_schema_flags_parse(&f, all, strlen(all), &bad, &bl), 0);
	CHECK_EQ(f, (1u << RX_SCHEMA_FLAG_COUNT) - 1);
	CHECK_EQ(rx_schema_flags_parse(&f, "留守 ; 孤儿", 15, &bad, &bl), -1);
	CHECK_EQ(bl, 6);
	CHECK(!memcmp(bad, "孤儿", 6));
	CHECK_STR(rx_schema_flag_name(1), "单亲/离异");
	CHECK_STR(rx_schema_flag_name_en(4), "chronic-illness");
	/* the groups the seeds add, from schema/groups/default.groups; bits stay stable */
	const char *more = "困境儿童、残疾、家暴、丧亲、事实孤儿、学习压力大、Disability";
	CHECK_EQ(rx_schema_flags_parse(&f, more, strlen(more), &bad, &bl), 0);
	CHECK_EQ(f, (1u << 7) | (1u << 8) | (1u << 9) | (1u << 10) | (1u << 11) | (1u << 12));
	CHECK_STR(rx_schema_flag_name(7), "困境儿童");
	CHECK_STR(rx_schema_flag_name(13), "?");
}

static void test_roster_values(void)
{
	result *res = calloc(1, sizeof(*res));
	static const char *const cls[] = { "1", "1", "1", "1", "1", "1", "12", "A班", "3" };
	static const int grade[] = { 7, 7, 7, 7, 8, 11, 9, 12, 10 };
	static const int gender[] = { 1, 2, 1, 2, 1, 2, 2, 1, 2 };

	REQUIRE(res != NULL);
	run(res, "学号,姓名,性别,出生日期,年级,班级\n"
		 "V01,甲,男性,2010年3月5日,初一年级,1班\n"
		 "V02,乙,女性,20100305,初1,(1)班\n"
		 "V03,丙,1,2010.3.5,七年级,（1）班\n"
		 "V04,丁,2,40242,7年级,一班\n"
		 "V05,戊,M,2010/3/5,八,01\n"
		 "V06,己,female,２０１０－０３－０５,高二,１\n"
		 "V07,庚,Ｆ,2010-03-05,初中三年级,十二班\n"
		 "Ｖ０８,辛,男,2010-03-05,１２,Ａ班\n"
		 "V09,壬,女,2010-3-5,十年级,　３　\n"
		 "V10,癸,3,2010年13月5日,初四,100班\n"     /* 11: four errors */
		 "V11,子,男,99999,7,1\n"                  /* 12: serial beyond 2099 */
		 "V12,丑,男,2010-03-05 ,7,1\n", NULL);     /* 13 good */
	CHECK_EQ(res->open_rc, 0);
	CHECK_EQ(res->good, 10);
	CHECK_EQ(res->bad, 2);
	for (int i = 0; i < 9; i++) {
		CHECK_EQ(res->st[i].gender, gender[i]);
		CHECK_EQ(res->st[i].birth.year, 2010);
		CHECK_EQ(res->st[i].birth.month, 3);
		CHECK_EQ(res->st[i].birth.day, 5);
		CHECK_EQ(res->st[i].grade, grade[i]);
		CHECK_STR(res->st[i].class_name, cls[i]);
	}
	CHECK_STR(res->st[7].student_no, "V08");
	CHECK(refused(res, 11, "性别 '3'"));
	CHECK(refused(res, 11, "出生日期 '2010年13月5日'"));
	CHECK(refused(res, 11, "年级 '初四'"));
	CHECK(refused(res, 11, "班级 '100班'"));
	CHECK(refused(res, 12, "出生年份 2173"));
	free(res);
}

/* Excel serial day numbers (1900 system, with its 1900-02-29) and the date forms. */
static void test_dates(void)
{
	rx_schema_date dt;

	CHECK_EQ(rx_schema_date_parse(&dt, "40242", 5), 0);
	CHECK(dt.year == 2010 && dt.month == 3 && dt.day == 5);
	CHECK_EQ(rx_schema_date_parse(&dt, "36526", 5), 0); /* 2000-01-01 */
	CHECK(dt.year == 2000 && dt.month == 1 && dt.day == 1);
	CHECK_EQ(rx_schema_date_parse(&dt, "45351", 5), 0); /* 2024-02-29 */
	CHECK(dt.year == 2024 && dt.month == 2 && dt.day == 29);
	CHECK_EQ(rx_schema_date_parse(&dt, "2010年3月5日", strlen("2010年3月5日")), 0);
	CHECK_EQ(rx_schema_date_parse(&dt, "20240229", 8), 0);
	CHECK_EQ(rx_schema_date_parse(&dt, "20230229", 8), -1);
	CHECK_EQ(rx_schema_date_parse(&dt, "2010.03.05", 10), 0);
	CHECK_EQ(rx_schema_date_parse(&dt, "2010.3/5", 8), -1);
	CHECK_EQ(rx_schema_date_parse(&dt, "2010年3月5", strlen("2010年3月5")), -1);
	CHECK_EQ(rx_schema_date_parse(&dt, "4024", 4), -1);
	CHECK_EQ(rx_schema_date_parse(&dt, "402420", 6), -1);
	CHECK_EQ(rx_schema_date_parse(&dt, "2010035", 7), -1);
}

/* Classes written in more than one form: one note naming them. */
static void test_class_forms(void)
{
	rx_schema_csv *csv = NULL;
	rx_schema_import *im = NULL;
	rx_schema_student st;
	rx_error err = { 0 };
	const char *t = "学号,姓名,性别,出生日期,年级,班级\n1,A,男,2010-1-1,7,1\n"
			"2,B,男,2010-1-1,7,2班\n3,C,男,2010-1-1,7,一班\n4,D,男,2010-1-1,7,3\n";
	int n = 0;

	REQUIRE_ZERO(rx_schema_csv_open_mem(&csv, t, strlen(t), &err));
	REQUIRE_ZERO(rx_schema_import_open(&im, csv, NULL, &err));
	CHECK(rx_schema_import_ignored(im) == NULL);
	while (rx_schema_import_roster_next(im, &st, &err) == 1)
		n++;
	CHECK_EQ(n, 4);
	CHECK(rx_schema_import_class_note(im) != NULL);
	if (rx_schema_import_class_note(im)) {
		CHECK(strstr(rx_schema_import_class_note(im), "'1' (第 2 行)") != NULL);
		CHECK(strstr(rx_schema_import_class_note(im), "'2班' (第 3 行)") != NULL);
		CHECK(strstr(rx_schema_import_class_note(im), "'一班' (第 4 行)") != NULL);
		CHECK(strstr(rx_schema_import_class_note(im), "mixed") != NULL);
	}
	rx_schema_import_free(im);
	rx_schema_csv_free(csv);
	t = "学号,姓名,性别,出生日期,年级,班级,序号,备注\n1,A,男,2010-1-1,7,1班,1,x\n";
	REQUIRE_ZERO(rx_schema_csv_open_mem(&csv, t, strlen(t), &err));
	REQUIRE_ZERO(rx_schema_import_open(&im, csv, NULL, &err));
	CHECK(rx_schema_import_ignored(im) != NULL);
	if (rx_schema_import_ignored(im))
		CHECK(strstr(rx_schema_import_ignored(im), "序号, 备注") != NULL);
	CHECK_EQ(rx_schema_import_roster_next(im, &st, &err), 1);
	CHECK_EQ(rx_schema_import_roster_next(im, &st, &err), 0);
	CHECK(rx_schema_import_class_note(im) == NULL);
	rx_schema_import_free(im);
	rx_schema_csv_free(csv);
}

/* The row limit refuses the first row beyond it and reads nothing after. */
static void test_row_limit(void)
{
	rx_buf b = RX_BUF_INIT;
	rx_schema_csv *csv = NULL;
	rx_schema_import *im = NULL;
	rx_schema_student st;
	rx_error err = { 0 };
	size_t good = 0, bad = 0;
	int rc;

	rx_buf_puts(&b, "学号,姓名,性别,出生日期,年级,班级\n", &err);
	for (int i = 0; i < (1 << 20) + 3; i++)
		rx_buf_printf(&b, &err, "%d,A,1,2010-1-1,7,1\n", i);
	REQUIRE(err.code == 0);
	REQUIRE_ZERO(rx_schema_csv_open_mem(&csv, b.data, b.len, &err));
	REQUIRE_ZERO(rx_schema_import_open(&im, csv, NULL, &err));
	while ((rc = rx_schema_import_roster_next(im, &st, &err)) != 0) {
		if (rc == RX_EINPUT) {
			CHECK(strstr(err.msg, "第 1048578 行: 文件超过 1048576 行") == err.msg);
			rx_error_clear(&err);
			bad++;
		} else {
			good++;
		}
	}
	CHECK_EQ(good, 1 << 20);
	CHECK_EQ(bad, 1);
	rx_schema_import_free(im);
	rx_schema_csv_free(csv);
	rx_buf_free(&b);
}

static rx_schema_scale *phq9;

static void test_screening(void)
{
	result *res = calloc(1, sizeof(*res));

	REQUIRE(res != NULL);
	run(res, "学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9\r\n"
		 "S001,2024-10-08,1,1,1,1,1,0,0,0,0\r\n"   /* 2 good */
		 "S002,2024-10-08,0,0,0,0,0,0,0,0,1\r\n"   /* 3 good, critical */
		 "S003,2024-10-08,1,1,4,1,1,0,0,0,0\r\n"   /* 4 out of range */
		 "S004,2024-10-08,1,1,1,1,,0,0,0,0\r\n"    /* 5 missing item */
		 "S005,2024-10-08,1,1,1,1,1.5,0,0,0,0\r\n" /* 6 not an integer */
		 "S006,2024-10-08,1,1,1,1,-1,0,0,0,0\r\n"  /* 7 negative */
		 "S007,2024-13-08,1,1,1,1,1,0,0,0,0\r\n"   /* 8 bad date */
		 "S001,2024-10-08,1,1,1,1,1,0,0,0,0\r\n"   /* 9 duplicate */
		 "S008,2024-10-08,1,1,1,1,1,0,0,0\r\n"     /* 10 short row */
		 "S009,2024/10/9, 3 ,3,3,3,3,3,3,3,3\r\n", phq9); /* 11 good */
	CHECK_EQ(res->open_rc, 0);
	CHECK_EQ(res->good, 3);
	CHECK_EQ(res->bad, 7);
	CHECK_EQ(res->sr[0].score.total, 5);
	CHECK_STR(res->sr[0].score.band_label, "mild");
	CHECK_EQ(res->sr[1].score.total, 1);
	CHECK_EQ(res->sr[1].score.critical, 1);
	CHECK_EQ(res->sr[2].score.total, 27);
	CHECK(refused(res, 4, "q3 '4' 超出范围 (应为 0–3)"));
	CHECK(refused(res, 5, "缺少 q5"));
	CHECK(refused(res, 6, "q5 '1.5' 不是整数"));
	CHECK(refused(res, 7, "q5 '-1' 超出范围"));
	CHECK(refused(res, 8, "日期 '2024-13-08'"));
	CHECK(refused(res, 9, "重复"));
	CHECK(refused(res, 10, "missing column"));
	run(res, "student_no,date,q1,q2,q3,q4,q5,q6,q7,q8\n", phq9);
	CHECK_EQ(res->open_rc, RX_EINPUT);
	CHECK(strstr(res->msg[0], "缺少列 q9") != NULL);
	run(res, "student_no,date,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10\n", phq9);
	CHECK_EQ(res->open_rc, RX_EINPUT);
	CHECK(strstr(res->msg[0], "q10") != NULL);
	free(res);
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1e3 + (t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Count good rows of a generated file; refusals fail the check. */
static int count_rows(const char *text, size_t len, const rx_schema_scale *scale)
{
	rx_schema_csv *csv = NULL;
	rx_schema_import *im = NULL;
	rx_schema_student st;
	rx_schema_screening_row sr;
	rx_error err = { 0 };
	int rc, n = 0;

	if (rx_schema_csv_open_mem(&csv, text, len, &err) < 0 ||
	    rx_schema_import_open(&im, csv, scale, &err) < 0)
		n = -1;
	while (n >= 0 && (rc = scale ? rx_schema_import_screening_next(im, &sr, &err)
				     : rx_schema_import_roster_next(im, &st, &err)) > 0)
		n++;
	if (err.code)
		fprintf(stderr, "perf: %s\n", err.msg);
	rx_schema_import_free(im);
	rx_schema_csv_free(csv);
	return err.code ? -1 : n;
}

static void test_performance(void)
{
	rx_buf roster = RX_BUF_INIT, scr = RX_BUF_INIT;
	rx_error err = { 0 };
	struct timespec t0;
	double ms;

	rx_buf_puts(&roster, "学号,姓名,性别,出生日期,年级,班级,重点标记\r\n", &err);
	for (int i = 0; i < 1200; i++)
		rx_buf_printf(&roster, &err, "2024%04d,\"学生%d号\",%s,2010-%d-%d,%d,%d,%s\r\n",
			      i, i, i % 2 ? "男" : "女", i % 12 + 1, i % 28 + 1,
			      i % 9 + 1, i % 12 + 1, i % 5 ? "" : "留守;单亲");
	rx_buf_puts(&scr, "学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9\r\n", &err);
	for (int i = 0; i < 4800; i++)
		rx_buf_printf(&scr, &err, "2024%04d,2024-10-%d,%d,%d,%d,%d,%d,%d,%d,%d,%d\r\n",
			      i, i % 28 + 1, i % 4, (i / 4) % 4, 1, 2, 0, i % 3, 1, 0,
			      i % 97 == 0);
	REQUIRE(err.code == 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_EQ(count_rows((char *)roster.data, roster.len, NULL), 1200);
	CHECK_EQ(count_rows((char *)scr.data, scr.len, phq9), 4800);
	ms = ms_since(&t0);
	printf("perf: 1,200 roster + 4,800 screening rows parsed and validated in %.2f ms\n", ms);
	rx_buf_free(&roster);
	rx_buf_free(&scr);
}

int main(void)
{
	rx_error err = { 0 };

	if (rx_schema_builtin_scale(&phq9, "phq9", &err) < 0)
		return 1;
	RUN(test_roster_bad_lines);
	RUN(test_roster_headers);
	RUN(test_fields);
	RUN(test_roster_values);
	RUN(test_dates);
	RUN(test_class_forms);
	RUN(test_row_limit);
	RUN(test_screening);
	RUN(test_performance);
	rx_schema_scale_free(phq9);
	return rx_test_done();
}
