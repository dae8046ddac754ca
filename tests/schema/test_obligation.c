/* Obligations: the defaults of the issue, dates, recurring and yearly duties, incidents. */
#include <string.h>

#include "schema/obligation.h"
#include "tests/harness.h"

static rx_schema_date D(int y, int m, int d)
{
	rx_schema_date x = { y, m, d };

	return x;
}

static rx_schema_oblig_cfg cfg;

/* The due of action a for s on today, or NULL. */
static const rx_schema_due *find(rx_schema_due *out, size_t n, rx_schema_action a)
{
	for (size_t i = 0; i < n; i++)
		if (out[i].act == a)
			return &out[i];
	return NULL;
}

static void test_dates(void)
{
	CHECK_EQ(rx_schema_date_days(D(1970, 1, 1)), 0);
	CHECK_EQ(rx_schema_date_days(D(2024, 3, 1)) - rx_schema_date_days(D(2024, 2, 28)), 2);
	for (long d = 18000; d < 21000; d += 7) {
		rx_schema_date x = rx_schema_date_from_days(d);
		CHECK_EQ(rx_schema_date_days(x), d);
	}
	CHECK_EQ(rx_schema_school_year_start(D(2025, 8, 31)).year, 2024);
	CHECK_EQ(rx_schema_school_year_start(D(2025, 9, 1)).year, 2025);
}

static void test_defaults(void)
{
	static const struct { int l; rx_schema_action a; int days, every; } want[] = {
		{ 3, RX_ACT_PARENTS, 1, 0 }, { 3, RX_ACT_REFERRAL, 3, 0 },
		{ 3, RX_ACT_CARE_PLAN, 3, 0 }, { 3, RX_ACT_FOLLOW_UP, 7, 1 },
		{ 3, RX_ACT_ASSESSMENT, 1, 0 },
		{ 2, RX_ACT_PARENTS, 3, 0 }, { 2, RX_ACT_CARE_PLAN, 7, 0 },
		{ 2, RX_ACT_COUNSELLING, 14, 1 }, { 2, RX_ACT_ASSESSMENT, 7, 0 },
		{ 1, RX_ACT_PARENTS, 7, 0 }, { 1, RX_ACT_GROWTH_GROUP, 14, 0 },
		{ 1, RX_ACT_FOLLOW_UP, 30, 1 }, { 1, RX_ACT_ASSESSMENT, 7, 0 },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		int found = 0;
		for (size_t j = 0; j < cfg.nlevel[want[i].l]; j++) {
			const rx_schema_oblig_rule *r = &cfg.level[want[i].l][j];
			if (r->act == want[i].a && r->days == want[i].days &&
			    r->every == want[i].every)
				found = 1;
		}
		CHECK(found);
	}
	CHECK_EQ(cfg.nlevel[1] + cfg.nlevel[2] + cfg.nlevel[3], 13);
	CHECK_EQ(cfg.review_days, 14);
	CHECK_EQ(cfg.review_min_chars, 3000);
	CHECK_EQ(cfg.critical_days, 0);
	CHECK_EQ(cfg.discordant_days, 7);
	CHECK_EQ(cfg.min_interval_days, 7);
	CHECK_EQ(cfg.round_window_days, 30);
}

static void test_parse_bad(void)
{
	static const char *const bad[] = {
		"red = parents\n", "red = parents -1\n", "red = parents 400\n",
		"red = flying 3\n", "purple = parents 3\n", "red = parents 3 x\n",
		"review_days = x\n", "red = follow_up every\n", "none = parents 1\n",
		"red = follow_up every 0\n", "critical = parents 0\n",
		"critical = assessment every 3\n", "discordant = assessment\n",
		"min_interval_days = -1\n", "round_window_days = 0\n",
		"min_interval_days = 367\n", "Critical = assessment 0\n",
	};
	rx_schema_oblig_cfg c;
	rx_error err = { 0 };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		rx_error_clear(&err);
		CHECK_EQ(rx_schema_oblig_parse(&c, bad[i], strlen(bad[i]), &err), RX_EINPUT);
		CHECK(strstr(err.msg, "line 1") != NULL);
	}
	CHECK_EQ(rx_schema_oblig_parse(&c, "red = parents 2\n", 16, NULL), 0);
	CHECK_EQ(c.nlevel[3], 1);
	/* 0 days: the same day */
	CHECK_EQ(rx_schema_oblig_parse(&c, "red = assessment 0\n", 19, NULL), 0);
	CHECK_EQ(c.level[3][0].days, 0);
	CHECK_EQ(rx_schema_oblig_parse(&c, "critical = assessment 2\n", 24, NULL), 0);
	CHECK_EQ(c.critical_days, 2);
	/* the window must leave room for the interval */
	rx_error_clear(&err);
	CHECK_EQ(rx_schema_oblig_parse(&c, "min_interval_days = 30\n", 23, &err), RX_EINPUT);
	CHECK(strstr(err.msg, "round_window_days") != NULL);
}

