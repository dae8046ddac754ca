/* The teacher's decision after a one-to-one assessment: the confirmed level, a reason when it overrides the proposal. */
#include <stdio.h>
#include <stdlib.h>

#include "ops/archive/archive.h"

int rx_archive_level_confirm(rx_archive_confirmed *out, rx_archive *a,
	const rx_archive_confirm *c, rx_error *err)
{
	const char *no = c->no, *reason = c->reason;
	rx_schema_level lv = c->level;
	rx_summaries ss = { 0 };
	rx_schema_rec r;
	rx_schema_date today;
	rx_summary *s;
	rx_schema_level pl;
	char v[16], *op = rx_home_get(a->h, "operator");
	int rc;

	rx_schema_rec_init(&r, rx_schema_type_find("as"));
	if ((rc = rx_summaries_load_one(&ss, &s, &today, a, no, err)) < 0)
		goto out;
	pl = s->proposed < 0 ? RX_SCHEMA_LEVEL_NONE : s->proposed;
	if (lv != pl && !reason) {
		rc = rx_error_set(err, RX_EUSAGE, "确认等级 %s 与建议等级 %s 不同, 需要 --reason "
			"(a reason is required when overriding the proposal)",
			rx_schema_level_name_zh(lv), rx_schema_level_name_zh(pl));
		goto out;
	}
	snprintf(v, sizeof(v), "%04d-%02d-%02d", today.year, today.month, today.day);
	if ((rc = rx_schema_rec_set(&r, "no", no, err)) < 0 ||
	    (rc = rx_schema_rec_set(&r, "d", v, err)) < 0 ||
	    (rc = rx_schema_rec_set(&r, "lv", rx_schema_level_name(lv), err)) < 0 ||
	    (rc = rx_schema_rec_set(&r, "pl", rx_schema_level_name(pl), err)) < 0 ||
	    (s->round[0] && (rc = rx_schema_rec_set(&r, "r", s->round, err)) < 0) ||
	    (reason && (rc = rx_schema_rec_set(&r, "why", reason, err)) < 0) ||
	    (op && (rc = rx_schema_rec_set(&r, "by", op, err)) < 0) ||
	    (rc = rx_rec_new_id(&r, a, err)) < 0 ||
	    (rc = rx_rec_write(a, &r, NULL, NULL, err)) < 0)
		goto out;
	snprintf(out->id, sizeof(out->id), "%s", r.id);
	out->level = lv;
	out->proposed = pl;
out:
	free(op);
	rx_schema_rec_clear(&r);
	rx_summaries_free(&ss);
	return rc;
}
