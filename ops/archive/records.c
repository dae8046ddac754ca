/* Records of the archive on this node: load, scan, counters, write, access log, today. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops/archive/archive.h"
#include "ops/archive/render.h"
#include "schema/rules.h"

typedef struct scan_ctx {
	rx_recset *set;
	const rx_schema_type *t;
	rx_error *err;
} scan_ctx;

static int grow(rx_recset *s, rx_error *err)
{
	size_t cap = s->cap ? s->cap * 2 : 64;
	rx_schema_rec *r = realloc(s->r, cap * sizeof(*r));

	if (!r)
		return rx_error_nomem(err);
	s->r = r;
	s->cap = cap;
	return 0;
}

static int scan_op(void *ctx, const rx_sync_op *op)
{
	scan_ctx *c = ctx;
	rx_recset *s = c->set;
	rx_schema_rec *r;

	if (s->n == 0 || strcmp(s->r[s->n - 1].id, op->id)) {
		if (s->n == s->cap && grow(s, c->err) < 0)
			return RX_EINTERNAL;
		r = &s->r[s->n];
		rx_schema_rec_init(r, c->t);
		if (!(r->id = strdup(op->id)))
			return rx_error_nomem(c->err);
		s->n++;
		if (rx_schema_rec_keys_from_id(r, c->err) < 0)
			return RX_EINTERNAL;
	}
	r = &s->r[s->n - 1];
	return rx_schema_rec_put_raw(r, op->field, (const char *)op->value,
		op->value_len, c->err);
}

static int cmp_rec(const void *a, const void *b)
{
	return strcmp(((const rx_schema_rec *)a)->id, ((const rx_schema_rec *)b)->id);
}

int rx_recset_load(rx_recset *set, rx_archive *a, const rx_schema_type *t,
	const char *owner, rx_error *err)
{
	scan_ctx c = { set, t, err };
	int rc;

	memset(set, 0, sizeof(*set));
	rc = rx_sync_store_scan(a->st, t->code, owner, scan_op, &c, err);
	if (rc < 0) {
		rx_recset_free(set);
		return err->code ? err->code : rc;
	}
	if (set->n)
		qsort(set->r, set->n, sizeof(*set->r), cmp_rec);
	return 0;
}

rx_schema_rec *rx_recset_find(const rx_recset *set, const char *id)
{
	rx_schema_rec key = { 0 };

	if (!set->n)
		return NULL;
	key.id = (char *)id;
	return bsearch(&key, set->r, set->n, sizeof(key), cmp_rec);
}

void rx_recset_free(rx_recset *set)
{
	for (size_t i = 0; i < set->n; i++)
		rx_schema_rec_clear(&set->r[i]);
	free(set->r);
	memset(set, 0, sizeof(*set));
}

typedef struct get_ctx {
	rx_schema_rec *r;
	int found;
	rx_error *err;
} get_ctx;

static int get_op(void *ctx, const rx_sync_op *op)
{
	get_ctx *g = ctx;

	g->found = 1;
	return rx_schema_rec_put_raw(g->r, op->field, (const char *)op->value,
		op->value_len, g->err);
}

int rx_rec_get(rx_schema_rec *out, rx_archive *a, const rx_schema_type *t,
	const char *id, int *found, rx_error *err)
{
	get_ctx g = { out, 0, err };
	int rc;

	rx_schema_rec_init(out, t);
	if (!(out->id = strdup(id)))
		return rx_error_nomem(err);
	if ((rc = rx_schema_rec_keys_from_id(out, err)) < 0 ||
	    (rc = rx_sync_store_get(a->st, t->code, id, get_op, &g, err)) < 0)
		return rc;
	*found = g.found;
	return 0;
}

int rx_rec_new_id(rx_schema_rec *r, rx_archive *a, rx_error *err)
{
	char key[32], tag[7], num[24];
	char *v;
	unsigned long n = 0;
	int rc;

	snprintf(key, sizeof(key), "seq.%s", r->type->code);
	if ((v = rx_home_get(a->h, key)))
		n = strtoul(v, NULL, 10);
	free(v);
	n++;
	snprintf(num, sizeof(num), "%lu", n);
	memcpy(tag, a->h->node, 6);
	tag[6] = 0;
	if ((rc = rx_home_set(a->h, key, num, err)) < 0)
		return rc;
	return rx_schema_rec_make_id(r, tag, n, err);
}

int rx_rec_write(rx_archive *a, const rx_schema_rec *r, const rx_schema_rec *old,
	size_t *changed, rx_error *err)
{
	rx_sync_op ops[RX_SCHEMA_REC_FIELDS_MAX];
	size_t n = rx_schema_rec_diff(r, old, ops, RX_SCHEMA_REC_FIELDS_MAX);

	if (changed)
		*changed = n;
	return n ? rx_archive_write(a, ops, n, err) : 0;
}

int rx_rec_access(rx_archive *a, const char *what, rx_error *err)
{
	const rx_schema_type *t = rx_schema_type_find("ax");
	char at[32], *op = a->operator ? strdup(a->operator) : rx_home_get(a->h, "operator");
	time_t now = time(NULL);
	struct tm tm;
	rx_schema_rec r;
	int rc;

	gmtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	rx_schema_rec_init(&r, t);
	if ((rc = rx_schema_rec_set(&r, "w", what, err)) < 0 ||
	    (op && (rc = rx_schema_rec_set(&r, "op", op, err)) < 0) ||
	    (rc = rx_schema_rec_set(&r, "at", at, err)) < 0 ||
	    (rc = rx_rec_new_id(&r, a, err)) < 0)
		goto out;
	rc = rx_rec_write(a, &r, NULL, NULL, err);
out:
	free(op);
	rx_schema_rec_clear(&r);
	return rc;
}

int rx_rec_today(rx_schema_date *out, rx_error *err)
{
	const char *e = getenv("RUNXIN_TODAY");
	time_t now;
	struct tm tm;

	if (e && *e) {
		if (rx_schema_date_parse(out, e, strlen(e)) < 0)
			return rx_error_set(err, RX_EUSAGE,
				"RUNXIN_TODAY '%.16s' is not a date YYYY-MM-DD", e);
		return 0;
	}
	now = time(NULL);
	localtime_r(&now, &tm);
	out->year = tm.tm_year + 1900;
	out->month = tm.tm_mon + 1;
	out->day = tm.tm_mday;
	return 0;
}

int rx_rec_set(rx_schema_rec *r, const char *name, const char *value, rx_error *err)
{
	int i = rx_schema_field_find(r->type, name);
	rx_schema_date today, d;
	char buf[16];
	int rc;

	if (i < 0 || (size_t)i >= r->type->nfields || r->type->fields[i].type != RX_SCHEMA_F_DATE)
		return rx_schema_rec_set(r, name, value, err);
	if ((rc = rx_rec_today(&today, err)) < 0)
		return rc;
	if (rx_schema_date_word(&d, value, today) == 0) {
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d", d.year, d.month, d.day);
		value = buf;
	}
	return rx_schema_rec_set(r, name, value, err);
}

int rx_rec_date_default(rx_schema_rec *r, const char **field, rx_error *err)
{
	const rx_schema_type *t = r->type;
	int i = t->date_field ? rx_schema_field_find(t, t->date_field) : -1;

	*field = NULL;
	if (i < 0 || !t->fields[i].required || r->val[i])
		return 0;
	*field = t->fields[i].zh;
	return rx_rec_set(r, t->date_field, "today", err);
}

rx_schema_date rx_rec_date(const char *v)
{
	rx_schema_date d = { 0, 0, 0 };

	if (!v || rx_schema_date_parse(&d, v, strlen(v)) < 0)
		memset(&d, 0, sizeof(d));
	return d;
}

/* A value with its newlines followed by an indent, so notes stay under their record. */
static void put_text(FILE *f, const char *v)
{
	for (; *v; v++) {
		if (*v == '\r')
			continue;
		fputc(*v, f);
		if (*v == '\n')
			fputs("                      ", f);
	}
}

