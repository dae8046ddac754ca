/* Deleting a wrong record by hand: a record tombstone and an access-log entry in one change-set. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ops/archive/archive.h"

int rx_archive_rec_deletable(const rx_schema_type *t)
{
	/* the access log is the trail itself; a student leaves (or is erased), never deleted */
	/* a transfer record is what the policy keeps of a student gone (ops/transfer) */
	return strcmp(t->code, "ax") && strcmp(t->code, "st") && strcmp(t->code, "tr");
}

int rx_archive_rec_delete_needs_reason(const rx_schema_type *t)
{
	/* they decide a level or go up to the county: the trail must say why */
	return !strcmp(t->code, "sc") || !strcmp(t->code, "in") || !strcmp(t->code, "rr") ||
		!strcmp(t->code, "as");
}

/* The access record "delete TYPE ID[: reason]" written with the tombstone. */
static int log_rec(rx_schema_rec *r, rx_archive *a, const rx_schema_type *t, const char *id,
	const char *reason, rx_error *err)
{
	char what[256], at[32], *op = rx_home_get(a->h, "operator");
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	gmtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(what, sizeof(what), "delete %s %s%s%.120s", t->code, id, reason ? ": " : "",
		reason ? reason : "");
	rx_schema_rec_init(r, rx_schema_type_find("ax"));
	if ((rc = rx_schema_rec_set(r, "w", what, err)) < 0 ||
	    (op && (rc = rx_schema_rec_set(r, "op", op, err)) < 0) ||
	    (rc = rx_schema_rec_set(r, "at", at, err)) < 0)
		goto out;
	rc = rx_rec_new_id(r, a, err);
out:
	free(op);
	return rc;
}

int rx_archive_rec_delete(rx_archive *a, const rx_schema_type *t, const char *id,
	const char *reason, rx_error *err)
{
	rx_sync_op ops[RX_SCHEMA_REC_FIELDS_MAX + 1];
	rx_schema_rec old, ax;
	size_t n;
	int found = 0, rc;

	rx_schema_rec_init(&ax, rx_schema_type_find("ax"));
	if (!rx_archive_rec_deletable(t)) {
		rx_schema_rec_init(&old, t);
		rc = rx_error_set(err, RX_EINPUT, "%s 不能删除 (%s records cannot be deleted%s)",
			t->zh, t->name, !strcmp(t->code, "st") ? "; use `runxin leave`" : "");
		goto out;
	}
	if ((rc = rx_rec_get(&old, a, t, id, &found, err)) < 0)
		goto out;
	if (!found) {
		rc = rx_error_set(err, RX_EINPUT, "没有这条记录 (no %s record with this id)", t->name);
		goto out;
	}
	if ((rc = log_rec(&ax, a, t, id, reason, err)) < 0)
		goto out;
	ops[0] = (rx_sync_op){ .kind = t->code, .id = old.id, .field = RX_SYNC_FIELD_RECORD,
		.tombstone = 1 };
	n = 1 + rx_schema_rec_diff(&ax, NULL, ops + 1, RX_SCHEMA_REC_FIELDS_MAX);
	rc = rx_archive_write(a, ops, n, err);
out:
	rx_schema_rec_clear(&old);
	rx_schema_rec_clear(&ax);
	return rc;
}
