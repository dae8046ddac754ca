/* The first worksheet of an .xlsx workbook as CSV bytes, streaming (minizip + expat; docs/csv.md). */
#include <errno.h>
#include <expat.h>
#include <minizip/unzip.h>
#include <stdlib.h>
#include <string.h>

#include "schema/csv.h"

#define CHUNK 65536
#define PART_MAX (1u << 20)        /* bytes of workbook.xml and its rels */
#define STRINGS_MAX (256u << 20)   /* bytes of all shared strings */
#define STRINGS_COUNT_MAX (1u << 24)
#define TEXT_MAX (RX_SCHEMA_CSV_FIELD_MAX + 1) /* longer: the CSV reader refuses the row */
#define COLUMN_MAX 1024

typedef struct text {
	char *p;
	size_t len, cap;
} text;

struct rx_schema_xlsx {
	unzFile zip;
	/* a workbook held in memory (rx_schema_xlsx_open_mem) */
	const unsigned char *mem;
	size_t mem_len, mem_pos;
	/* shared strings: offsets into one buffer */
	text strings;
	size_t *str_off, nstr, str_cap;
	/* the worksheet being read */
	XML_Parser sheet;
	int in_cell, in_value, in_phonetic, in_text, eof;
	char type[16];
	long col, next_col;  /* the cell's column; the next field to write */
	long width;          /* fields of the first row (the header): shorter rows are padded */
	text cell;           /* the cell's raw text */
	text out;            /* CSV bytes not handed out yet */
	size_t out_pos;
	unsigned char raw[CHUNK];
	char error[160];
};

static int grow(text *t, size_t more)
{
	size_t cap = t->cap ? t->cap : 256;
	char *p;

	while (cap - t->len < more + 1)
		cap *= 2;
	if (cap == t->cap)
		return 0;
	if (!(p = realloc(t->p, cap)))
		return -1;
	t->p = p, t->cap = cap;
	return 0;
}

static int put(text *t, const char *s, size_t n)
{
	if (grow(t, n) < 0)
		return -1;
	memcpy(t->p + t->len, s, n);
	t->len += n;
	t->p[t->len] = '\0';
	return 0;
}

/* Append at most up to TEXT_MAX bytes in all (enough for the CSV reader to refuse). */
static int put_capped(text *t, const char *s, size_t n)
{
	if (t->len >= TEXT_MAX)
		return 0;
	return put(t, s, n < TEXT_MAX - t->len ? n : TEXT_MAX - t->len);
}

static void fail(rx_schema_xlsx *x, XML_Parser p, const char *why)
{
	if (!x->error[0])
		snprintf(x->error, sizeof(x->error), "%s", why);
	XML_StopParser(p, XML_FALSE);
}

/* -- minizip over a buffer in memory -- */

static voidpf mem_open(voidpf opaque, const void *name, int mode)
{
	rx_schema_xlsx *x = opaque;

	x->mem_pos = 0;
	return x;
}

static uLong mem_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
	rx_schema_xlsx *x = opaque;
	size_t n = x->mem_len - x->mem_pos;

	if (n > size)
		n = size;
	memcpy(buf, x->mem + x->mem_pos, n);
	x->mem_pos += n;
	return (uLong)n;
}

static uLong mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
	return 0;
}

static ZPOS64_T mem_tell(voidpf opaque, voidpf stream)
{
	return ((rx_schema_xlsx *)opaque)->mem_pos;
}

static long mem_seek(voidpf opaque, voidpf stream, ZPOS64_T off, int origin)
{
	rx_schema_xlsx *x = opaque;
	ZPOS64_T base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 :
		origin == ZLIB_FILEFUNC_SEEK_CUR ? x->mem_pos : x->mem_len;

	if (off > x->mem_len || base + off > x->mem_len)
		return -1;
	x->mem_pos = (size_t)(base + off);
	return 0;
}

static int mem_close(voidpf opaque, voidpf stream)
{
	return 0;
}

