/*
 * The format expresses the copyrighted instruments' structures: synthetic
 * scales shaped like SCL-90, MHT, 中学生心理健康量表 (MSSMHS) and UPI, scored
 * as their manuals describe (hand-computed), and the new keys' strictness.
 */
#include <string.h>

#include "schema/schema.h"
#include "tests/harness.h"

static char txt[16384];
static rx_schema_score sc;

static rx_schema_scale *parse(const char *text)
{
	rx_schema_scale *s = NULL;
	rx_error err = { 0 };

	if (rx_schema_scale_parse(&s, text, strlen(text), &err) < 0)
		fprintf(stderr, "parse: %s\n", err.msg);
	return s;
}

static int score(rx_schema_scale *s, const int *a, size_t n, const rx_schema_who *who)
{
	rx_error err = { 0 };

	if (rx_schema_scale_score_who(s, a, n, who, &sc, &err) < 0) {
		fprintf(stderr, "score: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static const char scl90[] =
	"id = scl90x\nname = 症状自评 (合成)\nname_en = SCL-90 shaped\nitems = 90\n"
	"min = 1\nmax = 5\n"
	"labels = 1:没有, 2:很轻, 3:中等, 4:偏重, 5:严重\n"
	"bands = 90:正常, 161:阳性\n"
	"factor = som | 躯体化 | mean | 1, 4, 12, 27, 40, 42, 48, 49, 52, 53, 56, 58\n"
	"factor = oc | 强迫症状 | mean | 3, 9, 10, 28, 38, 45, 46, 51, 55, 65\n"
	"factor = is | 人际关系敏感 | mean | 6, 21, 34, 36, 37, 41, 61, 69, 73\n"
	"factor = dep | 抑郁 | mean | 5, 14, 15, 20, 22, 26, 29-32, 54, 71, 79\n"
	"factor = anx | 焦虑 | mean | 2, 17, 23, 33, 39, 57, 72, 78, 80, 86\n"
	"factor = hos | 敌对 | mean | 11, 24, 63, 67, 74, 81\n"
	"factor = phob | 恐怖 | mean | 13, 25, 47, 50, 70, 75, 82\n"
	"factor = par | 偏执 | mean | 8, 18, 43, 68, 76, 83\n"
	"factor = psy | 精神病性 | mean | 7, 16, 35, 62, 77, 84, 85, 87, 88, 90\n"
	"factor = add | 其他 | mean | 19, 44, 59, 60, 64, 66, 89\n"
	"factor = gsi | 总均分 | mean | 1-90\n"
	"factor_bands = som | 1:正常, 2:阳性\nfactor_bands = oc | 1:正常, 2:阳性\n"
	"factor_bands = dep | 1:正常, 2:阳性\n"
	"critical = 44 of 1-90 >= 2\n";

/* SCL-90: factor means (≥ 2 positive), total > 160, more than 43 positive items. */
static void test_scl90(void)
{
	rx_schema_scale *s = parse(scl90);
	static const int som[] = { 1, 4, 12, 27, 40, 42, 48, 49, 52, 53, 56, 58 },
		oc[] = { 3, 9, 10, 28, 38, 45, 46, 51, 55 }, /* 9 of its 10 */
		dep[] = { 5, 14, 15, 20, 22, 26, 29, 30, 31, 32, 54, 71, 79 },
		is[] = { 6, 21, 34, 36, 37, 41, 61, 69, 73 },
		anx[] = { 2, 17, 23, 33, 39, 57, 72, 78, 80, 86 };
	int a[90];

	REQUIRE(s != NULL);
	CHECK_EQ(rx_schema_scale_items(s), 90);
	CHECK_EQ(rx_schema_scale_factor_count(s), 11);
	for (int i = 0; i < 90; i++)
		a[i] = 1;
	for (int i = 0; i < 12; i++)
		a[som[i] - 1] = i < 6 ? 3 : 2; /* 18 + 12 = 30, mean 2.50 */
	for (int i = 0; i < 13; i++)
		a[dep[i] - 1] = 2;             /* 26 / 13 = 2.00, at the cut */
	for (int i = 0; i < 9; i++)
		a[oc[i] - 1] = 2;              /* 19 / 10 = 1.90, just below */
	REQUIRE(score(s, a, 90, NULL) == 0);
	CHECK_EQ(sc.total, 90 + 18 + 13 + 9); /* 130 */
	CHECK_STR(sc.band_label_zh, "正常");
	CHECK_EQ(sc.factor[0], 250);
	CHECK_STR(rx_schema_scale_factor_band(s, 0, sc.factor_band[0]), "阳性");
	CHECK_EQ(sc.factor[1], 190);
	CHECK_STR(rx_schema_scale_factor_band(s, 1, sc.factor_band[1]), "正常");
	CHECK_EQ(sc.factor[3], 200);
	CHECK_STR(rx_schema_scale_factor_band(s, 3, sc.factor_band[3]), "阳性");
	CHECK_EQ(sc.factor[10], 144); /* 130 / 90 = 1.444 */
	CHECK_EQ(sc.critical, 0);     /* 34 positive items */
	for (int i = 0; i < 9; i++)
		a[is[i] - 1] = 2;             /* 139; 43 positive items: not yet */
	REQUIRE(score(s, a, 90, NULL) == 0);
	CHECK_EQ(sc.total, 139);
	CHECK_EQ(sc.critical, 0);
	for (int i = 0; i < 10; i++)
		a[anx[i] - 1] = 3;            /* 159; 53 positive items */
	a[12] = 2;                            /* item 13: 160 */
	REQUIRE(score(s, a, 90, NULL) == 0);
	CHECK_EQ(sc.total, 160);
	CHECK_STR(sc.band_label_zh, "正常");
	CHECK_EQ(sc.critical, 1);
	a[12] = 3;                            /* 161: over 160 */
	REQUIRE(score(s, a, 90, NULL) == 0);
	CHECK_STR(sc.band_label_zh, "阳性");
	rx_schema_scale_free(s);
}

/* MHT-shaped: 100 yes/no items, lie items 82, 84, ..., 100 void at >= 7, norms by grade and sex. */
static void mht_text(void)
{
	size_t n = (size_t)snprintf(txt, sizeof(txt),
		"id = mhtx\nname = 心理健康诊断 (合成)\nname_en = MHT shaped\nitems = 100\n"
		"min = 0\nmax = 1\nlabels = 0:否, 1:是\n"
		"exclude = 82, 84, 86, 88, 90, 92, 94, 96, 98, 100\n"
		"factor = learn | 学习焦虑 | sum | 1-15\n"
		"factor = impulse | 冲动倾向 | sum | 81, 83, 85, 87, 89, 91, 93, 95, 97, 99\n"
		"factor = lie | 效度量表 | sum | 82, 84, 86, 88, 90, 92, 94, 96, 98, 100\n"
		"factor_bands = learn | 0:正常, 8:偏高\n"
		"void = lie >= 7 | 效度量表得分 7 分以上，作答可能不真实\n"
		"standard = norm\n"
		"norm = 7-9 男 | 0:30, 20:40, 40:50, 60:60, 80:70\n"
		"norm = 7-9 女 | 0:32, 18:40, 38:50, 58:60, 78:70\n"
		"bands = 0:正常, 60:需关注\n");
	(void)n;
}

static void test_mht(void)
{
	rx_schema_scale *s;
	rx_schema_who boy = { 8, 1 }, girl = { 8, 2 }, g10 = { 10, 1 };
	int a[100] = { 0 };
	char d[160];

	mht_text();
	REQUIRE((s = parse(txt)) != NULL);
	CHECK(rx_schema_scale_needs_who(s));
	/* content items 1..59 yes: raw 59 (lie items not counted) */
	for (int i = 0; i < 59; i++)
		a[i] = 1;
	for (int i = 81; i < 100; i += 2)
		a[i] = i < 93 ? 1 : 0; /* lie items 82..92 yes: lie 6, still valid */
	REQUIRE(score(s, a, 100, &boy) == 0);
	CHECK_EQ(sc.total, 59);
	CHECK(!sc.voided);
	CHECK_EQ(sc.standard, 50);      /* boys: 40 <= 59 < 60 */
	CHECK_STR(sc.band_label_zh, "正常");
	CHECK_EQ(sc.factor[0], 1500);   /* 学习焦虑 15 */
	CHECK_STR(rx_schema_scale_factor_band(s, 0, sc.factor_band[0]), "偏高");
	CHECK_EQ(sc.factor[2], 600);
	REQUIRE(score(s, a, 100, &girl) == 0);
	CHECK_EQ(sc.standard, 60);      /* girls: 58 <= 59 */
	CHECK_STR(sc.band_label_zh, "需关注");
	rx_schema_score_describe(s, &sc, d, sizeof(d));
	CHECK_STR(d, "标准分 60 (需关注)");
	REQUIRE(score(s, a, 100, &g10) == 0); /* no norm for grade 10 */
	CHECK(sc.voided);
	REQUIRE(score(s, a, 100, NULL) == 0);
	CHECK(sc.voided);
	a[93] = 1;                        /* lie 7: void */
	REQUIRE(score(s, a, 100, &boy) == 0);
	CHECK_EQ(sc.total, 59);
	CHECK(sc.voided);
	rx_schema_score_describe(s, &sc, d, sizeof(d));
	CHECK_STR(d, "无效 (效度量表得分 7 分以上，作答可能不真实)");
	rx_schema_scale_free(s);
}

/* MSSMHS-shaped: 60 items 1-5, 10 factors of 6 items scored by mean, graded 2/3/4/5. */
static void test_mssmhs(void)
{
	rx_schema_scale *s;
	size_t n = (size_t)snprintf(txt, sizeof(txt),
		"id = mssmhsx\nname = 中学生心理健康 (合成)\nname_en = MSSMHS shaped\n"
		"items = 60\nmin = 1\nmax = 5\nbands = 60:正常, 120:有问题\n"
		"factor = all | 总均分 | mean | 1-60\n"
		"factor_bands = all | 1:正常, 2:轻度, 3:中度, 4:较重, 5:严重\n");
	static const char *const names[] = { "强迫症状", "偏执", "敌对", "人际关系紧张与敏感",
		"抑郁", "焦虑", "学习压力", "适应不良", "情绪不平衡", "心理不平衡" };
	int a[60];

	for (int f = 0; f < 10; f++)
		n += (size_t)snprintf(txt + n, sizeof(txt) - n,
			"factor = f%d | %s | mean | %d-%d\n"
			"factor_bands = f%d | 1:正常, 2:轻度, 3:中度, 4:较重, 5:严重\n",
			f + 1, names[f], 6 * f + 1, 6 * f + 6, f + 1);
	REQUIRE((s = parse(txt)) != NULL);
	for (int i = 0; i < 60; i++)
		a[i] = 1;
	for (int i = 0; i < 5; i++)
		a[i] = 2;                 /* f1: 11 / 6 = 1.83 */
	for (int i = 6; i < 12; i++)
		a[i] = 2;                 /* f2: 2.00 */
	for (int i = 12; i < 18; i++)
		a[i] = i < 17 ? 5 : 4;    /* f3: 29 / 6 = 4.83 */
	for (int i = 18; i < 24; i++)
		a[i] = 5;                 /* f4: 5.00 */
	REQUIRE(score(s, a, 60, NULL) == 0);
	CHECK_EQ(sc.total, 11 + 12 + 29 + 30 + 36); /* 118 */
	CHECK_EQ(sc.factor[0], 197);                 /* 118 / 60 = 1.97 */
	CHECK_STR(rx_schema_scale_factor_band(s, 0, sc.factor_band[0]), "正常");
	CHECK_EQ(sc.factor[1], 183);
	CHECK_STR(rx_schema_scale_factor_band(s, 1, sc.factor_band[1]), "正常");
	CHECK_EQ(sc.factor[2], 200);
	CHECK_STR(rx_schema_scale_factor_band(s, 2, sc.factor_band[2]), "轻度");
	CHECK_EQ(sc.factor[3], 483);
	CHECK_STR(rx_schema_scale_factor_band(s, 3, sc.factor_band[3]), "较重");
	CHECK_STR(rx_schema_scale_factor_band(s, 4, sc.factor_band[4]), "严重");
	CHECK_STR(rx_schema_scale_factor_name(s, 4), "人际关系紧张与敏感");
	rx_schema_scale_free(s);
}

/* UPI-shaped: 60 yes/no items, lie items 5, 20, 35, 50 not counted; item 25; 2 of 8, 16, 26. */
static const char upi[] =
	"id = upix\nname = 人格问卷 (合成)\nname_en = UPI shaped\nitems = 60\nmin = 0\nmax = 1\n"
	"exclude = 5, 20, 35, 50\nlabels = 0:否, 1:是\n"
	"bands = 0:第三类, 20:第二类, 25:第一类\n"
	"critical = q25 >= 1\ncritical = 2 of 8, 16, 26 >= 1\n"
	"critical = q8 >= 1 and q16 >= 1 and q26 >= 1\n";

static void test_upi(void)
{
	rx_schema_scale *s = parse(upi);
	int a[60] = { 0 };
	char d[96];

	REQUIRE(s != NULL);
	a[4] = a[19] = a[34] = a[49] = 1;
	a[7] = a[15] = 1;
	REQUIRE(score(s, a, 60, NULL) == 0);
	CHECK_EQ(sc.total, 2);
	CHECK_EQ(sc.critical, 2);       /* 2 of 8, 16, 26 */
	a[15] = 0;
	REQUIRE(score(s, a, 60, NULL) == 0);
	CHECK_EQ(sc.critical, 0);
	a[15] = a[25] = 1;
	REQUIRE(score(s, a, 60, NULL) == 0);
	CHECK_EQ(sc.critical, 2 | 4);   /* all three: the AND rule too */
	rx_schema_scale_critical_describe(s, 1, d, sizeof(d));
	CHECK_STR(d, "2 of q8, q16, q26 >= 1");
	rx_schema_scale_critical_describe(s, 2, d, sizeof(d));
	CHECK_STR(d, "q8 >= 1 and q16 >= 1 and q26 >= 1");
	CHECK_EQ(rx_schema_scale_critical_item(s, 0), 25);
	CHECK_EQ(rx_schema_scale_critical_item(s, 1), 0);
	memset(a, 0, sizeof(a));
	for (int i = 0, k = 0; k < 24; i++)
		if (i != 4 && i != 19 && i != 34 && i != 49 && i != 24)
			a[i] = 1, k++;
	REQUIRE(score(s, a, 60, NULL) == 0);
	CHECK_EQ(sc.total, 24);
	CHECK_STR(sc.band_label_zh, "第二类");
	a[24] = 1;
	REQUIRE(score(s, a, 60, NULL) == 0);
	CHECK_EQ(sc.total, 25);
	CHECK_STR(sc.band_label_zh, "第一类");
	CHECK(sc.critical & 1);
	rx_schema_scale_free(s);
}

static const char base[] = "id = t\nname = 测\nname_en = t\nitems = 4\nmin = 1\nmax = 4\n";

/* base + extra + bands line: 0 or the error, the message in msg. */
static int try(const char *extra, const char *bands, char msg[RX_ERROR_MSG_MAX])
{
	rx_schema_scale *s = NULL;
	rx_error err = { 0 };
	int rc;

	snprintf(txt, sizeof(txt), "%s%s\nbands = %s\n", base, extra, bands);
	rc = rx_schema_scale_parse(&s, txt, strlen(txt), &err);
	snprintf(msg, RX_ERROR_MSG_MAX, "%s", err.msg);
	rx_schema_scale_free(s);
	return rc;
}

static void test_strict(void)
{
	static const char *const bad[] = {
		"range = 1 | 0..1\nrange = 1 | 0..2", "range = 5 | 0..1", "range = 1 | 1..1",
		"range = 1", "range = 1 | 0-1", "labels = 1:a, 1:b", "labels = 1:", "labels = x:a",
		"labels = 1:a\nlabels = 2:b", "labels = 7 | 1:a", "factor = f | 名 | median | 1",
		"factor = f | 名 | sum | 5", "factor = total | 名 | sum | 1",
		"factor = q1 | 名 | sum | 1", "factor = f | 名 | sum | 1\nfactor = f | 名 | sum | 2",
		"factor = 1f | 名 | sum | 1", "factor_bands = g | 0:a",
		"factor = f | 名 | mean | 1, 2\nfactor_bands = f | 2:a",
		"factor = f | 名 | mean | 1\nfactor_bands = f | 1:a, 1:b",
		"factor = f | 名 | mean | 1\nfactor_bands = f | 1.234:a", "standard = linear",
		"standard = linear x", "standard = linear 1.25 3 4", "standard = log 2",
		"standard = norm", "norm = 7 男 | 0:1", "standard = norm\nnorm = 13 男 | 0:1",
		"standard = norm\nnorm = 7 x | 0:1", "standard = norm\nnorm = 7 男 | 5:1",
		"standard = norm\nnorm = 7 男 | 0:1, 0:2",
		"standard = norm\nnorm = 7-9 男 | 0:1\nnorm = 9 男 | 0:1", "exclude = 1-4",
		"exclude = 5", "void = q5 >= 1 | 无", "void = lie >= 7 | 无", "void = total >= 7",
		"critical = 3 of 1, 2 >= 1", "critical = 0 of 1, 2 >= 1", "critical = 2 of 1, 2",
		"critical = 1 of 1, 9 >= 1", "critical = q1 >= 1 and", "critical = q1 >= 1 and q9 >= 1",
		"reverse = 1-1", "reverse = 2-1", "reverse = 1, 1-2",
	};
	char msg[RX_ERROR_MSG_MAX];

	CHECK_EQ(try("", "4:low", msg), 0);
	CHECK_EQ(try("range = 1, 2 | 0..1\nexclude = 4\nlabels = 1, 2 | 0:否, 1:是\n"
		"labels = 1:从不, 4:总是\nfactor = f | 名 | mean | 1-3\nfactor_bands = f | 0:a, 1.5:b\n"
		"void = f > 2.5 | 不一致\nvoid = q3 == 4 | 乱答\ncritical = 2 of 1-3 >= 1",
		"1:low, 5:high", msg), 0);
	CHECK_EQ(try("standard = linear 1.25", "0:low, 20:high", msg), 0);
	CHECK_EQ(try("standard = linear 1.25", "5:low", msg), 0);  /* 4 × 1.25 = 5 */
	CHECK_EQ(try("standard = linear 1.25", "6:low", msg), RX_EINPUT);
	CHECK_EQ(try("standard = linear 1.25", "0:low, 21:high", msg), RX_EINPUT); /* > 20 */
	CHECK_EQ(try("standard = linear 10 -35", "0:low", msg), 0);
	CHECK_EQ(try("", "0:low", msg), RX_EINPUT); /* raw bands start at the lowest total */
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = try(bad[i], "4:low", msg);
		if (rc != RX_EINPUT)
			fprintf(stderr, "accepted: %s\n", bad[i]);
		CHECK_EQ(rc, RX_EINPUT);
		CHECK(strstr(msg, "scale") != NULL);
	}
	/* the line is named */
	CHECK_EQ(try("range = 1 | 0-1", "4:low", msg), RX_EINPUT);
	CHECK(strstr(msg, "line 7: range") != NULL);
}

/* A linear standard score with an offset, and the total excluded items leave. */
static void test_linear(void)
{
	rx_schema_scale *s;
	int a[4] = { 1, 2, 3, 4 };
	char msg[RX_ERROR_MSG_MAX];

	REQUIRE(try("standard = linear 10 -35", "5:low, 50:high", msg) == 0);
	REQUIRE((s = parse(txt)) != NULL);
	REQUIRE(score(s, a, 4, NULL) == 0);
	CHECK_EQ(sc.total, 10);
	CHECK_EQ(sc.standard, 65);
	CHECK_STR(sc.band_label_zh, "high");
	a[3] = 1; /* 7 -> 35 */
	REQUIRE(score(s, a, 4, NULL) == 0);
	CHECK_EQ(sc.standard, 35);
	CHECK_STR(sc.band_label_zh, "low");
	rx_schema_scale_free(s);
}

int main(void)
{
	RUN(test_scl90);
	RUN(test_mht);
	RUN(test_mssmhs);
	RUN(test_upi);
	RUN(test_strict);
	RUN(test_linear);
	return rx_test_done();
}
