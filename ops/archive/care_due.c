/* The key groups' and the calendar's obligations added to the due list: per student, then school-wide. */
#include <stdlib.h>
#include <string.h>

#include "ops/archive/archive.h"
#include "schema/care.h"

static size_t unscreened(void *ctx, rx_schema_date since)
{
	const rx_summaries *ss = ctx;
	long from = rx_schema_date_days(since);
	size_t n = 0;

	for (size_t i = 0; i < ss->students.n; i++)
		n += !ss->s[i].left && !ss->s[i].ob.no_fitting_scale &&
			(!ss->s[i].screened_last.year ||
			rx_schema_date_days(ss->s[i].screened_last) < from);
	return n;
}

static int grow(rx_archive_dues *out, size_t nd, size_t nwho, rx_error *err)
{
	rx_schema_due *d = realloc(out->d, (nd + 1) * sizeof(*d));
	const rx_schema_rec **w;

	if (!d)
		return rx_error_nomem(err);
	out->d = d;
	if (!(w = realloc(out->who, (nwho + 1) * sizeof(*w))))
		return rx_error_nomem(err);
	out->who = w;
	return 0;
}

int rx_archive_care_dues(rx_archive_dues *out, const rx_summaries *ss, rx_schema_date today,
	rx_error *err)
{
	const rx_schema_groups *g = rx_schema_groups_default();
	size_t ns = ss->students.n, ni = ss->incidents.n, nwho = ns + ni;
	int rc;

	if (!g)
		return rx_error_set(err, RX_EINTERNAL, "built-in groups file is broken");
	if (!out->cal && !(out->cal = calloc(1, sizeof(*out->cal))))
		return rx_error_nomem(err);
	if ((rc = rx_schema_calendar_default(out->cal, err)) < 0 ||
	    (rc = grow(out, out->n + ns * rx_schema_care_student_max(out->cal) + RX_SCHEMA_CAL_MAX,
		nwho + RX_SCHEMA_CAL_MAX, err)) < 0)
		return rc;
	for (size_t i = 0; i < ns; i++) {
		const rx_summary *s = &ss->s[i];
		rx_schema_care_facts f = { s->mentor, s->screened_last, s->contacted };

		if (!s->left)
			out->n += rx_schema_care_student_due(g, out->cal, &s->ob, &f, today,
				out->d + out->n);
	}
	for (size_t k = 0; k < RX_SCHEMA_CAL_MAX; k++)
		out->who[nwho + k] = NULL;
	out->n += rx_schema_care_school_due(out->cal, today, unscreened, (void *)ss, nwho,
		out->d + out->n);
	rx_schema_due_sort(out->d, out->n);
	return 0;
}
