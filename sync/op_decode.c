/* The bounded decoder of a canonical op batch: only the canonical encoding is accepted. */
#include <stdlib.h>
#include <string.h>

#include "sync/opint.h"

struct span {
	const uint8_t *s;
	size_t len;
};

struct dec {
	const uint8_t *p, *end;
	size_t n, nk, nf, nn, nrec, mem;
	struct span *kinds, *fields;
	uint64_t *krec, *nodes;          /* records per kind; node ids */
	uint64_t *pre, *suf, *cnt;       /* per record */
	const uint8_t *sufbytes, *values;
	uint64_t *fidx, *hlc, *nidx, *vlen; /* per op; vlen field by field */
	size_t *perm;                    /* field-by-field position -> op */
	uint8_t *used;
};

#define BAD(what) rx_error_set(err, RX_EINPUT, "ops batch: %s", what)

static size_t left(const struct dec *d)
{
	return (size_t)(d->end - d->p);
}

static int get(struct dec *d, uint64_t *v, uint64_t max, rx_error *err)
{
	if (rx_sync_varint_get(&d->p, d->end, v) < 0)
		return BAD("truncated or overlong varint");
	if (*v > max)
		return BAD("value out of range");
	return 0;
}

static int get_bytes(struct dec *d, const uint8_t **s, size_t n, rx_error *err)
{
	if (n > left(d))
		return BAD("truncated");
	*s = d->p;
	d->p += n;
	return 0;
}

/* An array of count varints, each at most max; count already bounded. */
static int get_col(struct dec *d, uint64_t **out, size_t count, uint64_t max,
	rx_error *err)
{
	int rc = 0;

	if (count > left(d))
		return BAD("column longer than input");
	if (!(*out = calloc(count ? count : 1, sizeof(**out))))
		return rx_error_nomem(err);
	for (size_t i = 0; i < count && rc == 0; i++)
		rc = get(d, &(*out)[i], max, err);
	return rc;
}

/* A dictionary of names, strictly ascending, each valid by ok(). */
static int get_names(struct dec *d, struct span *v, size_t count, size_t max,
	int (*ok)(const uint8_t *, size_t), uint64_t *counts, rx_error *err)
{
	uint64_t len;
	int rc = 0;

	for (size_t i = 0; i < count && rc == 0; i++) {
		if ((rc = get(d, &len, max, err)) < 0 ||
		    (rc = get_bytes(d, &v[i].s, len, err)) < 0)
			break;
		v[i].len = len;
		if (!ok(v[i].s, v[i].len))
			rc = BAD("bad name");
		else if (i && rx_sync_bytes_cmp(v[i - 1].s, v[i - 1].len,
		    v[i].s, v[i].len) >= 0)
			rc = BAD("dictionary not in order");
		else if (counts && (rc = get(d, &counts[i], d->n, err)) == 0 &&
		    counts[i] == 0)
			rc = BAD("kind without records");
		d->mem += len + 1;
	}
	return rc;
}

/* Header, kinds with record counts, field dictionary, node dictionary. */
static int get_dicts(struct dec *d, rx_error *err)
{
	uint64_t v;
	int rc;

	if (left(d) < 4 || memcmp(d->p, RX_SYNC_OPS_MAGIC, 3) != 0)
		return BAD("not an op batch");
	if (d->p[3] != RX_SYNC_OPS_VERSION)
		return BAD("unknown version");
	d->p += 4;
	if ((rc = get(d, &v, UINT64_MAX, err)) < 0)
		return rc;
	if (v > RX_SYNC_BATCH_OPS_MAX)
		return rx_error_set(err, RX_ESECURITY, "ops batch: too many ops");
	if (v > left(d) / 2)
		return BAD("op count beyond input");
	d->n = v;
	if ((rc = get(d, &v, d->n ? left(d) / 3 : 0, err)) < 0)
		return rc;
	d->nk = v;
	if (!(d->kinds = calloc(d->nk + 1, sizeof(*d->kinds))) ||
	    !(d->krec = calloc(d->nk + 1, sizeof(*d->krec))))
		return rx_error_nomem(err);
	if ((rc = get_names(d, d->kinds, d->nk, RX_SYNC_KIND_MAX,
	    rx_sync_kind_ok, d->krec, err)) < 0)
		return rc;
	for (size_t i = 0; i < d->nk; i++) {
		d->nrec += d->krec[i];
		if (d->nrec > d->n)
			return BAD("more records than ops");
	}
	if (d->n && !d->nk)
		return BAD("ops without records");
	if ((rc = get(d, &v, d->n < left(d) / 2 ? d->n : left(d) / 2, err)) < 0)
		return rc;
	d->nf = v;
	if (!(d->fields = calloc(d->nf + 1, sizeof(*d->fields))))
		return rx_error_nomem(err);
	return get_names(d, d->fields, d->nf, RX_SYNC_FIELD_MAX,
		rx_sync_field_ok, NULL, err);
}