static void test_red_proposal(void)
{
	rx_schema_oblig_student s = { 0 };
	rx_schema_due out[RX_SCHEMA_DUE_PER_STUDENT];
	const rx_schema_due *d;
	size_t n;

	/* an unconfirmed red proposal owes only its assessment (and the yearly duties) */
	s.level = s.proposed = RX_SCHEMA_LEVEL_RED;
	s.level_since = s.proposed_since = D(2024, 10, 8);
	s.confirmed = RX_SCHEMA_LEVEL_MISSING;
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 10), out);
	REQUIRE((d = find(out, n, RX_ACT_ASSESSMENT)) != NULL);
	CHECK_EQ(d->deadline.day, 9);
	CHECK_EQ(d->days_left, -1);
	CHECK_EQ(d->level, RX_SCHEMA_LEVEL_RED);
	CHECK(find(out, n, RX_ACT_PARENTS) == NULL);
	CHECK(find(out, n, RX_ACT_REFERRAL) == NULL);
	CHECK(find(out, n, RX_ACT_CARE_PLAN) == NULL);
	CHECK(find(out, n, RX_ACT_FOLLOW_UP) == NULL);
	CHECK(find(out, n, RX_ACT_HOME_VISIT_ON_SITE) != NULL);
	CHECK(find(out, n, RX_ACT_SCREENING) != NULL);
	/* confirmed red on the 9th: the care duties run from that day */
	s.assessed = D(2024, 10, 9);
	s.confirmed = RX_SCHEMA_LEVEL_RED;
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 10), out);
	CHECK(find(out, n, RX_ACT_ASSESSMENT) == NULL);
	REQUIRE((d = find(out, n, RX_ACT_PARENTS)) != NULL);
	CHECK_EQ(d->deadline.day, 10);
	REQUIRE((d = find(out, n, RX_ACT_REFERRAL)) != NULL);
	CHECK_EQ(d->deadline.day, 12);
	REQUIRE((d = find(out, n, RX_ACT_FOLLOW_UP)) != NULL);
	CHECK_EQ(d->deadline.day, 16);
	/* done: parents told, referred, a plan, a session on the 12th */
	s.notice = s.referral = s.care_plan = D(2024, 10, 9);
	s.suggestion = s.feedback = D(2024, 10, 9); /* both letters; the hospital's feedback */
	s.session = D(2024, 10, 12);
	s.screened = 2;
	s.visit = D(2024, 9, 20);
	s.visit_on_site = 1;
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 13), out);
	CHECK_EQ(n, 1);
	REQUIRE((d = find(out, n, RX_ACT_FOLLOW_UP)) != NULL);
	CHECK_EQ(d->deadline.day, 19);
	/* a notice from before the confirmation does not count */
	s.notice = D(2024, 10, 1);
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 13), out);
	CHECK(find(out, n, RX_ACT_PARENTS) != NULL);
}

