/* The payload of a transfer change-set: a "tf" header record, and for an offer the student's records, as one canonical ops batch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/transfer/transfer.h"
#include "schema/record.h"

#define KIND "tf"
#define HEAD "h"

static const char *const types[] = { NULL, "offer", "accept", "refuse" };

enum { F_T, F_S, F_TO, F_D, F_NO, F_OF, F_R, NF };
static const char *const names[NF] = { "t", "s", "to", "d", "no", "of", "r" };
#define B(f) (1u << (f))
#define BASE (B(F_T) | B(F_S) | B(F_TO) | B(F_D))
static const unsigned need[] = { 0, BASE | B(F_NO), BASE | B(F_OF), BASE | B(F_OF) | B(F_R) };
static const unsigned may[] = { 0, BASE | B(F_NO), BASE | B(F_OF), BASE | B(F_OF) | B(F_R) };

static rx_sync_op head(const char *field, const char *v, uint64_t hlc, uint64_t node)
{
	return (rx_sync_op){ KIND, HEAD, field, (const uint8_t *)v, strlen(v), 0, hlc, node };
}

int rx_ops_transfer_encode(rx_buf *out, const rx_ops_transfer_doc *d, uint64_t hlc,
	uint64_t node, rx_error *err)
{
	rx_sync_op *ops;
	size_t n = 0;
	int rc;

	if (d->type < RX_TF_OFFER || d->type > RX_TF_REFUSE)
		return rx_error_set(err, RX_EINTERNAL, "transfer: bad document");
	if (!(ops = calloc(d->nrops + NF, sizeof(*ops))))
		return rx_error_nomem(err);
	ops[n++] = head("t", types[d->type], hlc, node);
	ops[n++] = head("s", d->from, hlc, node);
	ops[n++] = head("to", d->to, hlc, node);
	ops[n++] = head("d", d->date, hlc, node);
	if (d->no)
		ops[n++] = head("no", d->no, hlc, node);
	if (d->of)
		ops[n++] = head("of", d->of, hlc, node);
	if (d->reason)
		ops[n++] = head("r", d->reason, hlc, node);
	for (size_t i = 0; i < d->nrops; i++)
		ops[n++] = d->rops[i];
	rc = rx_sync_ops_encode(out, ops, n, err);
	free(ops);
	return rc;
}

void rx_ops_transfer_doc_clear(rx_ops_transfer_doc *d)
{
	free(d->no);
	free(d->of);
	free(d->reason);
	rx_sync_batch_free(&d->recs);
	memset(d, 0, sizeof(*d));
}

static char *value_dup(const rx_sync_op *op, size_t max)
{
	char *v;

	if (op->tombstone || op->value_len > max || memchr(op->value, 0, op->value_len) ||
	    !rx_crypto_utf8_valid((const char *)op->value, op->value_len, 0))
		return NULL;
	if (!(v = malloc(op->value_len + 1)))
		return NULL;
	memcpy(v, op->value, op->value_len);
	v[op->value_len] = 0;
	return v;
}

static int is_node(const char *v)
{
	uint64_t x;

	return rx_crypto_node_id_u64(&x, v) == 0;
}

static int is_hex40(const char *v)
{
	size_t i = 0;

	for (; v[i]; i++)
		if (!((v[i] >= '0' && v[i] <= '9') || (v[i] >= 'a' && v[i] <= 'f')))
			return 0;
	return i == 40;
}

/* One header field into d; -1 when its value does not fit. */
static int take_field(rx_ops_transfer_doc *d, int k, const rx_sync_op *op)
{
	char *v = value_dup(op, k == F_R ? 1024 : 64);
	int ok = v != NULL;

	if (!ok)
		return -1;
	switch (k) {
	case F_T:
		ok = 0;
		for (int t = RX_TF_OFFER; t <= RX_TF_REFUSE; t++)
			if (!strcmp(v, types[t]))
				d->type = (rx_ops_transfer_type)t, ok = 1;
		break;
	case F_S:
	case F_TO:
		if ((ok = is_node(v)))
			memcpy(k == F_S ? d->from : d->to, v, RX_NODE_ID_LEN + 1);
		break;
	case F_D:
		if ((ok = strlen(v) == 10 && rx_rec_date(v).year != 0))
			memcpy(d->date, v, 11);
		break;
	case F_NO:
		/* a student number: no '/', it is the owner part of every record id */
		if ((ok = *v && !strchr(v, '/') && strlen(v) <= 32))
			d->no = v, v = NULL;
		break;
	case F_OF:
		if ((ok = is_hex40(v)))
			d->of = v, v = NULL;
		break;
	default:
		d->reason = v, v = NULL;
	}
	free(v);
	return ok ? 0 : -1;
}

