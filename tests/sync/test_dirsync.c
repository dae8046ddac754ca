/* Directory change-sets: a node may certify only its own children, never take over another's certificate. */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "crypto/textrec.h"
#include "sync/directory.h"
#include "sync/dirsync.h"
#include "tests/harness.h"

static char dir[256];
static git_repository *repo;
static sqlite3 *db;

typedef struct node {
	uint8_t pk[32], sk[64], bpk[32], bsk[32];
	rx_crypto_cert cert;
} node;

static node root, county_a, county_b, school;

static const char schema[] =
	"CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE certs(node TEXT PRIMARY KEY, parent TEXT NOT NULL,"
	" role TEXT NOT NULL, name TEXT NOT NULL, text TEXT NOT NULL);"
	"CREATE TABLE revocations(node TEXT NOT NULL, by TEXT NOT NULL,"
	" time INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY(node, by));";

/* A certificate of n (its own keys, or box_pk when given) issued by parent. */
static void issue(rx_crypto_cert *c, const node *n, const node *parent,
	rx_role role, const char *name, const uint8_t *box_pk)
{
	rx_error err = { 0 };

	memset(c, 0, sizeof(*c));
	rx_crypto_node_id(c->node, n->pk);
	c->role = role;
	snprintf(c->name, sizeof(c->name), "%s", name);
	rx_crypto_node_id(c->parent, parent->pk);
	memcpy(c->sign_pk, n->pk, 32);
	memcpy(c->box_pk, box_pk ? box_pk : n->bpk, 32);
	c->not_before = 1700000000;
	c->not_after = 4000000000;
	rx_crypto_cert_sign(c, parent->sk, &err);
}

static void make(node *n, node *parent, rx_role role, const char *name)
{
	rx_error err = { 0 };

	crypto_sign_keypair(n->pk, n->sk);
	crypto_box_keypair(n->bpk, n->bsk);
	issue(&n->cert, n, parent ? parent : n, role, name, NULL);
	rx_directory_put_cert(db, &n->cert, &err);
}

/* `by` publishes text as a directory change-set; the result of taking it in. */
static int publish_apply(const node *by, const char *text)
{
	char id[RX_NODE_ID_LEN + 1];
	rx_error err = { 0 };
	git_oid tip;
	rx_cs cs;
	char ref[128];
	int rc;

	rx_crypto_node_id(id, by->pk);
	if (rx_sync_dir_publish(repo, id, by->sk, text, strlen(text), &err) < 0)
		return fprintf(stderr, "publish: %s\n", err.msg), -100;
	snprintf(ref, sizeof(ref), "refs/runxin/dir/%s", id);
	if (git_reference_name_to_id(&tip, repo, ref) < 0 ||
	    rx_sync_cs_load(&cs, repo, &tip, &err) < 0)
		return fprintf(stderr, "load: %s\n", err.msg), -100;
	rc = rx_sync_dir_apply(db, &cs, &err);
	if (rc)
		printf("  refused: %s\n", err.msg);
	rx_sync_cs_free(&cs);
	return rc;
}

static void cert_text(rx_buf *out, const rx_crypto_cert *c)
{
	rx_error err = { 0 };

	rx_buf_reset(out);
	rx_crypto_cert_format(out, c, &err);
	rx_buf_cstr(out, &err);
}

/* The directory's certificate of n is still the one its real parent issued. */
static void expect_unchanged(const node *n)
{
	rx_crypto_cert got;
	rx_error err = { 0 };

	REQUIRE(rx_directory_get_cert(db, n->cert.node, &got, &err) == 0);
	CHECK_STR(got.parent, n->cert.parent);
	CHECK(!memcmp(got.box_pk, n->cert.box_pk, 32));
	CHECK_EQ(got.role, n->cert.role);
}

static void test_take_over_another_nodes_cert(void)
{
	rx_crypto_cert forged;
	rx_buf t = RX_BUF_INIT;
	uint8_t evil_bpk[32], evil_bsk[32];

	/* county A re-issues county B's school under itself, with A's box key */
	crypto_box_keypair(evil_bpk, evil_bsk);
	issue(&forged, &school, &county_a, RX_ROLE_SCHOOL, "校", evil_bpk);
	cert_text(&t, &forged);
	CHECK_EQ(publish_apply(&county_a, (char *)t.data), RX_ESECURITY);
	expect_unchanged(&school);
	/* the school still has its real chain */
	{
		rx_error err = { 0 };
		CHECK_EQ(rx_directory_verify(db, school.cert.node, (int64_t)time(NULL), &err), 0);
	}
	rx_buf_free(&t);
}

static void test_cert_with_roots_id(void)
{
	rx_crypto_cert forged;
	rx_buf t = RX_BUF_INIT;
	rx_error err = { 0 };

	/* county A certifies the root's own key as one of its schools */
	issue(&forged, &root, &county_a, RX_ROLE_SCHOOL, "市", NULL);
	cert_text(&t, &forged);
	CHECK_EQ(publish_apply(&county_a, (char *)t.data), RX_ESECURITY);
	expect_unchanged(&root);
	CHECK_EQ(rx_directory_verify(db, school.cert.node, (int64_t)time(NULL), &err), 0);
	rx_buf_free(&t);
}

