/* runxin hub-hook: git's pre-receive hook at a hub, refusing bad pushes at the door. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/home/home.h"
#include "ops/hub/hub.h"

/*
 * The hub failed on its own side (its files out of the server's reach, a
 * full disk): say so to the school for every pushed branch, where it looks
 * for the hook's reason, instead of git's bare "hook declined".
 */
static void hub_at_fault(const char *lines, const char *why)
{
	for (const char *p = lines; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		size_t n = strcspn(p, "\r\n");
		const char *ref = memrchr(p, ' ', n);
		if (ref)
			fprintf(stderr, "runxin: refused %.*s: 中心服务器出错, 请县里的管理员运行 "
				"runxin hub check (the hub failed on its side: %s)\n",
				(int)(n - (size_t)(ref + 1 - p)), ref + 1, why);
	}
}

int rx_cmd_hub_hook(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	int install = 0;
	const rx_argopt opts[] = { { "--install", NULL, &install }, { NULL, NULL, NULL } };
	rx_home *h = NULL;
	char *lines = NULL;
	size_t cap = 0;
	FILE *in = NULL, *mem = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, NULL, 0, 0, err)) < 0)
		return rc;
	if (!install) {
		/* git's "<old> <new> <ref>" lines, kept to name the branches if the hub fails */
		if (!(mem = open_memstream(&lines, &cap)))
			return rx_error_nomem(err);
		for (int c; (c = getchar()) != EOF;)
			fputc(c, mem);
		fclose(mem);
		if (!(in = cap ? fmemopen(lines, cap, "r") : fopen("/dev/null", "r"))) {
			free(lines);
			return rx_error_nomem(err);
		}
	}
	if ((rc = rx_home_open(&h, &o->home, err)) == 0)
		rc = install ? rx_hub_install(h, err) : rx_hub_hook_run(h, in, err);
	if (rc < 0 && rc != RX_ESECURITY && !install)
		hub_at_fault(lines, err->msg);
	rx_home_close(h);
	if (in)
		fclose(in);
	free(lines);
	return rc;
}
