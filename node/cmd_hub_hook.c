/* runxin hub-hook: git's pre-receive hook at a hub, refusing bad pushes at the door. */
#include <stdio.h>
#include <string.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/home/home.h"
#include "ops/hub/hub.h"

int rx_cmd_hub_hook(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	int install = 0;
	const rx_argopt opts[] = { { "--install", NULL, &install }, { NULL, NULL, NULL } };
	rx_home *h = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, NULL, 0, 0, err)) < 0)
		return rc;
	if ((rc = rx_home_open(&h, &o->home, err)) == 0)
		rc = install ? rx_hub_install(h, err) : rx_hub_hook_run(h, stdin, err);
	else if (!install) {
		/* the hub's own files are out of the server's reach: say so to the school, per branch */
		char line[600], *ref;
		while (fgets(line, sizeof(line), stdin))
			if ((ref = strrchr(line, ' ')) && (ref[strcspn(ref, "\r\n")] = '\0', 1))
				fprintf(stderr, "runxin: refused %s: 中心服务器打不开自己的文件, 请县里的"
					"管理员运行 runxin hub check (the hub cannot open its own files: "
					"%s)\n", ref + 1, err->msg);
	}
	rx_home_close(h);
	return rc;
}