static int get_nodes(struct dec *d, rx_error *err)
{
	uint64_t v;
	int rc;

	if ((rc = get(d, &v, d->n, err)) < 0)
		return rc;
	d->nn = v;
	if ((rc = get_col(d, &d->nodes, d->nn, UINT64_MAX, err)) < 0)
		return rc;
	for (size_t i = 1; i < d->nn; i++) {
		if (d->nodes[i] == 0 || d->nodes[i] > UINT64_MAX - d->nodes[i - 1])
			return BAD("node dictionary not in order");
		d->nodes[i] += d->nodes[i - 1];
	}
	if ((d->n != 0) != (d->nn != 0) || (d->n != 0) != (d->nf != 0))
		return BAD("empty dictionary");
	return 0;
}

/* Record columns; the id of each record is counted against the memory cap. */
static int get_records(struct dec *d, rx_error *err)
{
	uint64_t prev = 0, ops = 0, sufs = 0;
	int rc;

	if ((rc = get_col(d, &d->pre, d->nrec, RX_SYNC_ID_MAX, err)) < 0 ||
	    (rc = get_col(d, &d->suf, d->nrec, RX_SYNC_ID_MAX, err)) < 0 ||
	    (rc = get_col(d, &d->cnt, d->nrec, d->n, err)) < 0)
		return rc;
	for (size_t i = 0; i < d->nrec; i++) {
		uint64_t len = d->pre[i] + d->suf[i];
		if (d->pre[i] > prev || len == 0 || len > RX_SYNC_ID_MAX)
			return BAD("bad record id length");
		if (d->cnt[i] == 0 || (ops += d->cnt[i]) > d->n)
			return BAD("bad record op count");
		sufs += d->suf[i];
		d->mem += len + 1;
		prev = len;
	}
	if (ops != d->n)
		return BAD("record op counts do not add up");
	if (d->mem > RX_SYNC_BATCH_MEM_MAX)
		return rx_error_set(err, RX_ESECURITY, "ops batch: too large");
	if ((rc = get_bytes(d, &d->sufbytes, sufs, err)) < 0)
		return rc;
	if (!(d->used = calloc(d->n + 1, 1)))
		return rx_error_nomem(err);
	if ((rc = get_col(d, &d->fidx, d->n, d->nf ? d->nf - 1 : 0, err)) < 0)
		return rc;
	for (size_t i = 0; i < d->n; i++)
		d->used[d->fidx[i]] = 1;
	for (size_t i = 0; i < d->nf; i++)
		if (!d->used[i])
			return BAD("unused field name");
	return 0;
}

