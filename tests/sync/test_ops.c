/* Op batches: round trip, canonical bytes, bounded decoding, zstd caps, and the school-year figures. */
#include <zstd.h>

#include "sync/op.h"
#include "sync/opint.h"
#include "tests/harness.h"
#include "tests/sync/schoolyear.h"

/* REQUIRE evaluates its condition twice, so calls go through this. */
static int okay;

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	return sy_rand(&rng);
}

static const char *const kinds[] = { "st", "sc", "cp" };
static const char *const ids[] = { "2023001", "2023001/phq9/1/1",
	"2023001/phq9/1/2", "2023002", "张三丰/x", "2023010/gad7/2/1", "a" };
static const char *const fields[] = { "name", "q1", "q2", "*", "date", "flags" };
static const char *const vals[] = { "", "0", "3", "王芳", "2023-09-01",
	"left-behind;migrant", "\x01\xff binary" };

/* n random ops (mutually unrelated; may include exact duplicates). */
static void random_ops(rx_sync_op *ops, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		rx_sync_op *o = &ops[i];
		memset(o, 0, sizeof(*o));
		o->kind = kinds[rnd() % 3];
		o->id = ids[rnd() % 7];
		o->field = fields[rnd() % 6];
		o->hlc = (UINT64_C(1700000000000) << 16) + rnd() % 8;
		o->node = rnd() % 3 ? 7 : UINT64_MAX - rnd() % 2;
		o->tombstone = !strcmp(o->field, "*") || rnd() % 7 == 0;
		if (!o->tombstone) {
			const char *v = vals[rnd() % 7];
			o->value = (const uint8_t *)v;
			o->value_len = strlen(v);
		}
	}
}

static int cmp_op(const void *a, const void *b)
{
	return rx_sync_op_cmp(a, b);
}

static void test_round_trip(void)
{
	rx_sync_op ops[300];
	rx_sync_batch b = { 0 };
	rx_buf e1 = RX_BUF_INIT, e2 = RX_BUF_INIT;
	rx_error err = { 0 };
	size_t i, m = 0;

	random_ops(ops, 300);
	okay = rx_sync_ops_encode(&e1, ops, 300, &err) == 0;
	REQUIRE(okay);
	okay = rx_sync_ops_decode(&b, e1.data, e1.len, &err) == 0;
	REQUIRE(okay);
	qsort(ops, 300, sizeof(ops[0]), cmp_op);
	for (i = 0; i < 300; i++)
		if (!i || rx_sync_op_cmp(&ops[i - 1], &ops[i]))
			ops[m++] = ops[i];
	CHECK_EQ(b.n, m);
	for (i = 0; i < m && i < b.n; i++) {
		CHECK_EQ(rx_sync_op_cmp(&ops[i], &b.ops[i]), 0);
		CHECK_EQ(ops[i].hlc == b.ops[i].hlc, 1);
		CHECK_EQ(ops[i].node == b.ops[i].node, 1);
	}
	CHECK_EQ(rx_sync_ops_encode(&e2, b.ops, b.n, &err), 0);
	CHECK(e1.len == e2.len && !memcmp(e1.data, e2.data, e1.len));
	rx_sync_batch_free(&b);
	rx_buf_reset(&e1);
	/* The empty batch. */
	CHECK_EQ(rx_sync_ops_encode(&e1, NULL, 0, &err), 0);
	CHECK_EQ(rx_sync_ops_decode(&b, e1.data, e1.len, &err), 0);
	CHECK_EQ(b.n, 0);
	rx_sync_batch_free(&b);
	rx_buf_free(&e1);
	rx_buf_free(&e2);
}

static void test_permutation(void)
{
	rx_sync_op ops[200], perm[400];
	rx_buf e1 = RX_BUF_INIT, e2 = RX_BUF_INIT;
	rx_error err = { 0 };

	random_ops(ops, 200);
	okay = rx_sync_ops_encode(&e1, ops, 200, &err) == 0;
	REQUIRE(okay);
	for (int round = 0; round < 50; round++) {
		/* A shuffle of the set, with some ops given twice. */
		size_t n = 200 + rnd() % 200;
		memcpy(perm, ops, sizeof(ops));
		for (size_t i = 200; i < n; i++)
			perm[i] = ops[rnd() % 200];
		for (size_t i = n - 1; i > 0; i--) {
			size_t j = rnd() % (i + 1);
			rx_sync_op t = perm[i];
			perm[i] = perm[j];
			perm[j] = t;
		}
		rx_buf_reset(&e2);
		CHECK_EQ(rx_sync_ops_encode(&e2, perm, n, &err), 0);
		CHECK(e1.len == e2.len && !memcmp(e1.data, e2.data, e1.len));
	}
	rx_buf_free(&e1);
	rx_buf_free(&e2);
}

