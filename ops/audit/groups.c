/* The report's order: city and others, then each county and its schools, from the directory. */
#include <string.h>

#include "ops/audit/auditInt.h"

static int in_group(const rx_ops_audit_finding *f, const char *county,
	const char *school)
{
	if (!county[0])
		return !f->county[0];
	return !strcmp(f->county, county) && (!school || !strcmp(f->school, school));
}

size_t audit_group_count(const rx_ops_audit *a, const char *county,
	const char *school, int integrity_only)
{
	size_t n = 0;

	for (size_t i = 0; i < a->nf; i++)
		if (in_group(&a->f[i], county, school) &&
		    (!integrity_only || rx_ops_audit_kind_integrity(a->f[i].kind)))
			n++;
	return n;
}

static void visit_group(const rx_ops_audit *a, const audit_visit *v, void *ctx,
	const rx_crypto_cert *c, const char *county, const char *school, rx_role role)
{
	/* a county's status counts its schools' findings too */
	const char *all = role == RX_ROLE_COUNTY ? NULL : school;

	v->group(ctx, c, role, audit_group_count(a, county, all, 0),
		audit_group_count(a, county, all, 1));
	for (size_t i = 0; i < a->nf; i++)
		if (in_group(&a->f[i], county, school))
			v->finding(ctx, &a->f[i]);
}

typedef struct walk_ctx {
	const rx_ops_audit *a;
	const audit_visit *v;
	void *ctx;
	const char *county;
} walk_ctx;

static void each_school(void *p, const rx_crypto_cert *c)
{
	walk_ctx *w = p;

	visit_group(w->a, w->v, w->ctx, c, w->county, c->node, RX_ROLE_SCHOOL);
	w->v->group_end(w->ctx, RX_ROLE_SCHOOL);
}

static void each_county(void *p, const rx_crypto_cert *c)
{
	walk_ctx *w = p;

	visit_group(w->a, w->v, w->ctx, c, c->node, "", RX_ROLE_COUNTY);
	w->county = c->node;
	audit_each_child(w->a, c->node, RX_ROLE_SCHOOL, each_school, w);
	w->v->group_end(w->ctx, RX_ROLE_COUNTY);
}

void audit_walk(const rx_ops_audit *a, const audit_visit *v, void *ctx)
{
	walk_ctx w = { a, v, ctx, "" };

	visit_group(a, v, ctx, NULL, "", "", RX_ROLE_CITY);
	v->group_end(ctx, RX_ROLE_CITY);
	audit_each_child(a, NULL, RX_ROLE_COUNTY, each_county, &w);
}
