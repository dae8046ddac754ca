/* runxin bench: running this program as each node, and the small helpers every figure uses. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "ops/bench/benchInt.h"
#include "ops/util/util.h"

#define MAX_ARGS 24

static int run_argv(bench *b, rx_buf *out, char **argv, rx_error *err)
{
	int status, rc;

	if ((rc = rx_ops_run(&status, argv, NULL, out, b->log, err)) < 0)
		return rc;
	if (status != 0)
		return rx_error_set(err, RX_EINTERNAL, "bench step '%s %s' failed with "
			"exit %d; see %s", argv[0], argv[1] ? argv[1] : "", status, b->log);
	return 0;
}

int bench_rx(bench *b, rx_buf *out, const char *home, rx_error *err, ...)
{
	char *argv[RX_OPS_HOME_ARGS + 4], path[512];
	va_list ap;

	va_start(ap, err);
	rx_ops_home_argv(argv, path, sizeof(path), b->exe, b->dir, home, ap);
	va_end(ap);
	return run_argv(b, out, argv, err);
}

int bench_sh(bench *b, rx_error *err, ...)
{
	char *argv[MAX_ARGS + 1];
	int n = 0;
	va_list ap;

	va_start(ap, err);
	while (n < MAX_ARGS && (argv[n] = va_arg(ap, char *)))
		n++;
	va_end(ap);
	argv[n] = NULL;
	return run_argv(b, NULL, argv, err);
}

double bench_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void bench_say(bench *b, const char *fmt, ...)
{
	va_list ap;

	if (!b->o->progress)
		return;
	fputs("[bench] ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int is_index(const char *name)
{
	size_t n = strlen(name);

	return (n > 4 && (!strcmp(name + n - 4, ".idx") || !strcmp(name + n - 4,
		".rev"))) || !strcmp(name, "info") || !strcmp(name, "packed-refs");
}

size_t bench_du(const char *path)
{
	struct stat st;
	struct dirent *e;
	size_t sum = 0;
	char sub[1024];
	DIR *d;

	if (lstat(path, &st) < 0)
		return 0;
	if (!S_ISDIR(st.st_mode))
		return S_ISREG(st.st_mode) ? (size_t)st.st_size : 0;
	if (!(d = opendir(path)))
		return 0;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    !is_index(e->d_name)) {
			snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
			sum += bench_du(sub);
		}
	closedir(d);
	return sum;
}

int bench_put(bench *b, const char *name, const rx_buf *data, rx_error *err)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", b->dir, name);
	return bench_write(path, data, err);
}

int bench_write(const char *path, const rx_buf *data, rx_error *err)
{
	FILE *f;

	if (!(f = fopen(path, "wb")))
		return rx_error_set(err, RX_EINTERNAL, "cannot write %s: %s", path,
			strerror(errno));
	if (data->len)
		fwrite(data->data, 1, data->len, f);
	if (fclose(f) != 0)
		return rx_error_set(err, RX_EINTERNAL, "cannot write %s", path);
	return 0;
}

int bench_node(bench *b, const char *slug, const char *role, const char *parent,
	rx_error *err)
{
	rx_buf req = RX_BUF_INIT, bundle = RX_BUF_INIT;
	char name[160], path[512];
	int rc;

	if ((rc = bench_rx(b, NULL, slug, err, "init", "--role", role, "--name",
		slug, NULL)) < 0 || !parent)
		goto out;
	snprintf(name, sizeof(name), "%s.req", slug);
	snprintf(path, sizeof(path), "%s/%s", b->dir, name);
	if ((rc = bench_rx(b, &req, slug, err, "identity", NULL)) < 0 ||
	    (rc = bench_put(b, name, &req, err)) < 0 ||
	    (rc = bench_rx(b, &bundle, parent, err, "enroll", path, NULL)) < 0)
		goto out;
	snprintf(name, sizeof(name), "%s.bundle", slug);
	snprintf(path, sizeof(path), "%s/%s", b->dir, name);
	if ((rc = bench_put(b, name, &bundle, err)) < 0)
		goto out;
	{
		rx_buf fp = RX_BUF_INIT;

		/* the bench's root is always "city": its fingerprint, as printed there */
		if ((rc = bench_rx(b, &fp, "city", err, "identity", "--fingerprint", NULL)) == 0 &&
		    (rc = rx_buf_cstr(&fp, err)) == 0) {
			while (fp.len && fp.data[fp.len - 1] == '\n')
				fp.data[--fp.len] = '\0';
			rc = bench_rx(b, NULL, slug, err, "join", path, "--root-fingerprint",
				(char *)fp.data, NULL);
		}
		rx_buf_free(&fp);
	}
out:
	rx_buf_free(&req);
	rx_buf_free(&bundle);
	return rc;
}
