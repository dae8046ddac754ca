/* The county's countersignature: a report change-set of its own, and its copy into the school's review record. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops/report/reportInt.h"
#include "sync/directory.h"

/* Ops setting (or with v NULL, clearing) field f of review id. */
static void op_for(rx_sync_op *op, const char *id, const char *f, const char *v)
{
	memset(op, 0, sizeof(*op));
	op->kind = "rr", op->id = id, op->field = f;
	op->tombstone = v == NULL;
	op->value = (const uint8_t *)v;
	op->value_len = v ? strlen(v) : 0;
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Bring one review's cx, cn, cd in line with entry e (NULL: no countersignature). */
static int align(size_t *n_set, rx_archive *a, const rx_schema_rec *rr,
	const rx_ops_report_entry *e, rx_error *err)
{
	static const char *const f[] = { "cx", "cn", "cd" };
	char hex[GIT_OID_HEXSZ + 1];
	const char *want[3] = { NULL, NULL, NULL };
	rx_sync_op ops[3];
	size_t n = 0;
	int rc;

	if (e && e->countersigned) {
		git_oid_tostr(hex, sizeof(hex), &e->sign_id);
		want[0] = hex, want[1] = e->sign_name, want[2] = e->sign_date;
	}
	for (int i = 0; i < 3; i++)
		if (!same(want[i], rx_schema_rec_get(rr, f[i])))
			op_for(&ops[n++], rr->id, f[i], want[i]);
	if (!n)
		return 0;
	if ((rc = rx_archive_write(a, ops, n, err)) == 0)
		*n_set += want[0] != NULL;
	return rc;
}

int rx_ops_report_take_signs(rx_ops_report_synced *out, rx_archive *a, const char *school,
	const rx_recset *rrs, rx_error *err)
{
	rx_ops_report_set set;
	int rc;

	if ((rc = rx_ops_report_collect(&set, a->repo, a->h->db, a->box_pk, a->box_sk, err)) < 0)
		return rc;
	for (size_t i = 0; i < rrs->n && rc == 0; i++) {
		const rx_ops_report_entry *e = NULL;
		for (size_t k = 0; k < set.n && !e; k++)
			if (!strcmp(set.e[k].school, school) &&
			    !strcmp(set.e[k].doc.incident, rrs->r[i].id))
				e = &set.e[k];
		rc = align(&out->countersigned, a, &rrs->r[i], e, err);
	}
	rx_ops_report_set_free(&set);
	return rc;
}

int rx_ops_report_sign(int *already, rx_ops_report_view *v, const rx_ops_report_entry *e,
	const char *name, const char *today, rx_error *err)
{
	rx_ops_report_doc d = { 0 };
	char hex[GIT_OID_HEXSZ + 1];
	rx_crypto_cert c;
	size_t n, min;
	int rc;

	*already = 0;
	if (v->h->role != RX_ROLE_COUNTY)
		return rx_error_set(err, RX_EUSAGE, "只有县局可以会签 (only a county countersigns)");
	if (!e->has_report)
		return rx_error_set(err, RX_EINPUT, "尚未收到复盘报告, 无法会签 "
			"(the review report has not arrived yet)");
	/* S2 #5: "篇幅不少于3000字"; the county head signs a complete report only */
	if (!rx_ops_report_complete(e, &n, &min) && n < min)
		return rx_error_set(err, RX_EINPUT, "复盘报告只有 %zu 字, 不足 %zu 字, 不能会签: "
			"请退回学校补充后重新提交 (the report has %zu characters, fewer than %zu; "
			"ask the school to complete it)", n, min, n, min);
	if (!rx_ops_report_complete(e, &n, &min))
		return rx_error_set(err, RX_EINPUT, "复盘报告缺少某个方面或学校的签名, 不能会签: "
			"请退回学校补充后重新提交 (an aspect or a school signature is missing)");
	if ((rc = rx_directory_get_cert(v->h->db, e->school, &c, err)) < 0)
		return rc;
	if (strcmp(c.parent, v->h->node))
		return rx_error_set(err, RX_ESECURITY, "这所学校不属于本县 "
			"(this school belongs to another county)");
	if (!name[0] || strlen(name) > 128 || !rx_crypto_utf8_valid(name, strlen(name), 1))
		return rx_error_set(err, RX_EUSAGE, "--name: 1–128 字节的姓名 (a name of 1–128 bytes)");
	if (e->countersigned && !strcmp(e->sign_county, v->h->node)) {
		*already = 1;
		return 0;
	}
	git_oid_tostr(hex, sizeof(hex), &e->report_id);
	d.type = RX_REPORT_SIGN;
	d.incident = e->doc.incident;
	d.f[RX_RP_SCHOOL] = (char *)e->school;
	d.f[RX_RP_REPORT] = hex;
	d.f[RX_RP_SIGNER] = (char *)name;
	d.f[RX_RP_SIGNED] = (char *)today;
	/* a county has no archive clock: its countersignatures are ordered by time */
	return rx_ops_report_seal(v->repo, v->h, v->s->sign_sk, &d,
		(uint64_t)time(NULL) << 16, err);
}
