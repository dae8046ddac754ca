/* runxin print letter STUDENT --kind inf|sug [--out FILE] [--contact TEXT]: a letter to the parents as HTML. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/archive/archive.h"

/* A new file, private (0600): an existing one is never overwritten. */
static int open_out(int *fd, const char *path, rx_error *err)
{
	if ((*fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) >= 0)
		return 0;
	if (errno == EEXIST)
		return rx_error_set(err, RX_EUSAGE, "文件已存在, 不覆盖: %s (file exists; "
			"choose another --out)", path);
	return rx_error_set(err, RX_EINPUT, "cannot create %s: %s", path, strerror(errno));
}

static int write_all(int fd, const rx_buf *b, const char *path, rx_error *err)
{
	for (size_t at = 0; at < b->len;) {
		ssize_t n = write(fd, b->data + at, b->len - at);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return rx_error_set(err, RX_EINTERNAL, "cannot write %s: %s", path,
				strerror(errno));
		at += (size_t)n;
	}
	return 0;
}

static int print_letter(const rx_opts *o, const rx_archive_letter_opts *lo, const char *out,
	rx_error *err)
{
	rx_buf b = RX_BUF_INIT;
	rx_archive *a = NULL;
	rx_home *h = NULL;
	int fd = 1, rc;

	if ((rc = rx_home_open(&h, &o->home, err)) < 0 ||
	    (rc = rx_archive_open(&a, h, &o->home, err)) < 0 ||
	    (out && (rc = open_out(&fd, out, err)) < 0))
		goto done;
	if ((rc = rx_archive_letter_write(&b, a, lo, err)) == 0)
		rc = write_all(fd, &b, out ? out : "stdout", err);
	if (out) {
		if (close(fd) < 0 && rc == 0)
			rc = rx_error_set(err, RX_EINTERNAL, "cannot write %s", out);
		if (rc < 0)
			unlink(out); /* nothing half-written */
	}
done:
	rx_buf_free(&b);
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}

int rx_cmd_print(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *kind = NULL, *out = NULL, *contact = NULL, *pos[2];
	const rx_argopt opts[] = { { "--kind", &kind, NULL }, { "--out", &out, NULL },
		{ "--contact", &contact, NULL }, { NULL, NULL, NULL } };
	rx_archive_letter_opts lo = { 0 };
	int rc, blank = 0;

	if ((rc = rx_node_args(argc, argv, opts, pos, 2, 2, err)) < 0)
		return rc;
	if (strcmp(pos[0], "letter"))
		return rx_error_set(err, RX_EUSAGE, "print 只支持 letter (only `print letter`)");
	if (!kind || (strcmp(kind, "inf") && strcmp(kind, "sug")))
		return rx_error_set(err, RX_EUSAGE, "--kind 为 inf (知情书) 或 sug (建议书)");
	if (!rx_schema_no_valid(pos[1]))
		return rx_error_set(err, RX_EUSAGE, "STUDENT 应为学号 (STUDENT is a student number)");
	lo.no = pos[1], lo.kind = kind, lo.contact = contact, lo.contact_blank = &blank;
	if ((rc = print_letter(o, &lo, out, err)) == 0 && blank)
		fprintf(stderr, "注意: 未登记心理健康教师, 联系人一栏留空, 请打印后手写; 或先 runxin add staff "
			"n=姓名 ro=专职心理教师, 或用 --contact 指定 (no contact known: the line is blank)\n");
	return rc;
}
