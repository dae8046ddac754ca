/* A scale's two administrations in a round: the proposal, and whether they disagree. */
#include "schema/obligation.h"
#include "schema/rules.h"

static long day_of(rx_schema_date d)
{
	return rx_schema_date_days(d);
}

static void lone(rx_schema_round *out, const rx_schema_adm *a, int window_days,
	rx_schema_date today)
{
	long due = day_of(a->d) + window_days;

	out->level = out->worse = a->lv;
	if (day_of(today) < due)
		return; /* the second administration is still awaited */
	out->discordant = 2;
	out->since = a->d;
	out->start = rx_schema_date_from_days(due);
}

void rx_schema_round_combine(rx_schema_round *out, const rx_schema_adm *a1,
			     const rx_schema_adm *a2, int window_days, rx_schema_date today)
{
	const rx_schema_adm *e = a1, *l = a2;
	bool disc;

	*out = (rx_schema_round){ .level = RX_SCHEMA_LEVEL_MISSING,
				  .worse = RX_SCHEMA_LEVEL_MISSING };
	if (a1->lv == RX_SCHEMA_LEVEL_MISSING && a2->lv == RX_SCHEMA_LEVEL_MISSING)
		return;
	if (a1->lv == RX_SCHEMA_LEVEL_MISSING || a2->lv == RX_SCHEMA_LEVEL_MISSING) {
		lone(out, a1->lv == RX_SCHEMA_LEVEL_MISSING ? a2 : a1, window_days, today);
		return;
	}
	if (day_of(a2->d) < day_of(a1->d))
		e = a2, l = a1;
	out->level = rx_schema_level_combine_round(e->lv, l->lv, &disc);
	out->worse = e->lv > l->lv ? e->lv : l->lv;
	if (disc) {
		out->discordant = 1;
		out->since = out->start = l->d;
	}
}

int rx_schema_age_on(rx_schema_date birth, rx_schema_date d)
{
	int age;

	if (!birth.year)
		return -1;
	age = d.year - birth.year;
	if (d.month < birth.month || (d.month == birth.month && d.day < birth.day))
		age--;
	return age;
}