/* Maximal runs of equal values: count, lengths, values; expanded into out. */
static int get_runs(struct dec *d, uint64_t *out, uint64_t max, rx_error *err)
{
	uint64_t runs, *len = NULL, *val = NULL, at = 0;
	int rc;

	if ((rc = get(d, &runs, d->n, err)) < 0 ||
	    (rc = get_col(d, &len, runs, d->n, err)) < 0 ||
	    (rc = get_col(d, &val, runs, max, err)) < 0)
		goto out;
	for (size_t i = 0; i < runs && rc == 0; i++) {
		if (len[i] == 0 || len[i] > d->n - at)
			rc = BAD("bad run length");
		else if (i && val[i] == val[i - 1])
			rc = BAD("runs not maximal");
		for (uint64_t j = 0; rc == 0 && j < len[i]; j++)
			out[at++] = val[i];
	}
	if (rc == 0 && at != d->n)
		rc = BAD("runs do not add up");
out:
	free(len);
	free(val);
	return rc;
}

static int get_clocks(struct dec *d, rx_error *err)
{
	uint64_t base, min = UINT64_MAX;
	int rc;

	if (!(d->hlc = calloc(d->n + 1, sizeof(*d->hlc))) ||
	    !(d->nidx = calloc(d->n + 1, sizeof(*d->nidx))))
		return rx_error_nomem(err);
	if ((rc = get(d, &base, d->n ? UINT64_MAX : 0, err)) < 0 ||
	    (rc = get_runs(d, d->hlc, UINT64_MAX - base, err)) < 0 ||
	    (rc = get_runs(d, d->nidx, d->nn ? d->nn - 1 : 0, err)) < 0)
		return rc;
	memset(d->used, 0, d->n + 1);
	for (size_t i = 0; i < d->n; i++) {
		min = d->hlc[i] < min ? d->hlc[i] : min;
		d->hlc[i] += base;
		d->used[d->nidx[i]] = 1;
	}
	if (d->n && min != 0)
		return BAD("clock base is not the smallest clock");
	for (size_t i = 0; i < d->nn; i++)
		if (!d->used[i])
			return BAD("unused node id");
	return 0;
}

/* Value lengths and values, laid out field by field (see put_values). */
static int get_values(struct dec *d, rx_error *err)
{
	size_t *start, i;
	uint64_t total = 0;
	int rc;

	if (!(d->perm = calloc(d->n + 1, sizeof(*d->perm))) ||
	    !(start = calloc(d->nf + 1, sizeof(*start))))
		return rx_error_nomem(err);
	for (i = 0; i < d->n; i++)
		start[d->fidx[i] + 1]++;
	for (i = 0; i < d->nf; i++)
		start[i + 1] += start[i];
	for (i = 0; i < d->n; i++)
		d->perm[start[d->fidx[i]]++] = i;
	free(start);
	if ((rc = get_col(d, &d->vlen, d->n, RX_SYNC_VALUE_MAX + 1, err)) < 0)
		return rc;
	for (i = 0; i < d->n; i++)
		total += d->vlen[i] ? d->vlen[i] - 1 : 0;
	if (total > left(d))
		return BAD("values beyond input");
	if ((d->mem += total) > RX_SYNC_BATCH_MEM_MAX)
		return rx_error_set(err, RX_ESECURITY, "ops batch: too large");
	if ((rc = get_bytes(d, &d->values, total, err)) < 0)
		return rc;
	if (d->p != d->end)
		return BAD("trailing bytes");
	return 0;
}

static char *put_arena(uint8_t **a, const uint8_t *s, size_t len)
{
	char *r = (char *)*a;

	memcpy(*a, s, len);
	(*a)[len] = '\0';
	*a += len + 1;
	return r;
}

