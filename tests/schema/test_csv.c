/* The CSV reader: quoting, line ends, BOM, TAB, line numbers, UTF-8, size caps; the decoder. */
#include <string.h>

#include "schema/csv.h"
#include "tests/harness.h"

/* Read all of text; write "line:f1|f2;" per record and "line:!" per refusal. */
static int dump(const char *text, size_t len, char *out, size_t cap)
{
	rx_schema_csv *r = NULL;
	rx_schema_csv_record rec;
	rx_error err = { 0 };
	size_t used = 0;
	int rc;

	out[0] = '\0';
	if (rx_schema_csv_open_mem(&r, text, len, &err) < 0)
		return -1;
	while ((rc = rx_schema_csv_next(r, &rec, &err)) != 0) {
		if (rc == RX_EINPUT) {
			used += (size_t)snprintf(out + used, cap - used, "%zu:!;", rec.line);
			rx_error_clear(&err);
			continue;
		}
		if (rc < 0)
			break;
		used += (size_t)snprintf(out + used, cap - used, "%zu:", rec.line);
		for (size_t i = 0; i < rec.n; i++) {
			CHECK_EQ(strlen(rec.field[i]), rec.len[i]);
			used += (size_t)snprintf(out + used, cap - used, "%s%s",
						 i ? "|" : "", rec.field[i]);
		}
		used += (size_t)snprintf(out + used, cap - used, ";");
	}
	rx_schema_csv_free(r);
	return rc;
}

static const char *d(const char *text)
{
	static char out[4096];

	dump(text, strlen(text), out, sizeof(out));
	return out;
}

static void test_basic(void)
{
	CHECK_STR(d("a,b\n1,2\n"), "1:a|b;2:1|2;");
	CHECK_STR(d("a,b\r\n1,2\r\n"), "1:a|b;2:1|2;");
	CHECK_STR(d("a,b\r1,2"), "1:a|b;2:1|2;");
	CHECK_STR(d("\xEF\xBB\xBF" "学号,姓名\n"), "1:学号|姓名;");
	CHECK_STR(d("a,,b,\n"), "1:a||b|;");
	CHECK_STR(d(""), "");
	CHECK_STR(d("\xEF\xBB\xBF"), "");
	CHECK_STR(d("x\xEF\xBB\xBF\n"), "1:x\xEF\xBB\xBF;"); /* BOM only at the start */
}

static void test_quotes(void)
{
	CHECK_STR(d("\"a,b\",c\n"), "1:a,b|c;");
	CHECK_STR(d("\"say \"\"hi\"\"\",x\n"), "1:say \"hi\"|x;");
	CHECK_STR(d("\"two\nlines\",x\nnext\n"), "1:two\nlines|x;3:next;");
	CHECK_STR(d("\"two\r\nlines\",x\r\nnext\r\n"), "1:two\r\nlines|x;3:next;");
	CHECK_STR(d("\"\",\"\"\n"), "1:|;");
	CHECK_STR(d("ab\"c,d\n"), "1:ab\"c|d;"); /* a stray quote stays */
	CHECK_STR(d("\"a\"b,c\nok\n"), "1:!;2:ok;");
	CHECK_STR(d("ok\n\"never closed,x\ny\n"), "1:ok;2:!;");
}

static void test_empty_lines(void)
{
	CHECK_STR(d("\n\na\n\n\nb\n\n"), "3:a;6:b;");
	CHECK_STR(d("\r\n\r\na\r\n,,,\r\nb"), "3:a;5:b;");
	CHECK_STR(d("a\n \n"), "1:a;2: ;");
}

static void test_utf8(void)
{
	CHECK_STR(d("ok\n\xC0\xAF,x\nok2\n"), "1:ok;2:!;3:ok2;");  /* overlong '/' */
	CHECK_STR(d("\xE0\x80\xAF\n"), "1:!;");                    /* overlong 3-byte */
	CHECK_STR(d("\xED\xA0\x80\n"), "1:!;");                    /* surrogate */
	CHECK_STR(d("\xF4\x90\x80\x80\n"), "1:!;");                /* > U+10FFFF */
	CHECK_STR(d("\xE4\xB8\n"), "1:!;");                        /* truncated */
	CHECK_STR(d("\x80\n"), "1:!;");                            /* lone continuation */
	CHECK_STR(d("\xF0\x9F\x98\x80\n"), "1:\xF0\x9F\x98\x80;"); /* emoji is fine */
	CHECK_STR(d("\"a\n\xFF\",b\nc\n"), "1:!;3:c;");
}

