/* runxin leave STUDENT --reason R [--date D]: a student graduates, transfers or drops out; the archive is kept. */
#include <stdio.h>
#include <string.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/archive/archive.h"

int rx_cmd_leave(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *reason = NULL, *date = NULL, *pos[1];
	const rx_argopt opts[] = { { "--reason", &reason, NULL }, { "--date", &date, NULL },
		{ NULL, NULL, NULL } };
	rx_schema_date on;
	rx_archive_at_risk risk = { 0 };
	rx_archive *a = NULL;
	rx_home *h = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 1, err)) < 0)
		return rc;
	if (!reason)
		return rx_error_set(err, RX_EUSAGE,
			"leave 需要 --reason 毕业|转学|辍学 (graduated|transferred|dropped)");
	if (!rx_schema_no_valid(pos[0]))
		return rx_error_set(err, RX_EUSAGE, "STUDENT 应为学号 (a student number)");
	if (date && (!strcmp(date, "today") || !strcmp(date, "今天")))
		date = NULL;
	if (date && rx_schema_date_parse(&on, date, strlen(date)) < 0)
		return rx_error_set(err, RX_EINPUT, "--date '%.16s' 不是日期 (not a date YYYY-MM-DD)",
			date);
	if (!date && (rc = rx_rec_today(&on, err)) < 0)
		return rc;
	if ((rc = rx_home_open(&h, &o->home, err)) == 0 &&
	    (rc = rx_archive_open(&a, h, &o->home, err)) == 0 &&
	    (rc = rx_archive_at_risk_load(&risk, a, pos[0], err)) == 0 &&
	    (rc = rx_archive_student_leave(a, pos[0], reason, on, err)) == 0) {
		printf("%s 已离校 %04d-%02d-%02d (left); 档案保留 (records kept)\n", pos[0],
			on.year, on.month, on.day);
		if (risk.n)
			rx_archive_at_risk_warn(stderr, &risk.s[0]);
	}
	rx_archive_at_risk_free(&risk);
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}
