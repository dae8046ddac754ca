/* The audit report as plain text, Chinese and English labels. */
#include <string.h>

#include "ops/audit/auditInt.h"

static const char *role_label(rx_role r)
{
	return r == RX_ROLE_CITY ? "市 city" : r == RX_ROLE_COUNTY ? "县 county" :
		r == RX_ROLE_SCHOOL ? "校 school" : r == RX_ROLE_DEVICE ?
		"设备 device" : "未知 unknown";
}

static void group(void *ctx, const rx_crypto_cert *c, rx_role role,
	size_t nfind, size_t nint)
{
	FILE *f = ctx;
	const char *indent = role == RX_ROLE_SCHOOL ? "  " : "";

	if (!c) {
		if (nfind)
			fprintf(f, "\n市级及其他 city and others: %zu\n", nfind);
		return;
	}
	fprintf(f, "%s%s%s %s (%s): ", role == RX_ROLE_COUNTY ? "\n" : "", indent,
		role_label(role), c->name, c->node);
	if (!nfind)
		fprintf(f, "正常 ok\n");
	else
		fprintf(f, "%zu 项完整性问题 integrity findings, %zu 项备注 notes\n",
			nint, nfind - nint);
}

static void finding(void *ctx, const rx_ops_audit_finding *x)
{
	FILE *f = ctx;
	const char *indent = x->school[0] && x->county[0] ? "    " : "  ";

	fprintf(f, "%s%s [%s %s] %s %s (%s) %s: %s\n", indent,
		rx_ops_audit_kind_integrity(x->kind) ? "✗" : "·",
		rx_ops_audit_kind_label(x->kind), rx_ops_audit_kind_name(x->kind),
		role_label(x->role), x->name[0] ? x->name : "?", x->node,
		x->branch, x->reason);
}

static void group_end(void *ctx, rx_role role)
{
	(void)ctx, (void)role;
}

int audit_write_text(const rx_ops_audit *a, FILE *f, const rx_ops_audit_extra *x)
{
	const audit_visit v = { group, finding, group_end };
	const rx_ops_audit_summary *s = &a->sum;
	char t[21];

	rx_crypto_time_format(t, s->time);
	fprintf(f, "runxin 完整性审计 integrity audit, %s\n", t);
	fprintf(f, "分支 branches: %zu  变更集 change-sets verified: %zu  "
		"检查点 checkpoints: %zu (条目 entries: %zu)\n", s->branches,
		s->changesets, s->checkpoints, s->checkpoint_entries);
	fprintf(f, "完整性问题 integrity findings: %zu  备注 notes: %zu\n",
		s->integrity, s->notes);
	audit_walk(a, &v, f);
	if (x && x->nlines) {
		fprintf(f, "\n合规 compliance\n");
		for (size_t i = 0; i < x->nlines; i++)
			fprintf(f, "  %s\n", x->lines[i]);
	}
	if (x && x->checked && x->findings)
		fprintf(f, "\n结论 result: 完整性%s，合规 %zu 项不达标 (integrity %s; compliance: "
			"%zu shortfalls)\n", s->integrity ? "未通过" : "完整",
			x->findings, s->integrity ? "FAIL" : "intact", x->findings);
	else
		fprintf(f, "\n结论 result: %s\n", s->integrity ? "未通过 FAIL" : "通过 PASS");
	return ferror(f) ? -1 : 0;
}
