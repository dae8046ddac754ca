/* The audit report as JSON: summary, findings, counties with their schools, compliance lines. */
#include <string.h>

#include "ops/audit/auditInt.h"
#include "ops/util/util.h"

static void kv(FILE *f, const char *k, const char *v, int comma)
{
	fprintf(f, "%s\"%s\":", comma ? "," : "", k);
	rx_json_put_str(f, v);
}

static const char *name_of(const rx_ops_audit *a, const char *node)
{
	const rx_crypto_cert *c = node[0] ? audit_cert(a, node) : NULL;

	return c ? c->name : "";
}

static void finding(FILE *f, const rx_ops_audit *a, const rx_ops_audit_finding *x,
	int comma)
{
	fprintf(f, "%s{", comma ? "," : "");
	kv(f, "kind", rx_ops_audit_kind_name(x->kind), 0);
	kv(f, "label", rx_ops_audit_kind_label(x->kind), 1);
	fprintf(f, ",\"integrity\":%s", rx_ops_audit_kind_integrity(x->kind) ?
		"true" : "false");
	kv(f, "node", x->node, 1);
	kv(f, "name", x->name, 1);
	kv(f, "role", rx_crypto_role_name(x->role) ? rx_crypto_role_name(x->role) : "", 1);
	kv(f, "school", x->school, 1);
	kv(f, "school_name", name_of(a, x->school), 1);
	kv(f, "county", x->county, 1);
	kv(f, "county_name", name_of(a, x->county), 1);
	kv(f, "branch", x->branch, 1);
	kv(f, "reason", x->reason, 1);
	fputc('}', f);
}

typedef struct jctx {
	FILE *f;
	const rx_ops_audit *a;
	int schools;  /* schools written in the current county */
	int counties;
} jctx;

static void group(void *p, const rx_crypto_cert *c, rx_role role, size_t nfind,
	size_t nint)
{
	jctx *j = p;

	if (!c)
		return;
	if (role == RX_ROLE_COUNTY)
		fprintf(j->f, "%s{", j->counties++ ? "," : "");
	else
		fprintf(j->f, "%s{", j->schools++ ? "," : "");
	kv(j->f, "node", c->node, 0);
	kv(j->f, "name", c->name, 1);
	fprintf(j->f, ",\"findings\":%zu,\"integrity\":%zu", nfind, nint);
	if (role == RX_ROLE_COUNTY) {
		fprintf(j->f, ",\"schools\":[");
		j->schools = 0;
	}
}

static void nothing(void *p, const rx_ops_audit_finding *f)
{
	(void)p, (void)f;
}

static void group_end(void *p, rx_role role)
{
	jctx *j = p;

	if (role == RX_ROLE_COUNTY)
		fprintf(j->f, "]}");
	else if (role == RX_ROLE_SCHOOL)
		fputc('}', j->f);
}

int audit_write_json(const rx_ops_audit *a, FILE *f, const rx_ops_audit_extra *x)
{
	const audit_visit v = { group, nothing, group_end };
	const rx_ops_audit_summary *s = &a->sum;
	jctx j = { f, a, 0, 0 };
	char t[21];

	rx_crypto_time_format(t, s->time);
	fprintf(f, "{\"audit\":\"integrity\"");
	kv(f, "time", t, 1);
	fprintf(f, ",\"pass\":%s,\"summary\":{\"branches\":%zu,\"changesets\":%zu,"
		"\"checkpoints\":%zu,\"checkpoint_entries\":%zu,\"integrity\":%zu,"
		"\"notes\":%zu},\"findings\":[", s->integrity ? "false" : "true",
		s->branches, s->changesets, s->checkpoints, s->checkpoint_entries,
		s->integrity, s->notes);
	for (size_t i = 0; i < a->nf; i++)
		finding(f, a, &a->f[i], i > 0);
	fprintf(f, "],\"counties\":[");
	audit_walk(a, &v, &j);
	fprintf(f, "],\"compliance\":[");
	for (size_t i = 0; x && i < x->nlines; i++) {
		if (i)
			fputc(',', f);
		rx_json_put_str(f, x->lines[i]);
	}
	/* "pass" is the integrity verdict; compliance has its own */
	fprintf(f, "],\"compliance_checked\":%s,\"compliance_shortfalls\":%zu}\n",
		x && x->checked ? "true" : "false", x && x->checked ? x->findings : 0);
	return ferror(f) ? -1 : 0;
}
