/* What a student or an incident still owes on a given day, from plain facts. */
#include <limits.h>
#include <stdlib.h>

#include "schema/obligationInt.h"

static rx_schema_date done_date(const rx_schema_oblig_student *s, rx_schema_action a)
{
	static const rx_schema_date none = { 0, 0, 0 };

	switch (a) {
	case RX_ACT_PARENTS: return s->notice;
	case RX_ACT_REFERRAL: return s->referral;
	case RX_ACT_CARE_PLAN: return s->care_plan;
	case RX_ACT_GROWTH_GROUP: return s->growth_group;
	default: return none;
	}
}

/*
 * The day the confirmed level's care started: its first confirmation in a
 * row of the same level (a re-confirmation keeps the clocks).
 */
static rx_schema_date care_start(const rx_schema_oblig_student *s)
{
	return due_set(s->care_since) ? s->care_since : s->assessed;
}

/*
 * Both letters to the parents (知情书 signed, 建议书 sent), owed from the
 * confirmation (start), never from a bare proposal.
 */
static void parents_due(const rx_schema_oblig_student *s, const rx_schema_oblig_rule *r,
	long start, long today, rx_schema_due *out, size_t *n)
{
	if (!due_since(s->notice, care_start(s)))
		due_add(out, n, s, RX_ACT_PARENTS, s->confirmed, start + r->days, today);
	if (!due_since(s->suggestion, care_start(s)))
		due_add(out, n, s, RX_ACT_SUGGESTION, s->confirmed, start + r->days, today);
}

/* Care duties of the confirmed level, owed from the day it was first confirmed. */
static void level_due(const rx_schema_oblig_cfg *c, const rx_schema_oblig_student *s,
	long today, rx_schema_due *out, size_t *n)
{
	rx_schema_level l = s->confirmed;
	rx_schema_date since = care_start(s);
	long start = rx_schema_date_days(since);

	for (size_t i = 0; i < c->nlevel[l]; i++) {
		const rx_schema_oblig_rule *r = &c->level[l][i];
		long last = start;

		if (r->act == RX_ACT_ASSESSMENT)
			continue;
		if (r->act == RX_ACT_PARENTS) {
			parents_due(s, r, start, today, out, n);
			continue;
		}
		if (r->every) {
			if (due_since(s->session, since))
				last = rx_schema_date_days(s->session);
			due_add(out, n, s, r->act, l, last + r->days, today);
		} else if (!due_since(done_date(s, r->act), since)) {
			due_add(out, n, s, r->act, l, start + r->days, today);
		}
	}
}

/* The latest assessment settles what arose on day x: on or after it, of this round. */
static int settled(const rx_schema_oblig_student *s, rx_schema_date x)
{
	return due_since(s->assessed, x) && !(s->assessed_stale &&
		rx_schema_date_days(s->assessed) == rx_schema_date_days(x));
}

/* Keep the earlier of two deadlines for the one assessment owed. */
static void sooner(long *deadline, rx_schema_level *lv, long d, rx_schema_level l)
{
	if (*deadline == LONG_MAX || d < *deadline)
		*deadline = d;
	if (l > *lv)
		*lv = l;
}

/*
 * The one-to-one assessment: owed by a proposal (days by level), a critical
 * answer (critical_days, 0 = the same day) and a discordant round, each
 * until an assessment on or after the day it arose; the soonest deadline.
 */
