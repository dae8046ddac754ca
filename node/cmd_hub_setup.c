/* runxin hub setup|check: serve a county or city hub with lighttpd + git http-backend, and check that setup (docs/hub.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/hub/hub.h"

int rx_cmd_hub_serve(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *pos[1] = { NULL }, *port = NULL;
	rx_hub_serve_opts so = { 0 };
	const rx_argopt opts[] = { { "--user", &so.user, NULL },
		{ "--conf-dir", &so.conf_dir, NULL }, { "--url-path", &so.url_path, NULL },
		{ "--port", &port, NULL }, { NULL, NULL, NULL } };
	size_t problems = 0;
	char *end = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 1, err)) < 0)
		return rc;
	if (!o->home.path)
		return rx_error_set(err, RX_EUSAGE, "需要 -C HOME (the hub's home)");
	so.home = o->home.path;
	if (port && ((so.port = (int)strtol(port, &end, 10)) < 1 || so.port > 65535 || *end))
		return rx_error_set(err, RX_EUSAGE, "--port 应为 1 到 65535 (port: 1 to 65535)");
	if (!strcmp(pos[0], "setup"))
		return rx_hub_setup(&so, err);
	if ((rc = rx_hub_check(&problems, &so, err)) < 0)
		return rc;
	if (problems)
		return rx_error_set(err, RX_EINPUT, "中心有 %zu 个问题 (见上) (the hub has %zu "
			"problems, see above)", problems, problems);
	printf("中心配置正常 (the hub is set up correctly)\n");
	return 0;
}
