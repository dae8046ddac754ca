/* runxin delete TYPE ID [--reason T]: remove a wrong record (a tombstone), logged in the access log. */
#include <stdio.h>
#include <string.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/archive/archive.h"
#include "ops/report/report.h"

/* An incident or review a sent report names is corrected, not deleted. */
static int check_sent(rx_archive *a, const rx_schema_type *t, const char *id, rx_error *err)
{
	int notice, report, rc;

	if (strcmp(t->code, "in") && strcmp(t->code, "rr"))
		return 0;
	if ((rc = rx_ops_report_sent(&notice, &report, a, id, err)) < 0)
		return rc;
	if (!strcmp(t->code, "in") && notice)
		return rx_error_set(err, RX_EINPUT, "该事件已上报县局, 不能删除: 请用 runxin add incident "
			"id=%.40s 更正 (更正会再次上报); 如为误报, 请联系县局 (reported up: correct it "
			"with a new version, do not delete)", id);
	if (!strcmp(t->code, "rr") && report)
		return rx_error_set(err, RX_EINPUT, "该复盘报告已上报县局, 不能删除: 请用 runxin add review "
			"id=%.40s 更正后重新上报 (reported up: correct it with a new version)", id);
	return 0;
}

int rx_cmd_delete(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *reason = NULL, *pos[2];
	const rx_argopt opts[] = { { "--reason", &reason, NULL }, { NULL, NULL, NULL } };
	const rx_schema_type *t;
	rx_archive *a = NULL;
	rx_home *h = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 2, 2, err)) < 0)
		return rc;
	if (!(t = rx_schema_type_find(pos[0])))
		return rx_error_set(err, RX_EUSAGE, "未知记录类型 '%.32s' (unknown record type)",
			pos[0]);
	if (rx_archive_rec_delete_needs_reason(t) && (!reason || !*reason))
		return rx_error_set(err, RX_EUSAGE, "删除%s记录须写明原因 --reason, 原因记入访问日志 "
			"(deleting a %s record needs --reason; it is logged)", t->zh, t->name);
	if (!rx_archive_rec_deletable(t))
		return rx_error_set(err, RX_EINPUT, "%s 不能删除 (%s records cannot be deleted%s)",
			t->zh, t->name, !strcmp(t->code, "st") ? "; use `runxin leave`" : "");
	if ((rc = rx_home_open(&h, &o->home, err)) == 0 &&
	    (rc = rx_archive_open(&a, h, &o->home, err)) == 0 &&
	    (rc = check_sent(a, t, pos[1], err)) == 0 &&
	    (rc = rx_archive_rec_delete(a, t, pos[1], reason, err)) == 0)
		printf("已删除 %s %s (deleted; logged)\n", t->zh, pos[1]);
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}
