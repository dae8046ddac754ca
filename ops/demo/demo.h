/* The demo: a whole city on this machine, driven through the command line. */
#ifndef RX_OPS_DEMO_H
#define RX_OPS_DEMO_H

#include "crypto/error.h"

/*
 * Build a whole city under dir (NULL: a fresh ./runxin-demo-* directory) by
 * running this program as every node, and print a summary to stdout.
 */
int rx_ops_demo(const char *dir, rx_error *err);

#endif
