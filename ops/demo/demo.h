/* What hubs and operators run: demo, statistics, audit, benchmarks. */
#ifndef RX_OPS_H
#define RX_OPS_H

#include "crypto/error.h"
#include "ops/disclosure/disclosure.h"
#include "ops/disclosure/disclosure.h"

/*
 * Build a whole city under dir (NULL: a fresh ./runxin-demo-* directory) by
 * running this program as every node, and print a summary to stdout.
 */
int rx_ops_demo(const char *dir, rx_error *err);

#endif
