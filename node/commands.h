/* Entry points of the commands, one per node/cmd_*.c file. */
#ifndef RX_NODE_COMMANDS_H
#define RX_NODE_COMMANDS_H

#include "node/node.h"

int rx_cmd_help(const rx_opts *o, int argc, char **argv, rx_error *err);

#endif
