/* Streaming CSV: quoted fields, CRLF/LF/CR, BOM, comma or TAB, strict UTF-8, capped sizes. */
#include <stdlib.h>
#include <string.h>

#include "schema/csv.h"
#include "schema/textInt.h"

#define IN_SIZE 65536
#define END (-1)  /* end of input */
#define FAIL (-2) /* read failure */

struct rx_schema_csv {
	rx_schema_csv_read_fn fn;
	void *ctx;
	const unsigned char *mem; /* for open_mem */
	size_t mem_len, mem_pos;
	unsigned char in[IN_SIZE];
	size_t pos, lim;
	int eof, failed, started;
	int sep;                 /* ',' or '\t', chosen by the first line */
	size_t line;             /* physical line of the next byte */
	char buf[RX_SCHEMA_CSV_RECORD_MAX + RX_SCHEMA_CSV_FIELDS_MAX];
	size_t used, n;
	size_t off[RX_SCHEMA_CSV_FIELDS_MAX], len[RX_SCHEMA_CSV_FIELDS_MAX];
	const char *ptr[RX_SCHEMA_CSV_FIELDS_MAX];
	int content;             /* the record has a byte or a quote */
	char why[160];           /* why the current record is refused */
};

/* Move what is left to the front and read until at least `want` bytes wait. */
static int fill(rx_schema_csv *r, size_t want)
{
	memmove(r->in, r->in + r->pos, r->lim - r->pos);
	r->lim -= r->pos;
	r->pos = 0;
	while (!r->eof && r->lim < want) {
		ssize_t k = r->fn(r->ctx, r->in + r->lim, IN_SIZE - r->lim);
		if (k < 0 || (size_t)k > IN_SIZE - r->lim) {
			r->failed = 1;
			return FAIL;
		}
		if (k == 0)
			r->eof = 1;
		r->lim += (size_t)k;
	}
	return 0;
}

static inline int peekb(rx_schema_csv *r)
{
	if (r->pos == r->lim && (r->eof || fill(r, 1) < 0 || r->pos == r->lim))
		return r->failed ? FAIL : END;
	return r->in[r->pos];
}

static inline int getb(rx_schema_csv *r)
{
	int c = peekb(r);

	if (c >= 0)
		r->pos++;
	return c;
}

/* Consume one line end (CRLF, LF or CR) if c starts one; count the line. */
static void line_end(rx_schema_csv *r, int c)
{
	if (c == '\r' && peekb(r) == '\n')
		r->pos++;
	r->line++;
}

static void refuse(rx_schema_csv *r, const char *why)
{
	if (!r->why[0])
		snprintf(r->why, sizeof(r->why), "%s", why);
}

/* Store one byte of the current field, unless the record is already refused. */
static void put(rx_schema_csv *r, int c)
{
	r->content = 1;
	if (r->why[0])
		return;
	if (r->used - r->off[r->n] >= RX_SCHEMA_CSV_FIELD_MAX) {
		snprintf(r->why, sizeof(r->why), "第 %zu 列超过 %d 字节",
			 r->n + 1, RX_SCHEMA_CSV_FIELD_MAX);
		return;
	}
	if (r->used >= RX_SCHEMA_CSV_RECORD_MAX) {
		refuse(r, "记录超过 65536 字节");
		return;
	}
	r->buf[r->used++] = (char)c;
}

/* Bytes of an unquoted field, up to (not including) a comma or line end. */
static int unquoted(rx_schema_csv *r)
{
	for (;;) {
		int c = peekb(r);

		/* A quote inside an unquoted field is kept as a plain byte. */
		if (c < 0 || c == r->sep || c == '\n' || c == '\r')
			return c;
		r->pos++;
		put(r, c);
	}
}

/* After an opening quote: up to the closing one; returns the byte after it. */
static int quoted(rx_schema_csv *r)
{
	for (;;) {
		int c = getb(r);

		if (c == FAIL)
			return FAIL;
		if (c == END) {
			refuse(r, "引号未闭合 (unterminated quote)");
			return END;
		}
		if (c == '"') {
			if (peekb(r) != '"')
				return peekb(r);
			r->pos++;
		} else if (c == '\n' || (c == '\r' && peekb(r) != '\n')) {
			r->line++;
		}
		put(r, c);
	}
}

static int read_field(rx_schema_csv *r)
{
	int c;

	if (r->n == RX_SCHEMA_CSV_FIELDS_MAX)
		refuse(r, "超过 128 列 (too many fields)");
	else
		r->off[r->n] = r->used;
	if ((c = peekb(r)) == '"') {
		r->pos++;
		r->content = 1;
		c = quoted(r);
		if (c >= 0 && c != r->sep && c != '\n' && c != '\r') {
			refuse(r, "引号后有多余字符 (text after closing quote)");
			c = unquoted(r);
		}
	} else {
		c = unquoted(r);
	}
	if (!r->why[0]) {
		r->len[r->n] = r->used - r->off[r->n];
		r->buf[r->used++] = '\0';
		r->n++;
	}
	return c;
}

