/* Record types: field checks and normalisation, ids, ops, negative cases. */
#include <string.h>

#include "schema/record.h"
#include "tests/harness.h"

static int set(rx_schema_rec *r, const char *k, const char *v)
{
	rx_error err = { 0 };

	return rx_schema_rec_set(r, k, v, &err);
}

static void test_types(void)
{
	size_t n;
	const rx_schema_type *t = rx_schema_types(&n);

	CHECK_EQ(n, 16); /* + ob, the observation report; + tr, the transfer record */
	for (size_t i = 0; i < n; i++) {
		CHECK(strlen(t[i].code) == 2);
		CHECK(rx_schema_type_find(t[i].name) == &t[i]);
		CHECK(rx_schema_type_find(t[i].zh) == &t[i]);
		CHECK(t[i].nfields + (t[i].items ? 128 : 0) <= RX_SCHEMA_REC_FIELDS_MAX);
	}
	CHECK(rx_schema_type_find("nope") == NULL);
	CHECK(rx_schema_type_find("观察报告") == rx_schema_type_find("ob"));
}

/* An observation report needs its reporter's role and a level; a student's leaving, a reason of the list. */
static void test_observation_leave(void)
{
	rx_schema_rec r;
	rx_error err = { 0 };

	rx_schema_rec_init(&r, rx_schema_type_find("observation"));
	CHECK_EQ(set(&r, "no", "S1"), 0);
	CHECK_EQ(set(&r, "d", "2025-10-07"), 0);
	CHECK_EQ(rx_schema_rec_validate(&r, &err), RX_EINPUT);
	CHECK_EQ(set(&r, "报告人身份", "心理委员"), 0);
	CHECK_STR(rx_schema_rec_get(&r, "ro"), "cm");
	CHECK_EQ(set(&r, "ro", "校长"), RX_EINPUT);
	CHECK_EQ(rx_schema_rec_validate(&r, &err), RX_EINPUT);
	CHECK_EQ(set(&r, "lv", "红"), 0);
	CHECK_EQ(rx_schema_rec_validate(&r, &err), 0);
	rx_schema_rec_clear(&r);
	rx_schema_rec_init(&r, rx_schema_type_find("st"));
	CHECK_EQ(set(&r, "lr", "转学"), 0);
	CHECK_STR(rx_schema_rec_get(&r, "lr"), "tr");
	CHECK_EQ(set(&r, "lr", "graduated"), 0);
	CHECK_STR(rx_schema_rec_get(&r, "lr"), "gr");
	CHECK_EQ(set(&r, "lr", "旅游"), RX_EINPUT);
	CHECK_EQ(set(&r, "f", "困境儿童、学习压力大"), 0);
	CHECK_STR(rx_schema_rec_get(&r, "f"), "4224");
	rx_error_clear(&err);
	CHECK_EQ(rx_schema_rec_set(&r, "f", "外星", &err), RX_EINPUT);
	CHECK(strstr(err.msg, "留守、单亲/离异") && strstr(err.msg, "学习压力大")); /* every group named */
	rx_schema_rec_clear(&r);
}

static void test_student(void)
{
	const rx_schema_type *t = rx_schema_type_find("student");
	rx_schema_rec r, old;
	rx_sync_op ops[16];
	rx_error err = { 0 };
	char owner[33];

	rx_schema_rec_init(&r, t);
	CHECK_EQ(set(&r, "学号", "S001"), 0);
	CHECK_EQ(set(&r, "name", "欧阳 娜娜"), 0);
	CHECK_EQ(set(&r, "g", "女"), 0);
	CHECK_STR(rx_schema_rec_get(&r, "g"), "2");
	CHECK_EQ(set(&r, "b", "2010/3/5"), 0);
	CHECK_STR(rx_schema_rec_get(&r, "b"), "2010-03-05");
	CHECK_EQ(rx_schema_rec_validate(&r, &err), RX_EINPUT); /* grade, class missing */
	CHECK(strstr(err.msg, "年级") != NULL);
	CHECK_EQ(set(&r, "gr", "7"), 0);
	CHECK_EQ(set(&r, "c", "3"), 0);
	CHECK_EQ(set(&r, "f", "留守;随迁"), 0);
	CHECK_STR(rx_schema_rec_get(&r, "f"), "5");
	CHECK_EQ(rx_schema_rec_validate(&r, NULL), 0);
	CHECK_EQ(rx_schema_rec_make_id(&r, "abc", 0, NULL), 0);
	CHECK_STR(r.id, "S001");
	rx_schema_rec_owner(&r, owner);
	CHECK_STR(owner, "S001");
	/* six non-key fields; the key is in the id only */
	CHECK_EQ(rx_schema_rec_diff(&r, NULL, ops, 16), 6);
	CHECK_STR(ops[0].kind, "st");
	CHECK_STR(ops[0].field, "n");
	rx_schema_rec_init(&old, t);
	CHECK_EQ(rx_schema_rec_put_raw(&old, "n", "欧阳 娜娜", strlen("欧阳 娜娜"), NULL), 0);
	CHECK_EQ(rx_schema_rec_put_raw(&old, "zz", "x", 1, NULL), 0); /* future field */
	CHECK_EQ(rx_schema_rec_diff(&r, &old, ops, 16), 5);
	rx_schema_rec_clear(&old);
	rx_schema_rec_clear(&r);
}

