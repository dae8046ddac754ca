/* The canonical stats payload: encoder and strict decoder (docs/stats.md). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/stats/stats.h"

#define MAGIC "RXST"
#define HEADER_LEN 7 /* magic, version, count */
#define ROOM_HOURS_X10_MAX 1680 /* 168 hours a week */

static int put_varint(rx_buf *b, uint64_t v, rx_error *err)
{
	uint8_t tmp[10];
	size_t n = 0;

	do {
		tmp[n] = (uint8_t)(v & 0x7f);
		v >>= 7;
		if (v)
			tmp[n] |= 0x80;
		n++;
	} while (v);
	return rx_buf_put(b, tmp, n, err);
}

static int round_valid(const char *r, size_t len)
{
	if (len < 1 || len > 16)
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = r[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

static int encode_one(rx_buf *b, const rx_ops_stats *s, rx_error *err)
{
	const int64_t *staff = &s->staff.teachers_full;
	uint8_t hdr[12];
	uint64_t node;
	size_t rl = strlen(s->round);
	int rc = 0;

	if (rx_crypto_node_id_u64(&node, s->node) < 0 || !round_valid(s->round, rl) ||
	    s->year < 2000 || s->year > 2099)
		return rx_error_set(err, RX_EUSAGE, "stats: bad node id, school year or round");
	hdr[0] = (uint8_t)s->scope;
	for (int i = 0; i < 8; i++)
		hdr[1 + i] = (uint8_t)(node >> (56 - 8 * i));
	hdr[9] = (uint8_t)(s->year >> 8), hdr[10] = (uint8_t)s->year;
	hdr[11] = (uint8_t)rl;
	if ((rc = rx_buf_put(b, hdr, sizeof(hdr), err)) < 0 ||
	    (rc = rx_buf_put(b, s->round, rl, err)) < 0)
		return rc;
	for (int t = 0; t < RX_STATS_NTABLES && rc == 0; t++) {
		size_t ne = (size_t)(rx_ops_stats_rows(t) + 1) * (size_t)(rx_ops_stats_cols(t) + 1);
		for (size_t e = 0; e < ne && rc == 0; e++)
			rc = put_varint(b, s->hidden[t][e] ? 1 :
				(uint64_t)s->v[t][e] << 1, err);
	}
	for (int k = 0; k < RX_OPS_STATS_STAFF_N && rc == 0; k++)
		rc = put_varint(b, (uint64_t)staff[k], err);
	return rc;
}

static int rec_cmp(const rx_ops_stats *a, const rx_ops_stats *b)
{
	if (a->scope != b->scope)
		return a->scope < b->scope ? -1 : 1;
	return strcmp(a->node, b->node);
}

int rx_ops_stats_encode(rx_buf *out, const rx_ops_stats *recs, size_t n,
	rx_error *err)
{
	uint8_t hdr[HEADER_LEN] = { 'R', 'X', 'S', 'T', RX_OPS_STATS_VERSION, 0, 0 };
	int rc;

	if (n < 1 || n > RX_OPS_STATS_RECORDS_MAX)
		return rx_error_set(err, RX_EUSAGE, "stats: %zu records (1..%d)", n,
			RX_OPS_STATS_RECORDS_MAX);
	for (size_t i = 1; i < n; i++)
		if (rec_cmp(&recs[i - 1], &recs[i]) >= 0 || recs[i].year != recs[0].year ||
		    strcmp(recs[i].round, recs[0].round))
			return rx_error_set(err, RX_EUSAGE,
				"stats: records not sorted, repeated, or of several rounds");
	hdr[5] = (uint8_t)(n >> 8), hdr[6] = (uint8_t)n;
	if ((rc = rx_buf_put(out, hdr, sizeof(hdr), err)) < 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = encode_one(out, &recs[i], err);
	return rc;
}

/* --- decoding --- */

typedef struct rd {
	const uint8_t *p;
	size_t len, off;
	size_t rec;
	rx_error *err;
	int hidden; /* any entry hidden so far */
} rd;

static int bad(rd *r, const char *why)
{
	return rx_error_set(r->err, RX_EINPUT, "stats payload: record %zu: %s (offset %zu)",
		r->rec, why, r->off);
}

static int get_bytes(rd *r, const uint8_t **out, size_t n)
{
	if (r->len - r->off < n)
		return bad(r, "truncated");
	*out = r->p + r->off;
	r->off += n;
	return 0;
}

/* LEB128, shortest form only, at most max. */
static int get_varint(rd *r, uint64_t *out, uint64_t max)
{
	uint64_t v = 0;

	for (int shift = 0; shift < 49; shift += 7) {
		uint8_t c;
		if (r->off >= r->len)
			return bad(r, "truncated");
		c = r->p[r->off++];
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80)) {
			if (c == 0 && shift > 0)
				return bad(r, "number not in its shortest form");
			if (v > max)
				return bad(r, "number out of range");
			*out = v;
			return 0;
		}
	}
	return bad(r, "number too long");
}

static int get_header(rd *r, rx_ops_stats *s)
{
	const uint8_t *h, *rp;
	uint64_t node = 0;

	if (get_bytes(r, &h, 12) < 0)
		return RX_EINPUT;
	if (h[0] != RX_OPS_STATS_SCHOOL && h[0] != RX_OPS_STATS_COUNTY)
		return bad(r, "unknown scope");
	s->scope = h[0];
	for (int i = 0; i < 8; i++)
		node = node << 8 | h[1 + i];
	snprintf(s->node, sizeof(s->node), "%016" PRIx64, node);
	s->year = h[9] << 8 | h[10];
	if (s->year < 2000 || s->year > 2099)
		return bad(r, "school year out of range");
	if (get_bytes(r, &rp, h[11]) < 0)
		return RX_EINPUT;
	if (!round_valid((const char *)rp, h[11]))
		return bad(r, "bad round");
	memcpy(s->round, rp, h[11]);
	s->round[h[11]] = 0;
	return 0;
}

static int get_tables(rd *r, rx_ops_stats *s)
{
	for (int t = 0; t < RX_STATS_NTABLES; t++) {
		size_t ne = (size_t)(rx_ops_stats_rows(t) + 1) * (size_t)(rx_ops_stats_cols(t) + 1);
		for (size_t e = 0; e < ne; e++) {
			uint64_t x;
			if (get_varint(r, &x, (uint64_t)RX_OPS_STATS_COUNT_MAX << 1 | 1) < 0)
				return RX_EINPUT;
			if ((x & 1) && x != 1)
				return bad(r, "a hidden entry carries a value");
			r->hidden |= (int)(x & 1);
			s->hidden[t][e] = (uint8_t)(x & 1);
			s->v[t][e] = (int64_t)(x >> 1);
		}
	}
	return 0;
}

static int get_staff(rd *r, rx_ops_stats *s)
{
	int64_t *staff = &s->staff.teachers_full;

	for (int k = 0; k < RX_OPS_STATS_STAFF_N; k++) {
		uint64_t x;
		if (get_varint(r, &x, k == 2 ? ROOM_HOURS_X10_MAX : k == 6 ?
			RX_SCHOOL_VILLAGE : k == 7 ? RX_STAGE_SENIOR : RX_OPS_STATS_STAFF_MAX) < 0)
			return RX_EINPUT;
		staff[k] = (int64_t)x;
	}
	if (s->staff.classes_committee > s->staff.classes_g4)
		return bad(r, "more committee classes than classes");
	if (s->staff.room_weeks_ok > s->staff.room_weeks ||
	    s->staff.lesson_slots_ok > s->staff.lesson_slots)
		return bad(r, "more weeks or class-fortnights met than judged");
	return 0;
}

/* A line of entries (step apart) whose entries are all shown must add up to its last one. */
static int line_ok(const rx_ops_stats *s, int t, int start, int step, int n)
{
	int64_t sum = 0;

	for (int k = 0; k <= n; k++)
		if (s->hidden[t][start + k * step])
			return 1;
	for (int k = 0; k < n; k++)
		sum += s->v[t][start + k * step];
	return sum == s->v[t][start + n * step];
}

static int check_sums(rd *r, const rx_ops_stats *s)
{
	for (int t = 0; t < RX_STATS_NTABLES; t++) {
		int rows = rx_ops_stats_rows(t), cols = rx_ops_stats_cols(t);
		for (int i = 0; i <= rows; i++)
			if (!line_ok(s, t, i * (cols + 1), 1, cols))
				return bad(r, "a row does not add up to its total");
		for (int j = 0; j <= cols; j++)
			if (!line_ok(s, t, j, cols + 1, rows))
				return bad(r, "a column does not add up to its total");
	}
	return 0;
}

static int get_record(rd *r, rx_ops_stats *s, const rx_ops_stats *prev)
{
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = get_header(r, s)) < 0 || (rc = get_tables(r, s)) < 0 ||
	    (rc = get_staff(r, s)) < 0 || (rc = check_sums(r, s)) < 0)
		return rc;
	if (prev && rec_cmp(prev, s) >= 0)
		return bad(r, "records not in order or repeated");
	if (prev && (prev->year != s->year || strcmp(prev->round, s->round)))
		return bad(r, "records of several rounds");
	return 0;
}

