/* Demo: a school's year besides its students (staff, classes, room hours, lessons, meetings), written as one change-set. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/archive/archive.h"
#include "ops/demo/demoInt.h"

typedef struct batch {
	rx_schema_rec *r;
	size_t n, cap;
	rx_sync_op *ops;
	size_t nops, capops;
} batch;

static void batch_free(batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		rx_schema_rec_clear(&b->r[i]);
	free(b->r);
	free(b->ops);
}

/* One line "TYPE field=value ..." into a new record of b with its id. */
static int parse_line(batch *b, rx_archive *a, char *line, rx_error *err)
{
	char *save = NULL, *tok = strtok_r(line, " ", &save);
	const rx_schema_type *t = tok ? rx_schema_type_find(tok) : NULL;
	rx_schema_rec *r;
	int rc = 0;

	if (!t)
		return rx_error_set(err, RX_EINTERNAL, "demo year: unknown record type");
	if (b->n == b->cap) {
		rx_schema_rec *p = realloc(b->r, (b->cap = b->cap * 2 + 64) * sizeof(*p));
		if (!p)
			return rx_error_nomem(err);
		b->r = p;
	}
	r = &b->r[b->n++];
	rx_schema_rec_init(r, t);
	while (rc == 0 && (tok = strtok_r(NULL, " ", &save))) {
		char *eq = strchr(tok, '=');
		if (!eq)
			return rx_error_set(err, RX_EINTERNAL, "demo year: expected field=value");
		*eq = '\0';
		rc = rx_schema_rec_set(r, tok, eq + 1, err);
	}
	if (rc == 0)
		rc = t->idform == RX_SCHEMA_ID_COUNTER ? rx_rec_new_id(r, a, err) :
			rx_schema_rec_make_id(r, NULL, 0, err);
	return rc < 0 ? rc : rx_schema_rec_validate(r, err);
}

/* The ops of every record of b, in one array (they point into the records). */
static int collect_ops(batch *b, rx_error *err)
{
	for (size_t i = 0; i < b->n; i++) {
		if (b->capops - b->nops < RX_SCHEMA_REC_FIELDS_MAX) {
			rx_sync_op *p = realloc(b->ops, (b->capops = b->capops * 2 +
				RX_SCHEMA_REC_FIELDS_MAX) * sizeof(*p));
			if (!p)
				return rx_error_nomem(err);
			b->ops = p;
		}
		b->nops += rx_schema_rec_diff(&b->r[i], NULL, b->ops + b->nops,
			RX_SCHEMA_REC_FIELDS_MAX);
	}
	return 0;
}

int demo_year_write(demo *d, const char *home, const rx_buf *lines, size_t *records,
	rx_error *err)
{
	rx_home_opts o = { 0 };
	rx_home *h = NULL;
	rx_archive *a = NULL;
	batch b = { 0 };
	char path[600], *text = NULL, *save = NULL, *line;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", d->dir, home);
	o.path = path;
	if (!(text = malloc(lines->len + 1)))
		return rx_error_nomem(err);
	memcpy(text, lines->data, lines->len);
	text[lines->len] = '\0';
	if ((rc = rx_home_open(&h, &o, err)) < 0 || (rc = rx_archive_open(&a, h, &o, err)) < 0)
		goto out;
	for (line = strtok_r(text, "\n", &save); line && rc == 0;
	     line = strtok_r(NULL, "\n", &save))
		rc = parse_line(&b, a, line, err);
	if (rc == 0 && (rc = collect_ops(&b, err)) == 0 && b.nops)
		rc = rx_archive_write(a, b.ops, b.nops, err);
	*records = b.n;
out:
	batch_free(&b);
	rx_archive_close(a);
	rx_home_close(h);
	free(text);
	return rc;
}
