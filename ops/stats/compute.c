/* Computing a school's statistics from its archive: levels, groups, coverage, timeliness, staffing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/stats/stats.h"
#include "ops/archive/archive.h"

static int level_col(const rx_summary *s, const char *round)
{
	if (s->proposed == RX_SCHEMA_LEVEL_MISSING || strcmp(s->round, round) != 0)
		return 4; /* not screened in this round */
	switch (s->ob.level) {
	case RX_SCHEMA_LEVEL_RED: return 0;
	case RX_SCHEMA_LEVEL_ORANGE: return 1;
	case RX_SCHEMA_LEVEL_YELLOW: return 2;
	default: return 3;
	}
}

static int in_year(rx_schema_date d, rx_schema_date ys)
{
	return d.year && rx_schema_date_days(d) >= rx_schema_date_days(ys);
}

static void student_counts(rx_ops_stats *o, const rx_summary *s, const char *round,
	rx_schema_date ys)
{
	int grade = atoi(rx_schema_rec_get(s->st, "gr") ? rx_schema_rec_get(s->st, "gr") : "0");
	int gender = atoi(rx_schema_rec_get(s->st, "g") ? rx_schema_rec_get(s->st, "g") : "0");
	const char *fl = rx_schema_rec_get(s->st, "f");
	unsigned flags = fl ? (unsigned)strtoul(fl, NULL, 10) : 0;
	int col = level_col(s, round), twice = s->ob.screened >= 2;
	int visited = in_year(s->ob.visit, ys);

	if (grade < 1 || grade > 12 || gender < 1 || gender > 2)
		return;
	(*rx_ops_stats_at(o, RX_STATS_LEVELS, (grade - 1) * 2 + gender - 1, col))++;
	for (int g = 0; g < RX_SCHEMA_FLAG_COUNT; g++)
		if (flags & (1u << g))
			(*rx_ops_stats_at(o, RX_STATS_GROUPS, g, col))++;
	(*rx_ops_stats_at(o, RX_STATS_COVERAGE, grade - 1,
		twice ? (visited ? 0 : 1) : (visited ? 2 : 3)))++;
}

static rx_schema_date done_date(const rx_schema_oblig_student *s, rx_schema_action a)
{
	switch (a) {
	case RX_ACT_PARENTS: return s->notice;
	case RX_ACT_REFERRAL: return s->referral;
	case RX_ACT_CARE_PLAN: return s->care_plan;
	case RX_ACT_GROWTH_GROUP: return s->growth_group;
	default: return s->assessed;
	}
}

static void met(rx_ops_stats *o, rx_schema_action act, rx_schema_date done, long deadline)
{
	int late = done.year && rx_schema_date_days(done) > deadline;

	(*rx_ops_stats_at(o, RX_STATS_OBLIG, act, late ? 1 : 0))++;
}

/*
 * Met one-off obligations: the assessment of the proposal, and the care
 * duties of the confirmed level (owed from its confirmation); on time or late.
 */
static void level_met(rx_ops_stats *o, const rx_schema_oblig_cfg *c,
	const rx_schema_oblig_student *s, const rx_schema_due *d, size_t nd)
{
	for (int care = 0; care < 2; care++) {
		rx_schema_level l = care ? s->confirmed : s->proposed;
		rx_schema_date since = care ? s->assessed : s->proposed_since;

		for (size_t i = 0; l > RX_SCHEMA_LEVEL_NONE && l <= RX_SCHEMA_LEVEL_RED &&
		    i < c->nlevel[l]; i++) {
			const rx_schema_oblig_rule *r = &c->level[l][i];
			int owed = 0;

			if (r->every || !since.year || (r->act != RX_ACT_ASSESSMENT) != care)
				continue;
			for (size_t k = 0; k < nd; k++)
				owed |= d[k].act == r->act;
			if (!owed)
				met(o, r->act, done_date(s, r->act),
					rx_schema_date_days(since) + r->days);
		}
	}
}

