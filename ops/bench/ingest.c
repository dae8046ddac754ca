/* runxin bench: hub ingest over git daemon with the hub hook, its memory, the verify rate, and how they scale. */
#include <git2.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops/bench/benchInt.h"
#include "ops/server/serverInt.h"
#include "sync/verify.h"

/* The installed hook, wrapped to log when each push's verification ran. */
static int wrap_hook(bench *b, const char *hub, rx_error *err)
{
	rx_buf s = RX_BUF_INIT;
	char name[200], home[512];
	int rc;

	snprintf(home, sizeof(home), "%s/%s", b->dir, hub);
	snprintf(name, sizeof(name), "%s/repo.git/hooks/pre-receive", hub);
	if ((rc = rx_buf_printf(&s, err, "#!/bin/sh\ns=$(date +%%s%%N)\n'%s' -C '%s' "
		"hub-hook\nrc=$?\necho \"$s $(date +%%s%%N)\" >>'%s/hook-times'\n"
		"exit $rc\n", b->exe, home, home)) == 0)
		rc = bench_put(b, name, &s, err);
	rx_buf_free(&s);
	return rc;
}

static void hook_times(bench_ingest *in, const char *dir, const char *hub)
{
	char path[512];
	long long s, e;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/hook-times", dir, hub);
	if (!(f = fopen(path, "r")))
		return;
	while (fscanf(f, "%lld %lld", &s, &e) == 2) {
		in->hook_secs += (double)(e - s) / 1e9;
		in->pushes++;
	}
	fclose(f);
}

size_t bench_count_cs(const char *repo_path)
{
	git_repository *repo = NULL;
	git_revwalk *w = NULL;
	git_oid id;
	size_t n = 0;

	if (git_repository_open_bare(&repo, repo_path) == 0 &&
	    git_revwalk_new(&w, repo) == 0 &&
	    git_revwalk_push_glob(w, "refs/runxin/nodes/*") == 0)
		while (git_revwalk_next(&id, w) == 0)
			n++;
	git_revwalk_free(w);
	git_repository_free(repo);
	return n;
}

int bench_hub_make(bench *b, const char *hub, rx_error *err)
{
	char from[512], to[512];
	int rc;

	snprintf(from, sizeof(from), "%s/county", b->dir);
	snprintf(to, sizeof(to), "%s/%s", b->dir, hub);
	if ((rc = bench_sh(b, err, "/bin/cp", "-a", from, to, NULL)) < 0 ||
	    (rc = bench_rx(b, NULL, hub, err, "hub-hook", "--install", NULL)) < 0)
		return rc;
	return wrap_hook(b, hub, err);
}

/* Fleet schools first..first+n-1 sync one after another to a fresh hub over git daemon. */
static int ingest(bench *b, rx_ops_server *srv, const char *hub, size_t first,
	size_t n, bench_ingest *in, rx_error *err)
{
	char repo[200], path[512], *url = NULL;
	bench_rss *rss = NULL;
	double t0;
	int rc;

	snprintf(repo, sizeof(repo), "%s/repo.git", hub);
	if ((rc = bench_hub_make(b, hub, err)) < 0)
		return rc;
	if (!(url = rx_ops_server_url(srv, repo)))
		return rx_error_nomem(err);
	if ((rc = bench_rss_start(&rss, srv->pid, err)) < 0)
		goto out;
	memset(in, 0, sizeof(*in));
	t0 = bench_now();
	for (size_t i = first; i < first + n && rc == 0; i++) {
		rc = bench_fleet_sync(b, &b->fleet, i, url, err);
		in->field_ops += b->fleet.s[i].field_ops;
		if (rc == 0 && n >= 100 && (i - first + 1) % (n / 4) == 0)
			bench_say(b, "  %zu of %zu schools synced", i - first + 1, n);
	}
	in->secs = bench_now() - t0;
	bench_rss_stop(rss, &in->rss_sum_kib, &in->rss_max_kib);
	in->schools = n;
	in->students = b->fleet.s[first].students;
	snprintf(path, sizeof(path), "%s/%s", b->dir, repo);
	in->changesets = bench_count_cs(path);
	hook_times(in, b->dir, hub);
out:
	free(url);
	return rc;
}

