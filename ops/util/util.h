/* Small helpers every subsystem uses: a JSON writer, child processes, bounded and atomic files. */
#ifndef RX_OPS_UTIL_H
#define RX_OPS_UTIL_H

#include <stdarg.h>
#include <stdio.h>

#include "crypto/buf.h"

/* -- Minimal JSON writer for --json output (UTF-8 passed through, escapes done). -- */

typedef struct rx_json {
	FILE *f;
	int depth;
	int comma[32]; /* whether the container at each depth has an element */
} rx_json;

#define RX_JSON_INIT(file) { (file), 0, { 0 } }

/* A JSON string literal of s (UTF-8 passed through; quotes, backslashes, controls escaped). */
void rx_json_put_str(FILE *f, const char *s);

void rx_json_obj_begin(rx_json *j, const char *key);
void rx_json_obj_end(rx_json *j);
void rx_json_arr_begin(rx_json *j, const char *key);
void rx_json_arr_end(rx_json *j);
void rx_json_str(rx_json *j, const char *key, const char *v);
void rx_json_int(rx_json *j, const char *key, long long v);
void rx_json_bool(rx_json *j, const char *key, int v);

/* -- Run this program (or another) as a child process: the demo's and tests' building block. -- */

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


#define RX_OPS_HOME_ARGS 24

/*
 * The argv of `exe -C DIR/home ARGS...` (ARGS from ap, NULL-ended, at most
 * RX_OPS_HOME_ARGS): argv needs RX_OPS_HOME_ARGS + 4 slots, path holds the
 * home's path and must outlive argv.
 */
void rx_ops_home_argv(char **argv, char *path, size_t pathcap, char *exe,
	const char *dir, const char *home, va_list ap);

/* -- Files: bounded reads, atomic private writes. -- */

/* Read a whole file of at most max bytes into out (appended). */
int rx_ops_file_read(rx_buf *out, const char *path, size_t max, rx_error *err);

/* Write data to path via a temporary file, fsync and rename; mode 0600. */
int rx_ops_file_write(const char *path, const void *data, size_t len,
	rx_error *err);

/* path = dir "/" name, malloc'ed; NULL on failure. */
char *rx_ops_path_join(const char *dir, const char *name);

/* -- Processes and trees -- */

#include <sys/types.h>

/*
 * Kill pid's process group and every descendant (daemons such as sshd move
 * connection handlers into new sessions), then reap pid.
 */
void rx_ops_proc_kill_tree(pid_t pid);

/* Remove a directory tree (best effort). */
void rx_ops_rmtree(const char *dir);

#endif
