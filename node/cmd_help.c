/* runxin help: the command list. */
#include "node/commands.h"

int rx_cmd_help(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	rx_node_usage(stdout);
	return 0;
}