/* Materialise record ids (checking that each shares exactly its common prefix). */
static int build_ids(struct dec *d, rx_sync_batch *b, uint8_t **a,
	char **kind, rx_error *err)
{
	const uint8_t *suf = d->sufbytes;
	const char *prev = "";
	size_t k = 0, krest = d->krec[0], op = 0;

	for (size_t r = 0; r < d->nrec; r++) {
		char *id = (char *)*a;
		memcpy(id, prev, d->pre[r]);
		memcpy(id + d->pre[r], suf, d->suf[r]);
		id[d->pre[r] + d->suf[r]] = '\0';
		if (d->pre[r] < strlen(prev) && d->suf[r] && (uint8_t)prev[d->pre[r]] == suf[0])
			return BAD("id prefix not shared in full");
		if (!rx_sync_id_ok((uint8_t *)id, d->pre[r] + d->suf[r]))
			return BAD("bad record id");
		if (krest-- == 0)
			krest = d->krec[++k] - 1;
		if (r && strcmp(kind[k], b->ops[op - 1].kind) == 0 &&
		    strcmp(prev, id) >= 0)
			return BAD("records not in order");
		for (uint64_t i = 0; i < d->cnt[r]; i++, op++) {
			b->ops[op].kind = kind[k];
			b->ops[op].id = id;
		}
		suf += d->suf[r];
		*a += d->pre[r] + d->suf[r] + 1;
		prev = id;
	}
	return 0;
}

/* Fill in fields, clocks and values, then require strict canonical order. */
static int build_ops(struct dec *d, rx_sync_batch *b, uint8_t *a,
	char **field, rx_error *err)
{
	const uint8_t *v = d->values;
	size_t i;

	for (i = 0; i < d->n; i++) {
		rx_sync_op *o = &b->ops[i];
		o->field = field[d->fidx[i]];
		o->hlc = d->hlc[i];
		o->node = d->nodes[d->nidx[i]];
	}
	for (i = 0; i < d->n; i++) {
		rx_sync_op *o = &b->ops[d->perm[i]];
		o->tombstone = d->vlen[i] == 0;
		o->value_len = o->tombstone ? 0 : d->vlen[i] - 1;
		o->value = a;
		memcpy(a, v, o->value_len);
		a += o->value_len;
		v += o->value_len;
		if (!o->tombstone && !strcmp(o->field, RX_SYNC_FIELD_RECORD))
			return BAD("record delete with a value");
	}
	for (i = 1; i < d->n; i++)
		if (rx_sync_op_cmp(&b->ops[i - 1], &b->ops[i]) >= 0)
			return BAD("ops not in canonical order");
	return 0;
}

static int assemble(struct dec *d, rx_sync_batch *b, rx_error *err)
{
	char **kind = NULL, **field = NULL;
	uint8_t *a;
	size_t i;
	int rc = 0;

	if (!(b->ops = calloc(d->n + 1, sizeof(*b->ops))) ||
	    !(b->mem = malloc(d->mem + 1)) ||
	    !(kind = calloc(d->nk + 1, sizeof(*kind))) ||
	    !(field = calloc(d->nf + 1, sizeof(*field)))) {
		rc = rx_error_nomem(err);
		goto out;
	}
	a = b->mem;
	for (i = 0; i < d->nk; i++)
		kind[i] = put_arena(&a, d->kinds[i].s, d->kinds[i].len);
	for (i = 0; i < d->nf; i++)
		field[i] = put_arena(&a, d->fields[i].s, d->fields[i].len);
	b->n = d->n;
	if (d->n && ((rc = build_ids(d, b, &a, kind, err)) < 0 ||
	    (rc = build_ops(d, b, a, field, err)) < 0))
		goto out;
out:
	free(kind);
	free(field);
	return rc;
}

static void dec_free(struct dec *d)
{
	free(d->kinds);
	free(d->fields);
	free(d->krec);
	free(d->nodes);
	free(d->pre);
	free(d->suf);
	free(d->cnt);
	free(d->fidx);
	free(d->hlc);
	free(d->nidx);
	free(d->vlen);
	free(d->perm);
	free(d->used);
}

int rx_sync_ops_decode(rx_sync_batch *out, const uint8_t *in, size_t len,
	rx_error *err)
{
	struct dec d = { .p = in, .end = in + len };
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = get_dicts(&d, err)) < 0 || (rc = get_nodes(&d, err)) < 0 ||
	    (rc = get_records(&d, err)) < 0 || (rc = get_clocks(&d, err)) < 0 ||
	    (rc = get_values(&d, err)) < 0 || (rc = assemble(&d, out, err)) < 0)
		rx_sync_batch_free(out);
	dec_free(&d);
	return rc;
}
