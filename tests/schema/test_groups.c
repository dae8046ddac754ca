/* Key groups as data: the default file, strict parsing with line numbers, look-ups. */
#include <string.h>

#include "schema/groups.h"
#include "tests/harness.h"

static int parse_fails(const char *text, const char *msg)
{
	rx_schema_groups g;
	rx_error err = { 0 };
	int rc = rx_schema_groups_parse(&g, text, strlen(text), &err);

	if (rc == RX_EINPUT && strstr(err.msg, msg))
		return 1;
	fprintf(stderr, "  '%s': rc %d, message '%s'\n", text, rc, err.msg);
	return 0;
}

static void test_default(void)
{
	const rx_schema_groups *g = rx_schema_groups_default();
	char names[512];

	CHECK(g != NULL);
	if (!g)
		return;
	CHECK_EQ(g->n, 13);
	CHECK_EQ(g->mentor_days, 30);
	/* the seven bits stored before the file existed keep their meaning */
	CHECK_EQ(rx_schema_group_find(g, "留守", 6), 0);
	CHECK_EQ(rx_schema_group_find(g, "离异", 6), 1);
	CHECK_EQ(rx_schema_group_find(g, "随迁", 6), 2);
	CHECK_EQ(rx_schema_group_find(g, "家庭经济困难", 18), 3);
	CHECK_EQ(rx_schema_group_find(g, "体质异常", 12), 4);
	CHECK_EQ(rx_schema_group_find(g, "学业困难", 12), 5);
	CHECK_EQ(rx_schema_group_find(g, "psychological", 13), 6);
	CHECK_EQ(rx_schema_group_find(g, "困境儿童", 12), 7);
	CHECK_EQ(rx_schema_group_find(g, "LEFT-BEHIND", 11), 0);
	CHECK_EQ(rx_schema_group_find(g, "校园欺凌", 12), 9);
	CHECK_EQ(rx_schema_group_find(g, "孤儿", 6), -1);
	rx_schema_groups_names(g, (1u << 0) | (1u << 8), names, sizeof(names));
	CHECK_STR(names, "留守、残疾");
	rx_schema_groups_names(g, 0, names, sizeof(names));
	CHECK_STR(names, "");
	CHECK_STR(rx_schema_group_by_bit(g, 12)->code, "study-pressure");
	CHECK(rx_schema_group_by_bit(g, 20) == NULL);
}

static void test_parse(void)
{
	rx_schema_groups g;
	rx_error err = { 0 };
	const char *ok = "# c\n3 = a-b | 甲 | A b | 乙、丙\nmentor_days = 0\n";

	CHECK_EQ(rx_schema_groups_parse(&g, ok, strlen(ok), &err), 0);
	CHECK_EQ(g.n, 1);
	CHECK_EQ(g.g[0].bit, 3);
	CHECK_EQ(g.g[0].nalias, 2);
	CHECK_STR(g.g[0].alias[1], "丙");
	CHECK_EQ(g.mentor_days, 0);
	CHECK_EQ(g.bits, 1u << 3);
}

static void test_parse_bad(void)
{
	CHECK(parse_fails("", "no groups"));
	CHECK(parse_fails("0 = a | 甲 | A\n0 = b | 乙 | B\n", "line 2: bit 0 given twice"));
	CHECK(parse_fails("0 = a | 甲 | A\n1 = b | 甲 | B\n", "line 2: name '甲' given twice"));
	CHECK(parse_fails("32 = a | 甲 | A\n", "line 1: key must be a bit"));
	CHECK(parse_fails("x = a | 甲 | A\n", "line 1: key must be a bit"));
	CHECK(parse_fails("0 = A | 甲 | A\n", "line 1: expected BIT = code"));
	CHECK(parse_fails("\n0 = a | | A\n", "line 2: empty or too long name"));
	CHECK(parse_fails("0 = a | 甲;乙 | A\n", "line 1: empty or too long name, or one holding"));
	CHECK(parse_fails("0 = a | 甲 | A | 乙,丙\n", "line 1: empty"));
	CHECK(parse_fails("0 = a | 甲 | A\nmentor_days = 400\n", "line 2: mentor_days"));
	CHECK(parse_fails("0 = a | 甲 | A\nfoo\n", "line 2"));
}

int main(void)
{
	RUN(test_default);
	RUN(test_parse);
	RUN(test_parse_bad);
	return rx_test_done();
}