static void test_bad_values(void)
{
	rx_schema_rec r;
	rx_error err = { 0 };
	char big[300];

	rx_schema_rec_init(&r, rx_schema_type_find("st"));
	CHECK_EQ(set(&r, "no", "S 1"), RX_EINPUT);
	CHECK_EQ(set(&r, "no", "S/1"), RX_EINPUT);
	CHECK_EQ(set(&r, "g", "x"), RX_EINPUT);
	CHECK_EQ(set(&r, "b", "2023-02-30"), RX_EINPUT);
	CHECK_EQ(set(&r, "gr", "13"), RX_EINPUT);
	CHECK_EQ(set(&r, "gr", "1.5"), RX_EINPUT);
	CHECK_EQ(set(&r, "f", "外星"), RX_EINPUT);
	CHECK_EQ(set(&r, "n", ""), RX_EINPUT);
	CHECK_EQ(set(&r, "n", "a\x01" "b"), RX_EINPUT);
	CHECK_EQ(set(&r, "n", "\xc0\xaf"), RX_EINPUT); /* overlong */
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	CHECK_EQ(set(&r, "n", big), RX_EINPUT);
	CHECK_EQ(rx_schema_rec_set(&r, "nope", "1", &err), RX_EINPUT);
	CHECK(strstr(err.msg, "nope") != NULL);
	rx_schema_rec_clear(&r);
	rx_schema_rec_init(&r, rx_schema_type_find("hv"));
	CHECK_EQ(set(&r, "m", "飞鸽"), RX_EINPUT);
	CHECK_EQ(set(&r, "m", "实地"), 0);
	CHECK_STR(rx_schema_rec_get(&r, "m"), "os");
	CHECK_EQ(set(&r, "m", "Phone"), 0);
	CHECK_STR(rx_schema_rec_get(&r, "m"), "ph");
	rx_schema_rec_clear(&r);
	rx_schema_rec_init(&r, rx_schema_type_find("as"));
	CHECK_EQ(set(&r, "lv", "紫"), RX_EINPUT);
	CHECK_EQ(set(&r, "lv", "红"), 0);
	CHECK_STR(rx_schema_rec_get(&r, "lv"), "3");
	rx_schema_rec_clear(&r);
}

static void test_ids(void)
{
	rx_schema_rec r;
	rx_error err = { 0 };

	rx_schema_rec_init(&r, rx_schema_type_find("cs"));
	CHECK_EQ(rx_schema_rec_make_id(&r, "a1b2c3", 7, &err), RX_EINPUT);
	CHECK_EQ(set(&r, "no", "S001"), 0);
	CHECK_EQ(rx_schema_rec_make_id(&r, "a1b2c3", 7, NULL), 0);
	CHECK_STR(r.id, "S001/a1b2c3.7");
	rx_schema_rec_clear(&r);
	rx_schema_rec_init(&r, rx_schema_type_find("activity"));
	CHECK_EQ(rx_schema_rec_make_id(&r, "a1b2c3", 2, NULL), 0);
	CHECK_STR(r.id, "@a1b2c3/2");
	rx_schema_rec_clear(&r);
	rx_schema_rec_init(&r, rx_schema_type_find("sc"));
	r.id = strdup("S009/phq9/2024a/2");
	CHECK_EQ(rx_schema_rec_keys_from_id(&r, NULL), 0);
	CHECK_STR(rx_schema_rec_get(&r, "no"), "S009");
	CHECK_STR(rx_schema_rec_get(&r, "s"), "phq9");
	CHECK_STR(rx_schema_rec_get(&r, "r"), "2024a");
	CHECK_STR(rx_schema_rec_get(&r, "a"), "2");
	CHECK_EQ(set(&r, "q9", "1"), 0);
	CHECK_STR(rx_schema_rec_get(&r, "q9"), "1");
	CHECK_EQ(set(&r, "q0", "1"), RX_EINPUT);
	CHECK_EQ(set(&r, "q129", "1"), RX_EINPUT);
	CHECK_EQ(set(&r, "r", "a/b"), RX_EINPUT); /* a key never holds '/' */
	rx_schema_rec_clear(&r);
	rx_schema_rec_init(&r, rx_schema_type_find("review"));
	CHECK_EQ(rx_schema_rec_make_id(&r, "x", 1, &err), RX_EINPUT);
	rx_schema_rec_clear(&r);
}

static void test_growth_group(void)
{
	rx_schema_rec r;

	rx_schema_rec_init(&r, rx_schema_type_find("care-plan"));
	CHECK_EQ(set(&r, "no", "S1"), 0);
	CHECK_EQ(set(&r, "d", "2024-09-10"), 0);
	CHECK_EQ(set(&r, "pp", "甲;乙"), 0);
	CHECK_EQ(rx_schema_rec_validate(&r, NULL), RX_EINPUT);
	CHECK_EQ(set(&r, "pp", "甲、乙、丙"), 0);
	CHECK_EQ(rx_schema_rec_validate(&r, NULL), 0);
	rx_schema_rec_clear(&r);
}

int main(void)
{
	RUN(test_types);
	RUN(test_observation_leave);
	RUN(test_student);
	RUN(test_bad_values);
	RUN(test_ids);
	RUN(test_growth_group);
	return rx_test_done();
}
