/* runxin checkpoint: a hub signs the tips it holds, a receipt for every school. */
#include <stdio.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/home/home.h"
#include "ops/hub/hub.h"

int rx_cmd_checkpoint(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	rx_home *h = NULL;
	size_t n, made = 0, moved = 0;
	int rc;

	if ((rc = rx_node_args(argc, argv, NULL, NULL, 0, 0, err)) < 0 ||
	    (rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if ((rc = rx_hub_checkpoint_sign(&n, h, &o->home, err)) == 0)
		printf("checkpoint: %zu branches signed\n", n);
	/* the schools' views carry the new checkpoint (and the hub's own writes since the last push) */
	if (rc == 0 && (rc = rx_hub_views(h, NULL, &made, &moved, err)) == 0 && made)
		printf("school views: %zu made\n", made);
	rx_home_close(h);
	return rc;
}
