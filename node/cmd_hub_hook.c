/* runxin hub-hook: git's pre-receive hook at a hub, refusing bad pushes at the door. */
#include <stdio.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/home/home.h"
#include "ops/hub/hub.h"

int rx_cmd_hub_hook(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	int install = 0;
	const rx_argopt opts[] = { { "--install", NULL, &install }, { NULL, NULL, NULL } };
	rx_home *h = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, NULL, 0, 0, err)) < 0)
		return rc;
	if ((rc = rx_home_open(&h, &o->home, err)) == 0)
		rc = install ? rx_hub_install(h, err) : rx_hub_hook_run(h, stdin, err);
	rx_home_close(h);
	return rc;
}
