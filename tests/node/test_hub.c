/*
 * A county hub with its pre-receive hook, served by real git daemon,
 * lighttpd + http-backend and sshd on 127.0.0.1: schools and a device sync
 * end to end through it, stock git pushes of forged, rewound or misplaced
 * commits are refused at the door, the exit codes and progress follow the
 * contract, and a checkpoint becomes a receipt in the school's status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ops/server/server.h"
#include "tests/forge.h"
#include "tests/harness.h"
#include "tests/node/hubtest.h"

static char id_s1[64], id_s2[64], id_city[64];
static int roster_no;

static void node_id(const char *home, char *out)
{
	char file[64];

	snprintf(file, sizeof(file), "%s.id", home);
	sh("sqlite3 %s/node.db \"SELECT value FROM settings WHERE key = 'self.node'\" >%s",
		home, file);
	first_line(file, out, 64);
}

/* A new change-set of school/device `home`: a roster of n students PREFIX0001... */
static int change(const char *home, const char *prefix, int n)
{
	char file[64];

	snprintf(file, sizeof(file), "roster%d.csv", ++roster_no);
	if (hub_roster(file, prefix, n, roster_no) != 0)
		return -1;
	return sh("$R -C %s import roster %s >/dev/null", home, file);
}

static int hub_clean(void)
{
	return sh("git --git-dir=county/repo.git fsck --strict >fsck.out 2>&1 && "
		"$R -C county allowed-signers >as && n=0 && "
		"for c in $(git --git-dir=county/repo.git rev-list --all); do "
		"git --git-dir=county/repo.git -c gpg.ssh.allowedSignersFile=\"$PWD/as\" "
		"verify-commit $c 2>/dev/null || exit 1; n=$((n + 1)); done && "
		"echo $n >verified.n && [ $n -gt 0 ]");
}

/* Schools push, the device gets its school's change-sets and sends its own back. */
static void round_trip(const char *url, const char *tag)
{
	char p1[16], p2[16], pd[16];

	snprintf(p1, sizeof(p1), "%sA", tag);
	snprintf(p2, sizeof(p2), "%sB", tag);
	snprintf(pd, sizeof(pd), "%sD", tag);
	REQUIRE(change("s1", p1, 30) == 0 && change("s2", p2, 30) == 0);
	CHECK_EQ(sh("$R -C s1 sync %s >out 2>err", url), 0);
	CHECK_EQ(sh("$R -C s2 sync %s >out 2>err", url), 0);
	CHECK_EQ(sh("$R -C d1 sync %s >out 2>err", url), 0);
	CHECK_EQ(sh("$R -C d1 list student | grep -q '%s0030'", p1), 0);
	CHECK(sh("$R -C d1 list student | grep -q '%s0001'", p2) != 0);
	REQUIRE(change("d1", pd, 5) == 0);
	CHECK_EQ(sh("$R -C d1 sync %s >out 2>err", url), 0);
	CHECK_EQ(sh("$R -C s1 sync %s >out 2>err", url), 0);
	CHECK_EQ(sh("$R -C s1 list student | grep -q '%s0005'", pd), 0);
	/* list writes an access-log change-set: one more sync to hand it on */
	CHECK_EQ(sh("$R -C s1 sync %s >out 2>err", url), 0);
	CHECK_EQ(sh("[ \"$(git --git-dir=county/repo.git rev-parse refs/runxin/nodes/%s)\" = "
		"\"$(git --git-dir=s1/repo.git rev-parse refs/runxin/nodes/%s)\" ]", id_s1, id_s1), 0);
	CHECK_EQ(hub_clean(), 0);
}

/* The server of the running test; main stops it after each test, also after a REQUIRE. */
static rx_ops_server *live;

static int serve(rx_ops_server **srv, rx_ops_server_kind kind, char *url, size_t cap)
{
	rx_error err = { 0 };
	char root[300], *u;

	snprintf(root, sizeof(root), "%s/county", hub_dir);
	if (rx_ops_server_start(srv, kind, root, &err) < 0) {
		fprintf(stderr, "server: %s\n", err.msg);
		return -1;
	}
	live = *srv;
	if (!(u = rx_ops_server_url(*srv, "repo.git")))
		return -1;
	snprintf(url, cap, "%s", u);
	free(u);
	return 0;
}

/* A stock git push of `spec` into the hub: refused, refs unchanged, reason printed. */
static void refused_push(const char *url, const char *spec, const char *reason)
{
	CHECK_EQ(sh("git --git-dir=county/repo.git for-each-ref >refs.before"), 0);
	CHECK(sh("git --git-dir=w push -f %s %s >push.out 2>push.err", url, spec) != 0);
	CHECK_EQ(sh("git --git-dir=county/repo.git for-each-ref | cmp -s - refs.before"), 0);
	CHECK(has("push.err", "runxin: refused"));
	CHECK(has("push.err", reason));
	if (!has("push.err", reason))
		sh("cat push.err >&2");
}

