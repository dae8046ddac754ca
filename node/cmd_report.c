/* runxin report show ID [--json] | sign ID --name NAME | send: one review report, the county's countersignature, a school's sending. */
#include <stdio.h>
#include <string.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/hub/hub.h"
#include "ops/report/report.h"

/* At a school: send what is new and take in countersignatures now (sync does it too). */
static int send(const rx_opts *o, rx_home *h, rx_error *err)
{
	rx_ops_report_synced s;
	rx_archive *a = NULL;
	int rc;

	if (h->role != RX_ROLE_SCHOOL && h->role != RX_ROLE_DEVICE)
		return rx_error_set(err, RX_EUSAGE, "report send 在学校运行 (runs at a school)");
	if ((rc = rx_archive_open(&a, h, &o->home, err)) == 0 &&
	    (rc = rx_ops_report_sync(&s, a, err)) == 0)
		printf("上报 report: 事件通知 %zu, 复盘报告 %zu, 县局会签更新 %zu "
			"(notices %zu, reports %zu, countersignatures taken in %zu); "
			"运行 runxin sync 送达县局 (sync to deliver)\n", s.notices, s.reports,
			s.countersigned, s.notices, s.reports, s.countersigned);
	rx_archive_close(a);
	return rc;
}

static int show_or_sign(const rx_opts *o, rx_home *h, const char *verb, const char *id,
	const char *name, int json, rx_error *err)
{
	rx_ops_report_view v;
	rx_ops_report_entry *e;
	rx_schema_date d;
	char today[16];
	int rc, already = 0;

	if ((rc = rx_rec_today(&d, err)) < 0)
		return rc;
	snprintf(today, sizeof(today), "%04d-%02d-%02d", d.year, d.month, d.day);
	if ((rc = rx_ops_report_view_open(&v, h, &o->home, err)) < 0)
		goto out;
	if (!(e = rx_ops_report_find(&v.set, id))) {
		rc = rx_error_set(err, RX_EINPUT, "没有编号为 %.40s 的报告, 见 runxin inbox "
			"(no report with this id; see runxin inbox)", id);
		goto out;
	}
	if (!strcmp(verb, "show")) {
		rx_ops_report_show_print(stdout, &v, e, today, json);
		goto out;
	}
	if ((rc = rx_ops_report_sign(&already, &v, e, name, today, err)) == 0)
		printf("%s %s (%s); 运行 runxin sync 送回学校 (sync to send it back)\n", already ?
			"已会签过此版本, 未重复签 (this version is already countersigned)" :
			"已会签 countersigned", e->short_id, name);
	/* the schools' views of this hub carry the countersignature at once (docs/sync.md, "Views") */
	if (rc == 0 && !already) {
		size_t made, moved;
		rc = rx_hub_views(h, NULL, &made, &moved, err);
	}
out:
	rx_ops_report_view_close(&v);
	return rc;
}

int rx_cmd_report(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *pos[2] = { NULL, NULL }, *name = NULL;
	int json = 0, rc;
	const rx_argopt opts[] = { { "--name", &name, NULL }, { "--json", NULL, &json },
		{ NULL, NULL, NULL } };
	rx_home *h = NULL;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 2, err)) < 0)
		return rc;
	if (!strcmp(pos[0], "send") ? pos[1] != NULL :
	    (strcmp(pos[0], "show") && strcmp(pos[0], "sign")) || !pos[1])
		return rx_error_set(err, RX_EUSAGE, "report show ID [--json] | sign ID --name NAME | send");
	if (!strcmp(pos[0], "sign") && !name)
		return rx_error_set(err, RX_EUSAGE, "report sign ID --name NAME: 会签人姓名 (who countersigns)");
	if ((rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	rc = !strcmp(pos[0], "send") ? send(o, h, err) :
		show_or_sign(o, h, pos[0], pos[1], name, json, err);
	rx_home_close(h);
	return rc;
}
