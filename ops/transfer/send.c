/* The sending school: the student's records as ops, sealed to the receiving school (found in the directory) and to itself. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "crypto/datakey.h"
#include "ops/transfer/transfer.h"
#include "sync/changeset.h"
#include "sync/directory.h"

/* The student's records, copied out of the store. */
typedef struct recs {
	rx_sync_op *ops;
	size_t n, cap;
} recs;

static void recs_free(recs *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free((char *)r->ops[i].kind);
		free((char *)r->ops[i].id);
		free((char *)r->ops[i].field);
		if (r->ops[i].value) {
			sodium_memzero((void *)r->ops[i].value, r->ops[i].value_len);
			free((void *)r->ops[i].value);
		}
	}
	free(r->ops);
	memset(r, 0, sizeof(*r));
}

static int keep(void *ctx, const rx_sync_op *op)
{
	recs *r = ctx;
	rx_sync_op *o;

	if (r->n == r->cap) {
		rx_sync_op *q = realloc(r->ops, (r->cap = r->cap * 2 + 32) * sizeof(*q));
		if (!q)
			return -1;
		r->ops = q;
	}
	o = &r->ops[r->n];
	memset(o, 0, sizeof(*o));
	o->kind = strdup(op->kind), o->id = strdup(op->id), o->field = strdup(op->field);
	o->value_len = op->value_len;
	if ((o->value = malloc(op->value_len + 1)))
		memcpy((void *)o->value, op->value, op->value_len);
	r->n++;
	return o->kind && o->id && o->field && o->value ? 0 : -1;
}

/* Every visible field of every per-student record of no (the student record too). */
static int gather(recs *r, rx_archive *a, const char *no, rx_error *err)
{
	size_t nt;
	const rx_schema_type *t = rx_schema_types(&nt);
	int rc = 0;

	for (size_t i = 0; i < nt && rc == 0; i++)
		if (t[i].per_student)
			rc = rx_sync_store_scan(a->st, t[i].code, no, keep, r, err);
	if (rc < 0 && !err->code)
		rc = rx_error_nomem(err);
	for (size_t i = 0; rc == 0 && i < r->n; i++)
		if (!strcmp(r->ops[i].kind, "st") && !strcmp(r->ops[i].id, no))
			return 0;
	return rc < 0 ? rc : rx_error_set(err, RX_EINPUT, "学号不在花名册中 (unknown student)");
}

/*
 * A student leaving with a warning level or care work owed: an observation
 * report (心理教师) carries the level to the receiving school, where it asks
 * for an assessment; an incident (not per-student) never travels itself.
 */
static int carry_level(recs *r, rx_archive *a, const char *no, const char *date,
	rx_error *err)
{
	rx_archive_at_risk risk = { 0 };
	rx_sync_op ops[RX_SCHEMA_REC_FIELDS_MAX];
	rx_schema_rec ob;
	char note[512], lv[8];
	size_t n, k;
	int rc, warned;

	rx_schema_rec_init(&ob, rx_schema_type_find("ob"));
	if ((rc = rx_archive_at_risk_load(&risk, a, no, err)) < 0 || !risk.n ||
	    (risk.s[0].lv < RX_SCHEMA_LEVEL_YELLOW && !risk.s[0].open))
		goto out;
	warned = risk.s[0].lv >= RX_SCHEMA_LEVEL_YELLOW;
	snprintf(lv, sizeof(lv), "%s", warned ? rx_schema_level_name_zh(risk.s[0].lv) : "无");
	k = (size_t)snprintf(note, sizeof(note), "转出学校转交: %s%s; 转出时 %zu 项关爱任务未完成, "
		"请重新评估", warned ? lv : "未定预警等级", warned ? "色预警" : "", risk.s[0].open);
	if (*risk.s[0].why && k < sizeof(note))
		snprintf(note + k, sizeof(note) - k, " (依据: %s)", risk.s[0].why);
	if ((rc = rx_schema_rec_set(&ob, "no", no, err)) < 0 ||
	    (rc = rx_schema_rec_set(&ob, "d", date, err)) < 0 ||
	    (rc = rx_schema_rec_set(&ob, "ro", "pt", err)) < 0 ||
	    (rc = rx_schema_rec_set(&ob, "lv", lv, err)) < 0 ||
	    (rc = rx_schema_rec_set(&ob, "nt", note, err)) < 0 ||
	    (rc = rx_rec_new_id(&ob, a, err)) < 0)
		goto out;
	n = rx_schema_rec_diff(&ob, NULL, ops, RX_SCHEMA_REC_FIELDS_MAX);
	for (size_t i = 0; i < n && rc == 0; i++)
		if (keep(r, &ops[i]) < 0)
			rc = rx_error_nomem(err);
out:
	rx_schema_rec_clear(&ob);
	rx_archive_at_risk_free(&risk);
	return rc;
}

