/* Internals of the obligation files: dates that may be unset, and appending one due. */
#ifndef RX_SCHEMA_OBLIGATION_INT_H
#define RX_SCHEMA_OBLIGATION_INT_H

#include "schema/obligation.h"

/* d is a date (year 0: none). */
static inline int due_set(rx_schema_date d)
{
	return d.year != 0;
}

/* d is set and on or after from. */
static inline int due_since(rx_schema_date d, rx_schema_date from)
{
	return due_set(d) && rx_schema_date_days(d) >= rx_schema_date_days(from);
}

/* Append to out[*n] what s owes: act at level l by the day deadline (days since 1970). */
static inline void due_add(rx_schema_due *out, size_t *n, const rx_schema_oblig_student *s,
	rx_schema_action act, rx_schema_level l, long deadline, long today)
{
	rx_schema_due *d = &out[(*n)++];

	d->ref = s->ref;
	d->act = act;
	d->level = l;
	d->deadline = rx_schema_date_from_days(deadline);
	d->days_left = deadline - today;
}

#endif
