/* A whole import: header, rows, and refusal of a student number seen before. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema/fieldsInt.h"

#define SEEN_MAX (1u << 20) /* rows per file */

typedef struct seen {
	char id[RX_SCHEMA_STUDENT_NO_MAX + 1];
	size_t line;
} seen;

struct rx_schema_import {
	rx_schema_csv *csv;
	const rx_schema_scale *scale;
	rx_schema_csv_header h;
	seen *tab;        /* open addressing; id[0] == 0 marks a free slot */
	size_t cap, used;
	size_t line;      /* of the last record read */
	int full;         /* SEEN_MAX rows kept: the import ends */
	size_t form_line[RX_SCHEMA_CLASS_FORMS]; /* first line of each class form */
	char form_text[RX_SCHEMA_CLASS_FORMS][48]; /* as written there */
	char note[512];
};

static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return (size_t)h;
}

/* The slot holding id, or the free slot where it would go. */
static seen *slot(seen *tab, size_t cap, const char *id)
{
	size_t i = hash(id) & (cap - 1);

	while (tab[i].id[0] && strcmp(tab[i].id, id))
		i = (i + 1) & (cap - 1);
	return &tab[i];
}

static int grow(rx_schema_import *im, rx_error *err)
{
	size_t cap = im->cap ? im->cap * 2 : 1024;
	seen *tab = calloc(cap, sizeof(*tab));

	if (!tab)
		return rx_error_nomem(err);
	for (size_t i = 0; i < im->cap; i++)
		if (im->tab[i].id[0])
			*slot(tab, cap, im->tab[i].id) = im->tab[i];
	free(im->tab);
	im->tab = tab;
	im->cap = cap;
	return 0;
}

/* Remember id at line; RX_EINPUT if it was seen earlier in the file. */
static int remember(rx_schema_import *im, const char *id, size_t line, rx_error *err)
{
	seen *s;
	int rc;

	if (im->used >= SEEN_MAX) {
		im->full = 1; /* the next call ends the import: nothing more is read */
		return rx_error_set(err, RX_EINPUT, "第 %zu 行: 文件超过 %u 行, 其后的行未读取 "
				    "(too many rows; the rest of the file was not read)",
				    line, SEEN_MAX);
	}
	if (2 * (im->used + 1) > im->cap && (rc = grow(im, err)) < 0)
		return rc;
	s = slot(im->tab, im->cap, id);
	if (s->id[0])
		return rx_error_set(err, RX_EINPUT,
				    "第 %zu 行: 学号 '%s' 重复 (首次出现在第 %zu 行) "
				    "(duplicate student number)",
				    line, id, s->line);
	memcpy(s->id, id, sizeof(s->id));
	s->line = line;
	im->used++;
	return 0;
}

int rx_schema_import_open(rx_schema_import **out, rx_schema_csv *csv,
			  const rx_schema_scale *scale, rx_error *err)
{
	rx_schema_import *im;
	rx_schema_csv_record rec;
	int rc;

	*out = NULL;
	if (!(im = calloc(1, sizeof(*im))))
		return rx_error_nomem(err);
	im->csv = csv;
	im->scale = scale;
	if ((rc = rx_schema_csv_next(csv, &rec, err)) == 0)
		rc = rx_error_set(err, RX_EINPUT, "第 1 行: 文件为空, 没有表头 (no header)");
	if (rc > 0)
		rc = scale ? rx_schema_screening_header_map(&im->h, &rec, scale, err)
			   : rx_schema_roster_header_map(&im->h, &rec, err);
	if (rc < 0) {
		rx_schema_import_free(im);
		return rc;
	}
	*out = im;
	return 0;
}

void rx_schema_import_free(rx_schema_import *im)
{
	if (!im)
		return;
	free(im->tab);
	free(im);
}

rx_schema_csv_header *rx_schema_import_header(rx_schema_import *im)
{
	return &im->h;
}

const char *rx_schema_import_ignored(rx_schema_import *im)
{
	if (!im->h.ignored[0])
		return NULL;
	snprintf(im->note, sizeof(im->note), "忽略未知列: %s (unknown columns ignored)",
		 im->h.ignored);
	return im->note;
}

/* Remember the first line where the class was written in this form. */
static void class_form(rx_schema_import *im, const rx_schema_csv_record *rec,
		       const rx_schema_student *st)
{
	rx_schema_span v;
	int f = st->class_form;

	if (f == RX_SCHEMA_CLASS_TEXT || im->form_line[f])
		return;
	im->form_line[f] = rec->line;
	v = rx_schema_span_trim((rx_schema_span){ rec->field[im->h.col[RX_SCHEMA_COL_CLASS]],
						  rec->len[im->h.col[RX_SCHEMA_COL_CLASS]] });
	rx_schema_span_excerpt(im->form_text[f], sizeof(im->form_text[f]), v);
}

const char *rx_schema_import_class_note(rx_schema_import *im)
{
	size_t n = 0, forms = 0;

	for (int f = 0; f < RX_SCHEMA_CLASS_TEXT; f++)
		forms += im->form_line[f] != 0;
	if (forms < 2)
		return NULL;
	n = (size_t)snprintf(im->note, sizeof(im->note), "班级写法不一致:");
	for (int f = 0; f < RX_SCHEMA_CLASS_TEXT; f++)
		if (im->form_line[f] && n < sizeof(im->note))
			n += (size_t)snprintf(im->note + n, sizeof(im->note) - n,
					      " '%s' (第 %zu 行)", im->form_text[f],
					      im->form_line[f]);
	if (n < sizeof(im->note))
		snprintf(im->note + n, sizeof(im->note) - n, ", 都存为班号 "
			 "(classes written in mixed forms; all stored as the number)");
	return im->note;
}

size_t rx_schema_import_line(const rx_schema_import *im)
{
	return im->line;
}

int rx_schema_import_roster_next(rx_schema_import *im, rx_schema_student *out,
				 rx_error *err)
{
	rx_schema_csv_record rec;
	int rc;

	if (im->scale)
		return rx_error_set(err, RX_EUSAGE, "not a roster import");
	if (im->full)
		return 0;
	if ((rc = rx_schema_csv_next(im->csv, &rec, err)) != 0)
		im->line = rec.line; /* set for refused records too */
	if (rc <= 0)
		return rc;
	if ((rc = rx_schema_roster_row_parse(&im->h, &rec, out, err)) < 0 ||
	    (rc = remember(im, out->student_no, rec.line, err)) < 0)
		return rc;
	class_form(im, &rec, out);
	return 1;
}

int rx_schema_import_screening_next(rx_schema_import *im,
				    rx_schema_screening_row *out, rx_error *err)
{
	rx_schema_csv_record rec;
	int rc;

	if (!im->scale)
		return rx_error_set(err, RX_EUSAGE, "not a screening import");
	if (im->full)
		return 0;
	if ((rc = rx_schema_csv_next(im->csv, &rec, err)) != 0)
		im->line = rec.line; /* set for refused records too */
	if (rc <= 0)
		return rc;
	if ((rc = rx_schema_screening_row_parse(&im->h, &rec, im->scale, out, err)) < 0 ||
	    (rc = remember(im, out->student_no, rec.line, err)) < 0)
		return rc;
	return 1;
}
