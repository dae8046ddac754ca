/* Command arguments: --options (with or without a value) and positionals. */
#ifndef RX_NODE_ARGS_H
#define RX_NODE_ARGS_H

#include <stddef.h>

#include "crypto/error.h"

typedef struct rx_argopt {
	const char *name;   /* "--role" */
	const char **value; /* set for options that take a value */
	int *flag;          /* set to 1 for flags */
} rx_argopt;

/*
 * Parse argv[1..] (argv[0] is the command): options from opts (NULL-name
 * ended), positionals into pos (at most maxpos, at least minpos).
 * RX_EUSAGE on anything else.
 */
int rx_node_args(int argc, char **argv, const rx_argopt *opts,
	const char **pos, size_t minpos, size_t maxpos, rx_error *err);

#endif