static int mem_error(voidpf opaque, voidpf stream)
{
	return 0;
}

/* -- one small part of the package, whole -- */

static int read_part(rx_schema_xlsx *x, const char *name, text *out, size_t max)
{
	int k;

	out->len = 0;
	if (unzLocateFile(x->zip, name, 0) != UNZ_OK || unzOpenCurrentFile(x->zip) != UNZ_OK)
		return -1;
	while ((k = unzReadCurrentFile(x->zip, x->raw, sizeof(x->raw))) > 0)
		if (out->len + (size_t)k > max || put(out, (char *)x->raw, (size_t)k) < 0) {
			k = -1;
			break;
		}
	unzCloseCurrentFile(x->zip);
	return k < 0 ? -1 : 0;
}

/* DTDs (and with them entity expansion) are refused: no workbook needs one. */
static void stop_doctype(void *p, const XML_Char *name, const XML_Char *sys,
	const XML_Char *pub, int internal)
{
	XML_StopParser((XML_Parser)p, XML_FALSE);
}

static void sheet_doctype(void *p, const XML_Char *name, const XML_Char *sys,
	const XML_Char *pub, int internal)
{
	fail(XML_GetUserData((XML_Parser)p), (XML_Parser)p, "工作表含有 DTD (the worksheet contains a DTD)");
}

static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

static const char *attr(const XML_Char **a, const char *name)
{
	for (; a[0]; a += 2)
		if (!strcmp(local(a[0]), name))
			return a[1];
	return NULL;
}

/* -- workbook.xml and its relationships: which part is the first sheet -- */

typedef struct find {
	rx_schema_xlsx *x;
	char rid[64];
	char sheet[256], strings[256];
} find;

static void target(char *out, size_t cap, const char *t)
{
	if (t[0] == '/')
		snprintf(out, cap, "%s", t + 1);
	else
		snprintf(out, cap, "xl/%s", t);
}

static void wb_start(void *p, const XML_Char *name, const XML_Char **a)
{
	find *f = XML_GetUserData((XML_Parser)p);
	const char *id = attr(a, "id");

	if (!strcmp(local(name), "sheet") && !f->rid[0] && id)
		snprintf(f->rid, sizeof(f->rid), "%s", id);
}

static void rel_start(void *p, const XML_Char *name, const XML_Char **a)
{
	find *f = XML_GetUserData((XML_Parser)p);
	const char *id = attr(a, "Id"), *t = attr(a, "Target"), *ty = attr(a, "Type");
	size_t n = ty ? strlen(ty) : 0;

	if (strcmp(local(name), "Relationship") || !t)
		return;
	if (id && f->rid[0] && !strcmp(id, f->rid))
		target(f->sheet, sizeof(f->sheet), t);
	if (n >= 14 && !strcmp(ty + n - 14, "/sharedStrings"))
		target(f->strings, sizeof(f->strings), t);
}

static int parse_whole(rx_schema_xlsx *x, const text *t, void *data,
	XML_StartElementHandler start, XML_EndElementHandler end, XML_CharacterDataHandler chars)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	int ok;

	if (!p)
		return -1;
	XML_SetUserData(p, data);
	XML_UseParserAsHandlerArg(p);
	XML_SetStartDoctypeDeclHandler(p, stop_doctype);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, chars);
	ok = XML_Parse(p, t->p ? t->p : "", (int)t->len, 1) == XML_STATUS_OK;
	XML_ParserFree(p);
	return ok ? 0 : -1;
}

/* -- shared strings: the text of each <si>, phonetic runs (<rPh>) left out -- */

typedef struct sst {
	rx_schema_xlsx *x;
	XML_Parser p;
	int in_si, in_t, in_ph;
	text cur;
} sst;