/* Item 9 positive: the assessment is owed the same day, whatever the level's days. */
static void test_critical_same_day(void)
{
	rx_schema_oblig_student s = { 0 };
	rx_schema_due out[RX_SCHEMA_DUE_PER_STUDENT];
	const rx_schema_due *d;
	size_t n;

	s.level = s.proposed = RX_SCHEMA_LEVEL_ORANGE; /* a jurisdiction's rules */
	s.proposed_since = s.critical_since = D(2024, 10, 8);
	s.screened = 2;
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 8), out);
	REQUIRE((d = find(out, n, RX_ACT_ASSESSMENT)) != NULL);
	CHECK_EQ(d->deadline.day, 8);
	CHECK_EQ(d->days_left, 0);
	s.critical_since = (rx_schema_date){ 0, 0, 0 };
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 8), out);
	REQUIRE((d = find(out, n, RX_ACT_ASSESSMENT)) != NULL);
	CHECK_EQ(d->deadline.day, 15); /* orange: 7 days */
	/* an assessment that day settles it */
	s.critical_since = s.assessed = D(2024, 10, 8);
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 9), out);
	CHECK(find(out, n, RX_ACT_ASSESSMENT) == NULL);
	/* but not a confirmation that morning of an earlier round's proposal */
	s.assessed_stale = 1;
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 9), out);
	REQUIRE((d = find(out, n, RX_ACT_ASSESSMENT)) != NULL);
	CHECK_EQ(d->deadline.day, 8);
	s.assessed = D(2024, 10, 9); /* the next day's assessment settles it */
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 9), out);
	CHECK(find(out, n, RX_ACT_ASSESSMENT) == NULL);
}

/* 16 then 0: proposed none, but the discordant pair owes an assessment. */
static void test_discordant(void)
{
	rx_schema_oblig_student s = { 0 };
	rx_schema_due out[RX_SCHEMA_DUE_PER_STUDENT];
	const rx_schema_due *d;
	size_t n;

	s.proposed = RX_SCHEMA_LEVEL_NONE;
	s.confirmed = RX_SCHEMA_LEVEL_MISSING;
	s.screened = 2;
	s.discordant_since = s.discordant_start = D(2024, 10, 10);
	s.discordant_level = RX_SCHEMA_LEVEL_ORANGE;
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 20), out);
	REQUIRE((d = find(out, n, RX_ACT_ASSESSMENT)) != NULL);
	CHECK_EQ(d->deadline.day, 17);
	CHECK_EQ(d->level, RX_SCHEMA_LEVEL_ORANGE);
	CHECK(d->days_left < 0);
	/* a lone administration: owed from the end of the window */
	s.discordant_since = D(2024, 9, 10);
	s.discordant_start = D(2024, 10, 10);
	s.assessed = D(2024, 9, 1); /* before: does not count */
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 12), out);
	REQUIRE((d = find(out, n, RX_ACT_ASSESSMENT)) != NULL);
	CHECK_EQ(d->deadline.day, 17);
	s.assessed = D(2024, 9, 20);
	s.confirmed = RX_SCHEMA_LEVEL_NONE;
	CHECK(find(out, rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 12), out),
		RX_ACT_ASSESSMENT) == NULL);
}

/* A student no scale fits (a grade-1 pupil) owes no screening. */
static void test_no_fitting_scale(void)
{
	rx_schema_oblig_student s = { 0 };
	rx_schema_due out[RX_SCHEMA_DUE_PER_STUDENT];
	size_t n;

	s.proposed = RX_SCHEMA_LEVEL_MISSING;
	s.no_fitting_scale = 1;
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 10), out);
	CHECK(find(out, n, RX_ACT_SCREENING) == NULL);
	CHECK(find(out, n, RX_ACT_HOME_VISIT) != NULL);
	s.no_fitting_scale = 0;
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 10), out);
	CHECK(find(out, n, RX_ACT_SCREENING) != NULL);
}

