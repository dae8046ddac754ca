/* Obligations from the key groups and the calendar: mentor, per-term screening, dated items (pure). */
#ifndef RX_SCHEMA_CARE_H
#define RX_SCHEMA_CARE_H

#include "schema/calendar.h"
#include "schema/groups.h"
#include "schema/obligation.h"

/* What these obligations need beyond rx_schema_oblig_student. Year 0: none. */
typedef struct rx_schema_care_facts {
	int mentor;                   /* a care plan names a mentor */
	rx_schema_date screened_last; /* latest screening administration */
	rx_schema_date contacted;     /* latest home visit, parent notice or counselling */
} rx_schema_care_facts;

#define RX_SCHEMA_CARE_DUE_MAX (RX_SCHEMA_CAL_MAX + 2)

/* At most this many dues per student under calendar c (<= RX_SCHEMA_CARE_DUE_MAX). */
size_t rx_schema_care_student_max(const rx_schema_calendar *c);

/*
 * Append to out (room for rx_schema_care_student_max(c)) what student s owes as of
 * today: a key-group student a mentor (by Sept 1 + mentor_days); a
 * key-group or warned student a screening in the current term (by its
 * start + key_screening_days); every student each `contact` item of the
 * current school year not done since the item's start. The number appended.
 */
size_t rx_schema_care_student_due(const rx_schema_groups *g, const rx_schema_calendar *c,
	const rx_schema_oblig_student *s, const rx_schema_care_facts *f, rx_schema_date today,
	rx_schema_due *out);

/*
 * The school-wide items shown as of today, into out (room for
 * RX_SCHEMA_CAL_MAX), each with ref = ref0 + its entry's index: reminders
 * and key periods while they hold; a `screening` item of the current school
 * year while unscreened(entry's start) > 0 (its count). The number appended.
 */
size_t rx_schema_care_school_due(const rx_schema_calendar *c, rx_schema_date today,
	size_t (*unscreened)(void *ctx, rx_schema_date since), void *ctx, size_t ref0,
	rx_schema_due *out);

#endif
