/* runxin version (also --version): the version of this program, from the CMake project version. */
#include <stdio.h>

#include "node/commands.h"

#ifndef RX_VERSION
#define RX_VERSION "0.0.0"
#endif

const char *rx_node_version(void)
{
	return RX_VERSION;
}

int rx_cmd_version(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	printf("runxin %s\n", RX_VERSION);
	return 0;
}
