/* The canonical, columnar encoding of a set of field ops (layout in docs/ops.md). */
#include <stdlib.h>
#include <string.h>

#include "sync/opint.h"

struct rec {
	size_t first, count, pre; /* ops[first..first+count), shared id prefix */
};

struct enc {
	const rx_sync_op **ops; /* sorted, duplicates dropped */
	size_t n;
	struct rec *recs;
	size_t nrec;
	const char **fields;    /* sorted dictionary */
	size_t nf;
	uint64_t *nodes;        /* sorted dictionary */
	size_t nn;
	uint32_t *fidx, *nidx;  /* per op */
	size_t mem;             /* bytes the decoder will need, as it counts */
};

static int cmp_op_ptr(const void *a, const void *b)
{
	return rx_sync_op_cmp(*(const rx_sync_op *const *)a,
		*(const rx_sync_op *const *)b);
}

static int cmp_str_ptr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static void enc_free(struct enc *e)
{
	free(e->ops);
	free(e->recs);
	free(e->fields);
	free(e->nodes);
	free(e->fidx);
	free(e->nidx);
}

static size_t common_prefix(const char *a, const char *b)
{
	size_t i = 0;

	while (a[i] && a[i] == b[i])
		i++;
	return i;
}

/* Validate, sort and deduplicate; split into records. */
static int enc_sort(struct enc *e, const rx_sync_op *ops, size_t n,
	rx_error *err)
{
	size_t i;
	int rc;

	if (n > RX_SYNC_BATCH_OPS_MAX)
		return rx_error_set(err, RX_EINPUT, "ops batch: too many ops");
	if (!(e->ops = calloc(n ? n : 1, sizeof(*e->ops))) ||
	    !(e->recs = calloc(n ? n : 1, sizeof(*e->recs))))
		return rx_error_nomem(err);
	for (i = 0; i < n; i++) {
		if ((rc = rx_sync_op_check(&ops[i], err)) < 0)
			return rc;
		e->ops[i] = &ops[i];
	}
	qsort(e->ops, n, sizeof(*e->ops), cmp_op_ptr);
	for (i = 0; i < n; i++) {
		const rx_sync_op *o = e->ops[i], *p = e->n ? e->ops[e->n - 1] : NULL;
		if (p && rx_sync_op_cmp(p, o) == 0)
			continue;
		e->ops[e->n++] = o;
		if (!p || strcmp(p->kind, o->kind) || strcmp(p->id, o->id)) {
			struct rec *r = &e->recs[e->nrec++];
			r->first = e->n - 1;
			r->pre = p ? common_prefix(p->id, o->id) : 0;
			e->mem += strlen(o->id) + 1;
			if (!p || strcmp(p->kind, o->kind))
				e->mem += strlen(o->kind) + 1;
		}
		e->recs[e->nrec - 1].count++;
		e->mem += o->tombstone ? 0 : o->value_len;
	}
	return 0;
}

/* Dictionaries of fields and nodes, each op's indexes, the memory cap. */
static int enc_dicts(struct enc *e, rx_error *err)
{
	size_t i, n = e->n ? e->n : 1;

	if (!(e->fields = calloc(n, sizeof(*e->fields))) ||
	    !(e->nodes = calloc(n, sizeof(*e->nodes))) ||
	    !(e->fidx = calloc(n, sizeof(*e->fidx))) ||
	    !(e->nidx = calloc(n, sizeof(*e->nidx))))
		return rx_error_nomem(err);
	for (i = 0; i < e->n; i++) {
		e->fields[i] = e->ops[i]->field;
		e->nodes[i] = e->ops[i]->node;
	}
	qsort(e->fields, e->n, sizeof(*e->fields), cmp_str_ptr);
	qsort(e->nodes, e->n, sizeof(*e->nodes), cmp_u64);
	for (i = 0; i < e->n; i++) {
		if (!e->nf || strcmp(e->fields[e->nf - 1], e->fields[i]))
			e->fields[e->nf++] = e->fields[i];
		if (!e->nn || e->nodes[e->nn - 1] != e->nodes[i])
			e->nodes[e->nn++] = e->nodes[i];
	}
	for (i = 0; i < e->n; i++) {
		const char **f = bsearch(&e->ops[i]->field, e->fields, e->nf,
			sizeof(*e->fields), cmp_str_ptr);
		uint64_t *k = bsearch(&e->ops[i]->node, e->nodes, e->nn,
			sizeof(*e->nodes), cmp_u64);
		e->fidx[i] = (uint32_t)(f - e->fields);
		e->nidx[i] = (uint32_t)(k - e->nodes);
	}
	for (i = 0; i < e->nf; i++)
		e->mem += strlen(e->fields[i]) + 1;
	if (e->mem > RX_SYNC_BATCH_MEM_MAX)
		return rx_error_set(err, RX_EINPUT, "ops batch: too large");
	return 0;
}

static int put_str(rx_buf *o, const char *s, rx_error *err)
{
	size_t len = strlen(s);
	int rc;

	if ((rc = rx_sync_varint_put(o, len, err)) < 0)
		return rc;
	return rx_buf_put(o, s, len, err);
}

