/* runxin bench: what a school's sync with nothing changed costs against hubs of 10, 200 and 2,000 schools, with and without views. */
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/bench/benchInt.h"
#include "sync/changeset.h"

static const size_t sizes[BENCH_HUBSIZE_MAX] = { 10, 200, 2000 };
#define BRANCHES_PER_SCHOOL 3 /* a school and two devices, as a county holds them */

/* n schools' worth of node branches at the hub, all at one commit (their names are what the advertisement costs). */
static int fill(bench *b, const char *hub, size_t schools, rx_error *err)
{
	git_repository *repo = NULL;
	git_reference_iterator *it = NULL;
	git_reference *r = NULL;
	git_oid tip;
	char path[600], ref[64];
	uint64_t x = 0x9e3779b97f4a7c15ull;
	int rc = 0;

	snprintf(path, sizeof(path), "%s/%s/repo.git", b->dir, hub);
	if (git_repository_open_bare(&repo, path) < 0 ||
	    git_reference_iterator_glob_new(&it, repo, "refs/runxin/dir/*") < 0 ||
	    git_reference_next(&r, it) < 0) {
		rc = rx_error_set(err, RX_EINTERNAL, "no branch at the bench hub");
		goto out;
	}
	git_oid_cpy(&tip, git_reference_target(r));
	git_reference_free(r);
	for (size_t i = 0; i < schools * BRANCHES_PER_SCHOOL && rc == 0; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		snprintf(ref, sizeof(ref), "refs/runxin/nodes/%016llx", (unsigned long long)x);
		r = NULL;
		if (git_reference_create(&r, repo, ref, &tip, 1, "bench") < 0)
			rc = rx_sync_git_error(err, RX_EINTERNAL, "filling the bench hub");
		git_reference_free(r);
	}
out:
	git_reference_iterator_free(it);
	git_repository_free(repo);
	if (rc == 0)
		rc = bench_sh(b, err, "/usr/bin/git", "--git-dir", path, "pack-refs", "--all", NULL);
	return rc;
}

static int one_size(bench *b, bench_proxy *p, size_t k, rx_error *err)
{
	bench_hubsize *h = &b->r.hubsize[k];
	char hub[32], url[300], views[600];
	bench_trips t;
	int rc;

	h->schools = sizes[k];
	h->branches = sizes[k] * BRANCHES_PER_SCHOOL;
	snprintf(hub, sizeof(hub), "hubsize%zu", k);
	snprintf(url, sizeof(url), "git://127.0.0.1:%d/%s/repo.git", bench_proxy_port(p), hub);
	snprintf(views, sizeof(views), "%s/%s/repo.git/views", b->dir, hub);
	if ((rc = bench_hub_make(b, hub, err)) < 0 ||
	    (rc = fill(b, hub, sizes[k], err)) < 0 ||
	    (rc = bench_rx(b, NULL, "wire", err, "sync", url, NULL)) < 0)
		return rc;
	bench_proxy_take(p, &t);
	if ((rc = bench_rx(b, NULL, "wire", err, "sync", url, NULL)) < 0)
		return rc;
	bench_proxy_take(p, &h->view);
	/* the same hub without views: the whole repository's advertisement (before views) */
	if ((rc = bench_sh(b, err, "/bin/rm", "-rf", views, NULL)) < 0 ||
	    (rc = bench_rx(b, NULL, "wire", err, "sync", url, NULL)) < 0)
		return rc;
	bench_proxy_take(p, &h->whole);
	return 0;
}

int bench_hubsize_run(bench *b, bench_proxy *p, rx_error *err)
{
	int rc = 0;

	b->r.nhubsize = BENCH_HUBSIZE_MAX; /* branches only: cheap even in --quick */
	for (size_t k = 0; k < b->r.nhubsize && rc == 0; k++) {
		bench_say(b, "hub size: nothing changed against %zu schools", sizes[k]);
		rc = one_size(b, p, k, err);
	}
	return rc;
}