static void test_parent_may_reissue(void)
{
	rx_crypto_cert renewed;
	rx_buf t = RX_BUF_INIT;
	rx_crypto_cert got;
	rx_error err = { 0 };

	issue(&renewed, &school, &county_b, RX_ROLE_SCHOOL, "新校名", NULL);
	cert_text(&t, &renewed);
	CHECK_EQ(publish_apply(&county_b, (char *)t.data), 0);
	REQUIRE(rx_directory_get_cert(db, school.cert.node, &got, &err) == 0);
	CHECK_STR(got.name, "新校名");
	rx_buf_free(&t);
}

static int count_revocations(void)
{
	sqlite3_stmt *st = NULL;
	int n = -1;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM revocations", -1, &st,
		NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Append the revocation of `node_id` by `by`, signed by `by`. */
static void revocation_text(rx_buf *t, const char *node_id, const node *by,
	int64_t when, uint64_t cut)
{
	rx_crypto_revocation r = { 0 };
	rx_error err = { 0 };

	snprintf(r.node, sizeof(r.node), "%s", node_id);
	rx_crypto_node_id(r.by, by->pk);
	r.time = when;
	r.cut[RX_CUT_NODES].seq = cut;
	if (cut)
		memset(r.cut[RX_CUT_NODES].commit, 'a', 40);
	snprintf(r.reason, sizeof(r.reason), "%s", "丢失");
	rx_crypto_revocation_sign(&r, by->sk, &err);
	rx_crypto_revocation_format(t, &r, &err);
	rx_buf_cstr(t, &err);
}

static void test_revocations(void)
{
	rx_buf t = RX_BUF_INIT;
	rx_error err = { 0 };
	int64_t now = (int64_t)time(NULL);
	int before;

	/* county A (not an ancestor) revokes B's school: refused, nothing stored */
	revocation_text(&t, school.cert.node, &county_a, now - 100, 0);
	CHECK_EQ(publish_apply(&county_a, (char *)t.data), RX_ESECURITY);
	CHECK_EQ(count_revocations(), 0);
	CHECK_EQ(rx_directory_verify(db, school.cert.node, now, &err), 0);
	/* a node that does not exist cannot be revoked */
	rx_buf_reset(&t);
	revocation_text(&t, "0123456789abcdef", &county_b, now, 0);
	CHECK_EQ(publish_apply(&county_b, (char *)t.data), RX_ESECURITY);
	CHECK_EQ(count_revocations(), 0);
	/* its parent revokes it */
	rx_buf_reset(&t);
	revocation_text(&t, school.cert.node, &county_b, now - 100, 3);
	CHECK_EQ(publish_apply(&county_b, (char *)t.data), 0);
	rx_error_clear(&err);
	CHECK_EQ(rx_directory_verify(db, school.cert.node, now, &err), RX_ESECURITY);
	/* the same record again is no news; another one by the same revoker is refused */
	CHECK_EQ(publish_apply(&county_b, (char *)t.data), 0);
	rx_buf_reset(&t);
	revocation_text(&t, school.cert.node, &county_b, now + 1000000, 9);
	CHECK_EQ(publish_apply(&county_b, (char *)t.data), RX_ESECURITY);
	CHECK_EQ(count_revocations(), 1);
	/* the root above it may revoke it too (the narrower cut counts) */
	rx_buf_reset(&t);
	revocation_text(&t, school.cert.node, &root, now, 1);
	CHECK_EQ(publish_apply(&root, (char *)t.data), 0);
	CHECK_EQ(count_revocations(), 2);
	/* a flood of bogus revocations (nodes that do not exist): refused whole, nothing kept */
	before = count_revocations();
	rx_buf_reset(&t);
	for (int i = 0; i < 2000; i++) {
		char id[RX_NODE_ID_LEN + 1];
		snprintf(id, sizeof(id), "%016x", i + 1);
		revocation_text(&t, id, &county_a, now, 0);
	}
	CHECK_EQ(publish_apply(&county_a, (char *)t.data), RX_ESECURITY);
	CHECK_EQ(count_revocations(), before);
	rx_buf_free(&t);
}

int main(void)
{
	char cmd[400];
	rx_buf k = RX_BUF_INIT;
	rx_error err = { 0 };

	if (sodium_init() < 0)
		return 1;
	snprintf(dir, sizeof(dir), "%s/rx-dirsync-XXXXXX",
		getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	git_libgit2_init();
	if (!mkdtemp(dir) || git_repository_init(&repo, dir, 1) < 0 ||
	    sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK)
		return 1;
	make(&root, NULL, RX_ROLE_CITY, "市");
	make(&county_a, &root, RX_ROLE_COUNTY, "甲县");
	make(&county_b, &root, RX_ROLE_COUNTY, "乙县");
	make(&school, &county_b, RX_ROLE_SCHOOL, "校");
	rx_textrec_b64_put(&k, root.pk, 32, &err);
	rx_buf_cstr(&k, &err);
	snprintf(cmd, sizeof(cmd), "INSERT INTO settings VALUES('root.sign-key','%s')",
		(char *)k.data);
	sqlite3_exec(db, cmd, NULL, NULL, NULL);
	rx_buf_free(&k);
	RUN(test_take_over_another_nodes_cert);
	RUN(test_cert_with_roots_id);
	RUN(test_parent_may_reissue);
	RUN(test_revocations);
	sqlite3_close(db);
	git_repository_free(repo);
	git_libgit2_shutdown();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	return rx_test_done();
}