/* One record, including its line end; FAIL on a read failure. */
static int read_record(rx_schema_csv *r)
{
	int c;

	r->n = r->used = 0;
	r->content = 0;
	r->why[0] = '\0';
	while ((c = read_field(r)) == r->sep)
		r->pos++;
	if (c == FAIL)
		return FAIL;
	if (c == '\n' || c == '\r') {
		r->pos++;
		line_end(r, c);
	}
	return 0;
}

static void check_fields(rx_schema_csv *r)
{
	for (size_t i = 0; i < r->n && !r->why[0]; i++) {
		r->ptr[i] = r->buf + r->off[i];
		if (memchr(r->ptr[i], '\0', r->len[i]))
			snprintf(r->why, sizeof(r->why), "第 %zu 列含有 NUL 字节", i + 1);
		else if (!rx_schema_utf8_valid(r->ptr[i], r->len[i]))
			snprintf(r->why, sizeof(r->why),
				 "第 %zu 列不是有效的 UTF-8 (invalid UTF-8)", i + 1);
	}
}

/* TAB separates when the first line (the header) has tabs and no comma. */
static void choose_sep(rx_schema_csv *r)
{
	size_t i = r->pos;
	int tabs = 0;

	r->sep = ',';
	for (;;) {
		for (; i < r->lim && r->in[i] != '\n' && r->in[i] != '\r'; i++) {
			if (r->in[i] == ',')
				return;
			tabs |= r->in[i] == '\t';
		}
		if (i < r->lim || r->eof || r->failed || r->lim - r->pos == IN_SIZE)
			break;
		i -= r->pos; /* fill moves the waiting bytes to the front */
		if (fill(r, r->lim - r->pos + 1) < 0)
			break;
	}
	if (tabs)
		r->sep = '\t';
}

/* Skip the BOM once, then empty lines; returns the next byte (or END/FAIL). */
static int skip_blank(rx_schema_csv *r)
{
	int c;

	if (!r->started) {
		r->started = 1;
		r->line = 1;
		if (fill(r, 3) < 0)
			return FAIL;
		if (r->lim >= 3 && !memcmp(r->in, "\xEF\xBB\xBF", 3))
			r->pos = 3;
	}
	while ((c = peekb(r)) == '\n' || c == '\r') {
		r->pos++;
		line_end(r, c);
	}
	if (!r->sep && c >= 0) {
		choose_sep(r);
		c = peekb(r);
	}
	return c;
}

int rx_schema_csv_next(rx_schema_csv *r, rx_schema_csv_record *rec, rx_error *err)
{
	for (;;) {
		int c = skip_blank(r);

		if (c == END)
			return 0;
		rec->line = r->line;
		if (c == FAIL || read_record(r) < 0)
			return rx_error_set(err, RX_EINTERNAL, "CSV: read failed");
		check_fields(r);
		if (r->why[0])
			return rx_error_set(err, RX_EINPUT, "第 %zu 行: %s",
					    rec->line, r->why);
		if (!r->content)
			continue; /* spreadsheets write lines of only commas */
		rec->n = r->n;
		rec->field = r->ptr;
		rec->len = r->len;
		return 1;
	}
}

static ssize_t mem_read(void *ctx, void *buf, size_t cap)
{
	rx_schema_csv *r = ctx;
	size_t k = r->mem_len - r->mem_pos;

	if (k > cap)
		k = cap;
	memcpy(buf, r->mem + r->mem_pos, k);
	r->mem_pos += k;
	return (ssize_t)k;
}

static ssize_t file_read(void *ctx, void *buf, size_t cap)
{
	size_t k = fread(buf, 1, cap, (FILE *)ctx);

	return (k == 0 && ferror((FILE *)ctx)) ? -1 : (ssize_t)k;
}

int rx_schema_csv_open(rx_schema_csv **out, rx_schema_csv_read_fn fn, void *ctx,
		       rx_error *err)
{
	if (!(*out = calloc(1, sizeof(**out))))
		return rx_error_nomem(err);
	(*out)->fn = fn;
	(*out)->ctx = ctx;
	return 0;
}

int rx_schema_csv_open_mem(rx_schema_csv **out, const void *data, size_t len,
			   rx_error *err)
{
	int rc = rx_schema_csv_open(out, mem_read, NULL, err);

	if (rc == 0) {
		(*out)->ctx = *out;
		(*out)->mem = data;
		(*out)->mem_len = len;
	}
	return rc;
}

int rx_schema_csv_open_file(rx_schema_csv **out, FILE *f, rx_error *err)
{
	return rx_schema_csv_open(out, file_read, f, err);
}

void rx_schema_csv_free(rx_schema_csv *r)
{
	free(r);
}
