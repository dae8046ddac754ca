/* runxin bench: the headline figures against their baselines (see ops/bench/). */
#include <string.h>
#include <unistd.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/home/home.h"
#include "ops/bench/bench.h"

/* The bench's county enrols its in-process schools with this key. */
static int unlock_sign(uint8_t sign_sk[static 64], const char *home, rx_error *err)
{
	rx_home_opts o = { home, NULL };
	rx_home *h = NULL;
	rx_secrets *s = NULL;
	int rc;

	if ((rc = rx_home_open(&h, &o, err)) == 0 &&
	    (rc = rx_home_unlock(&s, h, &o, err)) == 0)
		memcpy(sign_sk, s->sign_sk, 64);
	rx_home_secrets_free(s);
	rx_home_close(h);
	return rc;
}

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
	bo.unlock_sign = unlock_sign;
	return rx_ops_bench(&bo, err);
}