/* Decoding either fails or gives a batch that re-encodes to the same bytes. */
static int decode_is_canonical(const uint8_t *p, size_t len, int *accepted)
{
	rx_sync_batch b = { 0 };
	rx_buf e = RX_BUF_INIT;
	rx_error err = { 0 };
	int ok = 1, rc;

	/* A private copy, so ASan sees any read beyond len. */
	uint8_t *q = malloc(len ? len : 1);
	memcpy(q, p, len);
	rc = rx_sync_ops_decode(&b, q, len, &err);
	*accepted = rc == 0;
	if (rc == 0) {
		ok = rx_sync_ops_encode(&e, b.ops, b.n, &err) == 0 &&
			e.len == len && !memcmp(e.data, p, len);
	} else {
		ok = (rc == RX_EINPUT || rc == RX_ESECURITY) && err.msg[0];
	}
	rx_sync_batch_free(&b);
	rx_buf_free(&e);
	free(q);
	return ok;
}

static void test_truncations_and_flips(void)
{
	rx_sync_op ops[120];
	rx_buf e = RX_BUF_INIT;
	rx_error err = { 0 };
	int acc, bad = 0, accepted = 0;

	random_ops(ops, 120);
	okay = rx_sync_ops_encode(&e, ops, 120, &err) == 0;
	REQUIRE(okay);
	for (size_t n = 0; n < e.len; n++) {
		bad += !decode_is_canonical(e.data, n, &acc);
		accepted += acc;
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(accepted, 0); /* no proper prefix is a whole batch */
	uint8_t *f = malloc(e.len);
	for (int i = 0; i < 20000; i++) {
		memcpy(f, e.data, e.len);
		f[rnd() % e.len] ^= (uint8_t)(1u << (rnd() % 8));
		if (i % 4 == 0)
			f[rnd() % e.len] = (uint8_t)rnd();
		bad += !decode_is_canonical(f, e.len, &acc);
		accepted += acc;
	}
	CHECK_EQ(bad, 0);
	printf("byte flips: %d of 20000 still decode (to the same re-encoding)\n",
		accepted);
	/* A trailing byte is refused. */
	memcpy(f, e.data, e.len);
	rx_buf_put(&e, "", 1, &err);
	CHECK(!decode_is_canonical(e.data, e.len, &acc) || !acc);
	CHECK_EQ(acc, 0);
	free(f);
	rx_buf_free(&e);
}

/* A raw batch of one record "st"/id with one op, field f, value length vlen. */
static void raw_one(rx_buf *b, uint64_t nops, const char *id, uint64_t vlen)
{
	rx_buf_put(b, "RXo\x01", 4, NULL);
	rx_sync_varint_put(b, nops, NULL);
	rx_buf_put(b, "\x01\x02st\x01", 5, NULL);      /* kinds: st, 1 record */
	rx_buf_put(b, "\x01\x01q", 3, NULL);            /* fields: q */
	rx_buf_put(b, "\x01\x07", 2, NULL);             /* nodes: 7 */
	rx_buf_put(b, "\x00", 1, NULL);                 /* prefix */
	rx_sync_varint_put(b, strlen(id), NULL);        /* suffix length */
	rx_buf_put(b, "\x01", 1, NULL);                 /* op count */
	rx_buf_puts(b, id, NULL);
	rx_buf_put(b, "\x00", 1, NULL);                 /* field index */
	rx_buf_put(b, "\x05\x01\x01\x00", 4, NULL);     /* hlc 5, one run */
	rx_buf_put(b, "\x01\x01\x00", 3, NULL);         /* node run */
	rx_sync_varint_put(b, vlen, NULL);
	for (uint64_t i = 1; i < vlen && i < 70000; i++)
		rx_buf_put(b, "v", 1, NULL);
}

static int decode_rc(const rx_buf *b)
{
	rx_sync_batch out = { 0 };
	rx_error err = { 0 };
	int rc = rx_sync_ops_decode(&out, b->data, b->len, &err);

	rx_sync_batch_free(&out);
	return rc;
}

static void test_oversized(void)
{
	rx_buf b = RX_BUF_INIT;
	char longid[300];

	raw_one(&b, 1, "2023001", 2);
	CHECK_EQ(decode_rc(&b), 0); /* the hand-made batch is valid... */
	rx_buf_reset(&b);
	raw_one(&b, 2000000, "2023001", 2);
	CHECK_EQ(decode_rc(&b), RX_ESECURITY); /* ...but not with 2M ops */
	rx_buf_reset(&b);
	raw_one(&b, 900, "2023001", 2);
	CHECK_EQ(decode_rc(&b), RX_EINPUT);    /* more ops than bytes */
	rx_buf_reset(&b);
	raw_one(&b, 1, "2023001", 65537 + 1);
	CHECK_EQ(decode_rc(&b), RX_EINPUT);    /* value over 64 KiB */
	rx_buf_reset(&b);
	raw_one(&b, 1, "2023001", 65536 + 1);
	CHECK_EQ(decode_rc(&b), 0);            /* exactly 64 KiB */
	memset(longid, '7', 257);
	longid[257] = '\0';
	rx_buf_reset(&b);
	raw_one(&b, 1, longid, 2);
	CHECK_EQ(decode_rc(&b), RX_EINPUT);    /* id over 256 bytes */
	longid[256] = '\0';
	rx_buf_reset(&b);
	raw_one(&b, 1, longid, 2);
	CHECK_EQ(decode_rc(&b), 0);
	/* Overlong varint for the op count. */
	rx_buf_reset(&b);
	rx_buf_put(&b, "RXo\x01\x81\x00", 6, NULL);
	CHECK_EQ(decode_rc(&b), RX_EINPUT);
	rx_buf_free(&b);
}

static void test_encoder_refuses(void)
{
	rx_sync_op o = { "st", "2023001", "name", (const uint8_t *)"x", 1, 0, 1, 1 };
	rx_sync_op bad;
	rx_buf b = RX_BUF_INIT;
	rx_error err = { 0 };
	static uint8_t big[65537];
	const char *badids[] = { "", "/x", "a\nb", "\xe4\xb8", "\xc0\xaf" };

	CHECK_EQ(rx_sync_ops_encode(&b, &o, 1, &err), 0);
	for (size_t i = 0; i < 5; i++) {
		bad = o;
		bad.id = badids[i];
		CHECK_EQ(rx_sync_ops_encode(&b, &bad, 1, &err), RX_EINPUT);
	}
	bad = o, bad.kind = "a kind";
	CHECK_EQ(rx_sync_ops_encode(&b, &bad, 1, &err), RX_EINPUT);
	bad = o, bad.kind = "seventeen-bytes-x";
	CHECK_EQ(rx_sync_ops_encode(&b, &bad, 1, &err), RX_EINPUT);
	bad = o, bad.field = "na me";
	CHECK_EQ(rx_sync_ops_encode(&b, &bad, 1, &err), RX_EINPUT);
	bad = o, bad.field = "*";
	CHECK_EQ(rx_sync_ops_encode(&b, &bad, 1, &err), RX_EINPUT);
	bad = o, bad.value = big, bad.value_len = sizeof(big);
	CHECK_EQ(rx_sync_ops_encode(&b, &bad, 1, &err), RX_EINPUT);
	rx_buf_free(&b);
}

static void test_zstd(void)
{
	rx_buf c = RX_BUF_INIT, d = RX_BUF_INIT;
	rx_error err = { 0 };
	const char *text = "student_no,date,q1\n2023001,2023-09-10,1\n";
	size_t tl = strlen(text);

	okay = rx_sync_zstd_compress(&c, (const uint8_t *)text, tl, 19, &err) == 0;
	REQUIRE(okay);
	CHECK_EQ(rx_sync_zstd_decompress(&d, c.data, c.len, tl, &err), 0);
	CHECK(d.len == tl && !memcmp(d.data, text, tl));
	rx_buf_reset(&d);
	CHECK_EQ(rx_sync_zstd_decompress(&d, c.data, c.len, tl - 1, &err),
		RX_ESECURITY);
	CHECK_EQ(d.len, 0);
	for (size_t n = 0; n < c.len; n++) {
		rx_error e2 = { 0 };
		CHECK_EQ(rx_sync_zstd_decompress(&d, c.data, n, 1000, &e2), RX_EINPUT);
	}
	c.data[c.len - 1] ^= 0x40; /* the checksum */
	CHECK(rx_sync_zstd_decompress(&d, c.data, c.len, 1000, &err) < 0);
	c.data[c.len - 1] ^= 0x40;
	rx_buf_put(&c, "x", 1, &err);
	rx_error_clear(&err);
	CHECK_EQ(rx_sync_zstd_decompress(&d, c.data, c.len, 1000, &err), RX_EINPUT);
	CHECK_EQ(rx_sync_zstd_compress(&c, c.data, 1, 22, &err), RX_EUSAGE);
	rx_buf_free(&c);
	rx_buf_free(&d);
}

/* The output is a C string: data[len] is NUL even over older, longer contents (fuzz_zstd). */
static void test_zstd_output_terminated(void)
{
	rx_buf c = RX_BUF_INIT, d = RX_BUF_INIT;
	rx_error err = { 0 };

	REQUIRE(rx_sync_zstd_compress(&c, (const uint8_t *)"hi", 2, 3, &err) == 0);
	REQUIRE(rx_buf_puts(&d, "prefix-and-stale-bytes", &err) == 0);
	d.len = 7;
	d.data[7] = 'X';
	CHECK_EQ(rx_sync_zstd_decompress(&d, c.data, c.len, 100, &err), 0);
	CHECK_EQ(d.len, 9);
	CHECK_STR((char *)d.data, "prefix-hi");
	rx_buf_free(&c);
	rx_buf_free(&d);
}

static void test_zstd_bomb(void)
{
	size_t big = 100u << 20;
	uint8_t *zeros = calloc(big, 1);
	rx_buf c = RX_BUF_INIT, d = RX_BUF_INIT;
	rx_error err = { 0 };

	REQUIRE(zeros);
	okay = rx_sync_zstd_compress(&c, zeros, big, 3, &err) == 0;
	REQUIRE(okay);
	free(zeros);
	printf("zstd bomb: %zu bytes of frame for 100 MiB of zeros\n", c.len);
	CHECK(ZSTD_getFrameContentSize(c.data, c.len) == big);
	CHECK_EQ(rx_sync_zstd_decompress(&d, c.data, c.len, 64u << 20, &err),
		RX_ESECURITY);
	CHECK_EQ(d.len, 0);
	CHECK(d.cap < (64u << 20) + (1u << 20)); /* never grew past the cap */
	rx_buf_free(&c);
	rx_buf_free(&d);
}

static size_t zstd19(const uint8_t *p, size_t n)
{
	rx_buf c = RX_BUF_INIT;
	size_t len;

	rx_sync_zstd_compress(&c, p, n, 19, NULL);
	len = c.len;
	rx_buf_free(&c);
	return len;
}

static void test_school_year_bytes(void)
{
	sy_year y;
	rx_buf e = RX_BUF_INIT, all = RX_BUF_INIT;
	rx_error err = { 0 };
	size_t enc = 0, z = 0, csv = 0, zcsv = 0, from = 0;

	okay = sy_make(&y, 42) == 0;
	REQUIRE(okay);
	for (int b = 0; b < SY_BATCHES; b++) {
		rx_buf_reset(&e);
		CHECK_EQ(rx_sync_ops_encode(&e, y.ops + from, y.end[b] - from,
			&err), 0);
		enc += e.len;
		z += zstd19(e.data, e.len);
		csv += y.csv[b].len;
		zcsv += zstd19(y.csv[b].data, y.csv[b].len);
		from = y.end[b];
	}
	CHECK_EQ(rx_sync_ops_encode(&all, y.ops, y.n, &err), 0);
	printf("school year: %zu ops; csv %zu B, zstd-19 csv %zu B\n",
		y.n, csv, zcsv);
	printf("  per import: encoded %zu B (%.2f B/op), zstd-19 %zu B (%.2f B/op)\n",
		enc, (double)enc / y.n, z, (double)z / y.n);
	printf("  one batch:  encoded %zu B (%.2f B/op), zstd-19 %zu B (%.2f B/op)\n",
		all.len, (double)all.len / y.n, zstd19(all.data, all.len),
		(double)zstd19(all.data, all.len) / y.n);
	CHECK(z <= zcsv); /* the aim in DESIGN.md: no more than zstd -19 of the CSV */
	sy_free(&y);
	rx_buf_free(&e);
	rx_buf_free(&all);
}

int main(void)
{
	RUN(test_round_trip);
	RUN(test_permutation);
	RUN(test_truncations_and_flips);
	RUN(test_oversized);
	RUN(test_encoder_refuses);
	RUN(test_zstd);
	RUN(test_zstd_output_terminated);
	RUN(test_zstd_bomb);
	RUN(test_school_year_bytes);
	return rx_test_done();
}
