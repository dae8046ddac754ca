/* The calendar file: terms, key periods and dated checklist items, and when each holds. */
#include <string.h>

#include "schema/builtin.h"
#include "schema/calendar.h"
#include "schema/obligation.h"
#include "schema/textInt.h"

#define WHAT "calendar"

static rx_schema_span word(rx_schema_span *s)
{
	rx_schema_span w;

	*s = rx_schema_span_trim(*s);
	w.p = s->p, w.len = 0;
	while (s->len && *s->p != ' ' && *s->p != '\t')
		s->p++, s->len--, w.len++;
	*s = rx_schema_span_trim(*s);
	return w;
}

static int two(const char *p)
{
	return p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9' ?
		(p[0] - '0') * 10 + p[1] - '0' : -1;
}

/* MM-DD (year 0: every year; never 02-29) or YYYY-MM-DD. */
static int day(rx_schema_date *out, rx_schema_span w)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (w.len == 10)
		return rx_schema_date_parse(out, w.p, w.len) == 0 &&
			out->year >= 2000 && out->year <= 2099 ? 0 : -1;
	if (w.len != 5 || w.p[2] != '-')
		return -1;
	out->year = 0;
	out->month = two(w.p);
	out->day = two(w.p + 3);
	return out->month >= 1 && out->month <= 12 && out->day >= 1 &&
		out->day <= mdays[out->month - 1] ? 0 : -1;
}

static int item_kind(rx_schema_cal_kind *k, rx_schema_span w)
{
	static const char *const names[] = { "contact", "screening", "reminder" };

	for (int i = 0; i < 3; i++)
		if (w.len == strlen(names[i]) && !memcmp(w.p, names[i], w.len)) {
			*k = (rx_schema_cal_kind)(RX_CAL_CONTACT + i);
			return 0;
		}
	return -1;
}

static int entry(rx_schema_calendar *c, rx_schema_cal_kind k, rx_schema_span v, size_t line,
	rx_error *err)
{
	rx_schema_cal_entry *e = &c->e[c->n];
	rx_schema_span from = word(&v), to = word(&v);

	if (c->n == RX_SCHEMA_CAL_MAX)
		return rx_error_set(err, RX_EINPUT, WHAT " line %zu: more than %d entries", line,
			RX_SCHEMA_CAL_MAX);
	memset(e, 0, sizeof(*e));
	e->kind = k;
	if (day(&e->from, from) < 0 || day(&e->to, to) < 0 || !e->from.year != !e->to.year ||
	    (e->from.year && rx_schema_date_days(e->to) < rx_schema_date_days(e->from)))
		return rx_error_set(err, RX_EINPUT,
			WHAT " line %zu: expected FROM TO as MM-DD or YYYY-MM-DD (both alike, "
			"TO not before FROM)", line);
	if (k == RX_CAL_CONTACT && item_kind(&e->kind, word(&v)) < 0)
		return rx_error_set(err, RX_EINPUT,
			WHAT " line %zu: item kind must be contact, screening or reminder", line);
	if (!v.len || !rx_schema_span_copy(e->text, sizeof(e->text), v))
		return rx_error_set(err, RX_EINPUT, WHAT " line %zu: missing or too long text",
			line);
	c->n++;
	return 0;
}

static int cal_line(rx_schema_calendar *c, const rx_schema_kv *kv, rx_error *err)
{
	if (rx_schema_span_eq(kv->key, "term"))
		return entry(c, RX_CAL_TERM, kv->val, kv->line, err);
	if (rx_schema_span_eq(kv->key, "period"))
		return entry(c, RX_CAL_PERIOD, kv->val, kv->line, err);
	if (rx_schema_span_eq(kv->key, "item"))
		return entry(c, RX_CAL_CONTACT, kv->val, kv->line, err); /* kind read after */
	if (rx_schema_span_eq(kv->key, "key_screening_days"))
		return rx_schema_span_int(kv->val, 0, 366, &c->key_screening_days) < 0 ?
			rx_error_set(err, RX_EINPUT,
				WHAT " line %zu: key_screening_days: expected 0..366", kv->line) : 0;
	return rx_error_set(err, RX_EINPUT,
		WHAT " line %zu: key must be term, period, item or key_screening_days", kv->line);
}

int rx_schema_calendar_parse(rx_schema_calendar *out, const char *text, size_t len,
	rx_error *err)
{
	rx_schema_kv_iter it;
	rx_schema_kv kv;
	int rc;

	memset(out, 0, sizeof(*out));
	out->key_screening_days = 30;
	if ((rc = rx_schema_kv_begin(&it, text, len, WHAT, err)) < 0)
		return rc;
	while ((rc = rx_schema_kv_next(&it, &kv, WHAT, err)) == 1)
		if ((rc = cal_line(out, &kv, err)) < 0)
			return rc;
	return rc;
}

int rx_schema_calendar_default(rx_schema_calendar *out, rx_error *err)
{
	const rx_schema_builtin *b = rx_schema_builtin_find("calendar", "default");

	if (!b)
		return rx_error_set(err, RX_EINTERNAL, "no built-in calendar file");
	return rx_schema_calendar_parse(out, (const char *)b->data, b->len, err);
}

static long on(int y, rx_schema_date md)
{
	return rx_schema_date_days((rx_schema_date){ y, md.month, md.day });
}

int rx_schema_cal_span(const rx_schema_cal_entry *e, rx_schema_date today, long *from,
	long *to)
{
	long t = rx_schema_date_days(today);
	int wraps = e->to.month * 100 + e->to.day < e->from.month * 100 + e->from.day;

	if (e->from.year) {
		*from = rx_schema_date_days(e->from);
		*to = rx_schema_date_days(e->to);
		return *from <= t;
	}
	for (int y = today.year; y >= today.year - 2; y--) {
		*from = on(y, e->from);
		*to = on(y + wraps, e->to);
		if (*from <= t)
			return 1;
	}
	return 0;
}
