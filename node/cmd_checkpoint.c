/* runxin checkpoint: a hub signs the tips it holds, a receipt for every school. */
#include <stdio.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/home/home.h"
#include "ops/hub/hub.h"

int rx_cmd_checkpoint(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	rx_home *h = NULL;
	size_t n;
	int rc;

	if ((rc = rx_node_args(argc, argv, NULL, NULL, 0, 0, err)) < 0 ||
	    (rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if ((rc = rx_hub_checkpoint_sign(&n, h, &o->home, err)) == 0)
		printf("checkpoint: %zu branches signed\n", n);
	rx_home_close(h);
	return rc;
}
