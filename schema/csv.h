/* A bounded, streaming RFC 4180 CSV reader for UTF-8 imports, and the decoder that feeds it (docs/csv.md). */
#ifndef RX_SCHEMA_CSV_H
#define RX_SCHEMA_CSV_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "crypto/error.h"

#define RX_SCHEMA_CSV_FIELD_MAX 4096    /* bytes in one field */
#define RX_SCHEMA_CSV_FIELDS_MAX 128    /* fields in one record */
#define RX_SCHEMA_CSV_RECORD_MAX 65536  /* bytes of all fields of one record */

/* Reads up to cap bytes into buf: the count, 0 at the end, < 0 on failure. */
typedef ssize_t (*rx_schema_csv_read_fn)(void *ctx, void *buf, size_t cap);

typedef struct rx_schema_csv rx_schema_csv;

/* One record; the pointers stay valid until the next call on the reader. */
typedef struct rx_schema_csv_record {
	size_t line;               /* physical line (1-based) where it starts */
	size_t n;                  /* number of fields, >= 1 */
	const char *const *field;  /* NUL-terminated, valid UTF-8, no NUL inside */
	const size_t *len;         /* byte length of each field */
} rx_schema_csv_record;

/* A reader pulling bytes from fn(ctx). The caller owns ctx. 0 or RX_EINTERNAL. */
int rx_schema_csv_open(rx_schema_csv **out, rx_schema_csv_read_fn fn, void *ctx,
		       rx_error *err);
/* A reader over len bytes at data (not copied: keep them until freed). */
int rx_schema_csv_open_mem(rx_schema_csv **out, const void *data, size_t len,
			   rx_error *err);
/* A reader over an open stream (not closed by the reader). */
int rx_schema_csv_open_file(rx_schema_csv **out, FILE *f, rx_error *err);
void rx_schema_csv_free(rx_schema_csv *r);

/* The encodings of an import file (docs/csv.md, "The file"). */
typedef enum rx_schema_enc {
	RX_SCHEMA_ENC_UTF8,    /* with or without a BOM (the reader skips it) */
	RX_SCHEMA_ENC_GB18030, /* GBK / GB18030: Excel's "CSV" on Chinese Windows */
	RX_SCHEMA_ENC_UTF16LE, /* with a BOM: Excel's "Unicode text" (TAB-separated) */
	RX_SCHEMA_ENC_UTF16BE, /* with a BOM */
	RX_SCHEMA_ENC_NONE
} rx_schema_enc;

/* Bytes of a file in its own encoding -> UTF-8, streaming, bounded buffers. */
typedef struct rx_schema_decoder rx_schema_decoder;

/*
 * Detect the encoding of f (the BOM; else valid UTF-8; else GB18030 if all
 * of f converts cleanly; else UTF-8 when at least 4 in 5 of its non-ASCII
 * sequences are valid UTF-8) and stand at its first byte to convert. Reads
 * f once and rewinds it: f must be seekable. The caller keeps f open.
 * 0, RX_EINPUT (one line naming what was tried) or RX_EINTERNAL.
 */
int rx_schema_decoder_open(rx_schema_decoder **out, FILE *f, rx_error *err);
rx_schema_enc rx_schema_decoder_enc(const rx_schema_decoder *d);
/* An rx_schema_csv_read_fn over the decoder (ctx): UTF-8 bytes. */
ssize_t rx_schema_decoder_read(void *ctx, void *buf, size_t cap);
void rx_schema_decoder_free(rx_schema_decoder *d);
/* One line for the person importing: "文件编码: ... (encoding: ...)". */
const char *rx_schema_enc_note(rx_schema_enc e);

/*
 * The first worksheet of an .xlsx workbook, as CSV bytes (UTF-8, comma
 * separated, one line per row; shared strings resolved, numbers as Excel
 * stores them: dates are serial day numbers). Streams the sheet; the
 * shared strings are held (at most 256 MiB). DTDs are refused.
 */
typedef struct rx_schema_xlsx rx_schema_xlsx;

/* 1 if f starts as a ZIP file does (an .xlsx); rewinds f. */
int rx_schema_is_zip(FILE *f);
/* Open the workbook at path (or in memory). 0, RX_EINPUT (one line) or RX_EINTERNAL. */
int rx_schema_xlsx_open(rx_schema_xlsx **out, const char *path, rx_error *err);
int rx_schema_xlsx_open_mem(rx_schema_xlsx **out, const void *data, size_t len,
			    rx_error *err);
/* An rx_schema_csv_read_fn over the workbook (ctx); -1 when it is damaged. */
ssize_t rx_schema_xlsx_read(void *ctx, void *buf, size_t cap);
/* Why the last read failed (one line, Chinese first), or NULL. */
const char *rx_schema_xlsx_error(const rx_schema_xlsx *x);
void rx_schema_xlsx_free(rx_schema_xlsx *x);

/*
 * Read the next record, skipping empty lines and lines of only separators.
 * The separator is `,`, or TAB when the first line has tabs and no comma.
 * Returns 1 with *rec set; 0 at the end of input; RX_EINPUT when this record
 * is refused (rec->line is set, err says "第 N 行: why"; call again to go
 * on with the next record); RX_EINTERNAL on a read failure (final).
 */
int rx_schema_csv_next(rx_schema_csv *r, rx_schema_csv_record *rec, rx_error *err);

#endif
