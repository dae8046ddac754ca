/* What every step of the demo uses: run this program as a node, write a file, show progress. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ops/demo/demoInt.h"
#include "ops/util/util.h"

int demo_rx(demo *d, rx_buf *out, const char *home, rx_error *err, ...)
{
	char *argv[RX_OPS_HOME_ARGS + 4], path[400];
	int status, rc;
	va_list ap;

	va_start(ap, err);
	rx_ops_home_argv(argv, path, sizeof(path), d->exe, d->dir, home, ap);
	va_end(ap);
	if ((rc = rx_ops_run(&status, argv, NULL, out, d->log, err)) < 0)
		return rc;
	if (status != 0)
		return rx_error_set(err, RX_EINTERNAL,
			"demo step 'runxin %s' at %s failed with exit %d; see %s",
			argv[3], home, status, d->log);
	return 0;
}

int demo_put(demo *d, const char *name, const rx_buf *data, rx_error *err)
{
	char path[400];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", d->dir, name);
	if (!(f = fopen(path, "wb")))
		return rx_error_set(err, RX_EINTERNAL, "cannot write %s: %s", path,
			strerror(errno));
	fwrite(data->data, 1, data->len, f);
	if (fclose(f) != 0)
		return rx_error_set(err, RX_EINTERNAL, "cannot write %s", path);
	return 0;
}

void demo_progress(demo *d, const char *fmt, ...)
{
	va_list ap;

	d->step++;
	fprintf(stderr, "[%2d/%d] ", d->step, d->steps);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
