/* runxin ui [--port N] [--open]: the local web interface on 127.0.0.1 (ops/ui). */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/ui/ui.h"

extern char **environ;

typedef struct ready_ctx {
	int open;
} ready_ctx;

static void ready(void *ctx, const char *url)
{
	ready_ctx *c = ctx;
	char *argv[] = { "xdg-open", (char *)url, NULL };
	pid_t pid;

	printf("网页界面已启动: %s (按 Ctrl-C 停止) (web interface ready; Ctrl-C stops it)\n", url);
	fflush(stdout);
	if (c->open && posix_spawnp(&pid, "xdg-open", NULL, NULL, argv, environ) != 0)
		fprintf(stderr, "无法打开浏览器, 请手动打开上面的地址 (cannot start a browser: open the "
			"address above)\n");
}

int rx_cmd_ui(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *port = NULL;
	int open = 0;
	const rx_argopt opts[] = { { "--port", &port, NULL }, { "--open", NULL, &open },
		{ NULL, NULL, NULL } };
	rx_ui_opts uo = { 0 };
	ready_ctx c = { 0 };
	char *end;
	long p = 8620;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, NULL, 0, 0, err)) < 0)
		return rc;
	if (port && ((p = strtol(port, &end, 10)) < 0 || p > 65535 || *end || !*port))
		return rx_error_set(err, RX_EUSAGE, "--port 是 0 到 65535 的端口号, 0 为任选空闲端口 "
			"(a port number; 0: any free one)");
	c.open = open;
	uo.home = o->home, uo.port = (unsigned)p, uo.ready = ready, uo.ctx = &c;
	return rx_ui_serve(&uo, err);
}