static int add_string(rx_schema_xlsx *x, const text *s)
{
	if (x->nstr == x->str_cap) {
		size_t cap = x->str_cap ? 2 * x->str_cap : 1024;
		size_t *o;

		if (cap > STRINGS_COUNT_MAX || !(o = realloc(x->str_off, cap * sizeof(*o))))
			return -1;
		x->str_off = o, x->str_cap = cap;
	}
	if (x->strings.len + s->len + 1 > STRINGS_MAX)
		return -1;
	x->str_off[x->nstr++] = x->strings.len;
	return put(&x->strings, s->p ? s->p : "", s->len) < 0 ||
		put(&x->strings, "", 1) < 0 ? -1 : 0;
}

static void sst_start(void *p, const XML_Char *name, const XML_Char **a)
{
	sst *s = XML_GetUserData((XML_Parser)p);
	const char *n = local(name);

	if (!strcmp(n, "si"))
		s->in_si = 1, s->cur.len = 0;
	else if (!strcmp(n, "rPh"))
		s->in_ph = 1;
	else if (!strcmp(n, "t"))
		s->in_t = 1;
}

static void sst_end(void *p, const XML_Char *name)
{
	sst *s = XML_GetUserData((XML_Parser)p);
	const char *n = local(name);

	if (!strcmp(n, "si")) {
		s->in_si = 0;
		if (add_string(s->x, &s->cur) < 0)
			XML_StopParser((XML_Parser)p, XML_FALSE);
	} else if (!strcmp(n, "rPh"))
		s->in_ph = 0;
	else if (!strcmp(n, "t"))
		s->in_t = 0;
}

static void sst_chars(void *p, const XML_Char *c, int len)
{
	sst *s = XML_GetUserData((XML_Parser)p);

	if (s->in_si && s->in_t && !s->in_ph && put_capped(&s->cur, c, (size_t)len) < 0)
		XML_StopParser((XML_Parser)p, XML_FALSE);
}

/* -- the worksheet: each <row> becomes one CSV line -- */

static long column_of(const char *ref)
{
	long col = 0;

	for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
		col = col * 26 + (*ref - 'A' + 1);
		if (col > COLUMN_MAX)
			return -1;
	}
	return col - 1;
}

static int put_field(text *out, const char *s, size_t n)
{
	if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\n', n) &&
	    !memchr(s, '\r', n))
		return put(out, s, n);
	if (put(out, "\"", 1) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if ((s[i] == '"' && put(out, "\"", 1) < 0) || put(out, s + i, 1) < 0)
			return -1;
	return put(out, "\"", 1);
}

static void cell_start(rx_schema_xlsx *x, XML_Parser p, const XML_Char **a)
{
	const char *r = attr(a, "r"), *t = attr(a, "t");

	x->in_cell = 1, x->cell.len = 0;
	snprintf(x->type, sizeof(x->type), "%s", t ? t : "n");
	x->col = r ? column_of(r) : x->next_col;
	if (x->col < 0 || x->col < x->next_col)
		fail(x, p, "单元格位置不对 (cell out of order or beyond column 1024)");
}

static void cell_end(rx_schema_xlsx *x, XML_Parser p)
{
	const char *v = x->cell.p ? x->cell.p : "";
	size_t n = x->cell.len;

	x->in_cell = 0;
	if (!strcmp(x->type, "s")) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);

		if (!n || *end || i >= x->nstr) {
			fail(x, p, "共享字符串编号不对 (bad shared string index)");
			return;
		}
		v = x->strings.p + x->str_off[i];
		n = strlen(v);
	} else if (!strcmp(x->type, "e")) {
		n = 0; /* #N/A and the like: an empty cell */
	}
	/* the field is number col of its line: a comma before every field but the first */
	for (long commas = x->col - x->next_col + (x->next_col > 0); commas > 0; commas--)
		if (put(&x->out, ",", 1) < 0)
			goto oom;
	if (put_field(&x->out, v, n) < 0)
		goto oom;
	x->next_col = x->col + 1;
	return;
oom:
	fail(x, p, "内存不足 (out of memory)");
}