static void student_oblig(rx_ops_stats *o, const rx_schema_oblig_cfg *c,
	const rx_schema_oblig_student *s, rx_schema_date today)
{
	rx_schema_due d[RX_SCHEMA_DUE_PER_STUDENT];
	size_t nd = rx_schema_oblig_student_due(c, s, today, d);
	int on_site = s->key_group || s->level > RX_SCHEMA_LEVEL_NONE, visit_owed = 0;

	for (size_t k = 0; k < nd; k++) {
		if ((int)d[k].act >= rx_ops_stats_rows(RX_STATS_OBLIG))
			continue; /* an action the published table has no row for */
		(*rx_ops_stats_at(o, RX_STATS_OBLIG, d[k].act, d[k].days_left < 0 ? 3 : 2))++;
		visit_owed |= d[k].act == RX_ACT_HOME_VISIT || d[k].act == RX_ACT_HOME_VISIT_ON_SITE;
	}
	level_met(o, c, s, d, nd);
	if (s->screened >= 2)
		(*rx_ops_stats_at(o, RX_STATS_OBLIG, RX_ACT_SCREENING, 0))++;
	if (!visit_owed)
		(*rx_ops_stats_at(o, RX_STATS_OBLIG, on_site ? RX_ACT_HOME_VISIT_ON_SITE :
			RX_ACT_HOME_VISIT, 0))++;
}

static void incident(rx_ops_stats *o, const rx_schema_oblig_cfg *c,
	const rx_schema_oblig_incident *in, rx_schema_date today)
{
	long deadline = rx_schema_date_days(in->date) + c->review_days;
	int done = in->submitted.year != 0, overdue = rx_schema_date_days(today) > deadline;
	int complete = done && in->chars >= (size_t)c->review_min_chars &&
		in->aspects == 4 && in->signatures == 4;
	int late = done && rx_schema_date_days(in->submitted) > deadline;
	int col = complete ? (late ? 2 : 0) : done ? 1 : overdue ? 3 : 4;

	(*rx_ops_stats_at(o, RX_STATS_INCIDENTS, 0, col))++;
	(*rx_ops_stats_at(o, RX_STATS_OBLIG, RX_ACT_REVIEW,
		complete ? (late ? 1 : 0) : overdue ? 3 : 2))++;
}

static int count_classes(const rx_summaries *ss, int min_grade, char (*seen)[48],
	size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < ss->students.n; i++) {
		const rx_schema_rec *st = ss->s[i].st;
		const char *g = rx_schema_rec_get(st, "gr"), *c = rx_schema_rec_get(st, "c");
		char key[48];
		size_t k;
		/* a class of leavers only (a graduated grade) owes no lessons nor committee */
		if (ss->s[i].left || !g || !c || atoi(g) < min_grade)
			continue;
		snprintf(key, sizeof(key), "%s/%s", g, c);
		for (k = 0; k < *n && strcmp(seen[k], key); k++)
			;
		if (k == *n)
			memcpy(seen[(*n)++], key, sizeof(key));
	}
	return 0;
}

static int64_t cap(int64_t v, int64_t max)
{
	return v > max ? max : v < 0 ? 0 : v;
}

static void committee(rx_ops_stats *o, const rx_recset *cl, char (*seen)[48], size_t n,
	int min)
{
	o->staff.classes_g4 = (int64_t)n;
	for (size_t k = 0; k < n; k++) {
		const rx_schema_rec *r = rx_recset_find(cl, seen[k]);
		const char *b = r ? rx_schema_rec_get(r, "cmb") : NULL;
		const char *g = r ? rx_schema_rec_get(r, "cmg") : NULL;
		if (b && g && atoi(b) >= 1 && atoi(g) >= 1 && atoi(b) + atoi(g) >= min)
			o->staff.classes_committee++;
	}
}

#define BLOCKS_MAX 64 /* weeks in a school year, with room to spare */

/* The judged block (of len days, first days in starts) holding day, or -1. */
static int block_of(const long *starts, size_t n, int len, long day)
{
	for (size_t b = 0; b < n; b++)
		if (day >= starts[b] && day < starts[b] + len)
			return (int)b;
	return -1;
}

