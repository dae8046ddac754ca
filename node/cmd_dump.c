/* runxin dump: the canonical dump of this node's archive state (docs/ops.md), to compare two replicas with cmp. */
#include <stdio.h>

#include <sodium.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/archive/archive.h"

int rx_cmd_dump(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const rx_argopt opts[] = { { NULL, NULL, NULL } };
	rx_archive *a = NULL;
	rx_home *h = NULL;
	rx_buf d = RX_BUF_INIT;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, NULL, 0, 0, err)) < 0 ||
	    (rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if ((rc = rx_archive_open(&a, h, &o->home, err)) == 0 &&
	    (rc = rx_sync_store_dump(a->st, &d, err)) == 0 &&
	    fwrite(d.data, 1, d.len, stdout) != d.len)
		rc = rx_error_set(err, RX_EINTERNAL, "cannot write the dump");
	sodium_memzero(d.data, d.cap);
	rx_buf_free(&d);
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}
