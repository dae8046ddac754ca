/* Bounded reads and crash-safe writes of small files. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ops/util/util.h"

int rx_ops_file_read(rx_buf *out, const char *path, size_t max, rx_error *err)
{
	struct stat st;
	int fd, rc = 0;
	ssize_t n;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return rx_error_set(err, RX_EINPUT, "cannot open %s: %s", path,
			strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		rc = rx_error_set(err, RX_EINPUT, "%s is not a regular file", path);
		goto out;
	}
	if ((size_t)st.st_size > max) {
		rc = rx_error_set(err, RX_EINPUT, "%s is too large (over %zu bytes)",
			path, max);
		goto out;
	}
	if ((rc = rx_buf_reserve(out, (size_t)st.st_size, err)) < 0)
		goto out;
	do {
		if ((rc = rx_buf_reserve(out, 4096, err)) < 0)
			goto out;
		n = read(fd, out->data + out->len, 4096);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = rx_error_set(err, RX_EINTERNAL, "cannot read %s: %s",
				path, strerror(errno));
			goto out;
		}
		out->len += (size_t)n;
		if (out->len > max) {
			rc = rx_error_set(err, RX_EINPUT, "%s is too large", path);
			goto out;
		}
	} while (n > 0);
	out->data[out->len] = '\0';
out:
	close(fd);
	return rc;
}

static int write_all(int fd, const uint8_t *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n, len -= (size_t)n;
	}
	return 0;
}

int rx_ops_file_write(const char *path, const void *data, size_t len,
	rx_error *err)
{
	char *tmp;
	int fd, rc = 0;

	if (!(tmp = malloc(strlen(path) + 8)))
		return rx_error_nomem(err);
	sprintf(tmp, "%s.tmp", path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
		rc = rx_error_set(err, RX_EINTERNAL, "cannot create %s: %s", tmp,
			strerror(errno));
		goto out;
	}
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		rc = rx_error_set(err, RX_EINTERNAL, "cannot write %s: %s", tmp,
			strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	close(fd);
	if (rename(tmp, path) < 0) {
		rc = rx_error_set(err, RX_EINTERNAL, "cannot replace %s: %s", path,
			strerror(errno));
		unlink(tmp);
	}
out:
	free(tmp);
	return rc;
}

char *rx_ops_path_join(const char *dir, const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);

	if (p)
		sprintf(p, "%s/%s", dir, name);
	return p;
}
