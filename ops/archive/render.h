/* Text for teachers: display width of CJK text, aligned tables, field values in Chinese. */
#ifndef RX_OPS_ARCHIVE_RENDER_H
#define RX_OPS_ARCHIVE_RENDER_H

#include <stddef.h>
#include <stdio.h>

#include "crypto/error.h"
#include "ops/archive/archive.h"
#include "schema/record.h"

/*
 * Columns s takes on a terminal: 2 for East Asian wide and full-width
 * characters (汉字, full-width forms, Hangul), 0 for combining marks,
 * 1 for the rest; a byte that is not UTF-8 counts 1.
 */
size_t rx_text_width(const char *s);

/* A table of text cells; row 0 is the header. Cells are copied. */
typedef struct rx_table {
	size_t ncols, nrows, cap;
	char **cell;      /* nrows * ncols; NULL: empty */
	size_t maxw;      /* cut cells wider than this with "…" (0: never) */
} rx_table;

/* Start a table with these column headers (ncols of them). */
int rx_table_init(rx_table *t, size_t ncols, const char *const *header, rx_error *err);
/* Append an empty row; its cells are then set with rx_table_set. */
int rx_table_row(rx_table *t, rx_error *err);
/* Set cell col of the last row (v NULL or "": empty; newlines become spaces). */
int rx_table_set(rx_table *t, size_t col, const char *v, rx_error *err);
/*
 * Print the table aligned by display width, two spaces between columns,
 * each line after indent. A column empty in every row below the header is
 * left out; with no rows, nothing is printed.
 */
void rx_table_print(FILE *f, const rx_table *t, const char *indent);
void rx_table_free(rx_table *t);

/* The Chinese label of field i of t ("第3题" for the answer to item 3) into buf. */
const char *rx_rec_label(const rx_schema_type *t, size_t i, char *buf, size_t cap);

/*
 * The value of field i of r as a teacher reads it, into buf (or r's own
 * text): enums, levels and genders by their Chinese names, booleans 是/否,
 * key groups by name joined with 、. NULL when unset or empty.
 */
const char *rx_rec_value(const rx_schema_rec *r, size_t i, char *buf, size_t cap);

/* A student's grade and class as "8年级3班" (a class that is not a number: "8年级实验班"). */
void rx_rec_grade_class(const rx_schema_rec *st, char *buf, size_t cap);

/*
 * Whether a student's proposal is shown as 不一致 (discordant): the summary
 * says so and a scale of its round has both administrations, two levels
 * or more apart (one administration alone is never called discordant).
 */
int rx_summary_discordant_shown(const rx_summary *s);

/* Whether a scale of the student's latest round has only one administration. */
int rx_summary_one_administration(const rx_summary *s);

/* The proposal as a teacher reads it: "红", "红 (两次测评不一致)", "未测评". */
const char *rx_summary_proposed_text(const rx_summary *s, char *buf, size_t cap);

#endif
