/* runxin revoke: an ancestor withdraws a node (a lost laptop) from now on. */
#include <stdio.h>
#include <string.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/home/home.h"
#include "ops/archive/archive.h"

/* A school's data key rotates: what it writes from now on, the revoked node cannot read. */
static int rx_node_revoke_rotate(const rx_opts *o, rx_home *h, rx_error *err)
{
	rx_archive *a = NULL;
	int rc;

	if ((rc = rx_archive_open(&a, h, &o->home, err)) == 0 &&
	    (rc = rx_archive_rotate(a, err)) == 0)
		fprintf(stderr, "数据钥匙已轮换 (the school's data key rotated)\n");
	rx_archive_close(a);
	return rc;
}

int rx_cmd_revoke(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *pos[1], *reason = NULL;
	const rx_argopt opts[] = { { "--reason", &reason, NULL }, { NULL, NULL, NULL } };
	rx_buf out = RX_BUF_INIT;
	rx_home *h = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 1, err)) < 0)
		return rc;
	if (!reason || !*reason || strlen(reason) > RX_REASON_MAX)
		return rx_error_set(err, RX_EUSAGE, "--reason is required (1 to %d bytes)",
			RX_REASON_MAX);
	if ((rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if ((rc = rx_home_node_revoke(&out, h, &o->home, pos[0], reason, err)) < 0)
		goto out;
	/* pos[0] is the revoked node's id: it named a known certificate */
	fwrite(out.data, 1, out.len, stdout);
	fprintf(stderr, "revoked %s from now on\n", pos[0]);
	if (h->role == RX_ROLE_SCHOOL && (rc = rx_node_revoke_rotate(o, h, err)) < 0)
		goto out;
out:
	rx_buf_free(&out);
	rx_home_close(h);
	return rc;
}
