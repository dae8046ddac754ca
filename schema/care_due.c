/* What the key groups and the calendar ask of a student or of the whole school on a given day. */
#include <string.h>

#include "schema/care.h"

static void put(rx_schema_due *d, size_t ref, rx_schema_action act, long deadline, long today,
	const char *what)
{
	memset(d, 0, sizeof(*d));
	d->ref = ref;
	d->act = act;
	d->level = RX_SCHEMA_LEVEL_NONE;
	d->deadline = rx_schema_date_from_days(deadline);
	d->days_left = deadline - today;
	d->what = what;
}

static long days_or(rx_schema_date d, long none)
{
	return d.year ? rx_schema_date_days(d) : none;
}

size_t rx_schema_care_student_max(const rx_schema_calendar *c)
{
	size_t n = 1; /* the mentor */

	for (size_t i = 0; i < c->n; i++)
		n += c->e[i].kind == RX_CAL_TERM || c->e[i].kind == RX_CAL_CONTACT;
	return n;
}

size_t rx_schema_care_student_due(const rx_schema_groups *g, const rx_schema_calendar *c,
	const rx_schema_oblig_student *s, const rx_schema_care_facts *f, rx_schema_date today,
	rx_schema_due *out)
{
	long t = rx_schema_date_days(today), ys = rx_schema_date_days(rx_schema_school_year_start(today));
	long from, to, screened = days_or(f->screened_last, -1000000);
	size_t n = 0;

	if (s->key_group && !f->mentor)
		put(&out[n++], s->ref, RX_ACT_MENTOR, ys + g->mentor_days, t, NULL);
	for (size_t i = 0; i < c->n; i++) {
		const rx_schema_cal_entry *e = &c->e[i];

		if (!rx_schema_cal_span(e, today, &from, &to))
			continue;
		if (e->kind == RX_CAL_TERM && t <= to && screened < from && !s->no_fitting_scale &&
		    (s->key_group || s->level > RX_SCHEMA_LEVEL_NONE))
			put(&out[n++], s->ref, RX_ACT_TERM_SCREENING, from + c->key_screening_days,
				t, NULL);
		else if (e->kind == RX_CAL_CONTACT && to >= ys &&
		    days_or(f->contacted, -1000000) < from)
			put(&out[n++], s->ref, RX_ACT_CONTACT, to, t, e->text);
	}
	return n;
}

size_t rx_schema_care_school_due(const rx_schema_calendar *c, rx_schema_date today,
	size_t (*unscreened)(void *ctx, rx_schema_date since), void *ctx, size_t ref0,
	rx_schema_due *out)
{
	long t = rx_schema_date_days(today), ys = rx_schema_date_days(rx_schema_school_year_start(today));
	long from, to;
	size_t n = 0, k;

	for (size_t i = 0; i < c->n; i++) {
		const rx_schema_cal_entry *e = &c->e[i];

		if (!rx_schema_cal_span(e, today, &from, &to))
			continue;
		if ((e->kind == RX_CAL_PERIOD || e->kind == RX_CAL_REMINDER) && t <= to)
			put(&out[n++], ref0 + i, e->kind == RX_CAL_PERIOD ? RX_ACT_KEY_PERIOD :
				RX_ACT_CHECKLIST, to, t, e->text);
		else if (e->kind == RX_CAL_SCREENING && to >= ys &&
		    (k = unscreened(ctx, rx_schema_date_from_days(from))) > 0) {
			put(&out[n], ref0 + i, RX_ACT_CHECKLIST, to, t, e->text);
			out[n++].count = k;
		}
	}
	return n;
}
