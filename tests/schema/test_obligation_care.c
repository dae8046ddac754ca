/* Duties after an incident, a referral's feedback, and the two parent letters. */
#include <string.h>

#include "schema/obligation.h"
#include "tests/harness.h"

static rx_schema_oblig_cfg cfg;

static rx_schema_date D(int y, int m, int d)
{
	rx_schema_date x = { y, m, d };

	return x;
}

static size_t count(const rx_schema_due *out, size_t n, rx_schema_action a)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += out[i].act == a;
	return k;
}

static const rx_schema_due *find(const rx_schema_due *out, size_t n, rx_schema_action a)
{
	for (size_t i = 0; i < n; i++)
		if (out[i].act == a)
			return &out[i];
	return NULL;
}

/* A student with nothing owed of the yearly duties. */
static rx_schema_oblig_student quiet(void)
{
	rx_schema_oblig_student s = { 0 };

	s.proposed = RX_SCHEMA_LEVEL_MISSING;
	s.screened = 2;
	s.visit = D(2024, 9, 5);
	s.visit_on_site = 1;
	return s;
}

static void test_settings(void)
{
	static const char *const bad[] = {
		"incident_parents_days = -1\n", "incident_parents_days = 400\n",
		"referral_feedback_days = x\n", "incident_care_plan_days =\n",
	};
	rx_schema_oblig_cfg c;
	rx_error err = { 0 };

	CHECK_EQ(cfg.incident_assessment_days, 0);
	CHECK_EQ(cfg.incident_parents_days, 0);
	CHECK_EQ(cfg.incident_care_plan_days, 3);
	CHECK_EQ(cfg.incident_classmates_days, 3);
	CHECK_EQ(cfg.referral_feedback_days, 14);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		rx_error_clear(&err);
		CHECK_EQ(rx_schema_oblig_parse(&c, bad[i], strlen(bad[i]), &err), RX_EINPUT);
		CHECK(strstr(err.msg, "line 1") != NULL);
	}
	/* a file without these keys owes none of these duties */
	REQUIRE(rx_schema_oblig_parse(&c, "red = parents 1\n", 16, NULL) == 0);
	CHECK_EQ(c.incident_parents_days, -1);
	CHECK_EQ(c.referral_feedback_days, -1);
}

static void test_incident_student(void)
{
	rx_schema_oblig_student s = quiet();
	rx_schema_due out[RX_SCHEMA_DUE_PER_STUDENT];
	const rx_schema_due *d;
	size_t n;

	/* the summary turns the incident into a red proposal from its day */
	s.incident = D(2024, 10, 10);
	s.level = s.proposed = RX_SCHEMA_LEVEL_RED;
	s.level_since = s.proposed_since = s.incident;
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 10), out);
	CHECK_EQ(count(out, n, RX_ACT_ASSESSMENT), 1);
	REQUIRE((d = find(out, n, RX_ACT_ASSESSMENT)) != NULL);
	CHECK_EQ(d->deadline.day, 10); /* the same day, not red's next day */
	CHECK_EQ(d->days_left, 0);
	CHECK_EQ(d->level, RX_SCHEMA_LEVEL_RED);
	REQUIRE((d = find(out, n, RX_ACT_INCIDENT_PARENTS)) != NULL);
	CHECK_EQ(d->deadline.day, 10);
	CHECK_EQ(d->days_left, 0);
	REQUIRE((d = find(out, n, RX_ACT_INCIDENT_CARE_PLAN)) != NULL);
	CHECK_EQ(d->deadline.day, 13);
	CHECK(find(out, n, RX_ACT_CLASSMATE_FOLLOW_UP) == NULL);
	/* the next day the parent contact is overdue */
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 11), out);
	REQUIRE((d = find(out, n, RX_ACT_INCIDENT_PARENTS)) != NULL);
	CHECK_EQ(d->days_left, -1);
	/* a contact or plan from before the incident does not count */
	s.parent_contact = s.care_plan = D(2024, 10, 9);
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 11), out);
	CHECK(find(out, n, RX_ACT_INCIDENT_PARENTS) != NULL);
	CHECK(find(out, n, RX_ACT_INCIDENT_CARE_PLAN) != NULL);
	/* done on the day: contact, assessment, then a plan */
	s.parent_contact = s.assessed = D(2024, 10, 10);
	s.care_plan = D(2024, 10, 12);
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 12), out);
	CHECK(find(out, n, RX_ACT_INCIDENT_PARENTS) == NULL);
	CHECK(find(out, n, RX_ACT_INCIDENT_CARE_PLAN) == NULL);
	CHECK(find(out, n, RX_ACT_ASSESSMENT) == NULL);
}

