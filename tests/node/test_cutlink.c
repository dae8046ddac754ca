/*
 * The link cut at random points: a TCP proxy of our own between runxin and
 * git daemon (serving the county hub with its hook) closes both sides after
 * a random number of bytes. Every cut sync exits 4, leaves the hub and the
 * node consistent, and a retry completes without sending a finished push
 * batch twice; bytes until complete are compared with an uncut run.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "ops/server/server.h"
#include "tests/harness.h"
#include "tests/node/hubtest.h"

#define PUSH_TRIALS 12
#define FETCH_TRIALS 8
#define ROSTERS 16
#define S1_CS (ROSTERS + 1) /* s1's change-sets: its rosters and, at join, its recovery material */
#define STUDENTS 800
#define BATCH 16384

/* Shared with the proxy child. */
typedef struct link_stats {
	size_t budget;  /* bytes (both directions) before the cut; SIZE_MAX: none */
	size_t claimed; /* bytes read for forwarding (may pass the budget) */
	size_t bytes;   /* bytes forwarded so far */
	int cut;        /* the link is down: new connections are closed at once */
} link_stats;

static link_stats *ls;
static pid_t proxy_pid;
static int proxy_port, upstream_port;
static char id_s1[64];

static int dial(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((uint16_t)port);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Forward one chunk from -> to; 0 at EOF, -1 when the link is cut or broken. */
static int forward(int from, int to)
{
	char buf[4096];
	ssize_t n = read(from, buf, sizeof(buf)), off = 0;
	size_t before;

	if (n <= 0)
		return n == 0 ? 0 : -1;
	before = __atomic_fetch_add(&ls->claimed, (size_t)n, __ATOMIC_SEQ_CST);
	if (before >= ls->budget)
		n = 0;
	else if (before + (size_t)n >= ls->budget)
		n = (ssize_t)(ls->budget - before);
	if (before + (size_t)n >= ls->budget)
		ls->cut = 1;
	while (off < n) {
		ssize_t w = write(to, buf + off, (size_t)(n - off));
		if (w <= 0)
			return -1;
		off += w;
	}
	__atomic_fetch_add(&ls->bytes, (size_t)n, __ATOMIC_SEQ_CST);
	return ls->cut ? -1 : 1;
}

/* One connection; a cut anywhere ends every connection. */
static void pump(int c, int u)
{
	struct pollfd p[2] = { { c, POLLIN, 0 }, { u, POLLIN, 0 } };
	int open_ = 2;

	while (open_ > 0 && !ls->cut) {
		if (poll(p, 2, 100) <= 0)
			continue;
		for (int i = 0; i < 2; i++) {
			int r;
			if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if ((r = forward(p[i].fd, p[1 - i].fd)) < 0)
				return;
			if (r == 0) {
				shutdown(p[1 - i].fd, SHUT_WR);
				p[i].fd = -1;
				open_--;
			}
		}
	}
}

/* Connections are served in parallel: libgit2 may hold one open while it starts the next. */
static void proxy_child(int lfd)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGCHLD, SIG_IGN);
	for (;;) {
		int c = accept(lfd, NULL, NULL), u;
		if (c < 0)
			continue;
		if (!ls->cut && fork() == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if ((u = dial(upstream_port)) >= 0)
				pump(c, u);
			_exit(0);
		}
		close(c);
	}
}

static int proxy_start(size_t budget)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(fd, 8) < 0 || getsockname(fd, (struct sockaddr *)&a, &len) < 0)
		return -1;
	proxy_port = ntohs(a.sin_port);
	ls->budget = budget, ls->claimed = ls->bytes = 0, ls->cut = 0;
	fflush(NULL);
	if ((proxy_pid = fork()) == 0)
		proxy_child(fd);
	close(fd);
	return proxy_pid > 0 ? 0 : -1;
}

