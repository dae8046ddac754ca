/* The receiving school: take an offer's records into the archive (marked received), or refuse it; either way answer. */
#include <stdlib.h>
#include <string.h>

#include "ops/transfer/transferInt.h"
#include "sync/directory.h"

int rx_ops_transfer_collect_archive(rx_ops_transfer_set *out, rx_archive *a, rx_error *err)
{
	return rx_ops_transfer_collect(out, a->repo, a->h->db, a->box_pk, a->box_sk, err);
}

void rx_ops_transfer_school_name(char out[static RX_NAME_MAX + 1], sqlite3 *db,
	const char *school)
{
	rx_crypto_cert c;
	rx_error e = { 0 };

	snprintf(out, RX_NAME_MAX + 1, "%s", rx_directory_get_cert(db, school, &c, &e) == 0 ?
		c.name : school);
}

/* The offer's records under student number no (renumbered from the sender's), plus the transfer record. */
static int take_in(size_t *n, rx_archive *a, const rx_ops_transfer_entry *e, const char *no,
	rx_error *err)
{
	const rx_sync_batch *b = &e->doc.recs;
	size_t ol = strlen(e->doc.no), k = 0;
	char **ids = calloc(b->n + 1, sizeof(char *)), of[GIT_OID_HEXSZ + 1], tid[48];
	char count[24], name[RX_NAME_MAX + 1];
	rx_sync_op *ops = calloc(b->n + 8, sizeof(*ops));
	int rc = 0;

	if (!ids || !ops) {
		rc = rx_error_nomem(err);
		goto out;
	}
	for (size_t i = 0; i < b->n && rc == 0; i++) {
		const rx_sync_op *op = &b->ops[i];
		size_t len;

		/* the header; every other op's id starts with the offer's student number (decoder) */
		if (!strcmp(op->kind, "tf"))
			continue;
		len = strlen(no) + strlen(op->id + ol) + 1;
		if (!(ids[k] = malloc(len))) {
			rc = rx_error_nomem(err);
			break;
		}
		snprintf(ids[k], len, "%s%s", no, op->id + ol);
		/* stamped with this school's clock: the ops are this school's now */
		ops[k] = (rx_sync_op){ .kind = op->kind, .id = ids[k], .field = op->field,
			.value = op->value, .value_len = op->value_len };
		k++;
	}
	if (rc < 0)
		goto out;
	for (size_t i = 0; i < k; i++) /* records, not fields: ops come by kind and id */
		*n += i == 0 || strcmp(ops[i].kind, ops[i - 1].kind) || strcmp(ops[i].id, ops[i - 1].id);
	git_oid_tostr(of, sizeof(of), &e->offer);
	snprintf(count, sizeof(count), "%zu", *n);
	rx_ops_transfer_school_name(name, a->h->db, e->doc.from);
	rx_ops_transfer_tr t = { no, 1, e->doc.from, name, NULL, count, of };
	rx_schema_date today;
	char d[16];
	if ((rc = rx_rec_today(&today, err)) < 0)
		goto out;
	snprintf(d, sizeof(d), "%04d-%02d-%02d", today.year, today.month, today.day);
	t.date = d;
	k += rx_ops_transfer_tr_ops(ops + k, tid, &t);
	rc = rx_archive_write(a, ops, k, err);
out:
	for (size_t i = 0; ids && ids[i]; i++)
		free(ids[i]);
	free(ids);
	free(ops);
	return rc;
}

/* Is student no on this school's roster (even marked left)? */
static int on_roster(int *yes, rx_archive *a, const char *no, rx_error *err)
{
	rx_schema_rec r;
	int rc = rx_rec_get(&r, a, rx_schema_type_find("st"), no, yes, err);

	if (rc == 0)
		rx_schema_rec_clear(&r);
	return rc;
}

static int check(const rx_ops_transfer_entry *e, const char *school, const char *no,
	rx_error *err)
{
	if (!e || strcmp(e->doc.to, school))
		return rx_error_set(err, RX_EINPUT, "没有发给本校的这份档案转接: 先同步, 看 runxin inbox "
			"(no transfer with this id addressed to this school)");
	if (e->state != RX_TF_PENDING)
		return rx_error_set(err, RX_EINPUT, "这份档案转接已于 %s %s, 不再处理 (already %s)",
			e->answered, e->state == RX_TF_ACCEPTED ? "接收" : "拒绝",
			e->state == RX_TF_ACCEPTED ? "accepted" : "refused");
	if (!*no || strchr(no, '/') || strlen(no) > 32)
		return rx_error_set(err, RX_EUSAGE, "--as 需要一个学号 (a student number)");
	return 0;
}

int rx_ops_transfer_accept(size_t *n, rx_archive *a, const rx_ops_transfer_accept_opts *o,
	rx_error *err)
{
	char school[RX_NODE_ID_LEN + 1], of[GIT_OID_HEXSZ + 1];
	rx_ops_transfer_set s;
	rx_ops_transfer_entry *e;
	const char *no;
	int taken = 0, there = 0, rc;

	*n = 0;
	if ((rc = rx_home_school(school, a->h, err)) < 0 ||
	    (rc = rx_ops_transfer_collect_archive(&s, a, err)) < 0)
		return rc;
	e = rx_ops_transfer_find(&s, o->id);
	no = o->as ? o->as : e ? e->doc.no : "";
	if ((rc = check(e, school, no, err)) < 0)
		goto out;
	git_oid_tostr(of, sizeof(of), &e->offer);
	/* taken in before but not answered (a crash in between): answer only */
	if ((rc = rx_ops_transfer_traced(&taken, a, of, err)) < 0)
		goto out;
	if (o->refuse || taken) {
		rc = rx_ops_transfer_answer(a, e, taken, o->reason, err);
		goto out;
	}
	if ((rc = on_roster(&there, a, no, err)) < 0)
		goto out;
	if (there) {
		rc = rx_error_set(err, RX_EINPUT, "学号 %s 已在本校花名册中: 用 --as 另给一个学号 "
			"(this student number is taken here: give another with --as)", no);
		goto out;
	}
	if ((rc = take_in(n, a, e, no, err)) == 0)
		rc = rx_ops_transfer_answer(a, e, 1, NULL, err);
out:
	rx_ops_transfer_set_free(&s);
	return rc;
}
