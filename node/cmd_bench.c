/* runxin bench: the headline figures against their baselines (see ops/bench.c). */
#include <unistd.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/bench.h"

int rx_cmd_bench(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	rx_ops_bench_opts bo = { 0 };
	int json = o->json, rc;
	const rx_argopt opts[] = { { "--json", NULL, &json },
		{ "--quick", NULL, &bo.quick }, { NULL, NULL, NULL } };

	if ((rc = rx_node_args(argc, argv, opts, NULL, 0, 0, err)) < 0)
		return rc;
	bo.json = json;
	bo.out = stdout;
	bo.progress = 1;
	return rx_ops_bench(&bo, err);
}
