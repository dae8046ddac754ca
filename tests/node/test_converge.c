/*
 * Property test: three devices of one school edit the same records while
 * disconnected, then sync in random orders and random batch sizes through a
 * county hub and a USB repo; at the end every device's state is identical.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ops/archive/archive.h"
#include "sync/remote.h"
#include "sync/transport.h"
#include "tests/harness.h"
#include "tests/node/school3.h"

#define DEVICES 3

static rx_archive *dev[DEVICES];
static rx_home *home[DEVICES];
static uint64_t rng;

static uint64_t next(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void random_edit(int d)
{
	static const char *fields[] = { "nm", "gd", "lv", "cl" };
	rx_sync_op ops[8];
	char ids[8][16], vals[8][16];
	size_t n = 1 + next() % 8;
	rx_error err = { 0 };

	for (size_t i = 0; i < n; i++) {
		memset(&ops[i], 0, sizeof(ops[i]));
		snprintf(ids[i], sizeof(ids[i]), "%u", (unsigned)(1000 + next() % 6));
		snprintf(vals[i], sizeof(vals[i]), "v%u", (unsigned)(next() % 1000));
		ops[i].kind = "st";
		ops[i].id = ids[i];
		ops[i].field = fields[next() % 4];
		ops[i].value = (const uint8_t *)vals[i];
		ops[i].value_len = strlen(vals[i]);
		if (next() % 10 == 0)
			ops[i].tombstone = 1;
		if (next() % 20 == 0)
			ops[i].field = "*", ops[i].tombstone = 1;
	}
	if (rx_archive_write(dev[d], ops, n, &err) < 0) {
		fprintf(stderr, "write: %s\n", err.msg);
		CHECK(0);
	}
}

static int sync_dev(int d, const char *target, size_t batch)
{
	rx_sync_opts so = { 0 };
	rx_sync_report rep = { 0 };
	rx_error err = { 0 };
	char url[400];
	int rc;

	snprintf(url, sizeof(url), "%s/%s", dir, target);
	so.repo = dev[d]->repo;
	so.db = home[d]->db;
	memcpy(so.self, home[d]->node, sizeof(so.self));
	so.role = home[d]->role;
	so.batch_bytes = batch;
	so.now = (int64_t)time(NULL);
	rx_archive_sync_hook(dev[d], &so);
	/* the USB stick is made on first use, as `remote add --create` does */
	if ((rc = rx_sync_url_prepare_local(url, 1, &err)) == 0)
		rc = rx_sync_run(&so, url, &rep, &err);
	if (rc < 0)
		fprintf(stderr, "sync d%d %s: %s %s\n", d, target, err.msg,
			rep.refused.len ? (char *)rep.refused.data : "");
	rx_sync_report_free(&rep);
	return rc;
}

static void check_converged(int c)
{
	rx_buf dump[DEVICES] = { RX_BUF_INIT, RX_BUF_INIT, RX_BUF_INIT };
	rx_error err = { 0 };

	for (int d = 0; d < DEVICES; d++)
		CHECK_EQ(rx_sync_store_dump(dev[d]->st, &dump[d], &err), 0);
	for (int d = 1; d < DEVICES; d++)
		if (dump[d].len != dump[0].len ||
		    memcmp(dump[d].data, dump[0].data, dump[0].len) != 0) {
			fprintf(stderr, "case %d: device %d differs (seed %llu)\n", c, d,
				(unsigned long long)rng);
			CHECK(0);
		}
	for (int d = 0; d < DEVICES; d++)
		rx_buf_free(&dump[d]);
}

static void one_case(int c)
{
	static const char *targets[] = { "county/repo.git", "usb.git" };
	int steps = 2 + (int)(next() % 10);

	for (int s = 0; s < steps; s++) {
		int d = (int)(next() % DEVICES);
		if (next() % 3)
			random_edit(d);
		else
			CHECK_EQ(sync_dev(d, targets[next() % 2], 1024 + next() % 8192), 0);
	}
	/* everyone meets at the hub twice: all push, then all pull */
	for (int round = 0; round < 2; round++)
		for (int d = 0; d < DEVICES; d++)
			CHECK_EQ(sync_dev(d, "county/repo.git", 0), 0);
	check_converged(c);
}

static void test_convergence(void)
{
	rx_error err = { 0 };
	int cases = getenv("RX_CASES") ? atoi(getenv("RX_CASES")) : 200;

	REQUIRE(school3_enrol("usb.git") == 0);
	REQUIRE(school3_open(home, dev, &err) == 0);
	for (int c = 0; c < cases && !rx_test_failures; c++)
		one_case(c);
	printf("%d cases, seed %s\n", cases, getenv("RX_TEST_SEED") ? getenv("RX_TEST_SEED") : "default");
	CHECK_EQ(sh("git -C county/repo.git fsck --strict --no-dangling >/dev/null 2>&1"), 0);
	CHECK_EQ(sh("for d in d0 d1 d2; do git -C $d/repo.git fsck --strict --no-dangling >/dev/null 2>&1 || exit 1; done"), 0);
	CHECK_EQ(sh("\"$RUNXIN\" -C school allowed-signers >allowed && cd d0/repo.git && "
		"for c in $(git rev-list --all); do git -c gpg.format=ssh -c gpg.ssh.allowedSignersFile=../../allowed "
		"verify-commit $c >/dev/null 2>&1 || exit 1; done"), 0);
	for (int d = 0; d < DEVICES; d++) {
		rx_archive_close(dev[d]);
		rx_home_close(home[d]);
	}
}

int main(void)
{
	const char *seed = getenv("RX_TEST_SEED");

	rng = seed ? strtoull(seed, NULL, 10) : 20261123;
	setenv("RUNXIN_PASSPHRASE", "converge-test", 1);
	if (school3_dir("conv") < 0)
		return 1;
	git_libgit2_init();
	RUN(test_convergence);
	if (!rx_test_failures)
		sh("cd / && rm -rf \"$OLDPWD\"");
	else
		fprintf(stderr, "kept %s\n", dir);
	git_libgit2_shutdown();
	return rx_test_done();
}
