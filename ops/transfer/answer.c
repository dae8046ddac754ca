/* What both ends share: the transfer record "tr" written into an archive, the answer change-set, finding an offer's trace. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "ops/transfer/transferInt.h"
#include "sync/changeset.h"
#include "sync/directory.h"

static void put(rx_sync_op *ops, size_t *n, const char *id, const char *field, const char *v)
{
	if (v)
		ops[(*n)++] = (rx_sync_op){ .kind = "tr", .id = id, .field = field,
			.value = (const uint8_t *)v, .value_len = strlen(v) };
}

size_t rx_ops_transfer_tr_ops(rx_sync_op ops[static 7], char id[static 48],
	const rx_ops_transfer_tr *t)
{
	size_t n = 0;

	snprintf(id, 48, "%s/%.8s", t->no, t->of);
	put(ops, &n, id, "dr", t->in ? "in" : "out");
	put(ops, &n, id, "sn", t->school_name);
	put(ops, &n, id, "si", t->school);
	put(ops, &n, id, "d", t->date);
	put(ops, &n, id, "nr", t->count);
	put(ops, &n, id, "of", t->of);
	return n;
}

typedef struct find_of {
	const char *of;
	int found;
} find_of;

static int match_of(void *ctx, const rx_sync_op *op)
{
	find_of *f = ctx;

	f->found |= !strcmp(op->field, "of") && op->value_len == strlen(f->of) &&
		!memcmp(op->value, f->of, op->value_len);
	return 0;
}

int rx_ops_transfer_traced(int *found, rx_archive *a, const char *of, rx_error *err)
{
	find_of f = { of, 0 };
	int rc = rx_sync_store_scan(a->st, "tr", NULL, match_of, &f, err);

	*found = f.found;
	return rc;
}

int rx_ops_transfer_answer(rx_archive *a, const rx_ops_transfer_entry *e, int accept,
	const char *reason, rx_error *err)
{
	rx_ops_transfer_doc d = { 0 };
	rx_crypto_recipient r[2];
	rx_crypto_cert sender;
	rx_schema_date today;
	rx_buf enc = RX_BUF_INIT;
	rx_cs_write w = { 0 };
	char of[GIT_OID_HEXSZ + 1];
	uint64_t hlc;
	git_oid id;
	int rc;

	if ((rc = rx_rec_today(&today, err)) < 0 ||
	    (rc = rx_directory_get_cert(a->h->db, e->doc.from, &sender, err)) < 0)
		return rc;
	git_oid_tostr(of, sizeof(of), &e->offer);
	d.type = accept ? RX_TF_ACCEPT : RX_TF_REFUSE;
	memcpy(d.from, e->doc.to, sizeof(d.from));
	memcpy(d.to, e->doc.from, sizeof(d.to));
	snprintf(d.date, sizeof(d.date), "%04d-%02d-%02d", today.year, today.month, today.day);
	d.of = of, d.reason = accept ? NULL : (char *)reason;
	/* the sending school and this one */
	memcpy(r[0].box_pk, sender.box_pk, 32);
	memcpy(r[1].box_pk, a->box_pk, 32);
	hlc = rx_archive_tick(a);
	if ((rc = rx_ops_transfer_encode(&enc, &d, hlc, a->node, err)) == 0) {
		w.author = a->h->node, w.sign_sk = a->s->sign_sk, w.kind = RX_CS_TRANSFER;
		w.time = (int64_t)time(NULL);
		w.hlc_min = w.hlc_max = hlc;
		w.plain = enc.data, w.plain_len = enc.len;
		w.rcpt = r, w.nrcpt = 2, w.to = e->doc.from;
		rc = rx_sync_cs_create(&id, a->repo, &w, err);
	}
	rx_buf_free(&enc);
	return rc;
}
