/* runxin remote add NAME URL: remember a remote (a USB path or a git URL). */
#include <stdio.h>
#include <string.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/home/home.h"
#include "ops/remote/remote.h"

int rx_cmd_remote(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *pos[3], *hostkey = NULL;
	const rx_argopt opts[] = { { "--host-key", &hostkey, NULL }, { NULL, NULL, NULL } };
	rx_home *h = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 3, 3, err)) < 0 ||
	    (rc = rx_remote_pin_check(hostkey, err)) < 0)
		return rc;
	if (strcmp(pos[0], "add") != 0)
		return rx_error_set(err, RX_EUSAGE, "only 'remote add NAME URL' exists");
	if ((rc = rx_remote_name_check(pos[1], err)) < 0 ||
	    (rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if ((rc = rx_remote_add(h, pos[1], pos[2], hostkey, err)) == 0)
		printf("remote %s = %s%s\n", pos[1], pos[2], hostkey ? " (host key pinned)" : "");
	rx_home_close(h);
	return rc;
}