/* Counselling room: hours of each judged week, each against the threshold (never averaged). */
static void room_weeks(rx_ops_stats *o, const rx_recset *ac, const rx_ops_compliance_cfg *c,
	long today)
{
	long starts[BLOCKS_MAX];
	int64_t hours[BLOCKS_MAX] = { 0 }, total = 0;
	size_t n = rx_ops_compliance_blocks(starts, BLOCKS_MAX, c, o->year, 7, today);

	n = n > BLOCKS_MAX ? BLOCKS_MAX : n;
	for (size_t i = 0; i < ac->n; i++) {
		const char *k = rx_schema_rec_get(&ac->r[i], "k"), *h = rx_schema_rec_get(&ac->r[i], "h");
		int b = block_of(starts, n, 7, rx_schema_date_days(rx_rec_date(
			rx_schema_rec_get(&ac->r[i], "d"))));
		if (k && !strcmp(k, "or") && b >= 0 && h)
			hours[b] += atoi(h);
	}
	for (size_t b = 0; b < n; b++) {
		o->staff.room_weeks_ok += hours[b] >= c->room_hours;
		total += hours[b];
	}
	o->staff.room_weeks = (int64_t)n;
	o->staff.room_hours_x10 = n ? cap(total * 10 / (int64_t)n, 1680) : 0;
}

/* Psychology lessons: each class in each judged fortnight (a lesson names its class). */
static void lesson_slots(rx_ops_stats *o, const rx_recset *ac, const rx_ops_compliance_cfg *c,
	char (*classes)[48], size_t ncl, long today)
{
	long starts[BLOCKS_MAX];
	size_t n = rx_ops_compliance_blocks(starts, BLOCKS_MAX / 2, c, o->year, 14, today);
	int64_t total = 0;

	n = n > BLOCKS_MAX / 2 ? BLOCKS_MAX / 2 : n;
	for (size_t k = 0; k < ncl; k++) {
		int per[BLOCKS_MAX / 2] = { 0 };
		for (size_t i = 0; i < ac->n; i++) {
			const rx_schema_rec *r = &ac->r[i];
			const char *kd = rx_schema_rec_get(r, "k"), *g = rx_schema_rec_get(r, "gr");
			const char *cc = rx_schema_rec_get(r, "c");
			char key[48];
			int b;
			if (!kd || strcmp(kd, "ls") || !g || !cc)
				continue;
			snprintf(key, sizeof(key), "%s/%s", g, cc);
			b = block_of(starts, n, 14, rx_schema_date_days(rx_rec_date(
				rx_schema_rec_get(r, "d"))));
			if (b >= 0 && !strcmp(key, classes[k]))
				per[b]++, total++;
		}
		for (size_t b = 0; b < n; b++)
			o->staff.lesson_slots_ok += per[b] >= c->lessons;
	}
	o->staff.lesson_slots = (int64_t)(n * ncl);
	o->staff.lessons_x100 = n && ncl ? cap(total * 100 / (int64_t)(n * ncl),
		RX_OPS_STATS_STAFF_MAX) : 0;
}

/* School type from the setting school.type; stage from school.stage, else the highest grade. */
static void school_kind(rx_ops_stats *o, rx_archive *a, const rx_summaries *ss)
{
	char *t = rx_home_get(a->h, "school.type"), *st = rx_home_get(a->h, "school.stage");
	int top = 0;

	o->staff.school_type = rx_ops_school_type_parse(t);
	o->staff.school_stage = rx_ops_school_stage_parse(st);
	for (size_t i = 0; !o->staff.school_stage && i < ss->students.n; i++) {
		const char *g = rx_schema_rec_get(ss->s[i].st, "gr");
		if (!ss->s[i].left)
			top = g && atoi(g) > top ? atoi(g) : top;
	}
	if (!o->staff.school_stage && top)
		o->staff.school_stage = top >= 10 ? RX_STAGE_SENIOR : top >= 7 ?
			RX_STAGE_JUNIOR : RX_STAGE_PRIMARY;
	free(t), free(st);
}