/* A change-set like `tip` with its payload swapped (signature kept): its hex id in out. */
static int forged(char *out, const char *tip)
{
	git_repository *r = NULL;
	git_oid orig, f;
	char path[300];
	int rc = -1;

	snprintf(path, sizeof(path), "%s/w", hub_dir);
	if (git_repository_open_bare(&r, path) == 0 && git_oid_fromstr(&orig, tip) == 0 &&
	    forge_entry(&f, r, &orig, "payload", (const uint8_t *)"not the payload", 15) == 0) {
		git_oid_tostr(out, GIT_OID_HEXSZ + 1, &f);
		rc = 0;
	}
	git_repository_free(r);
	return rc;
}

static void stock_refusals(const char *url)
{
	char tip[64], spec[256], forge[GIT_OID_HEXSZ + 1];

	/* a new genuine change-set of s1, copied to a scratch repo, not yet at the hub */
	REQUIRE(change("s1", "F", 3) == 0);
	REQUIRE(sh("rm -rf w && git init -q --bare w && git --git-dir=w fetch -q "
		"\"$PWD/s1/repo.git\" '+refs/runxin/*:refs/runxin/*' && "
		"git --git-dir=w rev-parse refs/runxin/nodes/%s >tip", id_s1) == 0);
	first_line("tip", tip, sizeof(tip));
	REQUIRE(forged(forge, tip) == 0);
	snprintf(spec, sizeof(spec), "%s:refs/runxin/nodes/%s", forge, id_s1);
	refused_push(url, spec, "does not match");
	REQUIRE(sh("git --git-dir=w commit-tree -p %s^ -m hand %s^{tree} >hand", tip, tip) == 0);
	first_line("hand", forge, sizeof(forge));
	snprintf(spec, sizeof(spec), "%s:refs/runxin/nodes/%s", forge, id_s1);
	refused_push(url, spec, "does not match its meta");
	snprintf(spec, sizeof(spec), "%s^^:refs/runxin/nodes/%s", tip, id_s1);
	refused_push(url, spec, "fast-forward");
	snprintf(spec, sizeof(spec), "%s:refs/runxin/nodes/%s", tip, id_city);
	refused_push(url, spec, "written by");
	snprintf(spec, sizeof(spec), "%s:refs/heads/main", tip);
	refused_push(url, spec, "not a runxin branch");
	/* the genuine change-set still goes through */
	CHECK_EQ(sh("git --git-dir=w push -q %s %s:refs/runxin/nodes/%s 2>push.err",
		url, tip, id_s1), 0);
	CHECK_EQ(hub_clean(), 0);
}

static void test_git_daemon(void)
{
	rx_ops_server *srv = NULL;
	char url[600];

	REQUIRE(serve(&srv, RX_OPS_SERVER_GIT_DAEMON, url, sizeof(url)) == 0);
	round_trip(url, "G");
	stock_refusals(url);
}

static void test_http(void)
{
	rx_ops_server *srv = NULL;
	char url[600], spec[200];

	if (access("/usr/sbin/lighttpd", X_OK) != 0) {
		printf("skipped: lighttpd is not installed\n");
		return;
	}
	REQUIRE(serve(&srv, RX_OPS_SERVER_HTTP, url, sizeof(url)) == 0);
	round_trip(url, "H");
	REQUIRE(sh("git --git-dir=w rev-parse refs/runxin/nodes/%s >tip", id_s1) == 0);
	snprintf(spec, sizeof(spec), "refs/runxin/nodes/%s:refs/runxin/nodes/%s", id_s1, id_city);
	refused_push(url, spec, "written by");
}

/* s1 syncs over ssh with its key in HOME/ssh and the host key pinned by `remote add`. */
static int ssh_sync(const char *url, const char *pin)
{
	if (sh("$R -C s1 remote add hub '%s' --host-key '%s' >/dev/null", url, pin) != 0)
		return -1;
	/* libgit2 1.5's ssh transport leaks where no suppression can name it */
	return sh("ASAN_OPTIONS=detect_leaks=0 $R -C s1 sync hub >out 2>err");
}

