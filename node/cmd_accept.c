/* runxin accept ID [--as NO] | accept ID --refuse --reason T: take in (or refuse) a student's archive transferred to this school. */
#include <stdio.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/transfer/transfer.h"

int rx_cmd_accept(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	rx_ops_transfer_accept_opts ao = { 0 };
	const char *pos[1];
	const rx_argopt opts[] = { { "--refuse", NULL, &ao.refuse }, { "--reason", &ao.reason, NULL },
		{ "--as", &ao.as, NULL }, { NULL, NULL, NULL } };
	rx_archive *a = NULL;
	rx_home *h = NULL;
	size_t n = 0;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 1, err)) < 0)
		return rc;
	if (ao.refuse && (!ao.reason || !*ao.reason || ao.as))
		return rx_error_set(err, RX_EUSAGE, "拒绝需要 --reason 理由 (a refusal needs --reason)");
	if (!ao.refuse && ao.reason)
		return rx_error_set(err, RX_EUSAGE, "--reason 只用于 --refuse (--reason goes with --refuse)");
	ao.id = pos[0];
	if ((rc = rx_home_open(&h, &o->home, err)) == 0 &&
	    (h->role != RX_ROLE_SCHOOL && h->role != RX_ROLE_DEVICE))
		rc = rx_error_set(err, RX_EUSAGE, "只有学校接收档案 (only a school accepts an archive)");
	if (rc == 0 && (rc = rx_archive_open(&a, h, &o->home, err)) == 0 &&
	    (rc = rx_ops_transfer_accept(&n, a, &ao, err)) == 0) {
		if (ao.refuse)
			printf("已拒绝档案转接 %s, 同步后告知原校 (refused; the sender learns it after a sync)\n",
				ao.id);
		else
			printf("已接收档案转接 %s: %zu 条记录转入, 标记为转入 (accepted: %zu records taken in); "
				"同步后原校得知 (the sender learns it after a sync)\n", ao.id, n, n);
	}
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}
