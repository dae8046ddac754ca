/* The calendar as data: strict parsing, when an entry holds, and the obligations of groups and calendar. */
#include <string.h>

#include "schema/care.h"
#include "tests/harness.h"

static rx_schema_date D(int y, int m, int d)
{
	rx_schema_date x = { y, m, d };

	return x;
}

static int parse_fails(const char *text, const char *msg)
{
	rx_schema_calendar c;
	rx_error err = { 0 };
	int rc = rx_schema_calendar_parse(&c, text, strlen(text), &err);

	if (rc == RX_EINPUT && strstr(err.msg, msg))
		return 1;
	fprintf(stderr, "  '%s': rc %d, message '%s'\n", text, rc, err.msg);
	return 0;
}

static void test_default(void)
{
	rx_schema_calendar c;
	rx_error err = { 0 };
	size_t terms = 0, items = 0;

	CHECK_EQ(rx_schema_calendar_default(&c, &err), 0);
	for (size_t i = 0; i < c.n; i++) {
		terms += c.e[i].kind == RX_CAL_TERM;
		items += c.e[i].kind == RX_CAL_CONTACT || c.e[i].kind == RX_CAL_SCREENING;
	}
	CHECK_EQ(terms, 2);
	CHECK_EQ(rx_schema_care_student_max(&c), 4);
	CHECK_EQ(items, 2);
	CHECK_EQ(c.key_screening_days, 30);
}

static void test_parse_bad(void)
{
	CHECK(parse_fails("term = 09-01 01-31\n", "line 1: missing or too long text"));
	CHECK(parse_fails("\nterm = 09-31 01-31 秋\n", "line 2: expected FROM TO"));
	CHECK(parse_fails("term = 02-29 03-01 x\n", "line 1: expected FROM TO"));
	CHECK(parse_fails("term = 2025-09-01 01-31 x\n", "line 1: expected FROM TO"));
	CHECK(parse_fails("term = 2025-09-01 2025-08-01 x\n", "line 1: expected FROM TO"));
	CHECK(parse_fails("item = 09-01 09-04 visit x\n", "line 1: item kind"));
	CHECK(parse_fails("holiday = 09-01 09-04 x\n", "line 1: key must be"));
	CHECK(parse_fails("key_screening_days = -1\n", "line 1: key_screening_days"));
	CHECK(parse_fails("term = 9-1 01-31 x\n", "line 1: expected FROM TO"));
}

static void test_span(void)
{
	rx_schema_calendar c;
	rx_error err = { 0 };
	const char *t = "term = 09-01 01-31 秋\nitem = 2026-03-01 2026-03-05 reminder x\n";
	long from, to;

	CHECK_EQ(rx_schema_calendar_parse(&c, t, strlen(t), &err), 0);
	/* a span over the new year */
	CHECK_EQ(rx_schema_cal_span(&c.e[0], D(2026, 1, 10), &from, &to), 1);
	CHECK_EQ(from, rx_schema_date_days(D(2025, 9, 1)));
	CHECK_EQ(to, rx_schema_date_days(D(2026, 1, 31)));
	/* after it: the latest occurrence, ended */
	CHECK_EQ(rx_schema_cal_span(&c.e[0], D(2026, 5, 1), &from, &to), 1);
	CHECK_EQ(to, rx_schema_date_days(D(2026, 1, 31)));
	/* a dated entry holds only from its day on */
	CHECK_EQ(rx_schema_cal_span(&c.e[1], D(2026, 2, 28), &from, &to), 0);
	CHECK_EQ(rx_schema_cal_span(&c.e[1], D(2026, 3, 2), &from, &to), 1);
}

static const rx_schema_due *find(const rx_schema_due *d, size_t n, rx_schema_action a)
{
	for (size_t i = 0; i < n; i++)
		if (d[i].act == a)
			return &d[i];
	return NULL;
}

static size_t none_left(void *ctx, rx_schema_date since)
{
	(void)ctx, (void)since;
	return 0;
}

static size_t three_left(void *ctx, rx_schema_date since)
{
	(void)ctx;
	return since.month == 9 && since.day == 1 ? 3 : 0;
}

