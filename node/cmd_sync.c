/* runxin sync [NAME|URL] [--create]: verify and take in what the remote holds, then push ours. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/policy/policy.h"
#include "ops/home/home.h"
#include "ops/hub/hub.h"
#include "ops/remote/remote.h"
#include "ops/report/report.h"
#include "ops/transfer/transfer.h"

/* One remote's outcome; syncing every remote also names each failure here. */
static void print_result(void *ctx, const rx_remote_result *r)
{
	const rx_sync_report *rep = r->rep;
	const int *all = ctx;

	if (rep->refused.len)
		fprintf(stderr, "%s", (char *)rep->refused.data);
	if (rep->warned.len) /* a revoked node's later writes: left out, not a failure */
		fprintf(stderr, "%s", (char *)rep->warned.data);
	if (rep->skipped_unknown)
		fprintf(stderr, "note: %zu branches of nodes this node does not know "
			"were left on the remote\n", rep->skipped_unknown);
	/* an unreachable remote gets its one error line, no empty summary */
	if (r->rc == 0 || rep->branches_updated || rep->batches_pushed || rep->branches_refused)
		printf("同步 sync %s: %zu branches updated, %zu batches pushed "
			"(%zu KiB), %zu refused\n", r->name, rep->branches_updated,
			rep->batches_pushed, rep->bytes_pushed / 1024, rep->branches_refused);
	if (*all && r->rc < 0)
		fprintf(stderr, "runxin sync: %s\n", r->err->msg);
}

/* Review reports up, countersignatures in: before the push and after the fetch. */
static int reports(void *ctx, rx_archive *a, rx_error *err)
{
	rx_ops_report_synced s;
	int rc = rx_ops_report_sync(&s, a, err);

	size_t settled = 0, refused = 0;

	(void)ctx;
	/* transfers this school sent and that were accepted: keep what the policy says */
	if (rc == 0 && (rc = rx_ops_transfer_settle(&settled, &refused, a, err)) == 0 && settled)
		printf("档案转接 transfer: %zu 份已被接收, 本校只保留转接记录 (%zu accepted; the policy's "
			"record kept)\n", settled, settled);
	if (rc == 0 && refused)
		printf("档案转接 transfer: %zu 份被对方拒绝, 学生仍在本校: runxin transfer --list "
			"(%zu refused; the students stay)\n", refused, refused);
	if (rc == 0 && (s.notices || s.reports || s.countersigned))
		printf("上报 report: 事件通知 %zu, 复盘报告 %zu, 县局会签 %zu (notices %zu, reports %zu, "
			"countersignatures taken in %zu)\n", s.notices, s.reports, s.countersigned,
			s.notices, s.reports, s.countersigned);
	return rc;
}

/* A hub's school views carry what this hub just took in (from the city, say) at once. */
static int refresh_views(rx_home *h, rx_error *err)
{
	char path[4096];
	struct stat st;
	size_t made, moved;

	if (h->role != RX_ROLE_COUNTY && h->role != RX_ROLE_CITY)
		return 0;
	snprintf(path, sizeof(path), "%s/repo.git/views", h->path);
	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return 0;
	return rx_hub_views(h, NULL, &made, &moved, err);
}

/* Does text hold the line p (n bytes with its LF) at a line start? */
static int has_line(const rx_buf *text, const char *p, size_t n)
{
	const char *t = (const char *)text->data;

	for (size_t at = 0; at + n <= text->len; ) {
		if (!memcmp(t + at, p, n))
			return 1;
		const char *lf = memchr(t + at, '\n', text->len - at);
		if (!lf)
			break;
		at = (size_t)(lf - t) + 1;
	}
	return 0;
}

/* A policy refused since before this sync: one line each, the one in force stays. */
static void warn_refused(rx_home *h, const rx_buf *before)
{
	rx_buf now = RX_BUF_INIT;
	const char *p, *end;

	if (rx_ops_policy_refused(&now, h, NULL) < 0 || !now.len)
		goto out;
	for (p = (const char *)now.data; p < (const char *)now.data + now.len; p = end + 1) {
		end = memchr(p, '\n', (size_t)((const char *)now.data + now.len - p));
		if (!end)
			break;
		if (has_line(before, p, (size_t)(end - p + 1)))
			continue;
		fprintf(stderr, "警告: 拒绝了政策 %.*s, 仍执行原政策 (warning: policy refused; the one in "
			"force stays)\n", (int)(end - p), p);
	}
out:
	rx_buf_free(&now);
}

int rx_cmd_sync(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *pos[1] = { NULL }, *batch_s = NULL;
	int create = 0;
	const rx_argopt opts[] = { { "--batch-bytes", &batch_s, NULL },
		{ "--create", NULL, &create }, { NULL, NULL, NULL } };
	rx_remote_sync_opts ro = { 0 };
	rx_buf refused = RX_BUF_INIT;
	rx_home *h = NULL;
	long batch = 0;
	int rc, all;

	if ((rc = rx_node_args(argc, argv, opts, pos, 0, 1, err)) < 0)
		return rc;
	/* a link cut mid-write is a transport failure (exit 4), not a death by SIGPIPE */
	signal(SIGPIPE, SIG_IGN);
	if (batch_s && ((batch = strtol(batch_s, NULL, 10)) < 1024 ||
	    batch > (64L << 20)))
		return rx_error_set(err, RX_EUSAGE, "--batch-bytes must be 1024 to 67108864");
	if ((rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	all = !pos[0];
	if (create && !pos[0])
		return rx_error_set(err, RX_EUSAGE, "--create needs the path of the new stick");
	ro.target = pos[0], ro.batch_bytes = (size_t)batch, ro.create = create;
	ro.report = print_result, ro.ctx = &all;
	ro.archive_hook = reports;
	rx_ops_policy_refused(&refused, h, NULL);
	rc = rx_remote_sync(h, &o->home, &ro, err);
	if (rc == 0)
		rc = refresh_views(h, err);
	warn_refused(h, &refused);
	rx_buf_free(&refused);
	rx_home_close(h);
	return rc;
}
