/* runxin: parse global options and dispatch to one command. */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "node/commands.h"
#include "node/node.h"
#include "ops/policy/policy.h"

static int parse_global(rx_opts *o, int *argc, char ***argv)
{
	while (*argc > 0 && (*argv)[0][0] == '-') {
		const char *a = (*argv)[0];

		if (!strcmp(a, "-C") && *argc > 1) {
			o->home.path = (*argv)[1];
			*argc -= 2, *argv += 2;
		} else if (!strcmp(a, "--passphrase-file") && *argc > 1) {
			o->home.passphrase_file = (*argv)[1];
			*argc -= 2, *argv += 2;
		} else if (!strcmp(a, "--json")) {
			o->json = 1;
			*argc -= 1, *argv += 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			return 1;
		} else if (!strcmp(a, "--version") || !strcmp(a, "-V")) {
			return 2;
		} else {
			fprintf(stderr, "runxin: unknown option %s\n", a);
			return -1;
		}
	}
	return 0;
}

/* Whether an argument after the command asks for its help. */
static int wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

/* `help [COMMAND]`, `COMMAND --help` and `add TYPE --help`: on stdout, exit 0. */
static int help(const rx_cmd *cmd, int argc, char **argv)
{
	rx_error err = { 0 };
	const rx_cmd *c = cmd;

	if (!cmd->run && argc > 1 && argv[1][0] != '-' && !(c = rx_node_cmd_find(argv[1]))) {
		fprintf(stderr, "runxin: 没有命令 '%s' (unknown command); run 'runxin help'\n", argv[1]);
		return 1;
	}
	if (!cmd->run && argc <= 1) {
		rx_node_usage(stdout);
		return 0;
	}
	if (cmd->run == rx_cmd_add && argc > 2 && argv[1][0] != '-' && strcmp(argv[1], "setting")) {
		if (rx_node_add_help(stdout, argv[1], &err) < 0) {
			fprintf(stderr, "runxin add: %s\n", err.msg);
			return 1;
		}
		return 0;
	}
	rx_node_cmd_help(stdout, c);
	return 0;
}

int main(int argc, char **argv)
{
	rx_opts o = { 0 };
	rx_ops_policy_set policy = { 0 };
	rx_error err = { 0 };
	const rx_cmd *cmd;
	int rc;

	umask(077);
	/* past a file size limit, write fails with EFBIG and says "disk full" */
	signal(SIGXFSZ, SIG_IGN);
	setlocale(LC_CTYPE, "");
	o.home.path = getenv("RUNXIN_HOME");
	if (rx_home_opts_take_env(&o.home, &err) < 0) {
		fprintf(stderr, "runxin: %s\n", err.msg);
		return rx_error_exit_code(RX_EINTERNAL);
	}
	argc--, argv++;
	if ((rc = parse_global(&o, &argc, &argv)) == 2)
		return printf("runxin %s\n", rx_node_version()) < 0;
	if (rc != 0 || argc == 0) {
		rx_node_usage(rc > 0 ? stdout : stderr);
		return rc > 0 ? 0 : 1;
	}
	if (!(cmd = rx_node_cmd_find(argv[0]))) {
		fprintf(stderr, "runxin: 没有命令 '%s' (unknown command); run 'runxin help'\n", argv[0]);
		return 1;
	}
	if (!cmd->run || wants_help(argc, argv))
		return help(cmd, argc, argv);
	/* the scales and rules in force here: the built-in files, or what policy replaced */
	rx_ops_policy_install(&policy, &o.home);
	rc = cmd->run(&o, argc, argv, &err);
	if (rc < 0) {
		fprintf(stderr, "runxin %s: %s\n", cmd->name,
			err.msg[0] ? err.msg : "failed");
		if (rc == RX_EUSAGE)
			fprintf(stderr, "用法 (usage): runxin %s %s (runxin %s --help)\n", cmd->name,
				cmd->usage, cmd->name);
	}
	rx_schema_builtin_override(NULL, 0);
	rx_ops_policy_set_free(&policy);
	rx_home_opts_free(&o.home);
	return rx_error_exit_code(rc);
}