static int count_cs(void *ctx, const rx_cs *cs, rx_error *err)
{
	(void)cs, (void)err;
	(*(size_t *)ctx)++;
	return 0;
}

/* Verify every node branch the hub holds, in this process, from its first change-set. */
static int verify_all(bench *b, const char *hub, rx_error *err)
{
	char path[512];
	git_repository *repo = NULL;
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	sqlite3 *db = NULL;
	rx_sync_verify_opts v = { 0 };
	double t0;
	int rc = 0;

	snprintf(path, sizeof(path), "%s/%s/node.db", b->dir, hub);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		rc = rx_error_set(err, RX_EINTERNAL, "cannot open %s", path);
		goto out;
	}
	snprintf(path, sizeof(path), "%s/%s/repo.git", b->dir, hub);
	if (git_repository_open_bare(&repo, path) < 0 ||
	    git_reference_iterator_glob_new(&it, repo, "refs/runxin/nodes/*") < 0) {
		rc = rx_error_set(err, RX_EINTERNAL, "cannot read %s", path);
		goto out;
	}
	v.repo = repo, v.db = db, v.now = (int64_t)time(NULL);
	v.fn = count_cs, v.ctx = &b->r.verify_cs;
	t0 = bench_now();
	while (rc == 0 && git_reference_next(&ref, it) == 0) {
		rc = rx_sync_verify_update(&v, git_reference_name(ref), NULL,
			git_reference_target(ref), NULL, NULL, err);
		git_reference_free(ref);
	}
	b->r.verify_secs = bench_now() - t0;
out:
	git_reference_iterator_free(it);
	git_repository_free(repo);
	sqlite3_close(db);
	return rc;
}

/* Enrol every fleet school, then write the county's schools' and the scale schools' years. */
static int make_fleet(bench *b, rx_error *err)
{
	size_t nc = b->county_schools, ns = b->scale[b->nscale - 1];
	int rc;

	bench_say(b, "the county enrols %zu schools in process", nc + ns);
	if ((rc = bench_fleet_enrol(b, &b->fleet, nc + ns, err)) < 0)
		return rc;
	bench_say(b, "years of %zu schools x %zu students and %zu x %zu students",
		nc, b->students, ns, b->scale_students);
	for (size_t i = 0; i < nc + ns && rc == 0; i++)
		rc = bench_fleet_year(b, &b->fleet, i, i < nc ? b->students :
			b->scale_students, err);
	return rc;
}

int bench_ingest_run(bench *b, rx_error *err)
{
	rx_ops_server *srv = NULL;
	char hub[32];
	int rc;

	if ((rc = make_fleet(b, err)) < 0 ||
	    (rc = rx_ops_server_start(&srv, RX_OPS_SERVER_GIT_DAEMON, b->dir, err)) < 0)
		goto out;
	bench_say(b, "hub ingest: %zu schools x %zu students sync to a hub over git "
		"daemon", b->county_schools, b->students);
	if ((rc = ingest(b, srv, "hubcounty", 0, b->county_schools, &b->r.county,
		err)) < 0 || (rc = verify_all(b, "hubcounty", err)) < 0)
		goto out;
	for (size_t k = 0; k < b->nscale && rc == 0; k++) {
		snprintf(hub, sizeof(hub), "hub%zu", b->scale[k]);
		bench_say(b, "scale: %zu schools x %zu students sync to a fresh hub",
			b->scale[k], b->scale_students);
		rc = ingest(b, srv, hub, b->county_schools, b->scale[k],
			&b->r.scale[k], err);
		b->r.nscale = k + 1;
	}
out:
	rx_ops_server_stop(srv);
	bench_fleet_free(&b->fleet);
	return rc;
}
