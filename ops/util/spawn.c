/* Child processes with captured output. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ops/util/util.h"

extern char **environ;

char *rx_ops_self_exe(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return strdup(buf);
}

static int drain(int fd, rx_buf *out, rx_error *err)
{
	uint8_t tmp[8192];
	ssize_t n;
	int rc = 0;

	while ((n = read(fd, tmp, sizeof(tmp))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		if (out && rc == 0)
			rc = rx_buf_put(out, tmp, (size_t)n, err);
	}
	return rc;
}

int rx_ops_run(int *status, char *const argv[], const char *in_path,
	rx_buf *out, const char *err_path, rx_error *err)
{
	posix_spawn_file_actions_t fa;
	int pipefd[2], rc, ws;
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return rx_error_set(err, RX_EINTERNAL, "pipe: %s", strerror(errno));
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, in_path ? in_path : "/dev/null",
		O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	if (err_path)
		posix_spawn_file_actions_addopen(&fa, 2, err_path,
			O_WRONLY | O_CREAT | O_APPEND, 0600);
	rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (rc != 0) {
		close(pipefd[0]);
		return rx_error_set(err, RX_EINTERNAL, "cannot start %s: %s",
			argv[0], strerror(rc));
	}
	rc = drain(pipefd[0], out, err);
	close(pipefd[0]);
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	return rc;
}

void rx_ops_home_argv(char **argv, char *path, size_t pathcap, char *exe,
	const char *dir, const char *home, va_list ap)
{
	int n = 0;

	snprintf(path, pathcap, "%s/%s", dir, home);
	argv[n++] = exe;
	argv[n++] = "-C";
	argv[n++] = path;
	while (n < RX_OPS_HOME_ARGS && (argv[n] = va_arg(ap, char *)))
		n++;
	argv[n] = NULL;
}
