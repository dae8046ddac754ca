/* Ending a server's whole process tree, and removing its temp dir. */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ops/server/serverInt.h"

#define PROC_MAX 8192

struct proc { pid_t pid, ppid; };

static pid_t read_ppid(pid_t pid)
{
	char path[64], buf[512], *p;
	size_t n;
	FILE *f;
	int ppid;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* The command name may hold spaces and parentheses: skip to the last ')'. */
	if (!(p = strrchr(buf, ')')) || sscanf(p + 1, " %*c %d", &ppid) != 1)
		return -1;
	return (pid_t)ppid;
}

/* Every (pid, ppid) on the machine, up to PROC_MAX. */
static size_t list_procs(struct proc *ps)
{
	struct dirent *de;
	size_t n = 0;
	DIR *d;

	if (!(d = opendir("/proc")))
		return 0;
	while (n < PROC_MAX && (de = readdir(d))) {
		char *end;
		long pid = strtol(de->d_name, &end, 10);

		if (*end != '\0' || pid <= 0)
			continue;
		ps[n].pid = (pid_t)pid;
		if ((ps[n].ppid = read_ppid(ps[n].pid)) >= 0)
			n++;
	}
	closedir(d);
	return n;
}

/* Mark pid's descendants in ps (ppid set to 0 once taken); returns how many. */
static size_t descendants(struct proc *ps, size_t n, pid_t root, pid_t *out)
{
	size_t k = 0, i, j;
	int grew = 1;

	out[k++] = root;
	while (grew) {
		grew = 0;
		for (i = 0; i < n; i++)
			for (j = 0; j < k && ps[i].ppid > 0; j++)
				if (ps[i].ppid == out[j]) {
					out[k++] = ps[i].pid;
					ps[i].ppid = 0;
					grew = 1;
				}
	}
	return k;
}

void rx_ops_proc_kill_tree(pid_t pid)
{
	struct proc *ps = calloc(PROC_MAX, sizeof(*ps));
	pid_t *tree = calloc(PROC_MAX + 1, sizeof(*tree));
	size_t n, k = 0, i;

	if (pid <= 0)
		goto out;
	/* Freeze the group first so nothing forks while the tree is read. */
	kill(-pid, SIGSTOP);
	if (ps && tree) {
		n = list_procs(ps);
		k = descendants(ps, n, pid, tree);
	}
	kill(-pid, SIGKILL);
	for (i = 1; i < k; i++) {
		kill(-tree[i], SIGKILL);
		kill(tree[i], SIGKILL);
	}
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
out:
	free(ps);
	free(tree);
}

static int rm_entry(const char *path, const struct stat *st, int flag,
	struct FTW *ftw)
{
	(void)st; (void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

void rx_ops_rmtree(const char *dir)
{
	if (dir)
		nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}
