/* The command table: one entry per command, each implemented in cmd_*.c. */
#include <string.h>

#include "node/commands.h"

static const rx_cmd commands[] = {
	{ "help", rx_cmd_help, "", "list the commands" },
};

const rx_cmd *rx_node_cmd_find(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

void rx_node_usage(FILE *f)
{
	fprintf(f, "usage: runxin [-C HOME] [--passphrase-file F] COMMAND [...]\n\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-16s %-34s %s\n", commands[i].name,
			commands[i].usage, commands[i].help);
}