static void sheet_start(void *ctx, const XML_Char *name, const XML_Char **a)
{
	XML_Parser p = ctx;
	rx_schema_xlsx *x = XML_GetUserData(p);
	const char *n = local(name);

	if (!strcmp(n, "row"))
		x->next_col = 0;
	else if (!strcmp(n, "c"))
		cell_start(x, p, a);
	else if (x->in_cell && !strcmp(n, "v"))
		x->in_value = 1;
	else if (x->in_cell && !strcmp(n, "t"))
		x->in_text = 1;
	else if (x->in_cell && !strcmp(n, "rPh"))
		x->in_phonetic = 1;
}

static void sheet_end(void *ctx, const XML_Char *name)
{
	XML_Parser p = ctx;
	rx_schema_xlsx *x = XML_GetUserData(p);
	const char *n = local(name);

	if (!strcmp(n, "row")) {
		/* Excel leaves out a row's empty cells at its end */
		if (!x->next_col)
			return;
		if (!x->width)
			x->width = x->next_col;
		for (; x->next_col < x->width; x->next_col++)
			if (put(&x->out, ",", 1) < 0)
				break;
		if (put(&x->out, "\n", 1) < 0)
			fail(x, p, "内存不足 (out of memory)");
	} else if (!strcmp(n, "c") && x->in_cell)
		cell_end(x, p);
	else if (!strcmp(n, "v"))
		x->in_value = 0;
	else if (!strcmp(n, "t"))
		x->in_text = 0;
	else if (!strcmp(n, "rPh"))
		x->in_phonetic = 0;
}

static void sheet_chars(void *ctx, const XML_Char *c, int len)
{
	XML_Parser p = ctx;
	rx_schema_xlsx *x = XML_GetUserData(p);

	if (x->in_cell && (x->in_value || (x->in_text && !x->in_phonetic)) &&
	    put_capped(&x->cell, c, (size_t)len) < 0)
		fail(x, p, "内存不足 (out of memory)");
}

/* -- opening -- */

static int open_parts(rx_schema_xlsx *x, rx_error *err)
{
	find f = { x, "", "", "" };
	sst s = { x, NULL, 0, 0, 0, { 0 } };
	text part = { 0 };
	int rc = 0;

	if (!x->zip) {
		rc = rx_error_set(err, RX_EINPUT,
			"xlsx: 不是有效的 .xlsx 文件 (not a readable .xlsx file: damaged, or another format)");
		goto out;
	}
	if (read_part(x, "xl/workbook.xml", &part, PART_MAX) == 0 &&
	    parse_whole(x, &part, &f, wb_start, NULL, NULL) == 0 &&
	    read_part(x, "xl/_rels/workbook.xml.rels", &part, PART_MAX) == 0)
		parse_whole(x, &part, &f, rel_start, NULL, NULL);
	if (!f.sheet[0])
		snprintf(f.sheet, sizeof(f.sheet), "xl/worksheets/sheet1.xml");
	if (!f.strings[0])
		snprintf(f.strings, sizeof(f.strings), "xl/sharedStrings.xml");
	if (unzLocateFile(x->zip, f.strings, 0) == UNZ_OK) {
		if (read_part(x, f.strings, &part, STRINGS_MAX) < 0 ||
		    parse_whole(x, &part, &s, sst_start, sst_end, sst_chars) < 0) {
			rc = rx_error_set(err, RX_EINPUT,
				"xlsx: 共享字符串表损坏或超过 256 MiB (the shared strings are damaged or over 256 MiB)");
			goto out;
		}
	}
	if (unzLocateFile(x->zip, f.sheet, 0) != UNZ_OK ||
	    unzOpenCurrentFile(x->zip) != UNZ_OK) {
		rc = rx_error_set(err, RX_EINPUT,
			"xlsx: 找不到第一张工作表 (no first worksheet): 请在 Excel 中另存为 .xlsx 或 CSV");
		goto out;
	}
	if (!(x->sheet = XML_ParserCreate("UTF-8"))) {
		rc = rx_error_set(err, RX_EINTERNAL, "xlsx: out of memory");
		goto out;
	}
	XML_SetUserData(x->sheet, x);
	XML_UseParserAsHandlerArg(x->sheet);
	XML_SetStartDoctypeDeclHandler(x->sheet, sheet_doctype);
	XML_SetElementHandler(x->sheet, sheet_start, sheet_end);
	XML_SetCharacterDataHandler(x->sheet, sheet_chars);
out:
	free(part.p);
	free(s.cur.p);
	return rc;
}

