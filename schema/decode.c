/* The encoding of an import file (BOM, UTF-8, GB18030, UTF-16) and a streaming conversion to UTF-8. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "schema/csv.h"

#define CHUNK 65536
#define CARRY 8 /* bytes of an incomplete character kept between chunks */

struct rx_schema_decoder {
	FILE *f;
	rx_schema_enc enc;
	iconv_t cd;              /* (iconv_t)-1 for UTF-8: bytes pass through */
	size_t unit;             /* bytes skipped at an invalid sequence */
	int eof;
	unsigned char raw[CHUNK + CARRY];
	size_t rpos, rlen;
	unsigned char out[4 * CHUNK];
	size_t opos, olen;
};

/* Counts of a UTF-8 scan: valid multi-byte characters and invalid bytes. */
typedef struct utf8_count {
	size_t valid, invalid;
} utf8_count;

/* Length of the UTF-8 character at p: > 0 valid, 0 invalid, -1 cut short. */
static int utf8_len(const unsigned char *p, size_t n)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF;
	int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;

	if (c < 0xC2 || c > 0xF4)
		return 0;
	if (c == 0xE0)
		lo = 0xA0; /* overlong */
	else if (c == 0xED)
		hi = 0x9F; /* surrogates */
	else if (c == 0xF0)
		lo = 0x90; /* overlong */
	else if (c == 0xF4)
		hi = 0x8F; /* above U+10FFFF */
	for (int i = 1; i < len; i++) {
		if ((size_t)i >= n)
			return -1;
		if (p[i] < (i == 1 ? lo : 0x80) || p[i] > (i == 1 ? hi : 0xBF))
			return 0;
	}
	return len;
}

/* Scan p[0..n); returns how many bytes at the end wait for the next chunk. */
static size_t utf8_scan(utf8_count *c, const unsigned char *p, size_t n, int last)
{
	size_t i = 0;

	while (i < n) {
		int k = p[i] < 0x80 ? 1 : utf8_len(p + i, n - i);

		if (k < 0 && !last)
			return n - i;
		if (k <= 0) {
			c->invalid++;
			i++;
			continue;
		}
		c->valid += k > 1;
		i += (size_t)k;
	}
	return 0;
}

static int rewind_file(FILE *f, rx_error *err)
{
	if (fseek(f, 0, SEEK_SET) != 0)
		return rx_error_set(err, RX_EINPUT,
				    "文件无法重新读取 (the file cannot be read twice: not a regular file)");
	return 0;
}

static int scan_utf8(utf8_count *c, FILE *f, unsigned char *buf, rx_error *err)
{
	size_t keep = 0, k;

	memset(c, 0, sizeof(*c));
	do {
		k = fread(buf + keep, 1, CHUNK, f);
		if (k == 0 && ferror(f))
			return rx_error_set(err, RX_EINTERNAL, "CSV: read failed");
		k += keep;
		keep = utf8_scan(c, buf, k, k == keep);
		memmove(buf, buf + k - keep, keep);
	} while (k > keep || keep);
	return rewind_file(f, err);
}

/* 1 when all of f converts from GB18030 without an invalid sequence, 0 if not. */
static int scan_gb18030(FILE *f, unsigned char *buf, unsigned char *out, rx_error *err)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	size_t keep = 0, k;
	int clean = 1;

	if (cd == (iconv_t)-1)
		return rx_error_set(err, RX_EINTERNAL, "iconv: GB18030 not available");
	while (clean && (k = fread(buf + keep, 1, CHUNK, f)) > 0) {
		char *in = (char *)buf, *o;
		size_t left = keep + k, ol;

		do {
			o = (char *)out, ol = 4 * CHUNK;
		} while (iconv(cd, &in, &left, &o, &ol) == (size_t)-1 && errno == E2BIG);
		if (left && errno == EILSEQ)
			clean = 0;
		memmove(buf, in, keep = left);
	}
	iconv_close(cd);
	if (ferror(f))
		return rx_error_set(err, RX_EINTERNAL, "CSV: read failed");
	return rewind_file(f, err) < 0 ? RX_EINPUT : clean && !keep;
}

/* The encoding of f from its byte order mark, or RX_SCHEMA_ENC_NONE. */
static rx_schema_enc bom(FILE *f, size_t *skip)
{
	unsigned char b[3] = { 0 };
	size_t n = fread(b, 1, 3, f);

	*skip = 0;
	if (n == 3 && !memcmp(b, "\xEF\xBB\xBF", 3))
		return RX_SCHEMA_ENC_UTF8; /* the CSV reader skips it */
	if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE)
		return *skip = 2, RX_SCHEMA_ENC_UTF16LE;
	if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF)
		return *skip = 2, RX_SCHEMA_ENC_UTF16BE;
	return RX_SCHEMA_ENC_NONE;
}

/*
 * Without a BOM: UTF-8 when valid; GB18030 when that converts cleanly; UTF-8
 * still when at least 4 in 5 of its non-ASCII sequences are valid (a damaged
 * UTF-8 file: its bad lines are refused one by one); else refused.
 */
