/* The store: LWW, ties, tombstones, idempotence, convergence of replicas, nothing readable at rest, apply rate. */
#include <sodium.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sync/storeint.h"
#include "sync/sync.h"
#include "tests/harness.h"
#include "tests/sync/schoolyear.h"

static const uint8_t rest_key[32] = { 1, 2, 3 };
static const uint8_t blind_key[32] = { 9, 8, 7 };
static int okay; /* REQUIRE evaluates its condition twice */

typedef struct replica {
	sqlite3 *db;
	rx_sync_store *st;
} replica;

static int rep_open(replica *r, const char *path)
{
	rx_error err = { 0 };

	memset(r, 0, sizeof(*r));
	if (sqlite3_open(path, &r->db) != SQLITE_OK)
		return -1;
	if (rx_sync_store_open(&r->st, r->db, rest_key, blind_key, &err) < 0) {
		fprintf(stderr, "open: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static void rep_close(replica *r)
{
	rx_sync_store_close(r->st);
	sqlite3_close(r->db);
}

static int apply(replica *r, const rx_sync_op *ops, size_t n)
{
	rx_error err = { 0 };
	int rc = rx_sync_store_apply(r->st, ops, n, &err);

	if (rc < 0 && rc != RX_EINPUT)
		fprintf(stderr, "apply: %s\n", err.msg);
	return rc;
}

static rx_sync_op op(const char *kind, const char *id, const char *field,
	const char *value, uint64_t hlc, uint64_t node)
{
	rx_sync_op o = { kind, id, field, (const uint8_t *)value,
		value ? strlen(value) : 0, value == NULL, hlc, node };
	return o;
}

/* Collects "field=value@hlc" lines of visible fields. */
static int collect(void *ctx, const rx_sync_op *o)
{
	rx_buf *b = ctx;

	return rx_buf_printf(b, NULL, "%s=%.*s@%llu;", o->field,
		(int)o->value_len, (const char *)o->value,
		(unsigned long long)o->hlc);
}

static const char *get(replica *r, const char *kind, const char *id)
{
	static rx_buf b = RX_BUF_INIT;
	rx_error err = { 0 };

	rx_buf_reset(&b);
	rx_buf_puts(&b, "", NULL);
	if (rx_sync_store_get(r->st, kind, id, collect, &b, &err) < 0)
		return err.msg[0] ? "ERROR" : "ERROR";
	return (const char *)b.data;
}

static void dump(replica *r, rx_buf *out)
{
	rx_error err = { 0 };

	rx_buf_reset(out);
	if (rx_sync_store_dump(r->st, out, &err) < 0)
		fprintf(stderr, "dump: %s\n", err.msg);
	rx_buf_cstr(out, NULL);
}

static void test_lww(void)
{
	replica r;
	uint64_t max = 0;
	rx_error err = { 0 };

	okay = rep_open(&r, ":memory:") == 0;
	REQUIRE(okay);
	rx_sync_op a[] = { op("st", "2023001", "name", "v1", 10, 1),
		op("st", "2023001", "name", "v0", 5, 9),
		op("st", "2023001", "grade", "7", 3, 1) };
	CHECK_EQ(apply(&r, a, 3), 0);
	CHECK_STR(get(&r, "st", "2023001"), "grade=7@3;name=v1@10;");
	rx_sync_op b[] = { op("st", "2023001", "name", "v2", 10, 2) };
	CHECK_EQ(apply(&r, b, 1), 0);
	CHECK_STR(get(&r, "st", "2023001"), "grade=7@3;name=v2@10;");
	/* The node id compares unsigned: the top bit set is larger. */
	rx_sync_op c[] = { op("st", "2023001", "name", "v3", 10, UINT64_MAX),
		op("st", "2023001", "name", "v4", 10, 3) };
	CHECK_EQ(apply(&r, c, 2), 0);
	CHECK_STR(get(&r, "st", "2023001"), "grade=7@3;name=v3@10;");
	/* A field tombstone hides the field; an older value does not revive it. */
	rx_sync_op d[] = { op("st", "2023001", "grade", NULL, 20, 1),
		op("st", "2023001", "grade", "8", 19, 1) };
	CHECK_EQ(apply(&r, d, 2), 0);
	CHECK_STR(get(&r, "st", "2023001"), "name=v3@10;");
	CHECK_STR(get(&r, "st", "2023002"), "");
	CHECK_EQ(rx_sync_store_max_hlc(r.st, &max, &err), 0);
	CHECK_EQ(max, 20);
	/* A bad op refuses the whole batch, nothing applied. */
	rx_sync_op e[] = { op("st", "2023001", "name", "v9", 99, 1),
		op("st", "bad\nid", "name", "x", 99, 1) };
	CHECK_EQ(apply(&r, e, 2), RX_EINPUT);
	CHECK_STR(get(&r, "st", "2023001"), "name=v3@10;");
	CHECK_STR(get(&r, "st", "bad\nid"), "ERROR");
	rep_close(&r);
}

static void test_ties(void)
{
	replica r1, r2;
	rx_buf d1 = RX_BUF_INIT, d2 = RX_BUF_INIT;

	okay = rep_open(&r1, ":memory:") == 0 && rep_open(&r2, ":memory:") == 0;
	REQUIRE(okay);
	rx_sync_op t[] = { op("st", "2023001", "name", "A", 10, 1),
		op("st", "2023001", "name", "B", 10, 1),
		op("st", "2023001", "flags", "x", 10, 1),
		op("st", "2023001", "flags", NULL, 10, 1) };
	for (int i = 0; i < 4; i++)
		apply(&r1, &t[i], 1);
	for (int i = 3; i >= 0; i--)
		apply(&r2, &t[i], 1);
	dump(&r1, &d1);
	dump(&r2, &d2);
	CHECK_STR((char *)d1.data, (char *)d2.data);
	/* On an exact tie a value beats a tombstone. */
	CHECK(strstr(get(&r1, "st", "2023001"), "flags=x@10;") != NULL);
	CHECK_STR(get(&r1, "st", "2023001"), get(&r2, "st", "2023001"));
	rep_close(&r1);
	rep_close(&r2);
	rx_buf_free(&d1);
	rx_buf_free(&d2);
}

static int count(void *ctx, const rx_sync_op *o)
{
	(*(int *)ctx)++;
	return 0;
}

static void test_record_delete(void)
{
	replica r;
	rx_buf d1 = RX_BUF_INIT, d2 = RX_BUF_INIT;
	rx_error err = { 0 };
	int n = 0, changes;

	okay = rep_open(&r, ":memory:") == 0;
	REQUIRE(okay);
	rx_sync_op a[] = { op("st", "2023001", "name", "王芳", 10, 1),
		op("st", "2023001", "grade", "7", 10, 1),
		op("sc", "2023001/phq9/1/1", "q1", "2", 11, 1),
		op("sc", "2023002/phq9/1/1", "q1", "0", 11, 1),
		op("st", "2023001", "*", NULL, 20, 2) };
	CHECK_EQ(apply(&r, a, 5), 0);
	CHECK_STR(get(&r, "st", "2023001"), "");
	/* A later write re-appears alone; a late older one stays hidden. */
	rx_sync_op b[] = { op("st", "2023001", "grade", "8", 30, 1),
		op("st", "2023001", "name", "王芳芳", 15, 3),
		op("st", "2023001", "class", "3", 20, 1) };
	CHECK_EQ(apply(&r, b, 3), 0);
	CHECK_STR(get(&r, "st", "2023001"), "grade=8@30;");
	CHECK_EQ(rx_sync_store_scan(r.st, "sc", NULL, count, &n, &err), 0);
	CHECK_EQ(n, 2);
	n = 0;
	CHECK_EQ(rx_sync_store_scan(r.st, "sc", "2023002", count, &n, &err), 0);
	CHECK_EQ(n, 1);
	n = 0;
	CHECK_EQ(rx_sync_store_scan(r.st, "st", "2023001", count, &n, &err), 0);
	CHECK_EQ(n, 1);
	/* Idempotence: re-applying changes no row and no byte of the dump. */
	dump(&r, &d1);
	changes = sqlite3_total_changes(r.db);
	CHECK_EQ(apply(&r, a, 5), 0);
	CHECK_EQ(apply(&r, b, 3), 0);
	CHECK_EQ(sqlite3_total_changes(r.db), changes);
	dump(&r, &d2);
	CHECK_STR((char *)d1.data, (char *)d2.data);
	CHECK(strstr((char *)d1.data, "st\t2023001\t*\t0000000000000014\t"
		"0000000000000002\t-\n") != NULL);
	CHECK(strstr((char *)d1.data, "=王芳芳\n") != NULL); /* hidden, still kept */
	rep_close(&r);
	rx_buf_free(&d1);
	rx_buf_free(&d2);
}

static void test_tamper(void)
{
	replica r;
	rx_error err = { 0 };
	rx_buf d = RX_BUF_INIT;
	int n = 0;

	okay = rep_open(&r, ":memory:") == 0;
	REQUIRE(okay);
	rx_sync_op a[] = { op("st", "2023001", "name", "王芳", 10, 1),
		op("st", "2023001", "grade", "7", 10, 1) };
	CHECK_EQ(apply(&r, a, 2), 0);
	/* Swapping two sealed values between fields is detected. */
	sqlite3_exec(r.db, "UPDATE rx_reg SET value_ct = (SELECT value_ct FROM "
		"rx_reg WHERE field = 'grade') WHERE field = 'name'", 0, 0, 0);
	CHECK_STR(get(&r, "st", "2023001"), "ERROR");
	CHECK_EQ(rx_sync_store_scan(r.st, "st", NULL, count, &n, &err),
		RX_ESECURITY);
	rx_error_clear(&err);
	CHECK_EQ(rx_sync_store_dump(r.st, &d, &err), RX_ESECURITY);
	rep_close(&r);
	rx_buf_free(&d);
}

/* ---- property: replicas converge whatever the order of delivery ---- */

#define P_OPS 48
#define P_BATCHES 6

static uint64_t prng;

static uint64_t pr(void)
{
	return sy_rand(&prng);
}

static void random_case(rx_sync_op *ops, size_t n)
{
	static const char *const ids[] = { "2023001", "2023002",
		"2023001/phq9/1/1", "张三/x" };
	static const char *const fields[] = { "name", "q1", "q2", "*" };
	static const char *const vals[] = { "", "0", "1", "王芳", "李四" };
	static const uint64_t nodes[] = { 1, 2, UINT64_MAX - 1 };

	for (size_t i = 0; i < n; i++) {
		const char *f = fields[pr() % 4];
		int tomb = !strcmp(f, "*") || pr() % 8 == 0;
		ops[i] = op(pr() % 3 ? "st" : "sc", ids[pr() % 4], f,
			tomb ? NULL : vals[pr() % 5], 100 + pr() % 6,
			nodes[pr() % 3]);
		/* Now and then the same clock as an earlier op: an exact tie. */
		if (i && pr() % 6 == 0) {
			rx_sync_op *p = &ops[pr() % i];
			ops[i].kind = p->kind, ops[i].id = p->id;
			ops[i].field = p->field, ops[i].hlc = p->hlc;
			ops[i].node = p->node;
			ops[i].tombstone = !strcmp(p->field, "*");
			if (ops[i].tombstone)
				ops[i].value = NULL, ops[i].value_len = 0;
		}
	}
}

/* Deliver batches in a random order, some twice, some only in part, then all. */
static int deliver(replica *r, rx_sync_batch *b, size_t nb)
{
	size_t extra = pr() % (2 * nb), order[P_BATCHES], i;
	int rc = 0;

	for (i = 0; i < extra && rc == 0; i++) {
		rx_sync_batch *x = &b[pr() % nb];
		size_t part = x->n ? pr() % (x->n + 1) : 0;
		size_t from = x->n - part ? pr() % (x->n - part + 1) : 0;
		rc = apply(r, x->ops + from, part);
	}
	for (i = 0; i < nb; i++)
		order[i] = i;
	for (i = nb - 1; i > 0; i--) {
		size_t j = pr() % (i + 1), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (i = 0; i < nb && rc == 0; i++)
		rc = apply(r, b[order[i]].ops, b[order[i]].n);
	return rc;
}

/* The winners of each register by the LWW rule, computed independently. */
static size_t model_winners(replica *r, rx_sync_op *ops, size_t n,
	rx_sync_op *win)
{
	size_t m = 0;

	for (size_t i = 0; i < n; i++) {
		size_t j;
		for (j = 0; j < m; j++)
			if (!strcmp(win[j].kind, ops[i].kind) &&
			    !strcmp(win[j].id, ops[i].id) &&
			    !strcmp(win[j].field, ops[i].field))
				break;
		if (j == m) {
			win[m++] = ops[i];
			continue;
		}
		rx_sync_op *w = &win[j], *o = &ops[i];
		uint8_t rid[16], tw[16] = { 0 }, to[16] = { 0 };
		rx_sync_store_rid(r->st, rid, o->kind, o->id);
		if (!w->tombstone)
			rx_sync_store_tie(r->st, tw, rid, w->field, w->value, w->value_len);
		if (!o->tombstone)
			rx_sync_store_tie(r->st, to, rid, o->field, o->value, o->value_len);
		int c = o->hlc != w->hlc ? (o->hlc > w->hlc ? 1 : -1) :
			o->node != w->node ? (o->node > w->node ? 1 : -1) :
			o->tombstone != w->tombstone ? (o->tombstone ? -1 : 1) :
			memcmp(to, tw, 16);
		if (c > 0)
			*w = *o;
	}
	return m;
}

static int one_case(uint64_t seed)
{
	rx_sync_op ops[P_OPS], win[P_OPS];
	rx_sync_batch b[P_BATCHES] = { 0 };
	replica r[4];
	rx_buf d[4] = { RX_BUF_INIT, RX_BUF_INIT, RX_BUF_INIT, RX_BUF_INIT };
	rx_buf enc = RX_BUF_INIT;
	size_t nb, at = 0, i;
	int ok = 1;

	prng = seed * 0x9e3779b97f4a7c15ULL + 1;
	random_case(ops, P_OPS);
	nb = 1 + pr() % P_BATCHES;
	for (i = 0; i < nb; i++) {
		/* Each batch travels encoded, as it would in a change-set. */
		size_t len = i + 1 == nb ? P_OPS - at : pr() % (P_OPS - at + 1);
		rx_buf_reset(&enc);
		ok &= rx_sync_ops_encode(&enc, ops + at, len, NULL) == 0;
		ok &= rx_sync_ops_decode(&b[i], enc.data, enc.len, NULL) == 0;
		at += len;
	}
	for (i = 0; i < 4; i++)
		ok &= rep_open(&r[i], ":memory:") == 0;
	for (i = 0; ok && i < 3; i++) {
		ok &= deliver(&r[i], b, nb) == 0;
		dump(&r[i], &d[i]);
	}
	ok = ok && apply(&r[3], win, model_winners(&r[3], ops, P_OPS, win)) == 0;
	dump(&r[3], &d[3]);
	for (i = 1; ok && i < 4; i++)
		ok &= d[i].len == d[0].len && !memcmp(d[i].data, d[0].data, d[0].len);
	if (!ok)
		fprintf(stderr, "convergence failed, seed %llu\n--- replica 0\n%s"
			"--- model\n%s", (unsigned long long)seed,
			(char *)d[0].data, (char *)d[3].data);
	for (i = 0; i < 4; i++) {
		rep_close(&r[i]);
		rx_buf_free(&d[i]);
	}
	for (i = 0; i < nb; i++)
		rx_sync_batch_free(&b[i]);
	rx_buf_free(&enc);
	return ok;
}

static void test_convergence_property(void)
{
	uint64_t base = (uint64_t)time(NULL);
	const char *env = getenv("RX_TEST_SEED");
	int cases = 300, failed = 0;

	if (env)
		base = strtoull(env, NULL, 10), cases = 1;
	for (int i = 0; i < cases && failed < 3; i++)
		failed += !one_case(base + (uint64_t)i);
	CHECK_EQ(failed, 0);
	printf("convergence: %d cases from seed %llu (RX_TEST_SEED to replay)\n",
		cases, (unsigned long long)base);
}

/* ---- at rest: no id or value is readable in the db or its WAL ---- */

static int file_has(const char *path, const char *needle)
{
	FILE *f = fopen(path, "rb");
	size_t n = 0, cap = 0, k = strlen(needle);
	uint8_t *buf = NULL;
	int found = 0;

	if (!f)
		return 0;
	for (;;) {
		if (n == cap && !(buf = realloc(buf, cap = cap ? 2 * cap : 65536)))
			break;
		size_t r = fread(buf + n, 1, cap - n, f);
		if (r == 0)
			break;
		n += r;
	}
	fclose(f);
	for (size_t i = 0; buf && i + k <= n && !found; i++)
		found = !memcmp(buf + i, needle, k);
	free(buf);
	return found;
}

static int scan_files(const char *db, const char *wal, const char *const *s,
	size_t n)
{
	int found = 0;

	for (size_t i = 0; i < n; i++)
		found |= file_has(db, s[i]) || file_has(wal, s[i]);
	return found;
}

static void test_at_rest(void)
{
	char dir[] = "/tmp/rx-store-XXXXXX", db[64], wal[64];
	const char *secret[] = { "张三丰", "2023999", "left-behind" };
	const char *control[] = { "CONTROL-马可波罗" };
	replica r;

	okay = mkdtemp(dir) != NULL;
	REQUIRE(okay);
	snprintf(db, sizeof(db), "%s/a.db", dir);
	snprintf(wal, sizeof(wal), "%s/a.db-wal", dir);
	okay = rep_open(&r, db) == 0;
	REQUIRE(okay);
	sqlite3_exec(r.db, "PRAGMA journal_mode=WAL", 0, 0, 0);
	/* A plain table with a control string shows the scan can find things. */
	sqlite3_exec(r.db, "CREATE TABLE plain(t); INSERT INTO plain "
		"VALUES('CONTROL-马可波罗')", 0, 0, 0);
	rx_sync_op a[] = { op("st", "2023999", "name", "张三丰", 10, 1),
		op("st", "2023999", "flags", "left-behind", 10, 1),
		op("st", "张三丰-2023999", "name", "x张三丰x", 10, 1),
		op("sc", "2023999/phq9/1/1", "q9", "2", 11, 1) };
	CHECK_EQ(apply(&r, a, 4), 0);
	CHECK_STR(get(&r, "st", "2023999"),
		"flags=left-behind@10;name=张三丰@10;");
	CHECK(file_has(wal, control[0])); /* committed, still in the WAL */
	CHECK(!scan_files(db, wal, secret, 3));
	sqlite3_exec(r.db, "PRAGMA wal_checkpoint(TRUNCATE)", 0, 0, 0);
	rep_close(&r);
	CHECK(file_has(db, control[0]));
	CHECK(!scan_files(db, wal, secret, 3));
	unlink(db);
	unlink(wal);
	snprintf(wal, sizeof(wal), "%s/a.db-shm", dir);
	unlink(wal);
	rmdir(dir);
}

/* ---- the apply rate of a school year, into a file in WAL mode ---- */

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static void test_apply_rate(void)
{
	char dir[] = "/tmp/rx-store-XXXXXX", db[64];
	sy_year y;
	replica r;
	double t0, t1, t2;
	int n = 0;
	rx_error err = { 0 };

	okay = mkdtemp(dir) != NULL;
	REQUIRE(okay);
	snprintf(db, sizeof(db), "%s/a.db", dir);
	okay = sy_make(&y, 7) == 0 && rep_open(&r, db) == 0;
	REQUIRE(okay);
	sqlite3_exec(r.db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
		0, 0, 0);
	t0 = now();
	sqlite3_exec(r.db, "BEGIN", 0, 0, 0);
	CHECK_EQ(apply(&r, y.ops, y.n), 0);
	sqlite3_exec(r.db, "COMMIT", 0, 0, 0);
	t1 = now();
	sqlite3_exec(r.db, "BEGIN", 0, 0, 0);
	CHECK_EQ(apply(&r, y.ops, y.n), 0);
	sqlite3_exec(r.db, "COMMIT", 0, 0, 0);
	t2 = now();
	CHECK_EQ(rx_sync_store_scan(r.st, "sc", NULL, count, &n, &err), 0);
	CHECK_EQ(n, SY_STUDENTS * 40);
	printf("apply: %zu ops in %.3f s = %.0f ops/s (re-apply %.0f ops/s)\n",
		y.n, t1 - t0, y.n / (t1 - t0), y.n / (t2 - t1));
	rep_close(&r);
	sy_free(&y);
	unlink(db);
	strcat(db, "-wal");
	unlink(db);
	strcpy(db + strlen(db) - 4, "-shm");
	unlink(db);
	rmdir(dir);
}

int main(void)
{
	RUN(test_lww);
	RUN(test_ties);
	RUN(test_record_delete);
	RUN(test_tamper);
	RUN(test_convergence_property);
	RUN(test_at_rest);
	RUN(test_apply_rate);
	return rx_test_done();
}
