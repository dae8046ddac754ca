/* runxin transfer STUDENT --to SCHOOL | --list [--json]: seal a student's archive to another school; list the transfers. */
#include <stdio.h>
#include <string.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/transfer/transfer.h"

static int list(rx_archive *a, int json, rx_error *err)
{
	char school[RX_NODE_ID_LEN + 1];
	rx_ops_transfer_set s;
	size_t count = 0;
	int rc;

	if ((rc = rx_home_school(school, a->h, err)) < 0 ||
	    (rc = rx_ops_transfer_collect(&s, a->repo, a->h->db, a->box_pk, a->box_sk, err)) < 0)
		return rc;
	if (json) {
		fputc('[', stdout);
		rx_ops_transfer_json(stdout, &s, a->h->db, school, &count);
		fputs("]\n", stdout);
	} else if (!s.n)
		printf("没有档案转接 (no transfers)\n");
	else
		rx_ops_transfer_print(stdout, &s, a->h->db, school);
	rx_ops_transfer_set_free(&s);
	return 0;
}

int rx_cmd_transfer(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *to = NULL, *pos[1] = { NULL };
	int lst = 0, json = o->json, rc;
	const rx_argopt opts[] = { { "--to", &to, NULL }, { "--list", NULL, &lst },
		{ "--json", NULL, &json }, { NULL, NULL, NULL } };
	char id[9], name[RX_NAME_MAX + 1], no[33];
	rx_archive_at_risk risk = { 0 };
	rx_archive *a = NULL;
	rx_home *h = NULL;

	if ((rc = rx_node_args(argc, argv, opts, pos, 0, 1, err)) < 0)
		return rc;
	if (lst ? pos[0] != NULL || to : !pos[0] || !to)
		return rx_error_set(err, RX_EUSAGE, "用法: transfer STUDENT --to SCHOOL, 或 transfer --list "
			"(usage: transfer STUDENT --to SCHOOL | --list)");
	if ((rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if (!lst && h->role != RX_ROLE_SCHOOL && h->role != RX_ROLE_DEVICE)
		rc = rx_error_set(err, RX_EUSAGE, "只有学校转出档案 (only a school transfers an archive)");
	if (rc == 0)
		rc = rx_archive_open(&a, h, &o->home, err);
	if (rc == 0 && lst)
		rc = list(a, json, err);
	else if (rc == 0 && (rc = rx_archive_student_find(no, a, pos[0], err)) == 0 &&
	    (rc = rx_archive_at_risk_load(&risk, a, no, err)) == 0 &&
	    (rc = rx_ops_transfer_send(id, name, a, no, to, err)) == 0) {
		printf("档案转接 %s: 学号 %s 的档案已加密发往 %s, 同步后送达; 对方接收前学生仍在本校 "
			"(sealed to the receiving school; the student stays here until it accepts)\n",
			id, no, name);
		if (risk.n && (risk.s[0].lv >= RX_SCHEMA_LEVEL_YELLOW || risk.s[0].open))
			fprintf(stderr, "注意: %s 的预警等级和未完成的关爱任务已作为观察报告随档案转交, "
				"请与接收学校的心理教师当面交接 (the level and care work owed travel "
				"with the archive as an observation report; hand over in person too)\n", no);
	}
	rx_archive_at_risk_free(&risk);
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}