static void test_student(void)
{
	const rx_schema_groups *g = rx_schema_groups_default();
	rx_schema_calendar c;
	rx_error err = { 0 };
	rx_schema_oblig_student s = { 0 };
	rx_schema_care_facts f = { 0 };
	rx_schema_due d[RX_SCHEMA_CARE_DUE_MAX];
	const rx_schema_due *x;
	size_t n;

	CHECK_EQ(rx_schema_calendar_default(&c, &err), 0);
	/* a plain student: only the 9/4 family contact */
	n = rx_schema_care_student_due(g, &c, &s, &f, D(2025, 10, 8), d);
	CHECK_EQ(n, 1);
	CHECK_EQ(d[0].act, RX_ACT_CONTACT);
	CHECK_EQ(d[0].deadline.day, 4);
	CHECK(d[0].days_left < 0);
	CHECK(strstr(d[0].what, "全覆盖") != NULL);
	f.contacted = D(2025, 8, 30);
	CHECK_EQ(rx_schema_care_student_due(g, &c, &s, &f, D(2025, 10, 8), d), 0);
	/* a key-group student: a mentor by Sept 1 + 30, this term's screening by its start + 30 */
	s.key_group = 1;
	n = rx_schema_care_student_due(g, &c, &s, &f, D(2025, 10, 8), d);
	CHECK(find(d, n, RX_ACT_MENTOR) != NULL);
	CHECK_EQ(find(d, n, RX_ACT_MENTOR)->deadline.month, 10);
	CHECK_EQ(find(d, n, RX_ACT_MENTOR)->deadline.day, 1);
	CHECK((x = find(d, n, RX_ACT_TERM_SCREENING)) != NULL);
	CHECK_EQ(x->deadline.month, 10);
	f.mentor = 1;
	f.screened_last = D(2025, 9, 20);
	CHECK_EQ(rx_schema_care_student_due(g, &c, &s, &f, D(2025, 10, 8), d), 0);
	/* a new term: screened last term is not enough; a warned student too */
	s.key_group = 0;
	s.level = RX_SCHEMA_LEVEL_YELLOW;
	n = rx_schema_care_student_due(g, &c, &s, &f, D(2026, 2, 10), d);
	CHECK((x = find(d, n, RX_ACT_TERM_SCREENING)) != NULL);
	CHECK_EQ(x->deadline.month, 3);
	CHECK_EQ(x->deadline.day, 3);
	s.level = RX_SCHEMA_LEVEL_NONE;
	CHECK(find(d, rx_schema_care_student_due(g, &c, &s, &f, D(2026, 2, 10), d),
		RX_ACT_TERM_SCREENING) == NULL);
}

static void test_school(void)
{
	rx_schema_calendar c;
	rx_error err = { 0 };
	rx_schema_due d[RX_SCHEMA_CAL_MAX];
	size_t n;

	CHECK_EQ(rx_schema_calendar_default(&c, &err), 0);
	/* 9/8: the start-of-term period, the 哨点 reminder, the screening item with its count */
	n = rx_schema_care_school_due(&c, D(2025, 9, 8), three_left, NULL, 100, d);
	CHECK(find(d, n, RX_ACT_KEY_PERIOD) != NULL);
	CHECK_EQ(find(d, n, RX_ACT_CHECKLIST)->ref >= 100, 1);
	size_t screening = 0;
	for (size_t i = 0; i < n; i++)
		if (d[i].count == 3 && strstr(d[i].what, "全员心理健康测评"))
			screening++;
	CHECK_EQ(screening, 1);
	/* everyone screened: no item; in late October: no period, no reminder */
	n = rx_schema_care_school_due(&c, D(2025, 10, 20), none_left, NULL, 0, d);
	CHECK_EQ(n, 0);
	/* screening still owed after its day: overdue */
	n = rx_schema_care_school_due(&c, D(2025, 10, 20), three_left, NULL, 0, d);
	CHECK_EQ(n, 1);
	CHECK(d[0].days_left < 0);
}

int main(void)
{
	RUN(test_default);
	RUN(test_parse_bad);
	RUN(test_span);
	RUN(test_student);
	RUN(test_school);
	return rx_test_done();
}
