/* Test helpers: a city, a county and a school with three devices d0..d2, built through the command line. */
#ifndef RX_TEST_SCHOOL3_H
#define RX_TEST_SCHOOL3_H

#include <stdio.h>
#include <stdlib.h>

#include "ops/archive/archive.h"

static char dir[256];

/* Run a shell command in dir; its system() status. */
static int sh(const char *cmd)
{
	char full[4096];

	snprintf(full, sizeof(full), "cd %s && %s", dir, cmd);
	return system(full);
}

/* Make dir (under $TMPDIR) named after tag. 0 or -1. */
static int school3_dir(const char *tag)
{
	snprintf(dir, sizeof(dir), "%s/rx-%s-XXXXXX",
		getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", tag);
	return mkdtemp(dir) ? 0 : -1;
}

/* Enrol the chain, then the school, county and city sync with repo (a path in dir). */
static int school3_enrol(const char *repo)
{
	char cmd[2048];

	snprintf(cmd, sizeof(cmd),
		"R=\"$RUNXIN\"; set -e; "
		"$R -C city init --role city --name 市 >/dev/null; "
		"$R -C county init --role county --name 县 >/dev/null; "
		"$R -C school init --role school --name 校 >/dev/null; "
		"FP=$($R -C city identity --fingerprint); "
		"$R -C county identity >c.req; $R -C city enroll c.req >c.b 2>/dev/null; $R -C county join c.b --root-fingerprint \"$FP\" >/dev/null; "
		"$R -C school identity >s.req; $R -C county enroll s.req >s.b 2>/dev/null; $R -C school join s.b --root-fingerprint \"$FP\" >/dev/null; "
		"for d in 0 1 2; do $R -C d$d init --role device --name 设备$d >/dev/null; "
		"$R -C d$d identity >d$d.req; $R -C school enroll d$d.req >d$d.b 2>/dev/null; "
		"$R -C d$d join d$d.b --root-fingerprint \"$FP\" >/dev/null; done; "
		"$R -C school sync %s --create >/dev/null; $R -C county sync %s >/dev/null; "
		"$R -C city sync %s >/dev/null", repo, repo, repo);
	return sh(cmd);
}

/* Open the three devices' homes and unlock their archives. 0, or the error in err. */
static int school3_open(rx_home *home[3], rx_archive *dev[3], rx_error *err)
{
	rx_home_opts o = { 0 };
	char path[400];
	int rc;

	for (int d = 0; d < 3; d++) {
		snprintf(path, sizeof(path), "%s/d%d", dir, d);
		o.path = path;
		if ((rc = rx_home_open(&home[d], &o, err)) < 0 ||
		    (rc = rx_archive_open(&dev[d], home[d], &o, err)) < 0)
			return rc;
	}
	return 0;
}

#endif
