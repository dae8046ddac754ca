/* Checkpoint consistency: each (branch, seq, commit) a hub signed must be the commit held at that number. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ops/audit/auditInt.h"

typedef struct ckpt_line {
	char name[40];
	uint64_t seq;
	git_oid id;
} ckpt_line;

/* "<nodes|dir>/<id> <seq> <40 hex>"; 0 if well formed. */
static int parse_line(ckpt_line *l, const char *p, size_t len)
{
	const char *sp = memchr(p, ' ', len), *sp2;
	char num[21], hex[GIT_OID_HEXSZ + 1];

	if (!sp || (size_t)(sp - p) >= sizeof(l->name))
		return -1;
	memcpy(l->name, p, (size_t)(sp - p));
	l->name[sp - p] = '\0';
	sp++;
	if (!(sp2 = memchr(sp, ' ', len - (size_t)(sp - p))) || sp2 == sp ||
	    (size_t)(sp2 - sp) >= sizeof(num) ||
	    len - (size_t)(sp2 + 1 - p) != GIT_OID_HEXSZ)
		return -1;
	memcpy(num, sp, (size_t)(sp2 - sp));
	num[sp2 - sp] = '\0';
	for (const char *q = num; *q; q++)
		if (*q < '0' || *q > '9')
			return -1;
	l->seq = strtoull(num, NULL, 10);
	memcpy(hex, sp2 + 1, GIT_OID_HEXSZ);
	hex[GIT_OID_HEXSZ] = '\0';
	return l->seq == 0 || git_oid_fromstr(&l->id, hex) < 0 ? -1 : 0;
}

typedef struct ckpt_ctx {
	rx_ops_audit *a;
	const audit_branch *hub;
	uint64_t cseq;       /* the checkpoint's own number */
	int newest;
	uint8_t *told;       /* per branch: already reported for this hub */
} ckpt_ctx;

static const char *hub_name(const rx_ops_audit *a, const audit_branch *hub)
{
	const rx_crypto_cert *c = audit_cert(a, hub->author);

	return c ? c->name : "?";
}

static int check_line(ckpt_ctx *c, const ckpt_line *l, rx_error *err)
{
	rx_ops_audit *a = c->a;
	audit_branch *b = audit_branch_find(a, l->name);
	char want[GIT_OID_HEXSZ + 1], have[GIT_OID_HEXSZ + 1];
	size_t i;

	a->sum.checkpoint_entries++;
	if (!b || !b->ok || c->told[i = (size_t)(b - a->br)])
		return 0;  /* not held here, or already a finding */
	if (l->seq > b->n) {
		if (!c->newest)
			return 0;
		c->told[i] = 1;
		return audit_add(a, RX_AUDIT_BEHIND, b->author, b->name, err,
			"the checkpoint of hub %s (%s) lists #%" PRIu64 ", %zu held here "
			"(sync again)", hub_name(a, c->hub), c->hub->author, l->seq, b->n);
	}
	if (git_oid_equal(&b->ids[l->seq - 1], &l->id))
		return 0;
	c->told[i] = 1;
	git_oid_tostr(want, sizeof(want), &l->id);
	git_oid_tostr(have, sizeof(have), &b->ids[l->seq - 1]);
	return audit_add(a, RX_AUDIT_CHECKPOINT, b->author, b->name, err,
		"checkpoint #%" PRIu64 " of hub %s (%s) lists %s #%" PRIu64 " as %.12s, "
		"held here is %.12s (a fork or a lying hub)", c->cseq, hub_name(a, c->hub),
		c->hub->author, l->name, l->seq, want, have);
}

static int check_text(ckpt_ctx *c, const rx_buf *text, rx_error *err)
{
	const char *p = (const char *)text->data, *end = p + text->len;
	ckpt_line l;
	int rc = 0;

	while (p < end && rc == 0) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (parse_line(&l, p, len) == 0)
			rc = check_line(c, &l, err);
		p += len + 1;
	}
	return rc;
}

static int check_one(ckpt_ctx *c, const git_oid *id, rx_error *err)
{
	static const uint8_t none[32];
	rx_buf text = RX_BUF_INIT;
	rx_error e = { 0 };
	rx_cs cs;
	int rc;

	c->a->sum.checkpoints++;
	if (rx_sync_cs_load(&cs, c->a->repo, id, &e) < 0)
		return audit_add(c->a, RX_AUDIT_TAMPERED, c->hub->author,
			c->hub->name, err, "a checkpoint cannot be read: %s", e.msg);
	c->cseq = cs.meta.seq;
	if (rx_sync_cs_open(&text, &cs, none, none, &e) < 0)
		rc = audit_add(c->a, RX_AUDIT_TAMPERED, c->hub->author, c->hub->name,
			err, "a checkpoint cannot be read: %s", e.msg);
	else
		rc = check_text(c, &text, err);
	rx_sync_cs_free(&cs);
	rx_buf_free(&text);
	return rc;
}

static int check_hub(rx_ops_audit *a, const audit_branch *hub, rx_error *err)
{
	ckpt_ctx c = { a, hub, 0, 1, calloc(a->nbr + 1, 1) };
	int rc = 0;

	if (!c.told)
		return rx_error_nomem(err);
	for (size_t i = hub->n; i-- > 0 && rc == 0; c.newest = 0)
		rc = check_one(&c, &hub->ids[i], err);
	free(c.told);
	return rc;
}

int audit_checkpoints(rx_ops_audit *a, rx_error *err)
{
	int rc = 0;

	for (size_t i = 0; i < a->nbr && rc == 0; i++)
		if (!strncmp(a->br[i].name, "checkpoints/", 12) && a->br[i].ok)
			rc = check_hub(a, &a->br[i], err);
	return rc;
}