static void assessment_due(const rx_schema_oblig_cfg *c,
	const rx_schema_oblig_student *s, long today, rx_schema_due *out, size_t *n)
{
	long deadline = LONG_MAX;
	rx_schema_level lv = RX_SCHEMA_LEVEL_NONE;

	if (s->proposed > RX_SCHEMA_LEVEL_NONE && s->proposed <= RX_SCHEMA_LEVEL_RED &&
	    !settled(s, s->proposed_since))
		for (size_t i = 0; i < c->nlevel[s->proposed]; i++)
			if (c->level[s->proposed][i].act == RX_ACT_ASSESSMENT)
				sooner(&deadline, &lv, rx_schema_date_days(s->proposed_since) +
					c->level[s->proposed][i].days, s->proposed);
	if (due_set(s->critical_since) && !settled(s, s->critical_since))
		sooner(&deadline, &lv, rx_schema_date_days(s->critical_since) + c->critical_days,
			s->proposed);
	if (due_set(s->discordant_since) && !settled(s, s->discordant_since))
		sooner(&deadline, &lv, rx_schema_date_days(s->discordant_start.year ?
			s->discordant_start : s->discordant_since) + c->discordant_days,
			s->discordant_level);
	if (deadline != LONG_MAX)
		due_add(out, n, s, RX_ACT_ASSESSMENT, lv, deadline, today);
}

size_t rx_schema_oblig_student_due(const rx_schema_oblig_cfg *cfg,
	const rx_schema_oblig_student *s, rx_schema_date today, rx_schema_due *out)
{
	rx_schema_date ys = rx_schema_school_year_start(today);
	long t = rx_schema_date_days(today);
	long year_end = rx_schema_date_days((rx_schema_date){ ys.year + 1, 8, 31 });
	int on_site = s->key_group || s->level > RX_SCHEMA_LEVEL_NONE;
	size_t n = 0;

	assessment_due(cfg, s, t, out, &n);
	if (s->confirmed > RX_SCHEMA_LEVEL_NONE && s->confirmed <= RX_SCHEMA_LEVEL_RED &&
	    due_set(s->assessed))
		level_due(cfg, s, t, out, &n);
	n = rx_schema_oblig_care_due(cfg, s, today, out, n);
	if (s->screened < 2 && !s->no_fitting_scale)
		due_add(out, &n, s, RX_ACT_SCREENING, RX_SCHEMA_LEVEL_NONE, year_end, t);
	if (!due_since(s->visit, ys) || (on_site && !s->visit_on_site))
		due_add(out, &n, s, on_site ? RX_ACT_HOME_VISIT_ON_SITE : RX_ACT_HOME_VISIT,
			RX_SCHEMA_LEVEL_NONE, year_end, t);
	return n;
}

int rx_schema_oblig_incident_due(const rx_schema_oblig_cfg *cfg,
	const rx_schema_oblig_incident *in, rx_schema_date today, rx_schema_due *out)
{
	long deadline = rx_schema_date_days(in->date) + cfg->review_days;

	if (due_set(in->submitted) && in->chars >= (size_t)cfg->review_min_chars &&
	    in->aspects == 4 && in->signatures == 4)
		return 0;
	out->ref = in->ref;
	out->act = RX_ACT_REVIEW;
	out->level = RX_SCHEMA_LEVEL_NONE;
	out->deadline = rx_schema_date_from_days(deadline);
	out->days_left = deadline - rx_schema_date_days(today);
	return 1;
}

/* Due today or overdue for a student at orange or red (incident duties are red). */
static int at_risk_now(const rx_schema_due *d)
{
	return d->days_left <= 0 && d->level >= RX_SCHEMA_LEVEL_ORANGE;
}

static int cmp_due(const void *pa, const void *pb)
{
	const rx_schema_due *a = pa, *b = pb;

	if (at_risk_now(a) != at_risk_now(b))
		return at_risk_now(a) ? -1 : 1;
	if (at_risk_now(a) && a->level != b->level)
		return a->level > b->level ? -1 : 1;
	if (a->days_left != b->days_left)
		return a->days_left < b->days_left ? -1 : 1;
	if (a->level != b->level)
		return a->level > b->level ? -1 : 1;
	if (a->act != b->act)
		return a->act < b->act ? -1 : 1;
	return a->ref < b->ref ? -1 : a->ref > b->ref;
}

void rx_schema_due_sort(rx_schema_due *d, size_t n)
{
	qsort(d, n, sizeof(*d), cmp_due);
}