static void test_ssh(void)
{
	rx_ops_server *srv = NULL;
	char url[600], other[200];

	if (access("/usr/sbin/sshd", X_OK) != 0) {
		printf("skipped: sshd is not installed\n");
		return;
	}
	REQUIRE(serve(&srv, RX_OPS_SERVER_SSH, url, sizeof(url)) == 0);
	REQUIRE(sh("mkdir -p s1/ssh && cp '%s' s1/ssh/id_ed25519 && cp '%s.pub' "
		"s1/ssh/id_ed25519.pub", rx_ops_server_ssh_key(srv),
		rx_ops_server_ssh_key(srv)) == 0);
	REQUIRE(change("s1", "S", 4) == 0);
	CHECK_EQ(ssh_sync(url, rx_ops_server_host_key(srv)), 0);
	CHECK_EQ(sh("[ \"$(git --git-dir=county/repo.git rev-parse refs/runxin/nodes/%s)\" = "
		"\"$(git --git-dir=s1/repo.git rev-parse refs/runxin/nodes/%s)\" ]", id_s1, id_s1), 0);
	/* a wrong pin: the client's own key stands in for another host's */
	REQUIRE(sh("cat s1/ssh/id_ed25519.pub >otherkey") == 0);
	first_line("otherkey", other, sizeof(other));
	REQUIRE(change("s1", "T", 2) == 0);
	CHECK_EQ(ssh_sync(url, other), 3);
	CHECK(has("err", "does not match the pinned key"));
	CHECK_EQ(sh("git --git-dir=county/repo.git rev-parse refs/runxin/nodes/%s >hubtip && "
		"[ \"$(cat hubtip)\" != \"$(git --git-dir=s1/repo.git rev-parse "
		"refs/runxin/nodes/%s)\" ]", id_s1, id_s1), 0);
	CHECK_EQ(ssh_sync(url, rx_ops_server_host_key(srv)), 0);
	CHECK(sh("$R -C s1 remote add hub '%s' --host-key 'not a key' 2>/dev/null", url) == 1);
	sh("sqlite3 s1/node.db \"DELETE FROM settings WHERE key LIKE '%%hub'\"");
}

static void test_exit_codes(void)
{
	rx_ops_server *srv = NULL;
	char url[600], deny[600], tip[64], forge[GIT_OID_HEXSZ + 1];

	/* nothing listens on port 1 of 127.0.0.1 */
	CHECK_EQ(sh("LSAN_OPTIONS=\"${LSAN_OPTIONS:-}:print_suppressions=0\" "
		"$R -C s1 sync git://127.0.0.1:1/repo.git >out 2>err"), 4);
	CHECK_EQ(sh("[ ! -s out ] && [ \"$(wc -l <err)\" = 1 ] && grep -q 'cannot reach' err"), 0);
	/* a hub that refuses every push: 3, naming the branch and the hub's reason */
	REQUIRE(sh("git init -q --bare county/deny.git && printf '#!/bin/sh\\n"
		"echo closed for the holidays >&2\\nexit 1\\n' >county/deny.git/hooks/pre-receive && "
		"chmod +x county/deny.git/hooks/pre-receive && "
		"git --git-dir=county/deny.git config daemon.receivepack true") == 0);
	REQUIRE(serve(&srv, RX_OPS_SERVER_GIT_DAEMON, url, sizeof(url)) == 0);
	snprintf(deny, sizeof(deny), "%.*sdeny.git", (int)(strlen(url) - 8), url);
	CHECK_EQ(sh("$R -C s1 sync %s >out 2>err", deny), 3);
	CHECK(has("err", id_s1));
	CHECK(has("err", "refused"));
	/* a forged change-set offered by a remote: 3, with the node and the reason */
	REQUIRE(change("s1", "X", 2) == 0);
	REQUIRE(sh("git --git-dir=w fetch -q \"$PWD/s1/repo.git\" '+refs/runxin/*:refs/runxin/*' && "
		"git --git-dir=w rev-parse refs/runxin/nodes/%s >tip", id_s1) == 0);
	first_line("tip", tip, sizeof(tip));
	REQUIRE(forged(forge, tip) == 0);
	REQUIRE(sh("git init -q --bare forged.git && git --git-dir=w push -q "
		"\"$PWD/forged.git\" %s:refs/runxin/nodes/%s 2>/dev/null", forge, id_s1) == 0);
	CHECK_EQ(sh("$R -C d1 sync forged.git >out 2>forged.err"), 3);
	CHECK(has("forged.err", id_s1));
	CHECK(has("forged.err", "does not match"));
	CHECK_EQ(sh("$R -C d1 list student | grep -q X0001"), 1);
	/* progress on a terminal only */
	REQUIRE(change("s1", "P", 3) == 0);
	CHECK_EQ(sh("$R -C s1 sync %s >plain.out 2>&1", url), 0);
	CHECK(!has("plain.out", "发送 push"));
	REQUIRE(change("s1", "Q", 3) == 0);
	CHECK_EQ(sh("script -q -e -c \"$R -C s1 sync %s\" /dev/null >tty.out 2>&1 </dev/null",
		url), 0);
	CHECK(has("tty.out", "发送 push"));
}

/*
 * One push carries a good branch and a forged one: the hook refuses the whole
 * push, sync pushes each branch again alone, the good one lands, and the
 * hook's own reason reaches the user.
 */
