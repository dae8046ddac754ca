/* The sending school once its offer is accepted: keep what the policy says (schema/rules/default.transfer). */
#include <stdlib.h>
#include <string.h>

#include "ops/transfer/transferInt.h"
#include "schema/builtin.h"

int rx_ops_transfer_policy(rx_ops_transfer_keep *out, rx_error *err)
{
	const rx_schema_builtin *b = rx_schema_builtin_find("transfer", "default");
	const char *p;

	*out = RX_TF_KEEP_RECORD;
	if (!b)
		return rx_error_set(err, RX_EINTERNAL, "no built-in transfer policy");
	for (p = (const char *)b->data; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (!strncmp(p, "keep = archive", 14) && (p[14] == '\n' || !p[14]))
			*out = RX_TF_KEEP_ARCHIVE;
		else if (!strncmp(p, "keep = ", 7) && strncmp(p, "keep = record", 13))
			return rx_error_set(err, RX_EINTERNAL, "transfer policy: keep is record or archive");
	}
	return 0;
}

/* The distinct record ids of the student, but its transfer records: each gets a record delete. */
typedef struct dels {
	rx_sync_op *ops;
	char **ids;
	size_t n, cap;
	const char *kind;
} dels;

static int add_del(void *ctx, const rx_sync_op *op)
{
	dels *d = ctx;

	for (size_t i = d->n; i-- > 0 && d->ops[i].kind == d->kind;)
		if (!strcmp(d->ids[i], op->id))
			return 0;
	if (d->n == d->cap) {
		size_t cap = d->cap * 2 + 32;
		rx_sync_op *q = realloc(d->ops, (cap + 8) * sizeof(*q));
		char **r;
		if (!q)
			return -1;
		d->ops = q;
		if (!(r = realloc(d->ids, cap * sizeof(*r))))
			return -1;
		d->ids = r, d->cap = cap;
	}
	if (!(d->ids[d->n] = strdup(op->id)))
		return -1;
	d->ops[d->n] = (rx_sync_op){ .kind = d->kind, .id = d->ids[d->n],
		.field = RX_SYNC_FIELD_RECORD, .tombstone = 1 };
	d->n++;
	return 0;
}

static int delete_all(dels *d, rx_archive *a, const char *no, rx_error *err)
{
	size_t nt;
	const rx_schema_type *t = rx_schema_types(&nt);
	int rc = 0;

	for (size_t i = 0; i < nt && rc == 0; i++)
		if (t[i].per_student && strcmp(t[i].code, "tr")) {
			d->kind = t[i].code;
			rc = rx_sync_store_scan(a->st, t[i].code, no, add_del, d, err);
		}
	return rc < 0 && !err->code ? rx_error_nomem(err) : rc;
}

static int settle_one(rx_archive *a, const rx_ops_transfer_entry *e, rx_ops_transfer_keep keep,
	rx_error *err)
{
	char of[GIT_OID_HEXSZ + 1], name[RX_NAME_MAX + 1], tid[48];
	rx_ops_transfer_tr t;
	dels d = { 0 };
	rx_sync_op tr[7];
	int rc = 0;

	git_oid_tostr(of, sizeof(of), &e->offer);
	rx_ops_transfer_school_name(name, a->h->db, e->doc.to);
	t = (rx_ops_transfer_tr){ e->doc.no, 0, e->doc.to, name, e->answered, NULL, of };
	if (keep == RX_TF_KEEP_ARCHIVE) {
		rx_schema_rec st;
		int found = 0;
		if ((rc = rx_rec_get(&st, a, rx_schema_type_find("st"), e->doc.no, &found, err)) < 0)
			return rc;
		if (found && !rx_archive_student_left(&st))
			rc = rx_archive_student_leave(a, e->doc.no, "tr", rx_rec_date(e->answered), err);
		rx_schema_rec_clear(&st);
	} else
		rc = delete_all(&d, a, e->doc.no, err);
	if (rc == 0 && !d.ops && !(d.ops = calloc(8, sizeof(*d.ops))))
		rc = rx_error_nomem(err);
	if (rc == 0) {
		size_t k = rx_ops_transfer_tr_ops(tr, tid, &t);
		memcpy(d.ops + d.n, tr, k * sizeof(*tr));
		rc = rx_archive_write(a, d.ops, d.n + k, err);
	}
	for (size_t i = 0; i < d.n; i++)
		free(d.ids[i]);
	free(d.ids);
	free(d.ops);
	return rc;
}

int rx_ops_transfer_settle(size_t *settled, size_t *refused, rx_archive *a, rx_error *err)
{
	char school[RX_NODE_ID_LEN + 1], of[GIT_OID_HEXSZ + 1];
	rx_ops_transfer_keep keep;
	rx_ops_transfer_set s;
	int rc;

	*settled = *refused = 0;
	if (a->h->role != RX_ROLE_SCHOOL && a->h->role != RX_ROLE_DEVICE)
		return 0;
	if ((rc = rx_ops_transfer_policy(&keep, err)) < 0 ||
	    (rc = rx_home_school(school, a->h, err)) < 0 ||
	    (rc = rx_ops_transfer_collect_archive(&s, a, err)) < 0)
		return rc;
	for (size_t i = 0; i < s.n && rc == 0; i++) {
		const rx_ops_transfer_entry *e = &s.e[i];
		int done = 0;

		if (strcmp(e->doc.from, school))
			continue;
		*refused += e->state == RX_TF_REFUSED;
		if (e->state != RX_TF_ACCEPTED)
			continue;
		git_oid_tostr(of, sizeof(of), &e->offer);
		if ((rc = rx_ops_transfer_traced(&done, a, of, err)) == 0 && !done &&
		    (rc = settle_one(a, e, keep, err)) == 0)
			(*settled)++;
	}
	rx_ops_transfer_set_free(&s);
	return rc;
}