/* Header, kinds (with their record counts), field and node dictionaries. */
static int put_dicts(rx_buf *o, const struct enc *e, rx_error *err)
{
	size_t i, j, nk = 0;
	int rc = 0;

	for (i = 0; i < e->nrec; i++)
		nk += !i || strcmp(e->ops[e->recs[i].first]->kind,
			e->ops[e->recs[i - 1].first]->kind);
	if ((rc = rx_buf_put(o, RX_SYNC_OPS_MAGIC, 3, err)) < 0 ||
	    (rc = rx_buf_put(o, (uint8_t[]){ RX_SYNC_OPS_VERSION }, 1, err)) < 0 ||
	    (rc = rx_sync_varint_put(o, e->n, err)) < 0 ||
	    (rc = rx_sync_varint_put(o, nk, err)) < 0)
		return rc;
	for (i = 0; i < e->nrec && rc == 0; i = j) {
		const char *kind = e->ops[e->recs[i].first]->kind;
		for (j = i + 1; j < e->nrec &&
		     !strcmp(e->ops[e->recs[j].first]->kind, kind); j++)
			;
		if ((rc = put_str(o, kind, err)) == 0)
			rc = rx_sync_varint_put(o, j - i, err);
	}
	if (rc == 0)
		rc = rx_sync_varint_put(o, e->nf, err);
	for (i = 0; i < e->nf && rc == 0; i++)
		rc = put_str(o, e->fields[i], err);
	if (rc == 0)
		rc = rx_sync_varint_put(o, e->nn, err);
	for (i = 0; i < e->nn && rc == 0; i++)
		rc = rx_sync_varint_put(o, i ? e->nodes[i] - e->nodes[i - 1] :
			e->nodes[0], err);
	return rc;
}

/* Record ids: shared-prefix lengths, suffix lengths, op counts, suffixes. */
static int put_records(rx_buf *o, const struct enc *e, rx_error *err)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < e->nrec && rc == 0; i++)
		rc = rx_sync_varint_put(o, e->recs[i].pre, err);
	for (i = 0; i < e->nrec && rc == 0; i++)
		rc = rx_sync_varint_put(o, strlen(e->ops[e->recs[i].first]->id) -
			e->recs[i].pre, err);
	for (i = 0; i < e->nrec && rc == 0; i++)
		rc = rx_sync_varint_put(o, e->recs[i].count, err);
	for (i = 0; i < e->nrec && rc == 0; i++)
		rc = rx_buf_puts(o, e->ops[e->recs[i].first]->id + e->recs[i].pre,
			err);
	for (i = 0; i < e->n && rc == 0; i++)
		rc = rx_sync_varint_put(o, e->fidx[i], err);
	return rc;
}

/* Runs of equal values in op order: run count, run lengths, then values. */
static int put_runs(rx_buf *o, const uint64_t *v, size_t n, rx_error *err)
{
	size_t i, j, runs = 0;
	int rc;

	for (i = 0; i < n; i++)
		runs += !i || v[i] != v[i - 1];
	if ((rc = rx_sync_varint_put(o, runs, err)) < 0)
		return rc;
	for (i = 0; i < n && rc == 0; i = j) {
		for (j = i + 1; j < n && v[j] == v[i]; j++)
			;
		rc = rx_sync_varint_put(o, j - i, err);
	}
	for (i = 0; i < n && rc == 0; i++)
		if (!i || v[i] != v[i - 1])
			rc = rx_sync_varint_put(o, v[i], err);
	return rc;
}

/* Clocks as deltas from the batch's smallest, then node indexes, as runs. */
static int put_clocks(rx_buf *o, const struct enc *e, rx_error *err)
{
	uint64_t base = UINT64_MAX, *v;
	size_t i;
	int rc;

	if (!(v = calloc(e->n ? e->n : 1, sizeof(*v))))
		return rx_error_nomem(err);
	for (i = 0; i < e->n; i++)
		base = e->ops[i]->hlc < base ? e->ops[i]->hlc : base;
	for (i = 0; i < e->n; i++)
		v[i] = e->ops[i]->hlc - base;
	if ((rc = rx_sync_varint_put(o, e->n ? base : 0, err)) == 0 &&
	    (rc = put_runs(o, v, e->n, err)) == 0) {
		for (i = 0; i < e->n; i++)
			v[i] = e->nidx[i];
		rc = put_runs(o, v, e->n, err);
	}
	free(v);
	return rc;
}

/* Value lengths (0: tombstone, else length + 1), then values, field by field. */
static int put_values(rx_buf *o, const struct enc *e, rx_error *err)
{
	size_t *perm, *start, i;
	int rc = 0;

	if (!(perm = calloc(e->n ? e->n : 1, sizeof(*perm))) ||
	    !(start = calloc(e->nf + 1, sizeof(*start)))) {
		free(perm);
		return rx_error_nomem(err);
	}
	for (i = 0; i < e->n; i++)
		start[e->fidx[i] + 1]++;
	for (i = 0; i < e->nf; i++)
		start[i + 1] += start[i];
	for (i = 0; i < e->n; i++)
		perm[start[e->fidx[i]]++] = i;
	for (i = 0; i < e->n && rc == 0; i++) {
		const rx_sync_op *op = e->ops[perm[i]];
		rc = rx_sync_varint_put(o, op->tombstone ? 0 :
			(uint64_t)op->value_len + 1, err);
	}
	for (i = 0; i < e->n && rc == 0; i++) {
		const rx_sync_op *op = e->ops[perm[i]];
		if (!op->tombstone)
			rc = rx_buf_put(o, op->value, op->value_len, err);
	}
	free(perm);
	free(start);
	return rc;
}

int rx_sync_ops_encode(rx_buf *out, const rx_sync_op *ops, size_t n,
	rx_error *err)
{
	struct enc e = { 0 };
	size_t len0 = out->len;
	int rc;

	if ((rc = enc_sort(&e, ops, n, err)) < 0 ||
	    (rc = enc_dicts(&e, err)) < 0 ||
	    (rc = put_dicts(out, &e, err)) < 0 ||
	    (rc = put_records(out, &e, err)) < 0 ||
	    (rc = put_clocks(out, &e, err)) < 0 ||
	    (rc = put_values(out, &e, err)) < 0)
		out->len = len0;
	enc_free(&e);
	return rc;
}
