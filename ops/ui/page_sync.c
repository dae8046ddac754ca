/* The sync button: every configured remote, with the archive already unlocked; the result in words. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ops/remote/remote.h"
#include "ops/report/report.h"
#include "ops/ui/uiInt.h"

typedef struct sync_ctx {
	rx_buf *b;
	size_t ok, failed;
} sync_ctx;

static void result(void *ctx, const rx_remote_result *r)
{
	sync_ctx *c = ctx;

	rx_ui_put(c->b, "<li>", r->name);
	if (r->rc == 0) {
		c->ok++;
		rx_ui_printf(c->b, ": 成功。收到 %zu 个新变更集, 推送 %zu 批 (%zu 字节)。",
			r->rep ? r->rep->changesets_accepted : 0, r->rep ? r->rep->batches_pushed : 0,
			r->rep ? r->rep->bytes_pushed : 0);
	} else {
		c->failed++;
		rx_buf_puts(c->b, r->rc == RX_ETRANSPORT ? ": 连接失败, 可以稍后重试。" :
			r->rc == RX_ESECURITY ? ": 有内容未通过核验, 已拒收并隔离。" : ": 失败。", NULL);
		rx_ui_put(c->b, " (", r->err ? r->err->msg : "");
		rx_buf_puts(c->b, ")", NULL);
	}
	if (r->rep && r->rep->refused.len) {
		rx_buf_puts(c->b, "<pre>", NULL);
		rx_ui_esc(c->b, (const char *)r->rep->refused.data);
		rx_buf_puts(c->b, "</pre>", NULL);
	}
	rx_buf_puts(c->b, "</li>", NULL);
}

/* Incidents and review reports go up, countersignatures come in, as `runxin sync` does. */
static int reports(void *ctx, rx_archive *a, rx_error *err)
{
	rx_ops_report_synced s;

	return rx_ops_report_sync(&s, a, err);
}

void rx_ui_page_sync(rx_ui *u, rx_ui_req *r)
{
	rx_remote_sync_opts ro = { 0 };
	rx_buf list = RX_BUF_INIT;
	sync_ctx c = { &list, 0, 0 };
	rx_error err = { 0 };
	char when[64];
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	ro.report = result, ro.ctx = &c, ro.archive_hook = reports, ro.archive = u->a;
	rc = rx_remote_sync(u->h, &u->ho, &ro, &err);
	localtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	rx_ui_page_begin(&r->out, "同步结果", r->sess->csrf);
	if (rc == 0)
		rx_ui_printf(&r->out, "<p class=\"ok\">同步完成: %zu 个远端全部成功。</p>", c.ok);
	else {
		rx_ui_printf(&r->out, "<p class=\"msg\">同步未全部完成: 成功 %zu 个, 失败 %zu 个。</p>",
			c.ok, c.failed);
		rx_ui_put(&r->out, "<p>", err.msg);
		rx_buf_puts(&r->out, "</p>", NULL);
	}
	if (list.len)
		rx_buf_puts(&r->out, "<ul>", NULL), rx_buf_put(&r->out, list.data, list.len, NULL),
			rx_buf_puts(&r->out, "</ul>", NULL);
	rx_buf_puts(&r->out, "<p><a href=\"/\">返回首页</a></p>", NULL);
	rx_ui_page_end(&r->out);
	snprintf(when + strlen(when), sizeof(when) - strlen(when), " %s",
		rc == 0 ? "成功" : "未全部完成");
	rx_home_set(u->h, "ui.last_sync", when, NULL);
	rx_buf_free(&list);
}
