/* Adding or updating one record by hand: its id, the values carried over, its references checked. */
#include <stdlib.h>
#include <string.h>

#include "ops/archive/archive.h"

int rx_archive_rec_addable(const rx_schema_type *t)
{
	return strcmp(t->code, "ax") && strcmp(t->code, "sc") && strcmp(t->code, "as");
}

/* The student, or the incident of a review report, must exist. */
static int check_refs(rx_archive *a, const rx_schema_rec *r, rx_error *err)
{
	const char *no = rx_schema_rec_get(r, "no");
	rx_schema_rec x;
	int found = 0, rc = 0;

	if (!strcmp(r->type->code, "rr"))
		rc = rx_rec_get(&x, a, rx_schema_type_find("in"), r->id, &found, err);
	else if (r->type->per_student && strcmp(r->type->code, "st") && no)
		rc = rx_rec_get(&x, a, rx_schema_type_find("st"), no, &found, err);
	else
		return 0;
	rx_schema_rec_clear(&x);
	if (rc == 0 && !found)
		rc = rx_error_set(err, RX_EINPUT, "%s", !strcmp(r->type->code, "rr") ?
			"没有这个极端事件 (no such incident id)" : "学号不在花名册中 (unknown student)");
	return rc;
}

/*
 * What a record says happened is dated today at the latest: a record dated
 * after today would clear duties nobody has done yet. Dates of plans (a
 * next appointment) may lie ahead.
 */
static int check_not_future(const rx_schema_rec *r, rx_error *err)
{
	const char *fields[] = { r->type->date_field, "sd", "fd" };
	rx_schema_date today;
	int rc;

	if ((rc = rx_rec_today(&today, err)) < 0)
		return rc;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char *v = fields[i] ? rx_schema_rec_get(r, fields[i]) : NULL;
		rx_schema_date d = rx_rec_date(v);
		int k = fields[i] ? rx_schema_field_find(r->type, fields[i]) : -1;

		if (k >= 0 && d.year && rx_schema_date_days(d) > rx_schema_date_days(today))
			return rx_error_set(err, RX_EINPUT, "%s %s 晚于今天 %04d-%02d-%02d: 记录的是已经发生的事 "
				"(a date after today)", r->type->fields[k].zh, v, today.year,
				today.month, today.day);
	}
	return 0;
}

/*
 * Rules of one record type before it is written: an incident's students;
 * a return to school only with a certificate from the hospital.
 */
static int check_type_rules(rx_archive *a, rx_schema_rec *r, rx_error *err)
{
	const char *mc = rx_schema_rec_get(r, "mc");

	int rc;

	if ((rc = check_not_future(r, err)) < 0)
		return rc;
	if (!strcmp(r->type->code, "in"))
		return rx_archive_incident_prepare(a, r, err);
	if (!strcmp(r->type->code, "rf") && rx_schema_rec_get(r, "rd") && (!mc || strcmp(mc, "1")))
		return rx_error_set(err, RX_EINPUT, "返校须有专业医院出具的诊断证明: 请核实后同时填写 "
			"诊断证明=是 (return to school needs a medical certificate: mc=1)");
	return 0;
}

/* Fill r's id: given (update or explicit), from its keys, or a new counter. */
static int settle_id(rx_archive *a, rx_schema_rec *r, const char *id, rx_error *err)
{
	if (id) {
		free(r->id);
		if (!(r->id = strdup(id)))
			return rx_error_nomem(err);
		return rx_schema_rec_keys_from_id(r, err);
	}
	if (r->type->idform == RX_SCHEMA_ID_COUNTER)
		return rx_rec_new_id(r, a, err);
	return rx_schema_rec_make_id(r, NULL, 0, err);
}

/* Values of old that r does not set are carried over before validating. */
static int merge(rx_schema_rec *r, const rx_schema_rec *old, rx_error *err)
{
	for (size_t i = 0; i < RX_SCHEMA_REC_FIELDS_MAX; i++)
		if (!r->val[i] && old->val[i] && !(r->val[i] = strdup(old->val[i])))
			return rx_error_nomem(err);
	return 0;
}

int rx_archive_rec_add(rx_archive_added *out, rx_archive *a, rx_schema_rec *r,
	const char *id, rx_error *err)
{
	const rx_schema_type *t = r->type;
	rx_schema_rec old;
	size_t n = 0;
	int found = 0, rc;

	/* the county's countersignature comes only from its signed change-set (ops/report) */
	if (!strcmp(t->code, "rr") && (rx_schema_rec_get(r, "cx") ||
	    rx_schema_rec_get(r, "cn") || rx_schema_rec_get(r, "cd")))
		return rx_error_set(err, RX_EINPUT, "县局会签只能由县局用自己的密钥签署 (runxin report "
			"sign), 学校不能填写 (the county countersigns with its own key; a school cannot)");
	/* a transfer record comes only from a transfer or an accept (ops/transfer) */
	if (!strcmp(t->code, "tr"))
		return rx_error_set(err, RX_EINPUT, "档案转接记录只由 runxin transfer / accept 写入, 不能手填 "
			"(transfer records are written by transfer and accept only)");
	rx_schema_rec_init(&old, t);
	if ((rc = settle_id(a, r, id, err)) < 0 ||
	    (rc = rx_rec_get(&old, a, t, r->id, &found, err)) < 0)
		goto out;
	if (id && !found && t->idform == RX_SCHEMA_ID_COUNTER) {
		rc = rx_error_set(err, RX_EINPUT, "没有这条记录 (no record with this id)");
		goto out;
	}
	if ((rc = merge(r, &old, err)) < 0 || (rc = check_type_rules(a, r, err)) < 0 ||
	    (rc = rx_schema_rec_validate(r, err)) < 0 || (rc = check_refs(a, r, err)) < 0 ||
	    (rc = rx_rec_write(a, r, found ? &old : NULL, &n, err)) < 0)
		goto out;
	out->updated = found;
	out->fields = n;
out:
	rx_schema_rec_clear(&old);
	return rc;
}
