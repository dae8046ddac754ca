/* Helpers for the hub and cut-link tests: a temp dir, shell commands in it, a county with schools. */
#ifndef RX_TEST_HUBTEST_H
#define RX_TEST_HUBTEST_H

#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char hub_dir[256];

/* Run a shell command in hub_dir with $R = runxin; its exit status, or -1. */
static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	char cmd[8192], full[8600];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	snprintf(full, sizeof(full), "cd '%s' && R=\"$RUNXIN\" && { %s\n}", hub_dir, cmd);
	st = system(full);
	return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Does file (in hub_dir) contain needle? */
static __attribute__((unused)) int has(const char *file, const char *needle)
{
	char path[512], buf[65536];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", hub_dir, file);
	if (!(f = fopen(path, "r")))
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strstr(buf, needle) != NULL;
}

/* The first line of file (in hub_dir) into out; "" if none. */
static void first_line(const char *file, char *out, size_t cap)
{
	char path[512];
	FILE *f;

	out[0] = '\0';
	snprintf(path, sizeof(path), "%s/%s", hub_dir, file);
	if ((f = fopen(path, "r"))) {
		if (!fgets(out, (int)cap, f))
			out[0] = '\0';
		fclose(f);
	}
	out[strcspn(out, "\n")] = '\0';
}

static int hub_rm(const char *p, const struct stat *s, int fl, struct FTW *f)
{
	(void)s, (void)f;
	return fl == FTW_DP ? rmdir(p) : unlink(p);
}

static int hub_dir_make(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(hub_dir, sizeof(hub_dir), "%s/rx-hub-XXXXXX", t && *t ? t : "/tmp");
	setenv("RUNXIN_PASSPHRASE", "correct-horse-电池", 1);
	return mkdtemp(hub_dir) ? 0 : -1;
}

static void hub_dir_remove(void)
{
	if (hub_dir[0])
		nftw(hub_dir, hub_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * city -> county (the hub, hook installed) -> schools s1, s2 -> device d1
 * of s1; homes in hub_dir/<name>. 0 or the failing shell status.
 */
static int hub_enrol(void)
{
	return sh("set -e; exec >/dev/null 2>&1; "
		"$R -C city init --role city --name 扬州市; "
		"$R -C county init --role county --name 宝应县; "
		"FP=$($R -C city identity --fingerprint); "
		"$R -C county identity >c.req; $R -C city enroll c.req >c.b; $R -C county join c.b --root-fingerprint \"$FP\"; "
		"for s in s1 s2; do $R -C $s init --role school --name 学校$s; "
		"$R -C $s identity >$s.req; $R -C county enroll $s.req >$s.b; $R -C $s join $s.b --root-fingerprint \"$FP\"; done; "
		"$R -C d1 init --role device --name 心理室电脑; "
		"$R -C d1 identity >d1.req; $R -C s1 enroll d1.req >d1.b; $R -C d1 join d1.b --root-fingerprint \"$FP\"; "
		"$R -C county hub-hook --install");
}

/* A roster of n students with ids PREFIX0001.. into file (in hub_dir). */
static int hub_roster(const char *file, const char *prefix, int n, int seed)
{
	return sh("awk -v n=%d -v p=%s -v seed=%d 'BEGIN { srand(seed); "
		"print \"学号,姓名,性别,出生日期,年级,班级,重点标记\"; "
		"for (i = 1; i <= n; i++) printf \"%%s%%04d,测试%%c%%d,%%s,2011-0%%d-1%%d,%%d,%%d,%%s\\n\", "
		"p, i, 65 + int(rand() * 26), int(rand() * 100000), (i %% 2 ? \"男\" : \"女\"), "
		"1 + i %% 9, i %% 10, 7 + i %% 3, 1 + i %% 8, (i %% 5 ? \"\" : \"留守\") }' >%s",
		n, prefix, seed, file);
}

#endif
