/* The calendar as data: terms, key periods, dated checklist items (schema/calendar/default.calendar). */
#ifndef RX_SCHEMA_CALENDAR_H
#define RX_SCHEMA_CALENDAR_H

#include <stddef.h>

#include "crypto/error.h"
#include "schema/import.h"

#define RX_SCHEMA_CAL_MAX 64     /* entries of one file */
#define RX_SCHEMA_CAL_TEXT 256   /* bytes of a name or item text, NUL included */

typedef enum rx_schema_cal_kind {
	RX_CAL_TERM,       /* 学期 */
	RX_CAL_PERIOD,     /* 关键时期 */
	RX_CAL_CONTACT,    /* item: every student's family contacted */
	RX_CAL_SCREENING,  /* item: every student screened */
	RX_CAL_REMINDER    /* item: a school-wide reminder */
} rx_schema_cal_kind;

/* A span of days: year 0 means every year (MM-DD). */
typedef struct rx_schema_cal_entry {
	rx_schema_cal_kind kind;
	rx_schema_date from, to;
	char text[RX_SCHEMA_CAL_TEXT];
} rx_schema_cal_entry;

typedef struct rx_schema_calendar {
	rx_schema_cal_entry e[RX_SCHEMA_CAL_MAX];
	size_t n;
	int key_screening_days;
} rx_schema_calendar;

/* Parse a calendar file (strict: RX_EINPUT naming the line). */
int rx_schema_calendar_parse(rx_schema_calendar *out, const char *text, size_t len,
	rx_error *err);
/* The embedded default.calendar. */
int rx_schema_calendar_default(rx_schema_calendar *out, rx_error *err);

/*
 * The occurrence of e that holds today, or else the latest one that ended
 * before today (its days since 1970 in *from, *to). 0 when e never holds
 * on or before today (a dated entry of a later year).
 */
int rx_schema_cal_span(const rx_schema_cal_entry *e, rx_schema_date today, long *from,
	long *to);

#endif