static int detect(rx_schema_decoder *d, rx_error *err)
{
	utf8_count c;
	size_t skip;
	int rc;

	if ((d->enc = bom(d->f, &skip)) != RX_SCHEMA_ENC_NONE)
		return fseek(d->f, (long)skip, SEEK_SET) ? rewind_file(d->f, err) : 0;
	if ((rc = rewind_file(d->f, err)) < 0 || (rc = scan_utf8(&c, d->f, d->raw, err)) < 0)
		return rc;
	if (c.invalid == 0)
		return d->enc = RX_SCHEMA_ENC_UTF8, 0;
	if ((rc = scan_gb18030(d->f, d->raw, d->out, err)) < 0)
		return rc;
	if (rc == 1)
		return d->enc = RX_SCHEMA_ENC_GB18030, 0;
	if (c.valid >= 4 * c.invalid)
		return d->enc = RX_SCHEMA_ENC_UTF8, 0;
	return rx_error_set(err, RX_EINPUT, "文件编码无法识别: 不是 UTF-8, 也不是 GBK/GB18030, "
			    "没有 UTF-16 的 BOM (unknown encoding: tried BOM, UTF-8, GB18030)");
}

int rx_schema_decoder_open(rx_schema_decoder **out, FILE *f, rx_error *err)
{
	static const char *const from[] = { "", "GB18030", "UTF-16LE", "UTF-16BE" };
	rx_schema_decoder *d;
	int rc;

	if (!(*out = d = calloc(1, sizeof(*d))))
		return rx_error_nomem(err);
	d->f = f;
	d->cd = (iconv_t)-1;
	if ((rc = detect(d, err)) < 0)
		goto fail;
	d->unit = d->enc == RX_SCHEMA_ENC_GB18030 ? 1 : 2;
	if (d->enc != RX_SCHEMA_ENC_UTF8 &&
	    (d->cd = iconv_open("UTF-8", from[d->enc])) == (iconv_t)-1) {
		rc = rx_error_set(err, RX_EINTERNAL, "iconv: %s not available", from[d->enc]);
		goto fail;
	}
	return 0;
fail:
	rx_schema_decoder_free(d);
	*out = NULL;
	return rc;
}

rx_schema_enc rx_schema_decoder_enc(const rx_schema_decoder *d)
{
	return d->enc;
}

const char *rx_schema_enc_note(rx_schema_enc e)
{
	switch (e) {
	case RX_SCHEMA_ENC_GB18030:
		return "文件编码: GBK/GB18030, 已转换为 UTF-8 (encoding: GBK/GB18030, converted to UTF-8)";
	case RX_SCHEMA_ENC_UTF16LE:
		return "文件编码: UTF-16 LE, 已转换为 UTF-8 (encoding: UTF-16 LE, converted to UTF-8)";
	case RX_SCHEMA_ENC_UTF16BE:
		return "文件编码: UTF-16 BE, 已转换为 UTF-8 (encoding: UTF-16 BE, converted to UTF-8)";
	default:
		return "文件编码: UTF-8 (encoding: UTF-8)";
	}
}

/* Read more raw bytes after the ones still waiting; 0 or -1. */
static int raw_fill(rx_schema_decoder *d)
{
	size_t k, room;

	memmove(d->raw, d->raw + d->rpos, d->rlen - d->rpos);
	d->rlen -= d->rpos;
	d->rpos = 0;
	room = sizeof(d->raw) - d->rlen;
	k = room ? fread(d->raw + d->rlen, 1, room, d->f) : 0;
	if (k == 0 && ferror(d->f))
		return -1;
	d->eof = room && k == 0;
	d->rlen += k;
	return 0;
}

/*
 * Convert waiting raw bytes into out. An invalid or cut-short sequence
 * becomes the byte 0xFF, never valid UTF-8, so the CSV reader refuses
 * that record and only that one.
 */
static int convert(rx_schema_decoder *d)
{
	char *in = (char *)d->raw + d->rpos, *o = (char *)d->out + d->olen;
	size_t left = d->rlen - d->rpos, ol = sizeof(d->out) - d->olen;
	size_t r = iconv(d->cd, &in, &left, &o, &ol);
	int e = errno;

	d->rpos = d->rlen - left;
	d->olen = sizeof(d->out) - ol;
	if (r != (size_t)-1 || e == E2BIG || (e == EINVAL && !d->eof) || !ol)
		return 0;
	d->out[d->olen++] = 0xFF;
	d->rpos += left < d->unit ? left : d->unit;
	return 0;
}

ssize_t rx_schema_decoder_read(void *ctx, void *buf, size_t cap)
{
	rx_schema_decoder *d = ctx;
	size_t k;

	if (d->cd == (iconv_t)-1) {
		k = fread(buf, 1, cap, d->f);
		return (k == 0 && ferror(d->f)) ? -1 : (ssize_t)k;
	}
	while (d->opos == d->olen) {
		d->opos = d->olen = 0;
		if (d->rpos == d->rlen || !d->eof)
			if (raw_fill(d) < 0)
				return -1;
		if (d->rpos == d->rlen && d->eof)
			return 0;
		convert(d);
	}
	k = d->olen - d->opos < cap ? d->olen - d->opos : cap;
	memcpy(buf, d->out + d->opos, k);
	d->opos += k;
	return (ssize_t)k;
}

void rx_schema_decoder_free(rx_schema_decoder *d)
{
	if (!d)
		return;
	if (d->cd != (iconv_t)-1)
		iconv_close(d->cd);
	free(d);
}