static void test_mixed_batch(void)
{
	rx_ops_server *srv = NULL;
	char url[600], tip[64], forge[GIT_OID_HEXSZ + 1];

	REQUIRE(serve(&srv, RX_OPS_SERVER_GIT_DAEMON, url, sizeof(url)) == 0);
	REQUIRE(sh("$R -C s1 sync %s >/dev/null 2>&1 && $R -C s2 sync %s >/dev/null 2>&1",
		url, url) == 0);
	REQUIRE(change("s1", "M", 2) == 0 && change("s2", "N", 2) == 0);
	/* s2 comes to hold a forged copy of s1's newest change-set */
	REQUIRE(sh("git --git-dir=w fetch -q \"$PWD/s1/repo.git\" '+refs/runxin/*:refs/runxin/*' && "
		"git --git-dir=w rev-parse refs/runxin/nodes/%s >tip", id_s1) == 0);
	first_line("tip", tip, sizeof(tip));
	REQUIRE(forged(forge, tip) == 0);
	REQUIRE(sh("git --git-dir=s2/repo.git fetch -q \"$PWD/w\" %s && "
		"git --git-dir=s2/repo.git update-ref refs/runxin/nodes/%s %s",
		forge, id_s1, forge) == 0);
	/* s2's view holds only s2's branches: the forged s1 branch is not even offered */
	CHECK_EQ(sh("$R -C s2 sync %s >mixed.out 2>mixed.err", url), 0);
	CHECK(sh("git --git-dir=county/repo.git rev-parse refs/runxin/nodes/%s | grep -q %s",
		id_s1, forge) != 0);
	/* against a hub without views (an older hub) the whole repository is used */
	REQUIRE(change("s2", "O", 2) == 0);
	REQUIRE(sh("rm -rf county/repo.git/views") == 0);
	CHECK_EQ(sh("$R -C s2 sync %s >mixed.out 2>mixed.err", url), 3);
	CHECK(has("mixed.err", id_s1));
	CHECK(has("mixed.err", "does not match"));
	CHECK_EQ(sh("test \"$(git --git-dir=county/repo.git rev-parse refs/runxin/nodes/%s)\" = "
		"\"$(git --git-dir=s2/repo.git rev-parse refs/runxin/nodes/%s)\"", id_s2, id_s2), 0);
	CHECK(sh("git --git-dir=county/repo.git rev-parse refs/runxin/nodes/%s | grep -q %s",
		id_s1, forge) != 0);
	CHECK_EQ(sh("git --git-dir=s2/repo.git update-ref -d refs/runxin/nodes/%s", id_s1), 0);
	CHECK_EQ(hub_clean(), 0);
}

static void test_receipt(void)
{
	rx_ops_server *srv = NULL;
	char url[600];

	REQUIRE(serve(&srv, RX_OPS_SERVER_GIT_DAEMON, url, sizeof(url)) == 0);
	CHECK_EQ(sh("$R -C s1 sync %s >out 2>err", url), 0);
	CHECK_EQ(sh("$R -C s1 status >status.out"), 0);
	CHECK(!has("status.out", "safe at"));
	CHECK_EQ(sh("$R -C county checkpoint >out 2>err"), 0);
	CHECK_EQ(sh("$R -C s1 sync %s >out 2>err", url), 0);
	CHECK_EQ(sh("$R -C s1 status >status.out"), 0);
	CHECK(has("status.out", "receipt: safe at 宝应县 as of "));
	REQUIRE(change("s1", "R", 2) == 0);
	CHECK_EQ(sh("$R -C s1 status >status.out"), 0);
	CHECK(!has("status.out", "safe at"));
	CHECK(has("status.out", "宝应县 holds "));
	CHECK_EQ(hub_clean(), 0);
}

int main(void)
{
	(void)forge_text;
	git_libgit2_init();
	if (hub_dir_make() < 0 || hub_enrol() != 0) {
		fprintf(stderr, "setup failed in %s\n", hub_dir);
		hub_dir_remove();
		return 1;
	}
	node_id("s1", id_s1);
	node_id("s2", id_s2);
	node_id("city", id_city);
#define RUN_SERVED(fn) do { RUN(fn); rx_ops_server_stop(live); live = NULL; } while (0)
	RUN_SERVED(test_git_daemon);
	RUN_SERVED(test_http);
	RUN_SERVED(test_ssh);
	RUN_SERVED(test_exit_codes);
	RUN_SERVED(test_mixed_batch);
	RUN_SERVED(test_receipt);
	if (!rx_test_failures)
		hub_dir_remove();
	else
		fprintf(stderr, "kept %s\n", hub_dir);
	git_libgit2_shutdown();
	return rx_test_done();
}