static void test_nul(void)
{
	char out[256];

	dump("a\0b\nc\n", 6, out, sizeof(out));
	CHECK_STR(out, "1:!;2:c;");
}

static void test_caps(void)
{
	static char big[RX_SCHEMA_CSV_FIELD_MAX + 64];
	static char many[RX_SCHEMA_CSV_FIELDS_MAX * 2 + 16];
	static char huge[RX_SCHEMA_CSV_RECORD_MAX + 8192];
	static char out[RX_SCHEMA_CSV_RECORD_MAX + 4096];
	size_t n;

	memset(big, 'x', RX_SCHEMA_CSV_FIELD_MAX);
	memcpy(big + RX_SCHEMA_CSV_FIELD_MAX, "\nok\n", 5);
	dump(big, strlen(big), out, sizeof(out));
	CHECK(strstr(out, "1:x") == out); /* exactly the cap is accepted */
	memcpy(big + RX_SCHEMA_CSV_FIELD_MAX, "y\nok\n", 6);
	dump(big, strlen(big), out, sizeof(out));
	CHECK_STR(out, "1:!;2:ok;");
	for (n = 0; n < RX_SCHEMA_CSV_FIELDS_MAX + 1; n++)
		memcpy(many + 2 * n, "a,", 2);
	memcpy(many + 2 * n - 1, "\nok\n", 5);
	dump(many, strlen(many), out, sizeof(out));
	CHECK_STR(out, "1:!;2:ok;");
	for (n = 0; n + 2000 < sizeof(huge) - 16; n += 2000) {
		memset(huge + n, 'z', 1999);
		huge[n + 1999] = ',';
	}
	memcpy(huge + n, "\nok\n", 5);
	dump(huge, strlen(huge), out, sizeof(out));
	CHECK_STR(out, "1:!;2:ok;");
}

static void test_message(void)
{
	rx_schema_csv *r = NULL;
	rx_schema_csv_record rec;
	rx_error err = { 0 };
	const char *t = "h\nok\n\"bad\n\xC0\xAF\",x\n";

	REQUIRE(rx_schema_csv_open_mem(&r, t, strlen(t), &err) == 0);
	CHECK_EQ(rx_schema_csv_next(r, &rec, &err), 1);
	CHECK_EQ(rx_schema_csv_next(r, &rec, &err), 1);
	CHECK_EQ(rx_schema_csv_next(r, &rec, &err), RX_EINPUT);
	CHECK_EQ(rec.line, 3);
	CHECK(strstr(err.msg, "第 3 行") == err.msg);
	CHECK(strstr(err.msg, "UTF-8") != NULL);
	CHECK_EQ(rx_schema_csv_next(r, &rec, &err), 0);
	rx_schema_csv_free(r);
}

static ssize_t failing_read(void *ctx, void *buf, size_t cap)
{
	int *calls = ctx;

	if ((*calls)++)
		return -1;
	memcpy(buf, "a,b\nc", 5);
	return 5;
}

/* One byte per read: the reader must not depend on how input is chunked. */
static ssize_t trickle_read(void *ctx, void *buf, size_t cap)
{
	const char **p = ctx;

	if (!**p)
		return 0;
	*(char *)buf = *(*p)++;
	return 1;
}

