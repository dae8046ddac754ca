/* Run this program (or another) as a child process: the demo's and tests' building block. */
#ifndef RX_OPS_SPAWN_H
#define RX_OPS_SPAWN_H

#include "crypto/buf.h"

/* The path of the running executable (malloc'ed), from /proc/self/exe. */
char *rx_ops_self_exe(void);

/*
 * Run argv[0] with argv, stdin from in_path (or /dev/null), stdout appended
 * to out (may be NULL: discarded), stderr to err_path (or inherited).
 * *status is the exit code (128+signal when killed). 0, or RX_EINTERNAL if it
 * could not be started.
 */
int rx_ops_run(int *status, char *const argv[], const char *in_path,
	rx_buf *out, const char *err_path, rx_error *err);

#include <stdarg.h>

#define RX_OPS_HOME_ARGS 24

/*
 * The argv of `exe -C DIR/home ARGS...` (ARGS from ap, NULL-ended, at most
 * RX_OPS_HOME_ARGS): argv needs RX_OPS_HOME_ARGS + 4 slots, path holds the
 * home's path and must outlive argv.
 */
void rx_ops_home_argv(char **argv, char *path, size_t pathcap, char *exe,
	const char *dir, const char *home, va_list ap);

#endif
