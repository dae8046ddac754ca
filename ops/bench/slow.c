/* runxin bench: a school's term synced over a 64 kbit/s, 300 ms, 2 % loss link (tc netem, or the user-space emulator). */
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ops/bench/benchInt.h"
#include "ops/server/server.h"
#include "ops/util/util.h"

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

typedef struct slow_out {
	double secs;
	size_t bytes, turns, lost;
} slow_out;

static const bench_shape_link slow_link = { LINK_BPS / 8.0, 0.3, 0.02, 1.0 };
static const bench_shape_link clear_link = { 1e12, 0.0, 0.0, 0.0 };

/* A hub's git daemon, behind the link (NULL: direct), and the school's timed sync to it. */
static int timed_sync(bench *b, const char *school, const char *hub,
	const bench_shape_link *link, slow_out *out, rx_error *err)
{
	rx_ops_server *srv = NULL;
	bench_shape *sh = NULL;
	bench_trips t;
	char url[300];
	double t0;
	int rc;

	if ((rc = rx_ops_server_start(&srv, RX_OPS_SERVER_GIT_DAEMON, b->dir, err)) < 0 ||
	    (link && (rc = bench_shape_start(&sh, rx_ops_server_port(srv), link,
		err)) < 0))
		goto out;
	snprintf(url, sizeof(url), "git://127.0.0.1:%d/%s/repo.git", sh ?
		bench_shape_port(sh) : rx_ops_server_port(srv), hub);
	t0 = bench_now();
	if ((rc = bench_rx(b, NULL, school, err, "sync", url, NULL)) < 0)
		goto out;
	out->secs = bench_now() - t0;
	if (sh) {
		bench_shape_take(sh, &t);
		out->bytes = t.bytes, out->turns = t.turns, out->lost = t.lost;
	}
out:
	bench_shape_stop(sh);
	rx_ops_server_stop(srv);
	return rc;
}

/* In a child inside the namespace (netem on its loopback): the timed sync. */
static void child(bench *b, const char *ns, const char *school, int fd)
{
	char path[600];
	slow_out o = { -1, 0, 0, 0 };
	rx_error e = { 0 };
	int nsfd;

	snprintf(path, sizeof(path), "/run/netns/%s", ns);
	if ((nsfd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || setns(nsfd, CLONE_NEWNET) < 0)
		_exit(1);
	if (timed_sync(b, school, "hubslow", NULL, &o, &e) < 0)
		o.secs = -1;
	if (write(fd, &o, sizeof(o)) != sizeof(o))
		_exit(1);
	_exit(0);
}

/* Bytes and turns counted first by a copy of the school through a clear link, then the netem run. */
static int run_netem(bench *b, const char *ns, const char *school, slow_out *o,
	rx_error *err)
{
	char from[512], to[512];
	slow_out count = { 0 };
	int fds[2], rc;
	pid_t pid;

	snprintf(from, sizeof(from), "%s/%s", b->dir, school);
	snprintf(to, sizeof(to), "%s/slowcount", b->dir);
	if ((rc = bench_sh(b, err, "/bin/cp", "-a", from, to, NULL)) < 0 ||
	    (rc = bench_hub_make(b, "hubcount", err)) < 0 ||
	    (rc = timed_sync(b, "slowcount", "hubcount", &clear_link, &count, err)) < 0)
		return rc;
	if (pipe(fds) < 0 || (pid = fork()) < 0)
		return rx_error_set(err, RX_EINTERNAL, "cannot fork for the slow link");
	if (pid == 0)
		child(b, ns, school, fds[1]);
	close(fds[1]);
	if (read(fds[0], o, sizeof(*o)) != sizeof(*o) || o->secs < 0)
		o->secs = -1;
	close(fds[0]);
	waitpid(pid, NULL, 0);
	if (o->secs < 0)
		return rx_error_set(err, RX_EINTERNAL, "the sync over the netem link "
			"failed; see %s", b->log);
	o->bytes = count.bytes, o->turns = count.turns;
	return 0;
}

/*
 * The school whose term goes over the link, with the county's directory
 * already in hand: a copy of the 1,200-student wire school (it synced with
 * the round-trip hub), or with --quick a 100-student school synced once
 * with that hub's repo on a path.
 */
static int term_school(bench *b, const char **slug, rx_error *err)
{
	char from[512], to[512];
	size_t ops;
	int rc;

	snprintf(from, sizeof(from), "%s/wire", b->dir);
	snprintf(to, sizeof(to), "%s/slow", b->dir);
	*slug = "slow";
	b->r.slow_students = b->r.wire.students;
	if (!b->o->quick)
		return bench_sh(b, err, "/bin/cp", "-a", from, to, NULL);
	b->r.slow_students = 100;
	snprintf(to, sizeof(to), "%s/hubrt/repo.git", b->dir);
	if ((rc = bench_node(b, "slow", "school", "county", err)) < 0 ||
	    (rc = bench_school_year(b, "slow", 100, 77, NULL, &ops, err)) < 0)
		return rc;
	return bench_rx(b, NULL, "slow", err, "sync", to, NULL);
}

int bench_slow_run(bench *b, rx_error *err)
{
	char ns[48], *del[] = { IP, "netns", "del", ns, NULL };
	const char *school;
	slow_out o = { 0 };
	int rc;

	snprintf(ns, sizeof(ns), "rxbench%d", (int)getpid());
	if ((rc = term_school(b, &school, err)) < 0 ||
	    (rc = bench_hub_make(b, "hubslow", err)) < 0)
		return rc;
	if (make_ns(ns, b->r.slow_why, sizeof(b->r.slow_why)) == 0) {
		bench_say(b, "slow link: 64 kbit/s, 300 ms, 2 %% loss with tc netem in "
			"namespace %s", ns);
		b->r.slow_how = "netem";
		rc = run_netem(b, ns, school, &o, err);
	} else {
		bench_say(b, "slow link: 64 kbit/s, 300 ms, 2 %% loss in a user-space "
			"emulator (%s)", b->r.slow_why);
		b->r.slow_how = "emulator";
		rc = timed_sync(b, school, "hubslow", &slow_link, &o, err);
	}
	quiet(del);
	b->r.slow_secs = o.secs;
	b->r.slow_bytes = o.bytes, b->r.slow_turns = o.turns, b->r.slow_lost = o.lost;
	b->r.slow_bound_secs = (double)o.bytes * 8.0 / LINK_BPS +
		2 * slow_link.delay_s * (double)o.turns;
	return rc;
}
