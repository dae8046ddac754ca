/* runxin confirm STUDENT --level L [--reason T]: the teacher's decision after a one-to-one assessment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/archive/archive.h"

static int confirm(rx_archive *a, const char *no, rx_schema_level lv,
	const char *reason, rx_error *err)
{
	rx_summaries ss = { 0 };
	rx_schema_rec r;
	rx_schema_date today;
	rx_summary *s;
	rx_schema_level pl;
	char v[16], *op = rx_home_get(a->h, "operator");
	int rc;

	rx_schema_rec_init(&r, rx_schema_type_find("as"));
	if ((rc = rx_rec_today(&today, err)) < 0 ||
	    (rc = rx_summaries_load(&ss, a, no, today, err)) < 0)
		goto out;
	if (!(s = rx_summaries_find(&ss, no))) {
		rc = rx_error_set(err, RX_EINPUT, "学号不在花名册中 (unknown student)");
		goto out;
	}
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
	printf("confirmed %s: %s (proposed %s)\n", r.id, rx_schema_level_name_zh(lv),
		rx_schema_level_name_zh(pl));
out:
	free(op);
	rx_schema_rec_clear(&r);
	rx_summaries_free(&ss);
	return rc;
}

int rx_cmd_confirm(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *level = NULL, *reason = NULL, *pos[1];
	const rx_argopt opts[] = { { "--level", &level, NULL }, { "--reason", &reason, NULL },
		{ NULL, NULL, NULL } };
	rx_schema_level lv;
	rx_archive *a = NULL;
	rx_home *h = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 1, err)) < 0)
		return rc;
	if (!level || rx_schema_level_parse(&lv, level, NULL) < 0 || lv < 0)
		return rx_error_set(err, RX_EUSAGE, "--level is 无/黄/橙/红 or none/yellow/orange/red");
	if (!rx_schema_no_valid(pos[0]))
		return rx_error_set(err, RX_EUSAGE, "STUDENT is a student number");
	if ((rc = rx_home_open(&h, &o->home, err)) == 0 && (rc = rx_archive_open(&a, h, &o->home, err)) == 0)
		rc = confirm(a, pos[0], lv, reason, err);
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}
