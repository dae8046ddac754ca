/* runxin bench: the headline figures measured side by side with their baselines. */
#ifndef RX_OPS_BENCH_H
#define RX_OPS_BENCH_H

#include <stdint.h>
#include <stdio.h>

#include "crypto/error.h"

typedef struct rx_ops_bench_opts {
	int quick;         /* smaller county and scale series (under a minute) */
	int json;          /* JSON on out instead of the table */
	FILE *out;         /* where the result goes (stdout) */
	int progress;      /* progress lines on stderr */
	/* Unlock the home at path (made by the bench) and copy its signing key out. */
	int (*unlock_sign)(uint8_t sign_sk[static 64], const char *home, rx_error *err);
} rx_ops_bench_opts;

/*
 * Build schools and hubs in a fresh temp dir (removed afterwards) by running
 * this program as every node, measure every figure of docs/BENCHMARKS.md and
 * print them as a table or as JSON. 0, or the first failure's code.
 */
int rx_ops_bench(const rx_ops_bench_opts *o, rx_error *err);

#endif