/* The answers q1..qN as one "各题 0 1 2 ..." pair. */
static void print_items(FILE *f, const rx_schema_rec *r)
{
	const char *sep = "  各题 ";

	for (size_t i = r->type->nfields; r->type->items && i < RX_SCHEMA_REC_FIELDS_MAX; i++)
		if (r->val[i]) {
			fprintf(f, "%s%s", sep, r->val[i]);
			sep = " ";
		}
}

void rx_rec_print_fields(FILE *f, const rx_schema_rec *r, const char *skip)
{
	const rx_schema_type *t = r->type;
	const char *sep = "";
	char buf[256], lb[16];

	for (size_t i = 0; i < t->nfields; i++) {
		const char *v = rx_rec_value(r, i, buf, sizeof(buf));

		if (!v || t->fields[i].type == RX_SCHEMA_F_NO ||
		    (skip && !strcmp(skip, t->fields[i].name)))
			continue;
		fprintf(f, "%s%s ", sep, rx_rec_label(t, i, lb, sizeof(lb)));
		put_text(f, v);
		sep = "  ";
	}
	print_items(f, r);
	if (t->idform != RX_SCHEMA_ID_KEYS)
		fprintf(f, "%s编号 %s", sep, r->id);
	fputc('\n', f);
}

void rx_rec_print(FILE *f, const rx_schema_rec *r)
{
	fprintf(f, "%s  ", r->type->zh);
	rx_rec_print_fields(f, r, NULL);
}

void rx_rec_json(rx_json *j, const rx_schema_rec *r)
{
	const rx_schema_type *t = r->type;

	rx_json_obj_begin(j, NULL);
	rx_json_str(j, "type", t->name);
	rx_json_str(j, "id", r->id);
	for (size_t i = 0; i < RX_SCHEMA_REC_FIELDS_MAX; i++)
		if (r->val[i])
			rx_json_str(j, i < t->nfields ? t->fields[i].en :
				rx_schema_field_name(t, (int)i), r->val[i]);
	rx_json_obj_end(j);
}