int rx_ops_stats_decode(rx_ops_stats **out, size_t *n, const uint8_t *p,
	size_t len, rx_error *err)
{
	rd r = { p, len, 0, 0, err, 0 };
	const uint8_t *h;
	rx_ops_stats *recs = NULL;
	size_t count;
	int rc = 0;

	*out = NULL, *n = 0;
	if (get_bytes(&r, &h, HEADER_LEN) < 0)
		return RX_EINPUT;
	if (memcmp(h, MAGIC, 4) != 0 || h[4] != RX_OPS_STATS_VERSION)
		return bad(&r, "not a stats payload of version 2");
	count = (size_t)h[5] << 8 | h[6];
	if (count < 1 || count > RX_OPS_STATS_RECORDS_MAX)
		return bad(&r, "record count out of range");
	/* each record takes at least 12 + 1 + entries + 6 bytes: no huge allocation for a short input */
	if (count > len / 32)
		return bad(&r, "record count larger than the payload");
	if (!(recs = calloc(count, sizeof(*recs))))
		return rx_error_nomem(err);
	for (size_t i = 0; i < count && rc == 0; i++) {
		r.rec = i;
		rc = get_record(&r, &recs[i], i ? &recs[i - 1] : NULL);
	}
	if (rc == 0 && r.off != len)
		rc = bad(&r, "trailing bytes");
	/* only a county's published view (it holds the county record, last) hides entries */
	if (rc == 0 && r.hidden && recs[count - 1].scope != RX_OPS_STATS_COUNTY)
		rc = bad(&r, "a school's own figures hide an entry");
	if (rc < 0) {
		free(recs);
		return rc;
	}
	*out = recs, *n = count;
	return 0;
}