int rx_schema_xlsx_open(rx_schema_xlsx **out, const char *path, rx_error *err)
{
	rx_schema_xlsx *x = calloc(1, sizeof(*x));
	int rc;

	if (!x)
		return rx_error_set(err, RX_EINTERNAL, "xlsx: out of memory");
	x->zip = unzOpen64(path);
	if ((rc = open_parts(x, err)) < 0) {
		rx_schema_xlsx_free(x);
		return rc;
	}
	*out = x;
	return 0;
}

int rx_schema_xlsx_open_mem(rx_schema_xlsx **out, const void *data, size_t len,
	rx_error *err)
{
	rx_schema_xlsx *x = calloc(1, sizeof(*x));
	zlib_filefunc64_def ff = { 0 };
	int rc;

	if (!x)
		return rx_error_set(err, RX_EINTERNAL, "xlsx: out of memory");
	x->mem = data, x->mem_len = len;
	ff.zopen64_file = mem_open, ff.zread_file = mem_read, ff.zwrite_file = mem_write;
	ff.ztell64_file = mem_tell, ff.zseek64_file = mem_seek;
	ff.zclose_file = mem_close, ff.zerror_file = mem_error, ff.opaque = x;
	x->zip = unzOpen2_64("", &ff);
	if ((rc = open_parts(x, err)) < 0) {
		rx_schema_xlsx_free(x);
		return rc;
	}
	*out = x;
	return 0;
}

ssize_t rx_schema_xlsx_read(void *ctx, void *buf, size_t cap)
{
	rx_schema_xlsx *x = ctx;
	size_t n;

	while (x->out_pos == x->out.len && !x->eof && !x->error[0]) {
		int k = unzReadCurrentFile(x->zip, x->raw, sizeof(x->raw));

		x->out.len = x->out_pos = 0;
		if (k < 0) {
			snprintf(x->error, sizeof(x->error),
				"工作表解压失败, 文件已损坏 (the worksheet does not decompress: the file is damaged)");
			break;
		}
		x->eof = k == 0;
		if (XML_Parse(x->sheet, (const char *)x->raw, k, x->eof) != XML_STATUS_OK &&
		    !x->error[0])
			snprintf(x->error, sizeof(x->error), "工作表 XML 第 %lu 行有误 (bad XML in the worksheet): %s",
				(unsigned long)XML_GetCurrentLineNumber(x->sheet),
				XML_ErrorString(XML_GetErrorCode(x->sheet)));
	}
	if (x->out_pos == x->out.len && x->error[0]) {
		errno = EINVAL;
		return -1;
	}
	n = x->out.len - x->out_pos;
	if (n > cap)
		n = cap;
	memcpy(buf, x->out.p + x->out_pos, n);
	x->out_pos += n;
	return (ssize_t)n;
}

const char *rx_schema_xlsx_error(const rx_schema_xlsx *x)
{
	return x && x->error[0] ? x->error : NULL;
}

void rx_schema_xlsx_free(rx_schema_xlsx *x)
{
	if (!x)
		return;
	if (x->sheet)
		XML_ParserFree(x->sheet);
	if (x->zip) {
		unzCloseCurrentFile(x->zip);
		unzClose(x->zip);
	}
	free(x->strings.p);
	free(x->str_off);
	free(x->cell.p);
	free(x->out.p);
	free(x);
}

int rx_schema_is_zip(FILE *f)
{
	unsigned char m[4] = { 0 };
	size_t n = fread(m, 1, sizeof(m), f);

	rewind(f);
	return n == 4 && !memcmp(m, "PK\3\4", 4);
}