static void proxy_stop(void)
{
	if (proxy_pid > 0) {
		kill(proxy_pid, SIGKILL);
		while (waitpid(proxy_pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	proxy_pid = 0;
}

/* `home` syncs through a fresh proxy cutting after budget bytes; exit code, bytes moved. */
static int sync_via(const char *home, size_t budget, size_t *bytes, size_t *batches)
{
	char line[256];
	int rc;

	if (proxy_start(budget) < 0)
		return -1;
	rc = sh("$R -C %s sync --batch-bytes %d git://127.0.0.1:%d/repo.git >sync.out 2>sync.err",
		home, BATCH, proxy_port);
	proxy_stop();
	*bytes = ls->bytes;
	first_line("sync.out", line, sizeof(line));
	*batches = 0;
	if (strstr(line, "updated, "))
		*batches = strtoul(strstr(line, "updated, ") + 9, NULL, 10);
	return rc;
}

static int restore(const char *tpl, const char *home)
{
	return sh("rm -rf %s && cp -a %s/%s %s", home, tpl, home, home);
}

/* The hub's copy of s1's branch is s1's tip or an ancestor of it, fsck clean. */
static int hub_consistent(void)
{
	return sh("git --git-dir=county/repo.git fsck --strict >/dev/null 2>&1 && "
		"{ h=$(git --git-dir=county/repo.git rev-parse -q --verify refs/runxin/nodes/%s) || exit 0; "
		"git --git-dir=s1/repo.git merge-base --is-ancestor $h refs/runxin/nodes/%s; }",
		id_s1, id_s1);
}

static int hub_complete(void)
{
	return sh("[ \"$(git --git-dir=county/repo.git rev-parse refs/runxin/nodes/%s)\" = "
		"\"$(git --git-dir=s1/repo.git rev-parse refs/runxin/nodes/%s)\" ]", id_s1, id_s1);
}

static void test_push_cuts(void)
{
	size_t uncut, nb, total = 0, worst = 0, b1, n1, b2, n2;
	int exit4 = 0;

	REQUIRE(restore("tpl", "county") == 0 && restore("tpl", "s1") == 0);
	CHECK_EQ(sync_via("s1", SIZE_MAX, &uncut, &nb), 0);
	REQUIRE(hub_complete() == 0);
	printf("figure: uncut push %zu bytes on the wire, %zu batches\n", uncut, nb);
	for (int t = 0; t < PUSH_TRIALS; t++) {
		size_t cut = 1 + (size_t)rand() % (uncut - 1);
		int rc;
		REQUIRE(restore("tpl", "county") == 0 && restore("tpl", "s1") == 0);
		rc = sync_via("s1", cut, &b1, &n1);
		CHECK(rc == 4 || (rc == 0 && hub_complete() == 0));
		if (rc != 4) {
			fprintf(stderr, "cut at %zu of %zu: exit %d\n", cut, uncut, rc);
			sh("cat sync.out sync.err >&2");
		}
		exit4 += rc == 4;
		CHECK_EQ(hub_consistent(), 0);
		CHECK_EQ(sync_via("s1", SIZE_MAX, &b2, &n2), 0);
		CHECK_EQ(hub_complete(), 0);
		/* no finished batch twice: the retry starts at the hub's tip */
		CHECK(n1 + n2 <= nb);
		total += b1 + b2;
		worst = b1 + b2 > worst ? b1 + b2 : worst;
	}
	CHECK(exit4 >= PUSH_TRIALS / 2);
	printf("figure: %d push cuts (%d exit 4): mean %zu bytes until complete "
		"(%.2fx uncut), worst %zu\n", PUSH_TRIALS, exit4, total / PUSH_TRIALS,
		(double)total / PUSH_TRIALS / (double)uncut, worst);
}

/* How many of s1's change-sets home has applied. */
static int applied(const char *home)
{
	char line[64];

	if (sh("sqlite3 %s/node.db \"SELECT count(*) FROM applied WHERE author = '%s'\" >count",
		home, id_s1) != 0)
		return -1;
	first_line("count", line, sizeof(line));
	return atoi(line);
}

static void test_fetch_cuts(void)
{
	size_t uncut, nb, total = 0, b1, n1, b2, n2;
	int exit4 = 0;

	/* the hub holds s1's whole archive; d1 starts empty each time */
	REQUIRE(restore("tpl", "county") == 0 && restore("tpl", "s1") == 0);
	REQUIRE(sync_via("s1", SIZE_MAX, &b1, &n1) == 0);
	REQUIRE(sh("rm -rf tpl/county && cp -a county tpl/county") == 0);
	REQUIRE(restore("tpl", "d1") == 0);
	CHECK_EQ(sync_via("d1", SIZE_MAX, &uncut, &nb), 0);
	CHECK_EQ(applied("d1"), S1_CS);
	CHECK_EQ(sh("$R -C d1 list student | grep -qx '共 %d 名学生: .*'", ROSTERS * STUDENTS), 0);
	printf("figure: uncut fetch %zu bytes on the wire\n", uncut);
	for (int t = 0; t < FETCH_TRIALS; t++) {
		size_t cut = 1 + (size_t)rand() % (uncut - 1);
		int rc, n;
		REQUIRE(restore("tpl", "county") == 0 && restore("tpl", "d1") == 0);
		rc = sync_via("d1", cut, &b1, &n1);
		CHECK(rc == 4 || rc == 0);
		exit4 += rc == 4;
		n = applied("d1");
		/* all or nothing of a branch: never a part of s1's archive */
		CHECK(n == 0 || n == S1_CS);
		CHECK_EQ(sh("git --git-dir=d1/repo.git fsck --strict >/dev/null 2>&1"), 0);
		CHECK_EQ(sync_via("d1", SIZE_MAX, &b2, &n2), 0);
		CHECK_EQ(applied("d1"), S1_CS);
		total += b1 + b2;
	}
	CHECK(exit4 >= FETCH_TRIALS / 2);
	printf("figure: %d fetch cuts (%d exit 4): mean %zu bytes until complete "
		"(%.2fx uncut; a fetch is not batched, a cut one starts again)\n",
		FETCH_TRIALS, exit4, total / FETCH_TRIALS,
		(double)total / FETCH_TRIALS / (double)uncut);
}

static int setup(void)
{
	char file[32], prefix[8];
	int rc = 0;

	if (hub_enrol() != 0)
		return -1;
	for (int i = 0; i < ROSTERS && rc == 0; i++) {
		snprintf(file, sizeof(file), "r%d.csv", i);
		snprintf(prefix, sizeof(prefix), "K%02d", i);
		rc = hub_roster(file, prefix, STUDENTS, i) ||
			sh("$R -C s1 import roster %s >/dev/null", file);
	}
	if (rc != 0 || sh("mkdir tpl && cp -a county s1 d1 tpl/ && "
		"sqlite3 s1/node.db \"SELECT value FROM settings WHERE key = 'self.node'\" >s1.id") != 0)
		return -1;
	first_line("s1.id", id_s1, sizeof(id_s1));
	return 0;
}

int main(void)
{
	rx_ops_server *srv = NULL;
	rx_error err = { 0 };
	char root[300];

	srand((unsigned)time(NULL));
	ls = mmap(NULL, sizeof(*ls), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (ls == MAP_FAILED || hub_dir_make() < 0 || setup() < 0) {
		fprintf(stderr, "setup failed in %s\n", hub_dir);
		hub_dir_remove();
		return 1;
	}
	snprintf(root, sizeof(root), "%s/county", hub_dir);
	if (rx_ops_server_start(&srv, RX_OPS_SERVER_GIT_DAEMON, root, &err) < 0) {
		fprintf(stderr, "git daemon: %s\n", err.msg);
		hub_dir_remove();
		return 1;
	}
	upstream_port = rx_ops_server_port(srv);
	RUN(test_push_cuts);
	proxy_stop();
	RUN(test_fetch_cuts);
	proxy_stop();
	rx_ops_server_stop(srv);
	if (!rx_test_failures)
		hub_dir_remove();
	else
		fprintf(stderr, "kept %s\n", hub_dir);
	return rx_test_done();
}
