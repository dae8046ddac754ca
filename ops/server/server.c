/* Start, address and stop a real git server bound to 127.0.0.1. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ops/server/serverInt.h"

#define START_ATTEMPTS 3
#define WAIT_MS 5000

extern char **environ;

/* A port the kernel calls free now; the server may still lose a race for it. */
static int free_port(rx_error *err)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int fd, port = -1;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return rx_error_set(err, RX_EINTERNAL, "socket: %s", strerror(errno));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	close(fd);
	if (port <= 0)
		return rx_error_set(err, RX_EINTERNAL, "no free port on 127.0.0.1");
	return port;
}

static int port_accepts(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int fd, ok;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((uint16_t)port);
	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return 0;
	ok = connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0;
	close(fd);
	return ok;
}

static int spawn_child(rx_ops_server *s, char *const argv[], rx_error *err)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, dfl;
	char log[PATH_MAX];
	int rc;

	snprintf(log, sizeof(log), "%s/server.log", s->tmp);
	sigemptyset(&none);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGPIPE);
	sigaddset(&dfl, SIGTERM);
	sigaddset(&dfl, SIGINT);
	posix_spawnattr_init(&at);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP |
		POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(&at, 0);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &dfl);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, log,
		O_WRONLY | O_CREAT | O_APPEND, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	rc = posix_spawn(&s->pid, argv[0], &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	if (rc != 0) {
		s->pid = 0;
		return rx_error_set(err, RX_EINTERNAL, "cannot start %s: %s",
			argv[0], strerror(rc));
	}
	return 0;
}

/* The last line of the server's log, for a one-line error message. */
static void log_tail(const rx_ops_server *s, char *out, size_t cap)
{
	char path[PATH_MAX], buf[400], *p;
	FILE *f;
	size_t n = 0;

	out[0] = '\0';
	snprintf(path, sizeof(path), "%s/server.log", s->tmp);
	if (!(f = fopen(path, "r")))
		return;
	if (fseek(f, -(long)(sizeof(buf) - 1), SEEK_END) != 0)
		rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	buf[n] = '\0';
	p = strrchr(buf, '\n');
	snprintf(out, cap, "%s", p ? p + 1 : buf);
}

/* 1 when the port answers, 0 when the child died or time ran out. */
static int wait_ready(rx_ops_server *s)
{
	struct timespec nap = { 0, 20 * 1000 * 1000 };
	int waited, st;

	for (waited = 0; waited < WAIT_MS; waited += 20) {
		if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
			s->pid = 0;
			return 0;
		}
		if (port_accepts(s->port))
			return 1;
		nanosleep(&nap, NULL);
	}
	return 0;
}

static int try_start(rx_ops_server *s, rx_error *err)
{
	char *argv[RX_OPS_SERVER_ARGV_MAX] = { 0 };
	int rc;

	if ((rc = free_port(err)) < 0)
		return rc;
	s->port = rc;
	if ((rc = rx_ops_server_command(s, argv, err)) == 0 &&
	    (rc = spawn_child(s, argv, err)) == 0 && !wait_ready(s)) {
		rx_ops_proc_kill_tree(s->pid);
		s->pid = 0;
		rc = 1;  /* not up: the caller may retry on another port */
	}
	rx_ops_server_argv_free(argv);
	return rc;
}

static int server_new(rx_ops_server **out, rx_ops_server_kind kind,
	const char *root_dir, rx_error *err)
{
	const char *tmpdir = getenv("TMPDIR");
	struct passwd *pw = getpwuid(geteuid());
	rx_ops_server *s = calloc(1, sizeof(*s));
	char tmpl[PATH_MAX];

	if (!s)
		return rx_error_nomem(err);
	*out = s;
	s->kind = kind;
	if (!(s->root = realpath(root_dir, NULL)))
		return rx_error_set(err, RX_EINTERNAL, "%s: %s", root_dir,
			strerror(errno));
	if (!pw || !(s->user = strdup(pw->pw_name)))
		return rx_error_set(err, RX_EINTERNAL, "cannot tell the current user");
	snprintf(tmpl, sizeof(tmpl), "%s/rx-server-XXXXXX",
		tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(tmpl) || !(s->tmp = strdup(tmpl)))
		return rx_error_set(err, RX_EINTERNAL, "mkdtemp: %s", strerror(errno));
	return 0;
}

int rx_ops_server_start(rx_ops_server **out, rx_ops_server_kind kind,
	const char *root_dir, rx_error *err)
{
	rx_ops_server *s = NULL;
	char tail[256];
	int rc, i;

	*out = NULL;
	if ((rc = server_new(&s, kind, root_dir, err)) < 0)
		goto out;
	if (kind == RX_OPS_SERVER_SSH && (rc = rx_ops_server_ssh_keys(s, err)) < 0)
		goto out;
	for (i = 0, rc = 1; i < START_ATTEMPTS && rc == 1; i++)
		rc = try_start(s, err);
	if (rc == 1) {
		log_tail(s, tail, sizeof(tail));
		rc = rx_error_set(err, RX_EINTERNAL,
			"server did not come up on 127.0.0.1: %s", tail);
	}
out:
	if (rc < 0) {
		rx_ops_server_stop(s);
		return rc;
	}
	*out = s;
	return 0;
}

char *rx_ops_server_url(const rx_ops_server *srv, const char *repo)
{
	char *url = NULL;
	int n = -1;

	while (*repo == '/')
		repo++;
	if (srv->kind == RX_OPS_SERVER_GIT_DAEMON)
		n = asprintf(&url, "git://127.0.0.1:%d/%s", srv->port, repo);
	else if (srv->kind == RX_OPS_SERVER_HTTP)
		n = asprintf(&url, "http://127.0.0.1:%d/git/%s", srv->port, repo);
	else
		n = asprintf(&url, "ssh://%s@127.0.0.1:%d%s/%s", srv->user,
			srv->port, srv->root, repo);
	return n < 0 ? NULL : url;
}

int rx_ops_server_port(const rx_ops_server *srv)
{
	return srv->port;
}

const char *rx_ops_server_ssh_key(const rx_ops_server *srv)
{
	return srv->ssh_key;
}

const char *rx_ops_server_host_key(const rx_ops_server *srv)
{
	return srv->host_key;
}

void rx_ops_server_stop(rx_ops_server *srv)
{
	if (!srv)
		return;
	if (srv->pid > 0)
		rx_ops_proc_kill_tree(srv->pid);
	rx_ops_rmtree(srv->tmp);
	free(srv->root);
	free(srv->tmp);
	free(srv->user);
	free(srv->ssh_key);
	free(srv->host_key);
	free(srv);
}
