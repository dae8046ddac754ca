/* Duties after an incident (assessment, parents, care plan, classmates) and a referral's feedback. */
#include "schema/obligationInt.h"

/* The incident proposes red: its assessment, unless one is already owed sooner. */
static void assessment(const rx_schema_oblig_cfg *c, const rx_schema_oblig_student *s,
	long today, rx_schema_due *out, size_t *n)
{
	long deadline = rx_schema_date_days(s->incident) + c->incident_assessment_days;

	if (c->incident_assessment_days < 0 || due_since(s->assessed, s->incident))
		return;
	for (size_t i = 0; i < *n; i++)
		if (out[i].act == RX_ACT_ASSESSMENT) {
			if (out[i].days_left > deadline - today) {
				out[i].deadline = rx_schema_date_from_days(deadline);
				out[i].days_left = deadline - today;
				out[i].level = RX_SCHEMA_LEVEL_RED;
			}
			return;
		}
	due_add(out, n, s, RX_ACT_ASSESSMENT, RX_SCHEMA_LEVEL_RED, deadline, today);
}

/* One duty: act owed `days` after `from` (days < 0: not owed), done by a record on or after from. */
typedef struct duty {
	rx_schema_action act;
	rx_schema_level level;
	rx_schema_date from, done;
	int days;
} duty;

static void owed(rx_schema_due *out, size_t *n, const rx_schema_oblig_student *s,
	duty d, long today)
{
	if (due_set(d.from) && d.days >= 0 && !due_since(d.done, d.from))
		due_add(out, n, s, d.act, d.level, rx_schema_date_days(d.from) + d.days, today);
}

size_t rx_schema_oblig_care_due(const rx_schema_oblig_cfg *c,
	const rx_schema_oblig_student *s, rx_schema_date today, rx_schema_due *out,
	size_t n)
{
	static const rx_schema_date none = { 0, 0, 0 };
	long t = rx_schema_date_days(today);

	if (due_set(s->incident)) {
		assessment(c, s, t, out, &n);
		owed(out, &n, s, (duty){ RX_ACT_INCIDENT_PARENTS, RX_SCHEMA_LEVEL_RED,
			s->incident, s->parent_contact, c->incident_parents_days }, t);
		owed(out, &n, s, (duty){ RX_ACT_INCIDENT_CARE_PLAN, RX_SCHEMA_LEVEL_RED,
			s->incident, s->care_plan, c->incident_care_plan_days }, t);
	}
	owed(out, &n, s, (duty){ RX_ACT_CLASSMATE_FOLLOW_UP, RX_SCHEMA_LEVEL_NONE,
		s->incident_classmate, s->session, c->incident_classmates_days }, t);
	/* the feedback belongs to the latest referral: any feedback on it is done */
	if (!due_set(s->feedback))
		owed(out, &n, s, (duty){ s->referral_green ? RX_ACT_FEEDBACK_GREEN :
			RX_ACT_FEEDBACK, s->level, s->referral, none, c->referral_feedback_days }, t);
	return n;
}
