/* runxin backup FILE: this node's home in one encrypted, signed file (docs/lifecycle.md). */
#include <stdio.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/home/backup.h"

int rx_cmd_backup(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *pos[1] = { NULL };
	const rx_argopt opts[] = { { NULL, NULL, NULL } };
	rx_home *h = NULL;
	size_t files = 0, bytes = 0;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 1, err)) < 0 ||
	    (rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if ((rc = rx_home_backup(h, &o->home, pos[0], &files, &bytes, err)) == 0)
		printf("备份 backup: %s, %zu 个文件 %zu KiB, 已加密并签名; 恢复: runxin restore "
			"--backup %s HOME, 需本节点口令 (%zu files, %zu KiB, encrypted and signed; "
			"restore with the node's passphrase)\n", pos[0], files, bytes / 1024,
			pos[0], files, bytes / 1024);
	rx_home_close(h);
	return rc;
}
