/* The audit report as one self-contained HTML page (inline style, no script, no network). */
#include <string.h>

#include "ops/audit/auditInt.h"

static void esc(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*s, f);
		}
	}
}

static const char style[] =
	"body{font-family:sans-serif;margin:1.5em;color:#222;max-width:70em}"
	"h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.5em}"
	"table{border-collapse:collapse;width:100%}"
	"td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}"
	".ok{color:#176f2c}.bad{color:#b00020;font-weight:bold}.note{color:#8a6d00}"
	".badge{display:inline-block;padding:.2em .8em;border-radius:.3em;color:#fff}"
	".warn{background:#b45309}"
	".pass{background:#176f2c}.fail{background:#b00020}"
	"ul{margin:.2em 0;padding-left:1.2em}code{font-size:.9em}";

static void status(FILE *f, size_t nfind, size_t nint)
{
	if (nint)
		fprintf(f, "<span class=\"bad\">✗ %zu 项问题 findings</span>", nint);
	else
		fprintf(f, "<span class=\"ok\">✓ 正常 ok</span>");
	if (nfind > nint)
		fprintf(f, " <span class=\"note\">%zu 项备注 notes</span>", nfind - nint);
}

typedef struct hctx {
	FILE *f;
	int list_open;   /* a county's own findings list */
	int table_open;  /* a county's schools table */
} hctx;

static void school_row(hctx *h, const rx_crypto_cert *c, size_t nfind, size_t nint)
{
	FILE *f = h->f;

	if (h->list_open) {
		fprintf(f, "</ul>\n<table><thead><tr><th>学校 School</th><th>状态 "
			"Status</th><th>问题 Findings</th></tr></thead><tbody>\n");
		h->list_open = 0, h->table_open = 1;
	}
	fprintf(f, "<tr><td>");
	esc(f, c->name);
	fprintf(f, " <code>%s</code></td><td>", c->node);
	status(f, nfind, nint);
	fprintf(f, "</td><td><ul>");
}

static void group(void *p, const rx_crypto_cert *c, rx_role role, size_t nfind,
	size_t nint)
{
	hctx *h = p;

	if (!c) {
		fprintf(h->f, nfind ? "<h2>市级及其他 City and others</h2>\n<ul>" :
			"<ul hidden>");
		return;
	}
	if (role == RX_ROLE_SCHOOL) {
		school_row(h, c, nfind, nint);
		return;
	}
	fprintf(h->f, "<h2>县 County ");
	esc(h->f, c->name);
	fprintf(h->f, " <code>%s</code> ", c->node);
	status(h->f, nfind, nint);
	fprintf(h->f, "</h2>\n<ul>");
	h->list_open = 1, h->table_open = 0;
}

static void finding(void *p, const rx_ops_audit_finding *x)
{
	FILE *f = ((hctx *)p)->f;

	fprintf(f, "<li class=\"%s\">[%s %s] ", rx_ops_audit_kind_integrity(x->kind) ?
		"bad" : "note", rx_ops_audit_kind_label(x->kind),
		rx_ops_audit_kind_name(x->kind));
	esc(f, x->name[0] ? x->name : "?");
	fprintf(f, " <code>%s</code> <code>", x->node);
	esc(f, x->branch);
	fprintf(f, "</code>: ");
	esc(f, x->reason);
	fprintf(f, "</li>\n");
}

static void group_end(void *p, rx_role role)
{
	hctx *h = p;

	if (role == RX_ROLE_SCHOOL)
		fprintf(h->f, "</ul></td></tr>\n");
	else if (role == RX_ROLE_COUNTY && h->table_open)
		fprintf(h->f, "</tbody></table>\n");
	else
		fprintf(h->f, "</ul>\n");
	if (role == RX_ROLE_COUNTY)
		h->list_open = h->table_open = 0;
}

int audit_write_html(const rx_ops_audit *a, FILE *f, const rx_ops_audit_extra *x)
{
	const audit_visit v = { group, finding, group_end };
	hctx h = { f, 0, 0 };
	const rx_ops_audit_summary *s = &a->sum;
	char t[21];

	rx_crypto_time_format(t, s->time);
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
		"<title>润心 完整性审计 Integrity audit</title><style>%s</style></head>"
		"<body>\n<h1>润心 完整性审计 Integrity audit</h1>\n", style);
	if (x && x->checked) {
		/* two verdicts: a page with compliance shortfalls never says PASS for the whole */
		fprintf(f, "<p>%s 完整性 Integrity: <span class=\"badge %s\">%s</span> "
			"合规 Compliance: <span class=\"badge %s\">", t,
			s->integrity ? "fail" : "pass", s->integrity ? "未通过 FAIL" : "完整 intact",
			x->findings ? "warn" : "pass");
		if (x->findings)
			fprintf(f, "%zu 项不达标 %zu shortfalls", x->findings, x->findings);
		else
			fprintf(f, "达标 met");
		fprintf(f, "</span></p>\n<p>完整性只说明记录未被篡改；合规另见下文 "
			"(integrity says the records are untampered; compliance is judged apart, "
			"below).</p>\n");
	} else {
		fprintf(f, "<p>%s <span class=\"badge %s\">%s</span></p>\n", t,
			s->integrity ? "fail" : "pass", s->integrity ? "未通过 FAIL" : "通过 PASS");
	}
	fprintf(f, "<table><tr><th>分支 Branches</th><th>变更集 Change-sets verified"
		"</th><th>检查点 Checkpoints (条目 entries)</th><th>完整性问题 Integrity "
		"findings</th><th>备注 Notes</th></tr><tr><td>%zu</td><td>%zu</td>"
		"<td>%zu (%zu)</td><td>%zu</td><td>%zu</td></tr></table>\n", s->branches,
		s->changesets, s->checkpoints, s->checkpoint_entries, s->integrity,
		s->notes);
	audit_walk(a, &v, &h);
	if (x && x->nlines) {
		fprintf(f, "<h2>合规 Compliance</h2>\n<ul>\n");
		for (size_t i = 0; i < x->nlines; i++) {
			fprintf(f, "<li>");
			esc(f, x->lines[i]);
			fprintf(f, "</li>\n");
		}
		fprintf(f, "</ul>\n");
	}
	fprintf(f, "</body></html>\n");
	return ferror(f) ? -1 : 0;
}
