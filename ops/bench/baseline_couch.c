/* A CouchDB-style replication body for a school year: one JSON document per record. */
#include <stdio.h>
#include <string.h>

#include "ops/bench/benchInt.h"
#include "ops/synth/synth.h"
#include "schema/builtin.h"
#include "schema/import.h"

/* A JSON string: quotes, backslashes and control characters escaped, UTF-8 kept. */
static int json_str(rx_buf *b, const char *s, rx_error *err)
{
	int rc = rx_buf_puts(b, "\"", err);

	for (; *s && rc == 0; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			rc = rx_buf_printf(b, err, "\\%c", c);
		else if (c < 0x20)
			rc = rx_buf_printf(b, err, "\\u%04x", c);
		else
			rc = rx_buf_put(b, &c, 1, err);
	}
	return rc ? rc : rx_buf_puts(b, "\"", err);
}

/* Open a document: separator, _id and a 1-<32 hex> revision as CouchDB's md5. */
static int doc_open(rx_buf *b, size_t *docs, const char *id, uint64_t seed,
		    const char *type, rx_error *err)
{
	uint64_t h1 = rx_ops_hash(seed, id, 6), h2 = rx_ops_hash(seed, id, 7);
	int rc;

	rc = rx_buf_puts(b, *docs ? ",\n{\"_id\":" : "{\"_id\":", err);
	if (rc == 0)
		rc = json_str(b, id, err);
	if (rc == 0)
		rc = rx_buf_printf(b, err, ",\"_rev\":\"1-%016llx%016llx\",\"type\":\"%s\"",
			(unsigned long long)h1, (unsigned long long)h2, type);
	(*docs)++;
	return rc;
}

static int student_doc(rx_buf *b, size_t *docs, const rx_schema_student *st,
		       uint64_t seed, rx_error *err)
{
	char id[64];
	const char *sep = "";
	int rc;

	snprintf(id, sizeof(id), "student:%s", st->student_no);
	if ((rc = doc_open(b, docs, id, seed, "student", err)) < 0 ||
	    (rc = rx_buf_printf(b, err, ",\"student_no\":\"%s\",\"name\":",
				st->student_no)) < 0 ||
	    (rc = json_str(b, st->name, err)) < 0 ||
	    (rc = rx_buf_printf(b, err, ",\"gender\":\"%s\",\"birth_date\":"
		"\"%04d-%02d-%02d\",\"grade\":%d,\"class\":",
		st->gender == RX_SCHEMA_GENDER_FEMALE ? "female" : "male",
		st->birth.year, st->birth.month, st->birth.day, st->grade)) < 0 ||
	    (rc = json_str(b, st->class_name, err)) < 0 ||
	    (rc = rx_buf_puts(b, ",\"flags\":[", err)) < 0)
		return rc;
	for (unsigned i = 0; i < RX_SCHEMA_FLAG_COUNT && rc == 0; i++) {
		if (!(st->flags & (1u << i)))
			continue;
		rc = rx_buf_printf(b, err, "%s\"%s\"", sep, rx_schema_flag_name_en(i));
		sep = ",";
	}
	return rc ? rc : rx_buf_puts(b, "]}", err);
}

static int screening_doc(rx_buf *b, size_t *docs, const rx_schema_screening_row *r,
			 const rx_ops_baseline_screening *s, uint64_t seed,
			 rx_error *err)
{
	char id[128];
	int rc;

	snprintf(id, sizeof(id), "screening:%s:%s:%d:%d", r->student_no, s->scale,
		 s->round, s->administration);
	if ((rc = doc_open(b, docs, id, seed, "screening", err)) < 0 ||
	    (rc = rx_buf_printf(b, err, ",\"student_no\":\"%s\",\"scale\":\"%s\","
		"\"round\":%d,\"administration\":%d,\"date\":\"%04d-%02d-%02d\","
		"\"answers\":[", r->student_no, s->scale, s->round, s->administration,
		r->date.year, r->date.month, r->date.day)) < 0)
		return rc;
	for (size_t i = 0; i < r->score.n && rc == 0; i++)
		rc = rx_buf_printf(b, err, "%s%d", i ? "," : "", r->score.answers[i]);
	return rc ? rc : rx_buf_puts(b, "]}", err);
}

typedef struct couch_ctx {
	rx_buf *b;
	size_t *docs;
	const rx_ops_baseline_year *y;
} couch_ctx;

/* One CSV through schema's importer; s NULL for the roster. */
static int couch_csv(couch_ctx *c, const uint8_t *data, size_t len,
		     const rx_ops_baseline_screening *s, rx_error *err)
{
	rx_schema_csv *csv = NULL;
	rx_schema_import *im = NULL;
	rx_schema_scale *scale = NULL;
	rx_schema_student st;
	rx_schema_screening_row row;
	int rc;

	if ((s && (rc = rx_schema_builtin_scale(&scale, s->scale, err)) < 0) ||
	    (rc = rx_schema_csv_open_mem(&csv, data, len, err)) < 0 ||
	    (rc = rx_schema_import_open(&im, csv, scale, err)) < 0)
		goto out;
	for (;;) {
		rc = s ? rx_schema_import_screening_next(im, &row, err)
		       : rx_schema_import_roster_next(im, &st, err);
		if (rc <= 0)
			break;
		rc = s ? screening_doc(c->b, c->docs, &row, s, c->y->seed, err)
		       : student_doc(c->b, c->docs, &st, c->y->seed, err);
		if (rc < 0)
			break;
	}
out:
	rx_schema_import_free(im);
	rx_schema_csv_free(csv);
	rx_schema_scale_free(scale);
	return rc;
}

int rx_ops_baseline_couch_body(rx_buf *json, size_t *docs,
			       const rx_ops_baseline_year *y, rx_error *err)
{
	size_t n = 0;
	couch_ctx c = { json, &n, y };
	int rc;

	rc = rx_buf_puts(json, "{\"new_edits\":false,\"docs\":[\n", err);
	if (rc == 0)
		rc = couch_csv(&c, y->roster, y->roster_len, NULL, err);
	for (size_t i = 0; i < y->n && rc == 0; i++)
		rc = couch_csv(&c, y->screening[i].csv, y->screening[i].len,
			       &y->screening[i], err);
	if (rc == 0)
		rc = rx_buf_puts(json, "\n]}\n", err);
	if (rc == 0 && docs)
		*docs = n;
	return rc;
}
