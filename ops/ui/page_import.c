/* Importing a roster or screening file uploaded from Excel: a preview naming every refused line, then the commit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "ops/ui/uiInt.h"
#include "schema/schema.h"

#define REFUSED_SHOWN 2000 /* lines named on one page (about 100 KB) */

static void scale_options(rx_buf *b)
{
	size_t n;
	const rx_schema_builtin *l = rx_schema_builtin_list(&n);

	for (size_t i = 0; i < n; i++) {
		rx_schema_scale *sc = NULL;
		if (strcmp(l[i].kind, "scale") || rx_schema_builtin_scale(&sc, l[i].name, NULL) < 0)
			continue;
		rx_ui_put(b, "<option value=\"", l[i].name);
		rx_ui_put(b, "\">", rx_schema_scale_short(sc));
		rx_ui_put(b, " ", rx_schema_scale_name(sc));
		rx_buf_puts(b, "</option>", NULL);
		rx_schema_scale_free(sc);
	}
}

void rx_ui_page_import(rx_ui *u, rx_ui_req *r)
{
	rx_buf *b = &r->out;

	rx_ui_page_begin(b, "导入花名册或测评结果", r->sess->csrf);
	rx_buf_puts(b, "<p>可上传 Excel 工作簿 (.xlsx, 读第一张工作表) 或 CSV (UTF-8、GBK 等均可)。"
		"先预览: 每一行被拒绝的原因都会列出, 确认后才写入。</p><form method=\"post\" "
		"action=\"/import\" enctype=\"multipart/form-data\" class=\"card\">", NULL);
	rx_ui_csrf_field(b, r->sess->csrf);
	rx_buf_puts(b, "<p><label><input type=\"radio\" name=\"kind\" value=\"roster\" checked> 花名册 "
		"(学号,姓名,性别,出生日期,年级,班级,重点标记)</label></p><p><label><input type=\"radio\" "
		"name=\"kind\" value=\"screening\"> 测评结果 (学号,日期,q1..qN)</label> <label>量表 "
		"<select name=\"scale\">", NULL);
	scale_options(b);
	rx_buf_puts(b, "</select></label> <label>轮次 <input name=\"round\" size=\"8\" "
		"placeholder=\"2024a\"></label> <label>施测次 <select name=\"adm\"><option value=\"\">"
		"自动</option><option>1</option><option>2</option></select></label></p>"
		"<p><label>文件 <input type=\"file\" name=\"file\" required accept=\".csv,.xlsx,.txt\">"
		"</label></p><button>预览</button></form>", NULL);
	rx_ui_page_end(b);
}

/* What the import says, collected for the page. */
typedef struct collect {
	rx_buf refused, notes;
	size_t nrefused;
} collect;

static void on_refused(void *ctx, const rx_error *e)
{
	collect *c = ctx;

	if (c->nrefused++ < REFUSED_SHOWN)
		rx_ui_put(&c->refused, "<li>", e->msg), rx_buf_puts(&c->refused, "</li>", NULL);
}

static void on_note(void *ctx, const char *line)
{
	collect *c = ctx;

	rx_ui_put(&c->notes, "<li>", line);
	rx_buf_puts(&c->notes, "</li>", NULL);
}

/* Run the import of p (dry or not) from a private temporary file in the home. */
static int run(rx_ui *u, const rx_ui_pending *p, int dry, collect *c,
	rx_archive_imported *n, rx_error *err)
{
	rx_archive_import_opts o = { 0 };
	rx_schema_scale *sc = NULL;
	rx_schema_rules *rules = NULL;
	char *path = rx_ops_path_join(u->h->path, "ui-import-XXXXXX");
	int fd = path ? mkstemp(path) : -1, rc;

	if (fd < 0) {
		rc = rx_error_set(err, RX_EINTERNAL, "cannot make a temporary file in the home");
		goto out;
	}
	if (write(fd, p->data.data, p->data.len) != (ssize_t)p->data.len) {
		rc = rx_error_set(err, RX_EINTERNAL, "cannot write a temporary file in the home");
		goto out;
	}
	o.dry_run = dry, o.every_refusal = 1, o.refused = on_refused, o.note = on_note, o.ctx = c;
	if (p->screening &&
	    ((rc = rx_schema_builtin_scale(&sc, p->scale, err)) < 0 ||
	     (rc = rx_schema_builtin_rules(&rules, "default", err)) < 0))
		goto out;
	o.scale = sc, o.rules = rules, o.round = p->screening ? p->round : NULL, o.adm = p->adm;
	rc = rx_archive_csv_import(n, u->a, path, &o, err);
out:
	if (fd >= 0)
		close(fd), unlink(path);
	free(path);
	rx_schema_rules_free(rules);
	rx_schema_scale_free(sc);
	return rc;
}

