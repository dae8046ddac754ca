/* runxin bench: every headline figure in one run, in a temp dir that is removed afterwards. */
#include <git2.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/bench/benchInt.h"
#include "sync/changeset.h"
#include "ops/server/serverInt.h"
#include "ops/util/util.h"

/* Full run: a county of 50 schools x 1,000 students; scale 10 / 100 / 1,000 schools x 100. */
static const size_t full_scale[] = { 10, 100, 1000 };
static const size_t quick_scale[] = { 10, 100 };

static int setup(bench *b, const rx_ops_bench_opts *o, rx_error *err)
{
	const char *tmp = getenv("TMPDIR");
	char tmpl[512], log[600];

	b->o = o;
	b->county_schools = o->quick ? 5 : 50;
	b->students = o->quick ? 100 : 1000;
	b->nscale = o->quick ? 2 : 3;
	memcpy(b->scale, o->quick ? quick_scale : full_scale, b->nscale * sizeof(size_t));
	b->scale_students = o->quick ? 20 : 100;
	snprintf(tmpl, sizeof(tmpl), "%s/runxin-bench.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!(b->exe = rx_ops_self_exe()))
		return rx_error_set(err, RX_EINTERNAL, "cannot find this program");
	if (!mkdtemp(tmpl) || !(b->dir = strdup(tmpl)))
		return rx_error_set(err, RX_EINTERNAL, "cannot create a temp dir in %s",
			tmp && *tmp ? tmp : "/tmp");
	snprintf(log, sizeof(log), "%s.log", b->dir);
	if (!(b->log = strdup(log)))
		return rx_error_nomem(err);
	setenv("RUNXIN_PASSPHRASE", "runxin-bench-测试口令", 1); /* throwaway bench homes only */
	setenv("RUNXIN_TEST_WEAK_KDF", "1", 1); /* throwaway homes: test-strength keystores */
	return 0;
}

static int run_all(bench *b, rx_error *err)
{
	int rc;

	if (!b->o->unlock_sign)
		return rx_error_set(err, RX_EUSAGE, "bench needs an unlock hook");
	bench_say(b, "city and county in %s (children's stderr: %s)", b->dir, b->log);
	if ((rc = bench_node(b, "city", "city", NULL, err)) < 0 ||
	    (rc = bench_node(b, "county", "county", "city", err)) < 0 ||
	    (rc = bench_wire_run(b, err)) < 0 ||
	    (rc = bench_ingest_run(b, err)) < 0 ||
	    (rc = bench_link_run(b, err)) < 0)
		return rc;
	return bench_slow_run(b, err);
}

int rx_ops_bench(const rx_ops_bench_opts *o, rx_error *err)
{
	bench b = { 0 };
	int rc;

	if (sodium_init() < 0)
		return rx_error_set(err, RX_EINTERNAL, "libsodium failed to start");
	rx_sync_git_init();
	if ((rc = setup(&b, o, err)) == 0 && (rc = run_all(&b, err)) == 0)
		bench_report(&b, o->out ? o->out : stdout, o->json);
	if (b.dir && rc == 0) {
		rx_ops_rmtree(b.dir);
		remove(b.log);
	} else if (b.dir) {
		fprintf(stderr, "runxin bench: kept %s and %s for a look\n", b.dir, b.log);
	}
	free(b.exe), free(b.dir), free(b.log);
	git_libgit2_shutdown();
	return rc;
}
