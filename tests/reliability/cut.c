/*
 * A power cut for tests (LD_PRELOAD): counts the mutating file calls of a
 * process tree under some directories and, after the Nth, drops every later
 * one while reporting success, so that the disk holds exactly what was
 * written up to N (docs/RELIABILITY.md, "Power loss").
 *
 * Environment:
 *   RX_CUT_DIRS   colon-separated absolute directories whose files count
 *   RX_CUT_STATE  a file of 8 bytes, shared by the process tree: the count
 *   RX_CUT_AT     N: mutations after the Nth are dropped; 0 or unset only counts
 *   RX_CUT_TRACE  optional file: one line per counted mutation is appended,
 *                 "N call [(dropped)] path [-> path]", to see what a cut left
 *
 * Counted: write, pwrite64, writev, pwritev, fsync, fdatasync, ftruncate,
 * rename, renameat, renameat2, link, linkat (libgit2 "renames" by link and
 * unlink), unlink, unlinkat, mkdir, mkdirat, and open,
 * openat and creat with O_CREAT or O_TRUNC. A dropped open that would create
 * a file returns a descriptor of an anonymous memory file (writes and fsync
 * succeed, nothing reaches the disk); one that would truncate opens the
 * file as it is. stdio's internal calls (fopen, fwrite) are not seen:
 * runxin writes its files with open/write, as sqlite and libgit2 do.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define DIRS_MAX 8

static struct {
	int on;
	uint64_t cut_at;
	volatile uint64_t *count;
	int trace; /* RX_CUT_TRACE's descriptor, or -1 */
	char dirs[DIRS_MAX][PATH_MAX];
	size_t ndirs;
} cut;

#define REAL(name) static __typeof__(name) *real_##name
REAL(write); REAL(pwrite64); REAL(writev); REAL(pwritev); REAL(fsync);
REAL(fdatasync); REAL(ftruncate); REAL(rename); REAL(renameat); REAL(unlink);
REAL(unlinkat); REAL(link); REAL(linkat); REAL(mkdir); REAL(mkdirat); REAL(open); REAL(openat);
static int (*real_renameat2)(int, const char *, int, const char *, unsigned);

static void *next(const char *name)
{
	return dlsym(RTLD_NEXT, name);
}

static void load_real(void)
{
#define LOAD(name) real_##name = (__typeof__(real_##name))next(#name)
	LOAD(write); LOAD(pwrite64); LOAD(writev); LOAD(pwritev); LOAD(fsync);
	LOAD(fdatasync); LOAD(ftruncate); LOAD(rename); LOAD(renameat); LOAD(renameat2);
	LOAD(unlink); LOAD(unlinkat); LOAD(link); LOAD(linkat); LOAD(mkdir); LOAD(mkdirat); LOAD(open);
	LOAD(openat);
#undef LOAD
}