static void test_incident_without_proposal(void)
{
	rx_schema_oblig_student s = quiet();
	rx_schema_due out[RX_SCHEMA_DUE_PER_STUDENT];
	size_t n;

	/* the facts alone (no proposal set) still owe the same-day assessment */
	s.incident = D(2024, 10, 10);
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 10), out);
	CHECK_EQ(count(out, n, RX_ACT_ASSESSMENT), 1);
	CHECK_EQ(n, 3);
}

static void test_classmate(void)
{
	rx_schema_oblig_student s = quiet();
	rx_schema_due out[RX_SCHEMA_DUE_PER_STUDENT];
	const rx_schema_due *d;
	size_t n;

	s.incident_classmate = D(2024, 10, 10);
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 10), out);
	CHECK_EQ(n, 1);
	REQUIRE((d = find(out, n, RX_ACT_CLASSMATE_FOLLOW_UP)) != NULL);
	CHECK_EQ(d->deadline.day, 13);
	CHECK(find(out, n, RX_ACT_INCIDENT_PARENTS) == NULL);
	s.session = D(2024, 10, 8);
	CHECK_EQ(rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 10), out), 1);
	s.session = D(2024, 10, 12);
	CHECK_EQ(rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 12), out), 0);
}

static void test_feedback(void)
{
	rx_schema_oblig_student s = quiet();
	rx_schema_due out[RX_SCHEMA_DUE_PER_STUDENT];
	const rx_schema_due *d;
	size_t n;

	s.referral = D(2024, 10, 1);
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 20), out);
	REQUIRE((d = find(out, n, RX_ACT_FEEDBACK)) != NULL);
	CHECK_EQ(d->deadline.day, 15);
	CHECK_EQ(d->days_left, -5);
	s.referral_green = 1;
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 20), out);
	CHECK(find(out, n, RX_ACT_FEEDBACK) == NULL);
	CHECK(find(out, n, RX_ACT_FEEDBACK_GREEN) != NULL);
	CHECK_STR(rx_schema_action_zh(RX_ACT_FEEDBACK_GREEN), "医院反馈(绿色通道)");
	s.feedback = D(2024, 10, 18);
	CHECK_EQ(rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 20), out), 0);
}

static void test_parent_letters(void)
{
	rx_schema_oblig_student s = quiet();
	rx_schema_due out[RX_SCHEMA_DUE_PER_STUDENT];
	const rx_schema_due *d;
	size_t n;

	/* a proposal nobody assessed owes no letter */
	s.level = s.proposed = RX_SCHEMA_LEVEL_ORANGE;
	s.level_since = s.proposed_since = D(2024, 10, 1);
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 2), out);
	CHECK(find(out, n, RX_ACT_PARENTS) == NULL);
	CHECK(find(out, n, RX_ACT_SUGGESTION) == NULL);
	/* confirmed on the 5th: both letters, three days from the confirmation */
	s.assessed = s.level_since = D(2024, 10, 5);
	s.confirmed = RX_SCHEMA_LEVEL_ORANGE;
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 6), out);
	REQUIRE((d = find(out, n, RX_ACT_PARENTS)) != NULL);
	CHECK_EQ(d->deadline.day, 8);
	REQUIRE((d = find(out, n, RX_ACT_SUGGESTION)) != NULL);
	CHECK_EQ(d->deadline.day, 8);
	CHECK_EQ(d->level, RX_SCHEMA_LEVEL_ORANGE);
	/* the suggestion sent leaves the signed information letter owed */
	s.suggestion = D(2024, 10, 6);
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 6), out);
	CHECK(find(out, n, RX_ACT_PARENTS) != NULL);
	CHECK(find(out, n, RX_ACT_SUGGESTION) == NULL);
	s.notice = D(2024, 10, 7);
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 7), out);
	CHECK(find(out, n, RX_ACT_PARENTS) == NULL);
	CHECK_STR(rx_schema_action_en(RX_ACT_SUGGESTION), "suggestion_letter");
}

int main(void)
{
	rx_error err = { 0 };

	if (rx_schema_oblig_default(&cfg, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	RUN(test_settings);
	RUN(test_incident_student);
	RUN(test_incident_without_proposal);
	RUN(test_classmate);
	RUN(test_feedback);
	RUN(test_parent_letters);
	return rx_test_done();
}
