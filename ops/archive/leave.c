/* Students who leave (graduated, transferred, dropped, absent from a complete roster): marked, never removed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/archive/archive.h"

int rx_archive_student_left(const rx_schema_rec *st)
{
	return st && rx_schema_rec_get(st, "lf") != NULL;
}

int rx_archive_student_leave(rx_archive *a, const char *no, const char *reason,
	rx_schema_date on, rx_error *err)
{
	const rx_schema_type *t = rx_schema_type_find("st");
	rx_schema_rec old, r;
	rx_schema_date today;
	char d[16];
	int found = 0, rc;

	snprintf(d, sizeof(d), "%04d-%02d-%02d", on.year, on.month, on.day);
	if ((rc = rx_rec_today(&today, err)) < 0)
		return rc;
	/* a leaving in the future would drop the student from due today */
	if (rx_schema_date_days(on) > rx_schema_date_days(today))
		return rx_error_set(err, RX_EINPUT, "离校日期 %s 晚于今天: 学生离校后再登记 "
			"(a leaving date after today)", d);
	rx_schema_rec_init(&r, t);
	if ((rc = rx_rec_get(&old, a, t, no, &found, err)) < 0)
		goto out;
	if (!found) {
		rc = rx_error_set(err, RX_EINPUT, "学号不在花名册中 (unknown student)");
		goto out;
	}
	if (rx_archive_student_left(&old)) {
		rc = rx_error_set(err, RX_EINPUT, "该学生已于 %s 离校 (already left)",
			rx_schema_rec_get(&old, "lf"));
		goto out;
	}
	if (!(r.id = strdup(no))) {
		rc = rx_error_nomem(err);
		goto out;
	}
	if ((rc = rx_schema_rec_set(&r, "lf", d, err)) < 0 ||
	    (rc = rx_schema_rec_set(&r, "lr", reason, err)) < 0)
		goto out;
	rc = rx_rec_write(a, &r, &old, NULL, err);
out:
	rx_schema_rec_clear(&old);
	rx_schema_rec_clear(&r);
	return rc;
}

static int cmp_no(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* A student on a complete roster who was marked left only for being absent from an earlier one is back. */
static int back(const rx_schema_rec *st)
{
	const char *lr = rx_schema_rec_get(st, "lr");

	return rx_archive_student_left(st) && lr && !strcmp(lr, "nr");
}

static void mark(rx_sync_op *ops, size_t *n, const char *id, const char *date)
{
	ops[(*n)++] = (rx_sync_op){ .kind = "st", .id = id, .field = "lf",
		.value = (const uint8_t *)date, .value_len = date ? strlen(date) : 0,
		.tombstone = !date };
	ops[(*n)++] = (rx_sync_op){ .kind = "st", .id = id, .field = "lr",
		.value = (const uint8_t *)"nr", .value_len = date ? 2 : 0, .tombstone = !date };
}

int rx_archive_leave_absent(size_t *left, size_t *returned, rx_archive *a, char (*seen)[33],
	size_t nseen, rx_schema_date on, rx_error *err)
{
	rx_recset set;
	rx_sync_op *ops = NULL;
	char d[16];
	size_t n = 0;
	int rc;

	*left = *returned = 0;
	snprintf(d, sizeof(d), "%04d-%02d-%02d", on.year, on.month, on.day);
	qsort(seen, nseen, sizeof(*seen), cmp_no);
	if ((rc = rx_recset_load(&set, a, rx_schema_type_find("st"), NULL, err)) < 0)
		return rc;
	if (!(ops = calloc(2 * set.n + 1, sizeof(*ops)))) {
		rc = rx_error_nomem(err);
		goto out;
	}
	for (size_t i = 0; i < set.n; i++) {
		int present = nseen && bsearch(set.r[i].id, seen, nseen, sizeof(*seen), cmp_no);

		if (present && back(&set.r[i]))
			mark(ops, &n, set.r[i].id, NULL), (*returned)++;
		else if (!present && !rx_archive_student_left(&set.r[i]))
			mark(ops, &n, set.r[i].id, d), (*left)++;
	}
	/* a class's list given as the whole school's would empty the school: refuse */
	if (*left > RX_ARCHIVE_LEAVE_SAFE && *left * 2 > set.n) {
		rc = rx_error_set(err, RX_EINPUT, "完整名单只有 %zu 人, 却会让 %zu 名在校学生离校: 这不像全校的完整"
			"名单, 没有学生被标记离校; 个别学生请用 runxin leave (a complete roster that would mark "
			"over half the school left is refused)", nseen, *left);
		*left = *returned = 0;
		goto out;
	}
	rc = n ? rx_archive_write(a, ops, n, err) : 0;
out:
	free(ops);
	rx_recset_free(&set);
	return rc;
}
