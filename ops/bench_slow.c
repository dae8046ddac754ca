/* runxin bench: a first sync over a 64 kbit/s, 300 ms, 2 % loss link (tc netem in a network namespace). */
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ops/benchint.h"
#include "ops/server.h"
#include "ops/spawn.h"

#define IP "/usr/sbin/ip"
#define LINK_BPS 64000.0

/* Run a command quietly; its exit status (or -1). */
static int quiet(char *const argv[])
{
	int status;
	rx_error e = { 0 };

	if (rx_ops_run(&status, argv, NULL, NULL, "/dev/null", &e) < 0)
		return -1;
	return status;
}

static int make_ns(const char *ns, char *why, size_t cap)
{
	char *add[] = { IP, "netns", "add", (char *)ns, NULL };
	char *up[] = { IP, "-n", (char *)ns, "link", "set", "lo", "up", NULL };
	char *tc[] = { IP, "netns", "exec", (char *)ns, "tc", "qdisc", "add", "dev",
		"lo", "root", "netem", "rate", "64kbit", "delay", "300ms", "loss", "2%", NULL };

	if (access(IP, X_OK) != 0)
		return snprintf(why, cap, "iproute2 (ip) is not installed"), -1;
	if (quiet(add) != 0)
		return snprintf(why, cap, "cannot create a network namespace here "
			"(ip netns add failed: needs root / CAP_SYS_ADMIN)"), -1;
	if (quiet(up) != 0 || quiet(tc) != 0)
		return snprintf(why, cap, "tc netem is not available in this kernel "
			"(sch_netem missing)"), -1;
	return 0;
}

/* In a child inside the namespace: a hub on its loopback, and the timed sync. */
static void child(bench *b, const char *ns, int fd)
{
	char path[600], from[512], *url = NULL;
	rx_ops_server *srv = NULL;
	rx_error e = { 0 };
	double t0, secs = -1;
	int nsfd;

	snprintf(path, sizeof(path), "/run/netns/%s", ns);
	if ((nsfd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || setns(nsfd, CLONE_NEWNET) < 0)
		_exit(1);
	if (bench_hub_make(b, "hubslow", &e) == 0 &&
	    snprintf(from, sizeof(from), "%s/wire", b->dir) > 0 &&
	    snprintf(path, sizeof(path), "%s/slow", b->dir) > 0 &&
	    bench_sh(b, &e, "/bin/cp", "-a", from, path, NULL) == 0 &&
	    rx_ops_server_start(&srv, RX_OPS_SERVER_GIT_DAEMON, b->dir, &e) == 0 &&
	    (url = rx_ops_server_url(srv, "hubslow/repo.git"))) {
		t0 = bench_now();
		if (bench_rx(b, NULL, "slow", &e, "sync", url, NULL) == 0)
			secs = bench_now() - t0;
	}
	rx_ops_server_stop(srv);
	if (write(fd, &secs, sizeof(secs)) != sizeof(secs))
		_exit(1);
	_exit(0);
}

int bench_slow_run(bench *b, rx_error *err)
{
	char ns[48], *del[] = { IP, "netns", "del", ns, NULL };
	double secs = -1;
	int fds[2];
	pid_t pid;

	snprintf(ns, sizeof(ns), "rxbench%d", (int)getpid());
	bench_say(b, "slow link: 64 kbit/s, 300 ms, 2 %% loss in namespace %s", ns);
	if (make_ns(ns, b->r.slow_skip, sizeof(b->r.slow_skip)) < 0)
		goto out;
	if (pipe(fds) < 0 || (pid = fork()) < 0)
		return rx_error_set(err, RX_EINTERNAL, "cannot fork for the slow link");
	if (pid == 0)
		child(b, ns, fds[1]);
	close(fds[1]);
	if (read(fds[0], &secs, sizeof(secs)) != sizeof(secs) || secs < 0)
		snprintf(b->r.slow_skip, sizeof(b->r.slow_skip), "the sync over the "
			"slow link failed; see %s", b->log);
	close(fds[0]);
	waitpid(pid, NULL, 0);
	b->r.slow_secs = secs;
	b->r.slow_bytes = b->r.cut_uncut;
	b->r.slow_bound_secs = (double)b->r.slow_bytes * 8.0 / LINK_BPS;
out:
	quiet(del);
	return 0;
}