static int staffing(rx_ops_stats *o, rx_archive *a, const rx_summaries *ss,
	rx_schema_date today, rx_error *err)
{
	rx_recset sf = { 0 }, cl = { 0 }, ac = { 0 };
	rx_ops_compliance_cfg cfg;
	char (*seen)[48] = calloc(ss->students.n + 1, sizeof(*seen));
	size_t n4 = 0, nall = 0;
	int rc;

	if (!seen)
		return rx_error_nomem(err);
	if ((rc = rx_ops_compliance_cfg_init(&cfg, err)) < 0 ||
	    (rc = rx_recset_load(&sf, a, rx_schema_type_find("sf"), NULL, err)) < 0 ||
	    (rc = rx_recset_load(&cl, a, rx_schema_type_find("cl"), NULL, err)) < 0 ||
	    (rc = rx_recset_load(&ac, a, rx_schema_type_find("ac"), NULL, err)) < 0)
		goto out;
	for (size_t i = 0; i < sf.n; i++) {
		const char *ro = rx_schema_rec_get(&sf.r[i], "ro");
		o->staff.teachers_full += ro && !strcmp(ro, "fp");
		o->staff.teachers_part += ro && !strcmp(ro, "pp");
	}
	school_kind(o, a, ss);
	count_classes(ss, 1, seen, &nall);
	room_weeks(o, &ac, &cfg, rx_schema_date_days(today));
	lesson_slots(o, &ac, &cfg, seen, nall, rx_schema_date_days(today));
	count_classes(ss, cfg.committee_from_grade, seen, &n4);
	committee(o, &cl, seen, n4, cfg.committee_min);
out:
	free(seen);
	rx_recset_free(&sf);
	rx_recset_free(&cl);
	rx_recset_free(&ac);
	return rc;
}

/* The round of the latest screening administration, or "-" (none). */
static void latest_round(char out[17], const rx_summaries *ss)
{
	long best = -1;

	snprintf(out, 17, "none");
	for (size_t i = 0; i < ss->students.n; i++)
		for (size_t k = 0; k < ss->s[i].nsc; k++) {
			const rx_sc_entry *e = &ss->s[i].sc[k];
			if (e->d.year && rx_schema_date_days(e->d) > best) {
				best = rx_schema_date_days(e->d);
				snprintf(out, 17, "%s", e->round);
			}
		}
}

int rx_ops_stats_compute(rx_ops_stats *out, rx_archive *a, const char *school,
	const char *round, rx_schema_date today, rx_error *err)
{
	rx_schema_date ys = rx_schema_school_year_start(today);
	rx_schema_oblig_cfg cfg;
	rx_summaries ss = { 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = rx_schema_oblig_default(&cfg, err)) < 0 ||
	    (rc = rx_summaries_load(&ss, a, NULL, today, err)) < 0)
		goto out;
	out->scope = RX_OPS_STATS_SCHOOL;
	snprintf(out->node, sizeof(out->node), "%s", school);
	out->year = ys.year;
	if (round)
		snprintf(out->round, sizeof(out->round), "%s", round);
	else
		latest_round(out->round, &ss);
	for (size_t i = 0; i < ss.students.n; i++) {
		if (ss.s[i].left)
			continue; /* statistics count current students */
		student_counts(out, &ss.s[i], out->round, ys);
		student_oblig(out, &cfg, &ss.s[i].ob, today);
	}
	for (size_t i = 0; i < ss.incidents.n; i++) {
		rx_schema_oblig_incident oi;
		rx_summary_incident(&oi, &ss.incidents.r[i],
			rx_recset_find(&ss.reviews, ss.incidents.r[i].id));
		if (in_year(oi.date, ys))
			incident(out, &cfg, &oi, today);
	}
	rc = staffing(out, a, &ss, today, err);
	rx_ops_stats_margins(out);
out:
	rx_summaries_free(&ss);
	return rc;
}