/* The receiving school: a node id or a school's unique name; certified and not revoked. */
static int find_school(rx_crypto_cert *out, sqlite3 *db, const char *to, rx_error *err)
{
	rx_crypto_cert *all = NULL;
	size_t n = 0, hits = 0;
	int rc;

	if ((rc = rx_directory_list(db, &all, &n, err)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (all[i].role == RX_ROLE_SCHOOL && (!strcmp(all[i].node, to) ||
		    !strcmp(all[i].name, to)))
			*out = all[i], hits++;
	free(all);
	if (hits != 1)
		return rx_error_set(err, RX_EINPUT, hits ? "有多所学校名为 %s, 请用学校编号 "
			"(several schools have this name: give its node id)" : "目录中没有学校 %s: "
			"先同步, 或核对校名 (no such school in the directory: sync first)", to);
	if (rx_directory_verify(db, out->node, (int64_t)time(NULL), err) < 0)
		return rx_error_set(err, RX_EINPUT, "学校 %s 的证书无效或已吊销, 不能转入 "
			"(the receiving school is not certified or is revoked)", out->name);
	return 0;
}

/* Is a transfer of no from this school pending or done? */
static int already(rx_archive *a, const char *school, const char *no, rx_error *err)
{
	rx_ops_transfer_set s;
	int busy = 0, rc;

	if ((rc = rx_ops_transfer_collect(&s, a->repo, a->h->db, a->box_pk, a->box_sk, err)) < 0)
		return rc;
	for (size_t i = 0; i < s.n; i++)
		busy |= !strcmp(s.e[i].doc.from, school) && !strcmp(s.e[i].doc.no, no) &&
			s.e[i].state != RX_TF_REFUSED;
	rx_ops_transfer_set_free(&s);
	return busy ? rx_error_set(err, RX_EINPUT, "该学生已有转出待对方接收或已转出 "
		"(a transfer of this student is pending or done): runxin transfer --list") : 0;
}

static int seal(git_oid *id, rx_archive *a, const rx_crypto_cert *to,
	const rx_ops_transfer_doc *d, rx_error *err)
{
	rx_crypto_recipient r[2];
	rx_buf enc = RX_BUF_INIT;
	rx_cs_write w = { 0 };
	uint64_t hlc = rx_archive_tick(a);
	int rc;

	/* the receiving school and this school: no hub, county or city key */
	memcpy(r[0].box_pk, to->box_pk, 32);
	memcpy(r[1].box_pk, a->box_pk, 32);
	if ((rc = rx_ops_transfer_encode(&enc, d, hlc, a->node, err)) == 0) {
		w.author = a->h->node, w.sign_sk = a->s->sign_sk, w.kind = RX_CS_TRANSFER;
		w.time = (int64_t)time(NULL);
		w.hlc_min = w.hlc_max = hlc;
		w.plain = enc.data, w.plain_len = enc.len;
		w.rcpt = r, w.nrcpt = 2, w.to = to->node;
		rc = rx_sync_cs_create(id, a->repo, &w, err);
	}
	sodium_memzero(enc.data, enc.cap);
	rx_buf_free(&enc);
	return rc;
}

int rx_ops_transfer_send(char id[static 9], char to_name[static RX_NAME_MAX + 1],
	rx_archive *a, const char *no, const char *to, rx_error *err)
{
	rx_ops_transfer_doc d = { 0 };
	rx_crypto_cert school;
	rx_schema_date today;
	recs r = { 0 };
	git_oid oid;
	int rc;

	d.type = RX_TF_OFFER;
	if ((rc = rx_home_school(d.from, a->h, err)) < 0 || (rc = rx_rec_today(&today, err)) < 0 ||
	    (rc = find_school(&school, a->h->db, to, err)) < 0)
		return rc;
	if (!strcmp(school.node, d.from))
		return rx_error_set(err, RX_EINPUT, "不能转到本校 (a transfer to this school itself)");
	if ((rc = already(a, d.from, no, err)) < 0 || (rc = gather(&r, a, no, err)) < 0)
		goto out;
	memcpy(d.to, school.node, sizeof(d.to));
	snprintf(d.date, sizeof(d.date), "%04d-%02d-%02d", today.year, today.month, today.day);
	d.no = (char *)no;
	if ((rc = carry_level(&r, a, no, d.date, err)) < 0)
		goto out;
	d.rops = r.ops, d.nrops = r.n;
	if ((rc = seal(&oid, a, &school, &d, err)) == 0) {
		git_oid_tostr(id, 9, &oid);
		snprintf(to_name, RX_NAME_MAX + 1, "%s", school.name);
	}
out:
	recs_free(&r);
	return rc;
}
