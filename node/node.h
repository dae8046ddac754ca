/* The runxin program: command table, global options and the node's home. */
#ifndef RX_NODE_H
#define RX_NODE_H

#include <stdio.h>

#include "crypto/buf.h"
#include "crypto/error.h"
#include "ops/home/home.h"

/* Global options parsed before the command name. */
typedef struct rx_opts {
	rx_home_opts home; /* -C HOME or $RUNXIN_HOME; --passphrase-file F */
	int json;                    /* --json (also accepted after the command) */
} rx_opts;

typedef int (*rx_cmd_fn)(const rx_opts *o, int argc, char **argv, rx_error *err);

typedef struct rx_cmd {
	const char *name;
	rx_cmd_fn run;      /* NULL: help, which prints this table */
	const char *usage; /* one line: arguments after the command name */
	const char *help;  /* one line: what it does, Chinese first (English in parentheses) */
	const char *more;  /* NULL, or lines for `COMMAND --help`: arguments and options, Chinese and English */
} rx_cmd;

/* Look a command up in the table; NULL if unknown. */
const rx_cmd *rx_node_cmd_find(const char *name);

/* Print the command list (for `runxin help` and usage errors). */
void rx_node_usage(FILE *f);

/* Print one command's usage and help (for `COMMAND --help`). */
void rx_node_cmd_help(FILE *f, const rx_cmd *c);

/* The version, from the CMake project version ("0.3.0"). */
const char *rx_node_version(void);

#endif