static void test_sources(void)
{
	rx_schema_csv *r = NULL;
	rx_schema_csv_record rec;
	rx_error err = { 0 };
	int calls = 0;
	const char *t = "\xEF\xBB\xBF\"a\r\nb\",c\r\n\r\nd\r\n", *p = t;
	FILE *f;

	REQUIRE(rx_schema_csv_open(&r, failing_read, &calls, &err) == 0);
	CHECK_EQ(rx_schema_csv_next(r, &rec, &err), 1);
	CHECK_EQ(rx_schema_csv_next(r, &rec, &err), RX_EINTERNAL);
	CHECK_EQ(rx_schema_csv_next(r, &rec, &err), RX_EINTERNAL);
	rx_schema_csv_free(r);
	REQUIRE(rx_schema_csv_open(&r, trickle_read, &p, &err) == 0);
	CHECK_EQ(rx_schema_csv_next(r, &rec, &err), 1);
	CHECK_STR(rec.field[0], "a\r\nb");
	CHECK_EQ(rx_schema_csv_next(r, &rec, &err), 1);
	CHECK_EQ(rec.line, 4);
	CHECK_EQ(rx_schema_csv_next(r, &rec, &err), 0);
	rx_schema_csv_free(r);
	REQUIRE((f = tmpfile()) != NULL);
	fputs(t, f);
	rewind(f);
	REQUIRE(rx_schema_csv_open_file(&r, f, &err) == 0);
	CHECK_EQ(rx_schema_csv_next(r, &rec, &err), 1);
	CHECK_STR(rec.field[1], "c");
	rx_schema_csv_free(r);
	fclose(f);
}

static void test_tab(void)
{
	CHECK_STR(d("a\tb\n1\t2\n"), "1:a|b;2:1|2;");
	CHECK_STR(d("\r\na\tb\r\n\"x\ty\"\t2\r\n\t\r\n"), "2:a|b;3:x\ty|2;");
	CHECK_STR(d("a\tb,c\n1\t2,3\n"), "1:a\tb|c;2:1\t2|3;"); /* a comma wins */
	CHECK_STR(d("a,b\n1\t2,3\n"), "1:a|b;2:1\t2|3;");
}

/* Decode bytes (as a file) and dump the records; *enc gets the encoding. */
static const char *decoded(const void *bytes, size_t len, rx_schema_enc *enc)
{
	static char out[4096];
	rx_schema_decoder *dec = NULL;
	rx_schema_csv *r = NULL;
	rx_schema_csv_record rec;
	rx_error err = { 0 };
	size_t used = 0;
	FILE *f = tmpfile();
	int rc;

	snprintf(out, sizeof(out), "?");
	*enc = RX_SCHEMA_ENC_NONE;
	if (!f || fwrite(bytes, 1, len, f) != len || fseek(f, 0, SEEK_SET))
		goto out;
	if (rx_schema_decoder_open(&dec, f, &err) < 0) {
		snprintf(out, sizeof(out), "refused: %s", err.msg);
		goto out;
	}
	*enc = rx_schema_decoder_enc(dec);
	if (rx_schema_csv_open(&r, rx_schema_decoder_read, dec, &err) < 0)
		goto out;
	out[0] = '\0';
	while ((rc = rx_schema_csv_next(r, &rec, &err)) != 0 && rc != RX_EINTERNAL) {
		used += (size_t)snprintf(out + used, sizeof(out) - used, "%zu:", rec.line);
		for (size_t i = 0; rc == 1 && i < rec.n; i++)
			used += (size_t)snprintf(out + used, sizeof(out) - used, "%s%s",
						 i ? "|" : "", rec.field[i]);
		used += (size_t)snprintf(out + used, sizeof(out) - used, rc == 1 ? ";" : "!;");
		rx_error_clear(&err);
	}
out:
	rx_schema_csv_free(r);
	rx_schema_decoder_free(dec);
	if (f)
		fclose(f);
	return out;
}

#define DEC(lit, enc) decoded(lit, sizeof(lit) - 1, enc)