/* The upload and its options, checked, into p. */
static int take(rx_ui_pending *p, rx_ui_req *r, rx_error *err)
{
	const rx_ui_field *f = rx_ui_form_file(r, "file");
	const char *kind = rx_ui_form(r, "kind", NULL), *scale = rx_ui_form(r, "scale", NULL);
	const char *round = rx_ui_form(r, "round", NULL), *adm = rx_ui_form(r, "adm", NULL);

	if (!f || !f->val.len)
		return rx_error_set(err, RX_EUSAGE, "请选择一个文件 (choose a file)");
	if (!kind || (strcmp(kind, "roster") && strcmp(kind, "screening")))
		return rx_error_set(err, RX_EUSAGE, "请选择花名册或测评结果 (roster or screening)");
	p->screening = !strcmp(kind, "screening");
	if (p->screening && (!scale || !rx_schema_builtin_find("scale", scale)))
		return rx_error_set(err, RX_EUSAGE, "请选择量表 (choose a scale)");
	if (p->screening && (!round || !rx_schema_no_valid(round) || strlen(round) > 16))
		return rx_error_set(err, RX_EUSAGE, "轮次为 1–16 个字母、数字、- 或 _, 如 2024a "
			"(round: e.g. 2024a)");
	if (adm && *adm && strcmp(adm, "1") && strcmp(adm, "2"))
		return rx_error_set(err, RX_EUSAGE, "施测次为 1 或 2 (administration 1 or 2)");
	snprintf(p->scale, sizeof(p->scale), "%s", p->screening ? scale : "");
	snprintf(p->round, sizeof(p->round), "%s", p->screening ? round : "");
	snprintf(p->name, sizeof(p->name), "%s", f->filename);
	p->adm = adm && *adm ? adm[0] - '0' : 0;
	return rx_buf_put(&p->data, f->val.data, f->val.len, err);
}

static void result_lists(rx_buf *b, collect *c)
{
	if (c->notes.len)
		rx_buf_puts(b, "<ul class=\"notes\">", NULL), rx_buf_put(b, c->notes.data, c->notes.len, NULL),
			rx_buf_puts(b, "</ul>", NULL);
	if (c->nrefused)
		rx_ui_printf(b, "<h2>被拒绝的行 (%zu)</h2><ul class=\"refused\">", c->nrefused),
			rx_buf_put(b, c->refused.data, c->refused.len, NULL), rx_buf_puts(b, "</ul>", NULL);
	if (c->nrefused > REFUSED_SHOWN)
		rx_ui_printf(b, "<p>另有 %zu 行被拒绝, 未逐行列出。</p>", c->nrefused - REFUSED_SHOWN);
}

static void preview(rx_ui *u, rx_ui_req *r)
{
	rx_ui_pending p = { 0 };
	rx_archive_imported n = { 0 };
	collect c = { RX_BUF_INIT, RX_BUF_INIT, 0 };
	rx_error err = { 0 };
	rx_buf *b = &r->out;

	if (take(&p, r, &err) < 0 || run(u, &p, 1, &c, &n, &err) < 0) {
		rx_ui_message(r, err.code == RX_EINTERNAL ? 500 : 400, "无法导入", err.msg);
		goto out;
	}
	rx_ui_page_begin(b, "导入预览 (尚未写入)", r->sess->csrf);
	rx_ui_put(b, "<p>文件 ", p.name);
	rx_ui_printf(b, ": %zu 行可以导入 (%zu 个字段会变化), %zu 行被拒绝。</p>", n.rows, n.fields,
		c.nrefused);
	result_lists(b, &c);
	if (n.rows) {
		rx_ui_token(p.id);
		rx_buf_puts(b, "<form method=\"post\" action=\"/import\" class=\"card\">", NULL);
		rx_ui_csrf_field(b, r->sess->csrf);
		rx_ui_put(b, "<input type=\"hidden\" name=\"commit\" value=\"", p.id);
		rx_ui_printf(b, "\"><button>确认导入这 %zu 行</button>%s <a href=\"/import\">取消</a>"
			"</form>", n.rows, c.nrefused ? " (被拒绝的行不会写入; 改正后可再导入)" : "");
		rx_ui_pending_clear(&u->pending);
		u->pending = p;
		memset(&p, 0, sizeof(p));
	} else
		rx_buf_puts(b, "<p class=\"msg\">没有可以导入的行。</p><p><a href=\"/import\">重新选择文件</a></p>", NULL);
	rx_ui_page_end(b);
out:
	rx_ui_pending_clear(&p);
	rx_buf_free(&c.refused);
	rx_buf_free(&c.notes);
}

static void commit(rx_ui *u, rx_ui_req *r, const char *id)
{
	rx_archive_imported n = { 0 };
	collect c = { RX_BUF_INIT, RX_BUF_INIT, 0 };
	rx_error err = { 0 };
	rx_buf *b = &r->out;

	if (!u->pending.id[0] || strlen(id) != RX_UI_TOKEN_HEX ||
	    sodium_memcmp(u->pending.id, id, RX_UI_TOKEN_HEX) != 0)
		return rx_ui_message(r, 409, "无法导入", "这个预览已过期, 请重新上传文件 (the preview "
			"expired: upload the file again)");
	if (run(u, &u->pending, 0, &c, &n, &err) < 0)
		rx_ui_message(r, err.code == RX_EINTERNAL ? 500 : 400, "导入失败", err.msg);
	else {
		rx_ui_page_begin(b, "导入完成", r->sess->csrf);
		rx_ui_printf(b, "<p class=\"ok\">%zu 行已导入, %zu 个字段有变化, %zu 行被拒绝。</p>",
			n.rows, n.fields, c.nrefused);
		result_lists(b, &c);
		rx_buf_puts(b, "<p><a href=\"/\">返回首页</a></p>", NULL);
		rx_ui_page_end(b);
	}
	rx_ui_pending_clear(&u->pending);
	rx_buf_free(&c.refused);
	rx_buf_free(&c.notes);
}

void rx_ui_page_import_post(rx_ui *u, rx_ui_req *r)
{
	const char *id = rx_ui_form(r, "commit", NULL);

	if (id)
		commit(u, r, id);
	else
		preview(u, r);
}
