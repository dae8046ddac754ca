/* Audit findings: kinds, where a node belongs (school, county), order. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/audit/auditInt.h"

#define AUDIT_MAX_FINDINGS 100000

static const struct {
	const char *name, *label;
	int integrity;
} kinds[] = {
	[RX_AUDIT_TAMPERED] = { "tampered", "篡改或损坏", 1 },
	[RX_AUDIT_CHAIN] = { "chain", "证书链无效", 1 },
	[RX_AUDIT_REVOKED] = { "revoked", "吊销后写入", 1 },
	[RX_AUDIT_GAP] = { "gap", "序号缺口或重放", 1 },
	[RX_AUDIT_OWNERSHIP] = { "ownership", "分支归属错误", 1 },
	[RX_AUDIT_FORK] = { "fork", "分叉", 1 },
	[RX_AUDIT_CHECKPOINT] = { "checkpoint", "检查点不一致", 1 },
	[RX_AUDIT_BEHIND] = { "behind", "本地落后于检查点", 0 },
	[RX_AUDIT_REFUSED] = { "refused", "已拒收隔离", 0 },
};

static int kind_ok(rx_ops_audit_kind k)
{
	return k >= RX_AUDIT_TAMPERED && k <= RX_AUDIT_REFUSED;
}

const char *rx_ops_audit_kind_name(rx_ops_audit_kind k)
{
	return kind_ok(k) ? kinds[k].name : "?";
}

const char *rx_ops_audit_kind_label(rx_ops_audit_kind k)
{
	return kind_ok(k) ? kinds[k].label : "?";
}

int rx_ops_audit_kind_integrity(rx_ops_audit_kind k)
{
	return kind_ok(k) && kinds[k].integrity;
}

/* The verifier's messages, mapped to kinds; the first match wins. */
rx_ops_audit_kind audit_classify(const char *msg)
{
	static const struct { const char *needle; rx_ops_audit_kind k; } m[] = {
		{ "fork", RX_AUDIT_FORK },
		{ "was revoked", RX_AUDIT_REVOKED },
		{ "was due", RX_AUDIT_GAP },
		{ "is written by", RX_AUDIT_OWNERSHIP },
		{ "change-set on a", RX_AUDIT_OWNERSHIP },
		{ "may not write", RX_AUDIT_OWNERSHIP },
		{ "not a runxin branch", RX_AUDIT_OWNERSHIP },
		{ "unknown signer", RX_AUDIT_CHAIN },
		{ "certificate", RX_AUDIT_CHAIN },
		{ "chain", RX_AUDIT_CHAIN },
		{ "root", RX_AUDIT_CHAIN },
	};

	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (strstr(msg, m[i].needle))
			return m[i].k;
	return RX_AUDIT_TAMPERED;
}

static int by_node(const void *x, const void *y)
{
	return strcmp(((const rx_crypto_cert *)x)->node, ((const rx_crypto_cert *)y)->node);
}

const rx_crypto_cert *audit_cert(const rx_ops_audit *a, const char *node)
{
	rx_crypto_cert key;

	if (strlen(node) > RX_NODE_ID_LEN)
		return NULL;
	strcpy(key.node, node);
	return bsearch(&key, a->certs, a->ncerts, sizeof(*a->certs), by_node);
}

/* Fill school and county by walking the parents (a device belongs to its school). */
static void place(const rx_ops_audit *a, rx_ops_audit_finding *f)
{
	const rx_crypto_cert *c = audit_cert(a, f->node);

	for (int hops = 0; c && hops < 4; hops++) {
		if (hops == 0) {
			memcpy(f->name, c->name, sizeof(f->name));
			f->role = c->role;
		}
		if (c->role == RX_ROLE_SCHOOL)
			memcpy(f->school, c->node, sizeof(f->school));
		if (c->role == RX_ROLE_COUNTY)
			memcpy(f->county, c->node, sizeof(f->county));
		if (c->role <= RX_ROLE_COUNTY)
			break;
		c = audit_cert(a, c->parent);
	}
}

int audit_add(rx_ops_audit *a, rx_ops_audit_kind kind, const char *node,
	const char *branch, rx_error *err, const char *fmt, ...)
{
	rx_ops_audit_finding *f;
	va_list ap;

	if (a->nf == AUDIT_MAX_FINDINGS)
		return 0;  /* the summary still counts what the list has */
	if (a->nf == a->capf) {
		size_t cap = a->capf * 2 + 16;
		rx_ops_audit_finding *p = realloc(a->f, cap * sizeof(*p));
		if (!p)
			return rx_error_nomem(err);
		a->f = p, a->capf = cap;
	}
	f = &a->f[a->nf++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	snprintf(f->node, sizeof(f->node), "%s", node);
	snprintf(f->branch, sizeof(f->branch), "%s", branch ? branch : "");
	va_start(ap, fmt);
	vsnprintf(f->reason, sizeof(f->reason), fmt, ap);
	va_end(ap);
	for (char *p = f->reason; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	place(a, f);
	if (rx_ops_audit_kind_integrity(kind))
		a->sum.integrity++;
	else
		a->sum.notes++;
	return 0;
}

static int by_place(const void *x, const void *y)
{
	const rx_ops_audit_finding *p = x, *q = y;
	int c;

	if ((c = strcmp(p->county, q->county)) || (c = strcmp(p->school, q->school)) ||
	    (c = strcmp(p->node, q->node)) || (c = (int)p->kind - (int)q->kind) ||
	    (c = strcmp(p->branch, q->branch)))
		return c;
	return strcmp(p->reason, q->reason);
}

void audit_sort(rx_ops_audit *a)
{
	if (a->nf > 1)
		qsort(a->f, a->nf, sizeof(*a->f), by_place);
}

void audit_each_child(const rx_ops_audit *a, const char *parent, rx_role role,
	audit_node_fn fn, void *ctx)
{
	for (size_t i = 0; i < a->ncerts; i++)
		if (a->certs[i].role == role &&
		    (!parent || !strcmp(a->certs[i].parent, parent)))
			fn(ctx, &a->certs[i]);
}

int audit_branch_cmp(const void *x, const void *y)
{
	return strcmp(((const audit_branch *)x)->name, ((const audit_branch *)y)->name);
}

audit_branch *audit_branch_find(const rx_ops_audit *a, const char *name)
{
	audit_branch key;

	if (strlen(name) >= sizeof(key.name))
		return NULL;
	strcpy(key.name, name);
	return bsearch(&key, a->br, a->nbr, sizeof(*a->br), audit_branch_cmp);
}