/* Key groups and levels are stored as numbers (flag bits, 0..3), not as a teacher types them. */
static int stored_form(const rx_schema_type *t, const char *field, const char *v)
{
	int f = rx_schema_field_find(t, field);
	size_t n = strspn(v, "0123456789");

	if (f < 0 || (size_t)f >= t->nfields || !*v || v[n] || n > 10)
		return 0;
	if (t->fields[f].type == RX_SCHEMA_F_LEVEL)
		return n == 1 && *v <= '3';
	return t->fields[f].type == RX_SCHEMA_F_FLAGS && strtoull(v, NULL, 10) <= 0xffffffffull;
}

/* The value as the receiving school's own checks would store it (type, range, length, enum). */
static int value_ok(const rx_schema_type *t, const rx_sync_op *op)
{
	rx_schema_rec r;
	rx_error e = { 0 };
	char *v = value_dup(op, RX_SYNC_VALUE_MAX);
	const char *got;
	int ok;

	if (!v)
		return 0;
	if (stored_form(t, op->field, v)) {
		free(v);
		return 1;
	}
	rx_schema_rec_init(&r, t);
	ok = rx_schema_rec_set(&r, op->field, v, &e) == 0 && (got = rx_schema_rec_get(&r, op->field)) &&
		!strcmp(got, v);
	rx_schema_rec_clear(&r);
	free(v);
	return ok;
}

/* A record op of an offer: a field of a per-student type, owned by the student, set. */
static int record_ok(const rx_ops_transfer_doc *d, const rx_sync_op *op)
{
	const rx_schema_type *t = rx_schema_type_find(op->kind);
	size_t nl = strlen(d->no);
	int f;

	if (!t || strcmp(t->code, op->kind) || !t->per_student || op->tombstone)
		return 0;
	if (strncmp(op->id, d->no, nl) || (op->id[nl] && op->id[nl] != '/'))
		return 0;
	f = rx_schema_field_find(t, op->field);
	return f >= 0 && !strcmp(rx_schema_field_name(t, f), op->field) && value_ok(t, op);
}

static int decode_ops(rx_ops_transfer_doc *d, unsigned *have, rx_error *err)
{
	const rx_sync_batch *b = &d->recs;

	for (size_t i = 0; i < b->n; i++) {
		const rx_sync_op *op = &b->ops[i];
		int k = -1;

		if (strcmp(op->kind, KIND))
			continue;
		if (strcmp(op->id, HEAD))
			return rx_error_set(err, RX_EINPUT, "transfer: not one header");
		for (int j = 0; j < NF && k < 0; j++)
			if (!strcmp(names[j], op->field))
				k = j;
		if (k < 0 || (*have & B(k)))
			return rx_error_set(err, RX_EINPUT, "transfer: unknown or repeated field");
		if (take_field(d, k, op) < 0)
			return rx_error_set(err, RX_EINPUT, "transfer: bad value of %s", names[k]);
		*have |= B(k);
	}
	return 0;
}

int rx_ops_transfer_decode(rx_ops_transfer_doc *d, const uint8_t *p, size_t len,
	rx_error *err)
{
	unsigned have = 0;
	size_t recs = 0, st = 0;
	int rc;

	memset(d, 0, sizeof(*d));
	if ((rc = rx_sync_ops_decode(&d->recs, p, len, err)) < 0)
		return rc;
	if ((rc = decode_ops(d, &have, err)) == 0 &&
	    (!d->type || (have & need[d->type]) != need[d->type] || (have & ~may[d->type])))
		rc = rx_error_set(err, RX_EINPUT, "transfer: fields do not fit its type");
	for (size_t i = 0; rc == 0 && i < d->recs.n; i++) {
		if (!strcmp(d->recs.ops[i].kind, KIND))
			continue;
		if (d->type != RX_TF_OFFER || !record_ok(d, &d->recs.ops[i]))
			rc = rx_error_set(err, RX_EINPUT, "transfer: a record that is not the student's");
		recs++;
		st += rc == 0 && !strcmp(d->recs.ops[i].kind, "st") && !strcmp(d->recs.ops[i].id, d->no);
	}
	if (rc == 0 && d->type == RX_TF_OFFER && (recs == 0 || st == 0))
		rc = rx_error_set(err, RX_EINPUT, "transfer: an offer without the student record");
	if (rc < 0)
		rx_ops_transfer_doc_clear(d);
	return rc;
}
