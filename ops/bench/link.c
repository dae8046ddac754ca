/* runxin bench: round trips per sync through a counting proxy, and a first sync with the link cut. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/bench/benchInt.h"
#include "ops/server/serverInt.h"

#define CUT_SEED 0x5eedc0deu

static char *url_of(bench_proxy *p, const char *repo)
{
	char *u = malloc(300);

	if (u)
		snprintf(u, 300, "git://127.0.0.1:%d/%s/repo.git", bench_proxy_port(p), repo);
	return u;
}

/* The first student number of the wire school's roster. */
static void first_student(bench *b, char *no, size_t cap)
{
	char path[512], line[512];
	FILE *f;

	snprintf(no, cap, "0");
	snprintf(path, sizeof(path), "%s/wire.0.csv", b->dir);
	if (!(f = fopen(path, "r")))
		return;
	if (fgets(line, sizeof(line), f) && fgets(line, sizeof(line), f))
		snprintf(no, cap, "%.*s", (int)strcspn(line, ","), line);
	fclose(f);
}

static int round_trips(bench *b, bench_proxy *p, rx_error *err)
{
	char *url = url_of(p, "hubrt"), no[64], arg[96];
	bench_trips first;
	int rc;

	if (!url)
		return rx_error_nomem(err);
	first_student(b, no, sizeof(no));
	snprintf(arg, sizeof(arg), "学号=%s", no);
	if ((rc = bench_hub_make(b, "hubrt", err)) < 0 ||
	    (rc = bench_rx(b, NULL, "wire", err, "sync", url, NULL)) < 0)
		goto out;
	bench_proxy_take(p, &first);
	if ((rc = bench_rx(b, NULL, "wire", err, "sync", url, NULL)) < 0)
		goto out;
	bench_proxy_take(p, &b->r.same);
	if ((rc = bench_rx(b, NULL, "wire", err, "add", "home-visit", arg,
		"d=2024-10-08", "m=os", NULL)) < 0 ||
	    (rc = bench_rx(b, NULL, "wire", err, "sync", url, NULL)) < 0)
		goto out;
	bench_proxy_take(p, &b->r.one);
out:
	free(url);
	return rc;
}

/* Trial k: a copy of the school never synced to this hub, cut after cut bytes, then retried. */
static int trial(bench *b, bench_proxy *p, size_t k, size_t cut, size_t *bytes,
	size_t *cs, rx_error *err)
{
	char hub[32], school[32], from[512], to[512], repo[560], *url;
	bench_trips t;
	int rc;

	snprintf(hub, sizeof(hub), "hubcut%zu", k);
	snprintf(school, sizeof(school), "cut%zu", k);
	snprintf(from, sizeof(from), "%s/wire", b->dir);
	snprintf(to, sizeof(to), "%s/%s", b->dir, school);
	if (!(url = url_of(p, hub)))
		return rx_error_nomem(err);
	if ((rc = bench_hub_make(b, hub, err)) < 0 ||
	    (rc = bench_sh(b, err, "/bin/cp", "-a", from, to, NULL)) < 0)
		goto out;
	bench_proxy_take(p, &t);
	bench_proxy_cut(p, cut);
	if (cut)
		(void)bench_rx(b, NULL, school, NULL, "sync", url, NULL); /* fails: cut */
	bench_proxy_cut(p, 0);
	rc = bench_rx(b, NULL, school, err, "sync", url, NULL);
	bench_proxy_take(p, &t);
	*bytes = t.bytes;
	snprintf(repo, sizeof(repo), "%s/%s/repo.git", b->dir, hub);
	*cs = bench_count_cs(repo);
out:
	free(url);
	return rc;
}

static int cut_link(bench *b, bench_proxy *p, rx_error *err)
{
	size_t n = b->o->quick ? 5 : BENCH_CUTS_MAX, bytes, cs, want;
	uint32_t x = CUT_SEED;
	int rc;

	bench_say(b, "cut link: %zu first syncs cut at random points", n);
	if ((rc = trial(b, p, 0, 0, &b->r.cut_uncut, &want, err)) < 0)
		return rc;
	for (size_t k = 1; k <= n; k++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		if ((rc = trial(b, p, k, 1 + x % (b->r.cut_uncut - 1), &bytes, &cs,
			err)) < 0)
			return rc;
		b->r.cuts++;
		b->r.cut_total_sum += bytes;
		if (bytes > b->r.cut_total_max)
			b->r.cut_total_max = bytes;
		if (cs != want)
			b->r.cut_failed++;
	}
	return 0;
}

int bench_link_run(bench *b, rx_error *err)
{
	rx_ops_server *srv = NULL;
	bench_proxy *p = NULL;
	int rc;

	bench_say(b, "round trips: syncs through a counting proxy");
	if ((rc = rx_ops_server_start(&srv, RX_OPS_SERVER_GIT_DAEMON, b->dir, err)) < 0 ||
	    (rc = bench_proxy_start(&p, rx_ops_server_port(srv), err)) < 0 ||
	    (rc = round_trips(b, p, err)) < 0 ||
	    (rc = bench_hubsize_run(b, p, err)) < 0)
		goto out;
	rc = cut_link(b, p, err);
out:
	bench_proxy_stop(p);
	rx_ops_server_stop(srv);
	return rc;
}
