/* runxin demo: the whole system on one machine (see ops/demo/). */
#include "node/args.h"
#include "node/commands.h"
#include "ops/demo/demo.h"

int rx_cmd_demo(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *pos[1];
	int rc;

	if ((rc = rx_node_args(argc, argv, NULL, pos, 0, 1, err)) < 0)
		return rc;
	return rx_ops_demo(pos[0], err);
}