static void test_plain_student(void)
{
	rx_schema_oblig_student s = { 0 };
	rx_schema_due out[RX_SCHEMA_DUE_PER_STUDENT];
	size_t n;

	s.proposed = RX_SCHEMA_LEVEL_MISSING;
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 10), out);
	CHECK_EQ(n, 2);
	CHECK(find(out, n, RX_ACT_HOME_VISIT) != NULL);
	CHECK_EQ(out[0].deadline.year, 2025);
	CHECK_EQ(out[0].deadline.month, 8);
	CHECK_EQ(out[0].deadline.day, 31);
	s.visit = D(2024, 6, 1); /* last school year */
	s.screened = 1;
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 10), out);
	CHECK_EQ(n, 2);
	s.visit = D(2024, 9, 3);
	s.screened = 2;
	CHECK_EQ(rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 10), out), 0);
	s.key_group = 1; /* a phone visit is not enough */
	n = rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 10), out);
	CHECK(find(out, n, RX_ACT_HOME_VISIT_ON_SITE) != NULL);
	/* confirmed none after a yellow proposal: no level duties */
	s.key_group = 0;
	s.proposed = RX_SCHEMA_LEVEL_YELLOW;
	s.proposed_since = D(2024, 10, 1);
	s.assessed = D(2024, 10, 2);
	s.level = RX_SCHEMA_LEVEL_NONE;
	CHECK_EQ(rx_schema_oblig_student_due(&cfg, &s, D(2024, 10, 10), out), 0);
}

static void test_incident(void)
{
	rx_schema_oblig_incident in = { 0 };
	rx_schema_due d;

	in.date = D(2024, 11, 1);
	REQUIRE(rx_schema_oblig_incident_due(&cfg, &in, D(2024, 11, 20), &d) == 1);
	CHECK_EQ(d.deadline.day, 15);
	CHECK_EQ(d.days_left, -5);
	in.submitted = D(2024, 11, 10);
	in.chars = 3000, in.aspects = 4, in.signatures = 4;
	CHECK_EQ(rx_schema_oblig_incident_due(&cfg, &in, D(2024, 11, 20), &d), 0);
	in.chars = 2999;
	CHECK_EQ(rx_schema_oblig_incident_due(&cfg, &in, D(2024, 11, 20), &d), 1);
	in.chars = 5000, in.aspects = 3;
	CHECK_EQ(rx_schema_oblig_incident_due(&cfg, &in, D(2024, 11, 20), &d), 1);
	in.aspects = 4, in.signatures = 3;
	CHECK_EQ(rx_schema_oblig_incident_due(&cfg, &in, D(2024, 11, 20), &d), 1);
}

static void test_sort(void)
{
	rx_schema_due d[3] = { { 0 } };

	d[0].days_left = 5, d[1].days_left = -2, d[2].days_left = 0;
	rx_schema_due_sort(d, 3);
	CHECK_EQ(d[0].days_left, -2);
	CHECK_EQ(d[1].days_left, 0);
	CHECK_EQ(d[2].days_left, 5);
}

/* A red or orange duty due today or overdue never sinks below yearly chores long overdue. */
static void test_sort_at_risk_first(void)
{
	rx_schema_due d[5] = { { 0 } };

	d[0].days_left = -90, d[0].act = RX_ACT_HOME_VISIT, d[0].ref = 0;
	d[1].days_left = 0, d[1].level = RX_SCHEMA_LEVEL_RED, d[1].act = RX_ACT_INCIDENT_PARENTS, d[1].ref = 1;
	d[2].days_left = -3, d[2].level = RX_SCHEMA_LEVEL_ORANGE, d[2].ref = 2;
	d[3].days_left = 2, d[3].level = RX_SCHEMA_LEVEL_RED, d[3].ref = 3;
	d[4].days_left = -23, d[4].level = RX_SCHEMA_LEVEL_RED, d[4].ref = 4;
	rx_schema_due_sort(d, 5);
	CHECK_EQ(d[0].ref, 4); /* red, 23 days overdue */
	CHECK_EQ(d[1].ref, 1); /* red, due today */
	CHECK_EQ(d[2].ref, 2); /* orange, overdue */
	CHECK_EQ(d[3].ref, 0); /* a yearly visit, long overdue */
	CHECK_EQ(d[4].ref, 3); /* red, not yet due */
}

int main(void)
{
	rx_error err = { 0 };

	if (rx_schema_oblig_default(&cfg, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	RUN(test_dates);
	RUN(test_defaults);
	RUN(test_parse_bad);
	RUN(test_red_proposal);
	RUN(test_critical_same_day);
	RUN(test_discordant);
	RUN(test_no_fitting_scale);
	RUN(test_plain_student);
	RUN(test_incident);
	RUN(test_sort);
	RUN(test_sort_at_risk_first);
	return rx_test_done();
}