static void test_decoder(void)
{
	rx_schema_enc e;
	/* 学号,姓名 / S1,张三 / S2,女 in GBK; 𠀀 (U+20000) is 4 bytes in GB18030 */
	const char gbk[] = "\xD1\xA7\xBA\xC5,\xD0\xD5\xC3\xFB\r\nS1,\xD5\xC5\xC8\xFD\r\n"
			   "S2,\xC5\xAE\x95\x32\x82\x36\r\n";
	/* 学号<TAB>姓名 / S1<TAB>张三 in UTF-16 LE and BE with a BOM */
	const char le[] = "\xFF\xFE\x66\x5B\xF7\x53\t\0\xD3\x59\x0D\x54\r\0\n\0"
			  "S\0" "1\0\t\0\x20\x5F\x09\x4E\r\0\n\0";
	const char be[] = "\xFE\xFF\x5B\x66\x53\xF7\0\t\x59\xD3\x54\x0D\0\n"
			  "\0S\0" "1\0\t\x5F\x20\x4E\x09\0\n";

	CHECK_STR(DEC("a,b\n1,2\n", &e), "1:a|b;2:1|2;");
	CHECK_EQ(e, RX_SCHEMA_ENC_UTF8);
	CHECK_STR(DEC("\xEF\xBB\xBF学号,姓名\n", &e), "1:学号|姓名;");
	CHECK_EQ(e, RX_SCHEMA_ENC_UTF8);
	CHECK_STR(DEC(gbk, &e), "1:学号|姓名;2:S1|张三;3:S2|女\xF0\xA0\x80\x80;");
	CHECK_EQ(e, RX_SCHEMA_ENC_GB18030);
	CHECK_STR(DEC(le, &e), "1:学号|姓名;2:S1|张三;");
	CHECK_EQ(e, RX_SCHEMA_ENC_UTF16LE);
	CHECK_STR(DEC(be, &e), "1:学号|姓名;2:S1|张三;");
	CHECK_EQ(e, RX_SCHEMA_ENC_UTF16BE);
	/* an unpaired surrogate refuses its record only */
	CHECK_STR(DEC("\xFF\xFE" "a\0\n\0\x00\xD8\n\0b\0\n\0", &e), "1:a;2:!;3:b;");
	/* UTF-8 with one damaged line: still UTF-8, that line refused */
	CHECK_STR(DEC("学号,姓名\n1,张三\n2,\xFF\n3,李四\n", &e), "1:学号|姓名;2:1|张三;3:!;4:3|李四;");
	CHECK_EQ(e, RX_SCHEMA_ENC_UTF8);
	/* neither UTF-8 nor GB18030: refused, naming what was tried */
	CHECK(strstr(DEC("a,b\n\x81\x20\xFF\xFF,\x80\n", &e), "refused: ") != NULL);
	CHECK(strstr(DEC("a,b\n\x81\x20\xFF\xFF,\x80\n", &e), "GB18030") != NULL);
	CHECK(strstr(DEC("\x81", &e), "refused: ") != NULL); /* cut short */
}

/* A GB18030 file far longer than the decoder's buffers. */
static void test_decoder_long(void)
{
	rx_schema_decoder *dec = NULL;
	rx_schema_csv *r = NULL;
	rx_schema_csv_record rec;
	rx_error err = { 0 };
	FILE *f = tmpfile();
	int n = 0, rc;

	REQUIRE(f != NULL);
	fputs("\xD1\xA7\xBA\xC5,\xD0\xD5\xC3\xFB\r\n", f);
	for (int i = 0; i < 40000; i++)
		fprintf(f, "S%d,\xD5\xC5\xC8\xFD%d\r\n", i, i);
	rewind(f);
	REQUIRE(rx_schema_decoder_open(&dec, f, &err) == 0);
	CHECK_EQ(rx_schema_decoder_enc(dec), RX_SCHEMA_ENC_GB18030);
	REQUIRE(rx_schema_csv_open(&r, rx_schema_decoder_read, dec, &err) == 0);
	while ((rc = rx_schema_csv_next(r, &rec, &err)) == 1) {
		char want[32];

		snprintf(want, sizeof(want), "张三%d", n - 1);
		if (n++ && strcmp(rec.field[1], want))
			break;
	}
	CHECK_EQ(rc, 0);
	CHECK_EQ(n, 40001);
	rx_schema_csv_free(r);
	rx_schema_decoder_free(dec);
	fclose(f);
}

int main(void)
{
	RUN(test_basic);
	RUN(test_quotes);
	RUN(test_empty_lines);
	RUN(test_utf8);
	RUN(test_nul);
	RUN(test_caps);
	RUN(test_message);
	RUN(test_sources);
	RUN(test_tab);
	RUN(test_decoder);
	RUN(test_decoder_long);
	return rx_test_done();
}
