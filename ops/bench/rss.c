/* runxin bench: peak resident memory of a process group (a hub's server, git and hook), sampled from /proc. */
#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ops/bench/benchInt.h"

#define SAMPLE_NS 5000000L

struct bench_rss {
	pthread_t thread;
	pid_t pgid;
	atomic_int stop;
	size_t sum_kib, max_kib;
};

/* Process group and resident pages of one process, from /proc/PID/stat. */
static int proc_stat(const char *pid, pid_t *pgrp, long *rss)
{
	char path[64], line[1024], *p;
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "/proc/%s/stat", pid);
	if (!(f = fopen(path, "r")))
		return 0;
	ok = fgets(line, sizeof(line), f) != NULL;
	fclose(f);
	/* the command name may hold spaces: fields resume after the last ')' */
	if (!ok || !(p = strrchr(line, ')')))
		return 0;
	return sscanf(p + 2, "%*c %*d %d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u "
		"%*d %*d %*d %*d %*d %*d %*u %*u %ld", pgrp, rss) == 2;
}

static void sample(bench_rss *s, long page_kib)
{
	struct dirent *e;
	size_t sum = 0;
	DIR *d = opendir("/proc");
	pid_t g;
	long rss;

	if (!d)
		return;
	while ((e = readdir(d)))
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9' &&
		    proc_stat(e->d_name, &g, &rss) && g == s->pgid) {
			sum += (size_t)rss * (size_t)page_kib;
			if ((size_t)rss * (size_t)page_kib > s->max_kib)
				s->max_kib = (size_t)rss * (size_t)page_kib;
		}
	closedir(d);
	if (sum > s->sum_kib)
		s->sum_kib = sum;
}

static void *run(void *arg)
{
	bench_rss *s = arg;
	long page_kib = sysconf(_SC_PAGESIZE) / 1024;
	struct timespec ts = { 0, SAMPLE_NS };

	while (!atomic_load(&s->stop)) {
		sample(s, page_kib);
		nanosleep(&ts, NULL);
	}
	return NULL;
}

int bench_rss_start(bench_rss **out, pid_t pgid, rx_error *err)
{
	bench_rss *s = calloc(1, sizeof(*s));

	if (!s)
		return rx_error_nomem(err);
	s->pgid = pgid;
	if (pthread_create(&s->thread, NULL, run, s) != 0) {
		free(s);
		return rx_error_set(err, RX_EINTERNAL, "cannot start the memory sampler");
	}
	*out = s;
	return 0;
}

void bench_rss_stop(bench_rss *s, size_t *sum_kib, size_t *max_kib)
{
	if (!s)
		return;
	atomic_store(&s->stop, 1);
	pthread_join(s->thread, NULL);
	*sum_kib = s->sum_kib;
	*max_kib = s->max_kib;
	free(s);
}
