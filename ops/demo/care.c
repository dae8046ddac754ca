/* Demo: the psychology teacher's work after a screening: confirm, notify, refer, plan, visit, review. */
#include <stdio.h>
#include <string.h>

#include "ops/demo/demoInt.h"

#define MAX_IDS 8

/* The ids ("id":"...") of students listed at a level, at most MAX_IDS. */
static size_t ids_at(demo *d, const char *home, const char *level,
	char ids[MAX_IDS][32], rx_error *err)
{
	rx_buf out = RX_BUF_INIT;
	size_t n = 0;
	const char *p;

	if (demo_rx(d, &out, home, err, "list", "student", "--level", level,
		"--json", NULL) < 0 || !out.data)
		goto out;
	for (p = (char *)out.data; n < MAX_IDS && (p = strstr(p, "\"id\":\"")); n++) {
		p += 6;
		snprintf(ids[n], 32, "%.*s", (int)strcspn(p, "\""), p);
	}
out:
	rx_buf_free(&out);
	return n;
}

static int care_red(demo *d, const char *home, const char *id, int override,
	rx_error *err)
{
	char no[48];
	int rc;

	snprintf(no, sizeof(no), "no=%s", id);
	if (override)
		rc = demo_rx(d, NULL, home, err, "confirm", id, "--level", "橙",
			"--reason", "一对一评估: 无自伤计划, 家庭支持良好", NULL);
	else
		rc = demo_rx(d, NULL, home, err, "confirm", id, "--level", "红", NULL);
	if (rc == 0)
		rc = demo_rx(d, NULL, home, err, "add", "notice", no, d->today,
			"t=知情书", "sg=1", NULL);
	if (rc == 0 && !override)
		rc = demo_rx(d, NULL, home, err, "add", "referral", no, d->today,
			"h=市精神卫生中心", "gc=1", NULL);
	if (rc == 0)
		rc = demo_rx(d, NULL, home, err, "add", "care-plan", no, d->today,
			"pl=每周一次面谈, 班主任每日关注", "tm=心理教师;班主任;家长",
			"mt=王老师", "pp=同桌;室友;课代表", NULL);
	if (rc == 0)
		rc = demo_rx(d, NULL, home, err, "add", "home-visit", no, d->today,
			"m=实地", NULL);
	return rc;
}

static int care_yellow(demo *d, const char *home, const char *id, rx_error *err)
{
	char no[48];
	int rc;

	snprintf(no, sizeof(no), "no=%s", id);
	if ((rc = demo_rx(d, NULL, home, err, "confirm", id, "--level", "黄", NULL)) == 0 &&
	    (rc = demo_rx(d, NULL, home, err, "add", "notice", no, d->today,
		"t=建议书", NULL)) == 0)
		rc = demo_rx(d, NULL, home, err, "add", "counselling", no, d->today,
			"k=面谈", NULL);
	return rc;
}

/* A 900-character aspect of a review report, built from one sentence. */
static void aspect(char *out, size_t cap, const char *key, const char *sentence)
{
	size_t at = (size_t)snprintf(out, cap, "%s", key);

	while (at + strlen(sentence) + 1 < cap && at < 2800)
		at += (size_t)snprintf(out + at, cap - at, "%s", sentence);
}

/* The emergency steps the same day: parents phoned, assessed red, both letters, referral, a plan, classmates seen. */
static int emergency(demo *d, const char *home, const char *id, char cm[2][32], rx_error *err)
{
	char no[48], c[2][48];
	int rc;

	snprintf(no, sizeof(no), "no=%s", id);
	snprintf(c[0], sizeof(c[0]), "no=%s", cm[0]);
	snprintf(c[1], sizeof(c[1]), "no=%s", cm[1]);
	if ((rc = demo_rx(d, NULL, home, err, "add", "home-visit", no, d->today, "m=电话",
		"nt=事发当天电话告知家长, 家长当晚到校", NULL)) < 0 ||
	    (rc = demo_rx(d, NULL, home, err, "confirm", id, "--level", "红", NULL)) < 0 ||
	    (rc = demo_rx(d, NULL, home, err, "add", "notice", no, d->today, "t=知情书",
		"sg=1", NULL)) < 0 ||
	    (rc = demo_rx(d, NULL, home, err, "add", "notice", no, d->today, "t=建议书",
		NULL)) < 0 ||
	    (rc = demo_rx(d, NULL, home, err, "add", "referral", no, d->today,
		"h=市精神卫生中心", "gc=1", NULL)) < 0 ||
	    (rc = demo_rx(d, NULL, home, err, "add", "care-plan", no, d->today,
		"pl=事后心理危机干预: 每日面谈, 班主任每日关注, 家长陪伴", "tm=心理教师;班主任;家长",
		"mt=王老师", NULL)) < 0)
		return rc;
	/* the classmates who saw it: a session each the same day */
	for (int i = 0; i < 2 && rc == 0; i++)
		rc = demo_rx(d, NULL, home, err, "add", "counselling", c[i], d->today,
			"k=面谈", "nt=事后心理疏导", NULL);
	return rc;
}

static int incident(demo *d, const char *home, const char *id, char cm[2][32],
	rx_error *err)
{
	static char a[4][3200];
	rx_buf out = RX_BUF_INIT;
	char st[48], cms[80], iid[64] = "id=";
	int rc;

	snprintf(st, sizeof(st), "st=%s", id);
	snprintf(cms, sizeof(cms), "cm=%s;%s", cm[0], cm[1]);
	if ((rc = demo_rx(d, &out, home, err, "add", "incident", st, cms, d->today,
		"k=自伤未遂", NULL)) < 0)
		goto out;
	/* "已添加 <id> (...)" */
	sscanf((char *)out.data, "已添加 %60s", iid + 3);
	if ((rc = emergency(d, home, id, cm, err)) < 0)
		goto out;
	aspect(a[0], sizeof(a[0]), "a1=", "学生平时在校表现安静, 与同学交往较少, 近期作业完成情况下降。");
	aspect(a[1], sizeof(a[1]), "a2=", "父母长期在外务工, 由祖父母照料, 亲子沟通主要依靠电话。");
	aspect(a[2], sizeof(a[2]), "a3=", "事发前一周与同学发生争执, 当晚情绪低落, 宿舍同学及时报告。");
	aspect(a[3], sizeof(a[3]), "a4=", "风险点在于夜间宿舍巡查间隔过长, 已调整为每两小时一次并加强心理委员培训。");
	/* the county countersigns with its own key later (demo_countersign) */
	rc = demo_rx(d, NULL, home, err, "add", "review", iid, a[0], a[1], a[2], a[3],
		"si=李老师;张老师", "ss=赵书记", "sp=钱校长", d->today_sd, NULL);
out:
	rx_buf_free(&out);
	return rc;
}

int demo_care(demo *d, const char *home, int with_incident, rx_error *err)
{
	char red[MAX_IDS][32], yellow[MAX_IDS][32], none[MAX_IDS][32];
	size_t nr = ids_at(d, home, "红", red, err), ny, nn, i;
	int rc = 0;

	ny = ids_at(d, home, "黄", yellow, err);
	nn = ids_at(d, home, "无", none, err);
	for (i = 0; i < nr && i < 3 && rc == 0; i++)
		rc = care_red(d, home, red[i], i == 2, err);
	for (i = 0; i < ny && i < 2 && rc == 0; i++)
		rc = care_yellow(d, home, yellow[i], err);
	if (rc == 0 && with_incident && ny > 2 && nn > 1)
		rc = incident(d, home, yellow[2], none, err);
	return rc;
}
