/* Change-sets in git: round trip, stock git accepts them, tampering is refused. */
#include <stdlib.h>
#include <unistd.h>

#include <sodium.h>

#include "crypto/sshsig.h"
#include "sync/changeset.h"
#include "tests/forge.h"
#include "tests/harness.h"

static char dir[256];
static git_repository *repo;
static uint8_t pk[32], sk[64], bpk[32], bsk[32], opk[32], osk[32];
static char author[RX_NODE_ID_LEN + 1];

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
/* Run a shell command whose format takes the test dir and one argument. */
static int sh(const char *fmt, const char *arg)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), fmt, dir, arg ? arg : "");
	return system(cmd);
}
#pragma GCC diagnostic pop

static int write_cs(git_oid *id, rx_cs_kind kind, const char *text)
{
	rx_crypto_recipient r;
	rx_cs_write w = { 0 };
	rx_error err = { 0 };
	int rc;

	memcpy(r.box_pk, bpk, 32);
	w.author = author, w.sign_sk = sk, w.kind = kind;
	w.time = 1795000000, w.hlc_min = 1, w.hlc_max = 2;
	w.plain = (const uint8_t *)text, w.plain_len = strlen(text);
	w.rcpt = &r, w.nrcpt = 1;
	rc = rx_sync_cs_create(id, repo, &w, &err);
	if (rc)
		fprintf(stderr, "create: %s\n", err.msg);
	return rc;
}

static void test_roundtrip(void)
{
	git_oid a, b;
	rx_cs cs;
	rx_error err = { 0 };
	rx_buf plain = RX_BUF_INIT;

	REQUIRE(write_cs(&a, RX_CS_ARCHIVE, "first batch") == 0);
	REQUIRE(write_cs(&b, RX_CS_ARCHIVE, "second batch") == 0);
	REQUIRE(rx_sync_cs_load(&cs, repo, &b, &err) == 0);
	CHECK_EQ(cs.meta.seq, 2);
	CHECK(cs.has_parent && git_oid_equal(&cs.parent, &a));
	CHECK_EQ(rx_sync_cs_check_sig(&cs, pk, &err), 0);
	CHECK_EQ(rx_sync_cs_open(&plain, &cs, bpk, bsk, &err), 0);
	CHECK(plain.len == 12 && !memcmp(plain.data, "second batch", 12));
	rx_error_clear(&err);
	CHECK_EQ(rx_sync_cs_check_sig(&cs, opk, &err), RX_ESECURITY);
	rx_buf_reset(&plain);
	CHECK_EQ(rx_sync_cs_open(&plain, &cs, opk, osk, &err), RX_ESECURITY);
	rx_sync_cs_free(&cs);
	rx_buf_free(&plain);
	/* cleartext kinds live on their own branch and carry no keys */
	REQUIRE(write_cs(&a, RX_CS_DIRECTORY, "runxin-cert 1 ...") == 0);
	REQUIRE(rx_sync_cs_load(&cs, repo, &a, &err) == 0);
	CHECK_EQ(cs.meta.seq, 1);
	CHECK_EQ(cs.keys.len, 0);
	CHECK_EQ(rx_sync_cs_open(&plain, &cs, opk, osk, &err), 0);
	rx_sync_cs_free(&cs);
	rx_buf_free(&plain);
}

static void test_stock_git_accepts(void)
{
	rx_buf line = RX_BUF_INIT;
	rx_error err = { 0 };
	char path[300];
	FILE *f;

	rx_crypto_ssh_pubkey_line(&line, pk, &err);
	snprintf(path, sizeof(path), "%s/allowed", dir);
	REQUIRE((f = fopen(path, "w")) != NULL);
	fprintf(f, "%s@runxin namespaces=\"git\" %s\n", author, line.data);
	fclose(f);
	rx_buf_free(&line);
	CHECK_EQ(sh("git -C %s/repo.git fsck --strict --no-dangling >/dev/null 2>&1", NULL), 0);
	CHECK_EQ(sh("cd %s/repo.git && git -c gpg.format=ssh -c gpg.ssh.allowedSignersFile=../allowed"
		" verify-commit refs/runxin/nodes/%s >/dev/null 2>&1", author), 0);
	CHECK_EQ(sh("cd %s/repo.git && git -c gpg.format=ssh -c gpg.ssh.allowedSignersFile=../allowed"
		" verify-commit refs/runxin/nodes/%s~1 >/dev/null 2>&1", author), 0);
	CHECK_EQ(sh("cd %s/repo.git && git -c gpg.format=ssh -c gpg.ssh.allowedSignersFile=../allowed"
		" verify-commit refs/runxin/dir/%s >/dev/null 2>&1", author), 0);
	/* and refuses with a key file that names someone else */
	CHECK(sh("cd %s/repo.git && : >../empty && git -c gpg.format=ssh -c gpg.ssh.allowedSignersFile=../empty"
		" verify-commit refs/runxin/nodes/%s >/dev/null 2>&1", author) != 0);
}