__attribute__((constructor)) static void cut_init(void)
{
	const char *dirs = getenv("RX_CUT_DIRS"), *state = getenv("RX_CUT_STATE");
	const char *at = getenv("RX_CUT_AT"), *trace = getenv("RX_CUT_TRACE");
	void *m;
	int fd;

	load_real();
	cut.trace = -1;
	if (!dirs || !state)
		return;
	if ((fd = real_open(state, O_RDWR | O_CLOEXEC)) < 0)
		return;
	m = mmap(NULL, sizeof(uint64_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return;
	cut.count = m;
	cut.cut_at = at ? strtoull(at, NULL, 10) : 0;
	for (const char *p = dirs; *p && cut.ndirs < DIRS_MAX;) {
		size_t n = strcspn(p, ":");
		if (n > 0 && n < PATH_MAX) {
			memcpy(cut.dirs[cut.ndirs], p, n);
			cut.dirs[cut.ndirs++][n] = '\0';
		}
		p += n + (p[n] == ':');
	}
	if (trace && *trace)
		cut.trace = real_open(trace, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	cut.on = 1;
}

/* The paths the call being counted touches, for RX_CUT_TRACE. */
static __thread char seen[2 * PATH_MAX + 8];

static int under(const char *abs)
{
	for (size_t i = 0; i < cut.ndirs; i++) {
		size_t n = strlen(cut.dirs[i]), at = strlen(seen);
		if (!strncmp(abs, cut.dirs[i], n) && (abs[n] == '/' || abs[n] == '\0')) {
			if (cut.trace >= 0 && at < PATH_MAX)
				snprintf(seen + at, sizeof(seen) - at, "%s%s", at ? " -> " : "", abs);
			return 1;
		}
	}
	return 0;
}

/* The absolute path of a path relative to dirfd (AT_FDCWD: the working directory). */
static int absolute(char out[PATH_MAX], int dirfd, const char *path)
{
	char base[PATH_MAX], link[64];
	ssize_t n;

	if (path[0] == '/')
		return snprintf(out, PATH_MAX, "%s", path) < PATH_MAX ? 0 : -1;
	if (dirfd == AT_FDCWD) {
		if (!getcwd(base, sizeof(base)))
			return -1;
	} else {
		snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
		if ((n = readlink(link, base, sizeof(base) - 1)) < 0)
			return -1;
		base[n] = '\0';
	}
	return snprintf(out, PATH_MAX, "%s/%s", base, path) < PATH_MAX ? 0 : -1;
}

static int path_under(int dirfd, const char *path)
{
	char abs[PATH_MAX];

	return path && absolute(abs, dirfd, path) == 0 && under(abs);
}

static int fd_under(int fd)
{
	char link[64], abs[PATH_MAX];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	if ((n = readlink(link, abs, sizeof(abs) - 1)) < 0)
		return 0;
	abs[n] = '\0';
	return under(abs);
}

/* Count one mutation; 1 if it falls after the cut and must be dropped. */
static int dropped(const char *op, int counts)
{
	char line[sizeof(seen) + 96];
	uint64_t n;
	int len, drop;

	if (!cut.on || !counts) {
		seen[0] = '\0';
		return 0;
	}
	n = __atomic_add_fetch(cut.count, 1, __ATOMIC_SEQ_CST);
	drop = cut.cut_at && n > cut.cut_at;
	if (cut.trace >= 0) {
		len = snprintf(line, sizeof(line), "%llu %s%s %s\n", (unsigned long long)n,
			op, drop ? " (dropped)" : "", seen);
		if (len > 0)
			(void)!real_write(cut.trace, line, (size_t)len < sizeof(line) ?
				(size_t)len : sizeof(line) - 1);
	}
	seen[0] = '\0';
	return drop;
}

ssize_t write(int fd, const void *buf, size_t len)
{
	if (dropped("write", cut.on && fd_under(fd)))
		return (ssize_t)len;
	return real_write(fd, buf, len);
}

ssize_t pwrite64(int fd, const void *buf, size_t len, off64_t off)
{
	if (dropped("pwrite64", cut.on && fd_under(fd)))
		return (ssize_t)len;
	return real_pwrite64(fd, buf, len, off);
}

static ssize_t iov_len(const struct iovec *iov, int n)
{
	ssize_t len = 0;

	for (int i = 0; i < n; i++)
		len += (ssize_t)iov[i].iov_len;
	return len;
}

ssize_t writev(int fd, const struct iovec *iov, int n)
{
	if (dropped("writev", cut.on && fd_under(fd)))
		return iov_len(iov, n);
	return real_writev(fd, iov, n);
}

ssize_t pwritev(int fd, const struct iovec *iov, int n, off_t off)
{
	if (dropped("pwritev", cut.on && fd_under(fd)))
		return iov_len(iov, n);
	return real_pwritev(fd, iov, n, off);
}

int fsync(int fd)
{
	return dropped("fsync", cut.on && fd_under(fd)) ? 0 : real_fsync(fd);
}

int fdatasync(int fd)
{
	return dropped("fdatasync", cut.on && fd_under(fd)) ? 0 : real_fdatasync(fd);
}

int ftruncate(int fd, off_t len)
{
	return dropped("ftruncate", cut.on && fd_under(fd)) ? 0 : real_ftruncate(fd, len);
}

int rename(const char *a, const char *b)
{
	if (dropped("rename", cut.on && (path_under(AT_FDCWD, a) | path_under(AT_FDCWD, b))))
		return 0;
	return real_rename(a, b);
}

int renameat(int da, const char *a, int db, const char *b)
{
	if (dropped("renameat", cut.on && (path_under(da, a) | path_under(db, b))))
		return 0;
	return real_renameat(da, a, db, b);
}

int renameat2(int da, const char *a, int db, const char *b, unsigned flags)
{
	if (dropped("renameat2", cut.on && (path_under(da, a) | path_under(db, b))))
		return 0;
	return real_renameat2(da, a, db, b, flags);
}

int link(const char *a, const char *b)
{
	if (dropped("link", cut.on && (path_under(AT_FDCWD, a) | path_under(AT_FDCWD, b))))
		return 0;
	return real_link(a, b);
}

int linkat(int da, const char *a, int db, const char *b, int flags)
{
	if (dropped("linkat", cut.on && (path_under(da, a) | path_under(db, b))))
		return 0;
	return real_linkat(da, a, db, b, flags);
}

int unlink(const char *p)
{
	return dropped("unlink", cut.on && path_under(AT_FDCWD, p)) ? 0 : real_unlink(p);
}

int unlinkat(int d, const char *p, int flags)
{
	return dropped("unlinkat", cut.on && path_under(d, p)) ? 0 : real_unlinkat(d, p, flags);
}

int mkdir(const char *p, mode_t mode)
{
	return dropped("mkdir", cut.on && path_under(AT_FDCWD, p)) ? 0 : real_mkdir(p, mode);
}

int mkdirat(int d, const char *p, mode_t mode)
{
	return dropped("mkdirat", cut.on && path_under(d, p)) ? 0 : real_mkdirat(d, p, mode);
}

/*
 * An open that creates or truncates. Dropped: an existing file is opened
 * as it is (not truncated); a new one is not made, the caller writes into
 * memory (its writes would have been dropped anyway).
 */
static int open_cut(int d, const char *p, int flags, mode_t mode,
	int (*real)(int, const char *, int, ...))
{
	struct stat st;

	if (!(flags & (O_CREAT | O_TRUNC)) || !dropped("open", cut.on && path_under(d, p)))
		return real(d, p, flags, mode);
	if (fstatat(d, p, &st, 0) == 0)
		return real(d, p, flags & ~(O_CREAT | O_TRUNC), mode);
	if (!(flags & O_CREAT)) {
		errno = ENOENT;
		return -1;
	}
	return memfd_create("rx-cut-dropped", (flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
}

static int open_at_cwd(int d, const char *p, int flags, ...)
{
	va_list ap;
	mode_t mode;

	(void)d;
	va_start(ap, flags);
	mode = (mode_t)va_arg(ap, int);
	va_end(ap);
	return real_open(p, flags, mode);
}

static mode_t mode_arg(int flags, va_list ap)
{
	return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *p, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	return open_cut(AT_FDCWD, p, flags, mode, open_at_cwd);
}

int open64(const char *p, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	return open_cut(AT_FDCWD, p, flags, mode, open_at_cwd);
}

int openat(int d, const char *p, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	return open_cut(d, p, flags, mode, real_openat);
}

int openat64(int d, const char *p, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	return open_cut(d, p, flags, mode, real_openat);
}

int creat(const char *p, mode_t mode)
{
	return open(p, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

int creat64(const char *p, mode_t mode)
{
	return open(p, O_CREAT | O_WRONLY | O_TRUNC, mode);
}