/* Load + signature: what a verifier does first. */
static int check(const git_oid *id, rx_error *err)
{
	rx_cs cs;
	int rc;

	if ((rc = rx_sync_cs_load(&cs, repo, id, err)) < 0)
		return rc;
	rc = rx_sync_cs_check_sig(&cs, pk, err);
	rx_sync_cs_free(&cs);
	return rc;
}

static void expect_forged(const char *entry, size_t at, const char *why)
{
	git_oid tip, f;
	rx_cs cs;
	rx_error err = { 0 };
	rx_buf blob = RX_BUF_INIT;

	char ref[128];

	rx_sync_cs_ref(ref, sizeof(ref), author, RX_CS_ARCHIVE);
	git_reference_name_to_id(&tip, repo, ref);
	REQUIRE(rx_sync_cs_load(&cs, repo, &tip, &err) == 0);
	if (!strcmp(entry, "payload"))
		rx_buf_put(&blob, cs.payload.data, cs.payload.len, &err);
	else if (!strcmp(entry, "keys"))
		rx_buf_put(&blob, cs.keys.data, cs.keys.len, &err);
	else {
		rx_buf m = RX_BUF_INIT;
		rx_sync_meta_format(&m, &cs.meta, &err);
		rx_buf_put(&blob, m.data, m.len, &err);
		rx_buf_free(&m);
	}
	rx_sync_cs_free(&cs);
	blob.data[at % blob.len] ^= 0x04;
	REQUIRE(forge_entry(&f, repo, &tip, entry, blob.data, blob.len) == 0);
	CHECK_EQ(check(&f, &err), RX_ESECURITY);
	if (!strstr(err.msg, why))
		fprintf(stderr, "  %s: got '%s', wanted '%s'\n", entry, err.msg, why);
	CHECK(strstr(err.msg, why) != NULL);
	rx_buf_free(&blob);
}

static void test_tamper(void)
{
	expect_forged("payload", 30, "payload does not match");
	expect_forged("keys", 20, "keys do not match");
	expect_forged("meta", 5, "malformed change-set meta");  /* "runxin-changeset" altered */
	expect_forged("meta", 200, "");                        /* a hash digit altered */
}

static void test_tamper_signature_and_header(void)
{
	git_oid tip, f;
	git_buf sig = { 0 }, body = { 0 };
	rx_error err = { 0 };
	char ref[128], *p;

	rx_sync_cs_ref(ref, sizeof(ref), author, RX_CS_ARCHIVE);
	git_reference_name_to_id(&tip, repo, ref);
	git_commit_extract_signature(&sig, &body, repo, &tip, "gpgsig");
	sig.ptr[--sig.size] = 0;
	/* a flipped base64 character in the signature */
	p = strstr(sig.ptr, "U1NIU0lH") + 40;
	*p = *p == 'A' ? 'B' : 'A';
	REQUIRE(git_commit_create_with_signature(&f, repo, body.ptr, sig.ptr, "gpgsig") == 0);
	CHECK_EQ(check(&f, &err), RX_ESECURITY);
	*p = *p == 'A' ? 'B' : 'A';
	/* a changed commit header (time) with the genuine signature */
	p = strstr(body.ptr, "1795000000");
	REQUIRE(p != NULL);
	p[9] = '1';
	REQUIRE(git_commit_create_with_signature(&f, repo, body.ptr, sig.ptr, "gpgsig") == 0);
	rx_error_clear(&err);
	CHECK_EQ(check(&f, &err), RX_ESECURITY);
	p[9] = '0';
	git_buf_dispose(&sig);
	git_buf_dispose(&body);
	/* the genuine one still passes */
	rx_error_clear(&err);
	CHECK_EQ(check(&tip, &err), 0);
}

int main(void)
{
	snprintf(dir, sizeof(dir), "%s/rx-cs-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir) || sodium_init() < 0)
		return 1;
	git_libgit2_init();
	{
		char p[300];
		snprintf(p, sizeof(p), "%s/repo.git", dir);
		if (git_repository_init(&repo, p, 1) < 0)
			return 1;
	}
	crypto_sign_keypair(pk, sk);
	crypto_box_keypair(bpk, bsk);
	crypto_box_keypair(opk, osk);
	rx_crypto_node_id(author, pk);
	RUN(test_roundtrip);
	RUN(test_stock_git_accepts);
	RUN(test_tamper);
	RUN(test_tamper_signature_and_header);
	git_repository_free(repo);
	git_libgit2_shutdown();
	sh("rm -rf %s", NULL);
	return rx_test_done();
}
