/*
 * The integrity audit: a clean city passes; a tampered branch, a sequence
 * gap, a fork (evidence kept by sync, or only a quarantined change-set), a
 * checkpoint that disagrees (a silent fork, a lying hub) each fail it and
 * name the school and the reason; a checkpoint ahead of what is held is
 * only a note. Every audit runs on a city home without its keystore and
 * without a passphrase.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ops/archive/archive.h"
#include "ops/audit/audit.h"
#include "sync/changeset.h"
#include "sync/hlc.h"
#include "sync/directory.h"
#include "tests/forge.h"
#include "tests/harness.h"

static char dir[256];
enum { A1, A2, B1, CA, NHOMES };
static const char *home_dir[NHOMES] = { "sA1", "sA2", "sB1", "cA" };
static rx_home *home[NHOMES];
static rx_secrets *sec[NHOMES];

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	char cmd[3000], full[3400];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	snprintf(full, sizeof(full), "cd %s && R=\"$RUNXIN\" && %s", dir, cmd);
	rc = system(full);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* city -> counties A, B -> schools A1, A2, B1, each with two change-sets. */
static int setup(void)
{
	return sh("set -e; git init -q --bare usb.git; "
		"$R -C city init --role city --name 扬州市 >/dev/null; "
		"for c in A B; do $R -C c$c init --role county --name 县$c >/dev/null; "
		"$R -C c$c identity >c$c.req; $R -C city enroll c$c.req >c$c.b 2>/dev/null; "
		"$R -C c$c join c$c.b --root-fingerprint \"$($R -C city identity --fingerprint)\" >/dev/null; done; "
		"for s in A1 A2 B1; do c=$(echo $s | cut -c1); "
		"$R -C s$s init --role school --name 学校$s >/dev/null; "
		"$R -C s$s identity >s$s.req; $R -C c$c enroll s$s.req >s$s.b 2>/dev/null; "
		"$R -C s$s join s$s.b --root-fingerprint \"$($R -C city identity --fingerprint)\" >/dev/null; "
		"printf '学号,姓名,性别,出生日期,年级,班级,重点标记\\nS1,测试一,男,2012-03-04,7,1,\\n"
		"S2,测试二,女,2012-05-06,7,2,留守\\n' >r$s.csv; "
		"$R -C s$s import roster r$s.csv >/dev/null; sed -i 's/测试一/测试三/' r$s.csv; "
		"$R -C s$s import roster r$s.csv >/dev/null; $R -C s$s sync usb.git >/dev/null; done; "
		/* a county refuses its sibling's directory branch: not our concern here */
		"for c in A B; do $R -C c$c sync usb.git >/dev/null 2>&1 || true; "
		"$R -C c$c checkpoint >/dev/null; $R -C c$c sync usb.git >/dev/null 2>&1 || true; done; "
		"$R -C city sync usb.git >/dev/null");
}

/* Audit a copy of the city (no keystore, no passphrase); its exit code. */
static int audit(const char *city, const char *args)
{
	return sh("env -u RUNXIN_PASSPHRASE $R -C %s audit %s >%s.out 2>%s.err",
		city, args, city, city);
}

static int out_has(const char *city, const char *needle)
{
	return sh("grep -qF -- '%s' %s.out", needle, city) == 0;
}

static int copy_city(const char *name)
{
	return sh("rm -rf %s && cp -a city %s", name, name);
}

static git_repository *open_city(const char *name)
{
	git_repository *r = NULL;
	char p[400];

	snprintf(p, sizeof(p), "%s/%s/repo.git", dir, name);
	return git_repository_open_bare(&r, p) == 0 ? r : NULL;
}

static void branch_ref(char *out, size_t cap, int who, const char *branch)
{
	snprintf(out, cap, "refs/runxin/%s/%s", branch, home[who]->node);
}

static void set_ref(git_repository *r, const char *ref, const git_oid *id)
{
	git_reference *x = NULL;

	if (git_reference_create(&x, r, ref, id, 1, NULL) == 0)
		git_reference_free(x);
}

/* A change-set signed by a school's real key, with a chosen number and parent. */
static int signed_cs(git_oid *out, git_repository *r, int who, uint64_t seq,
	const git_oid *parent, const char *text)
{
	rx_crypto_recipient rc;
	rx_crypto_cert c;
	rx_cs_write w = { 0 };
	rx_error err = { 0 };

	if (rx_directory_get_cert(home[who]->db, home[who]->node, &c, &err) < 0)
		return -1;
	memcpy(rc.box_pk, c.box_pk, 32);
	w.author = home[who]->node, w.sign_sk = sec[who]->sign_sk;
	w.kind = RX_CS_ARCHIVE, w.time = (int64_t)time(NULL);
	/* a clock after every real one (clocks may not run backwards along a branch) */
	w.hlc_min = w.hlc_max = rx_sync_hlc_make((uint64_t)time(NULL) * 1000 + 1000, 0);
	w.plain = (const uint8_t *)text, w.plain_len = strlen(text);
	w.rcpt = &rc, w.nrcpt = 1;
	w.force_seq = seq, w.force_parent = parent;
	return rx_sync_cs_create(out, r, &w, &err);
}

/* The sequence number of who's tip: its first-parent chain's length (a school's branch holds its join's recovery material too). */
static uint64_t tip_seq(git_repository *r, int who)
{
	git_commit *c = NULL, *p = NULL;
	git_oid id;
	char ref[128];
	uint64_t n = 0;

	branch_ref(ref, sizeof(ref), who, "nodes");
	if (git_reference_name_to_id(&id, r, ref) < 0 || git_commit_lookup(&c, r, &id) < 0)
		return 0;
	for (n = 1; git_commit_parentcount(c) && git_commit_parent(&p, c, 0) == 0; n++) {
		git_commit_free(c);
		c = p;
	}
	git_commit_free(c);
	return n;
}

static int tip_and_parent(git_repository *r, int who, git_oid *tip, git_oid *parent)
{
	git_commit *c = NULL;
	char ref[128];

	branch_ref(ref, sizeof(ref), who, "nodes");
	if (git_reference_name_to_id(tip, r, ref) < 0 || git_commit_lookup(&c, r, tip) < 0)
		return -1;
	git_oid_cpy(parent, git_commit_parent_id(c, 0));
	git_commit_free(c);
	return 0;
}

/* The school's line in the text report: "学校X (id): 正常 ok" or findings. */
static int school_ok(const char *city, int who)
{
	char line[200];

	snprintf(line, sizeof(line), "学校%s (%s): 正常 ok", home_dir[who] + 1,
		home[who]->node);
	return out_has(city, line);
}

static long long count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long n = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void test_clean(void)
{
	git_repository *r = open_city("city");
	rx_ops_audit *a = NULL;
	rx_ops_audit_summary s;
	const rx_ops_audit_finding *f;
	rx_error err = { 0 };
	sqlite3 *db = NULL;
	char path[400];
	size_t n;

	snprintf(path, sizeof(path), "%s/city/node.db", dir);
	/* no secret of any kind in the city's settings, and no keystore at all */
	CHECK_EQ(sh("test ! -e city/keystore"), 0);
	REQUIRE(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
	CHECK_EQ(count(db, "SELECT count(*) FROM settings WHERE key LIKE '%master%' "
		"OR key LIKE '%data%' OR key LIKE '%secret%' OR key LIKE '%-sk%'"), 0);
	CHECK_EQ(count(db, "SELECT count(*) FROM settings WHERE key LIKE '%key%'"), 2);
	CHECK_EQ(audit("city", ""), 0);
	CHECK(out_has("city", "通过 PASS"));
	CHECK(school_ok("city", A1) && school_ok("city", A2) && school_ok("city", B1));
	CHECK_EQ(audit("city", "--format json --out city.json"), 0);
	CHECK_EQ(sh("grep -q '\"pass\":true' city.json && grep -q '学校B1' city.json"), 0);
	CHECK_EQ(audit("city", "--format html --out city.html"), 0);
	CHECK_EQ(sh("grep -q '<!DOCTYPE html>' city.html && grep -q '学校A2' city.html && "
		"! grep -qiE 'https?://|<script|<link' city.html"), 0);
	CHECK_EQ(audit("cA", ""), 0);
	CHECK_EQ(sh("env -u RUNXIN_PASSPHRASE $R -C sA1 verify --json >v.json && "
		"grep -q '\"pass\":true' v.json"), 0);
	CHECK_EQ(audit("sA1", ""), 1);  /* the audit is a hub's; a school verifies */
	/* the API: every change-set verified, checkpoint lines compared */
	REQUIRE(r && rx_ops_audit_run(&a, r, db, time(NULL), &err) == 0);
	rx_ops_audit_summary_get(a, &s);
	rx_ops_audit_findings(a, &f, &n);
	CHECK(s.branches >= 8 && s.changesets >= 6 + 2 + 3);
	CHECK(s.checkpoints == 2 && s.checkpoint_entries >= 5);
	CHECK_EQ(s.integrity, 0);
	CHECK_EQ(n, 0);
	rx_ops_audit_free(a);
	git_repository_free(r);
	sqlite3_close(db);
}

static void test_tampered(void)
{
	git_repository *r;
	git_oid tip, parent, f;
	char ref[128];
	static const uint8_t junk[] = "not the payload that was signed";

	REQUIRE(copy_city("c1") == 0 && (r = open_city("c1")));
	REQUIRE(tip_and_parent(r, A1, &tip, &parent) == 0);
	CHECK_EQ(forge_entry(&f, r, &tip, "payload", junk, sizeof(junk)), 0);
	branch_ref(ref, sizeof(ref), A1, "nodes");
	{
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), &f);
		CHECK_EQ(sh("git --git-dir=c1/repo.git update-ref %s %s", ref, hex), 0);
	}
	git_repository_free(r);
	CHECK_EQ(audit("c1", ""), 3);
	CHECK(out_has("c1", "✗ [篡改或损坏 tampered] 校 school 学校A1"));
	CHECK(out_has("c1", "payload does not match its meta (altered)"));
	CHECK(school_ok("c1", A2) && school_ok("c1", B1));
	CHECK(out_has("c1", "未通过 FAIL"));
	CHECK_EQ(audit("c1", "--format json --out c1.json"), 3);
	CHECK_EQ(sh("grep -q '\"pass\":false' c1.json && grep -q '\"kind\":\"tampered\"' c1.json"), 0);
}

static void test_gap(void)
{
	git_repository *r;
	git_oid tip, parent, f;
	char ref[128], want[64];
	uint64_t t;

	REQUIRE(copy_city("c2") == 0 && (r = open_city("c2")));
	REQUIRE(tip_and_parent(r, A2, &tip, &parent) == 0);
	t = tip_seq(r, A2);
	/* #t+2 on top of #t, signed by the school itself: #t+1 is missing */
	REQUIRE(signed_cs(&f, r, A2, t + 2, &tip, "x") == 0);
	branch_ref(ref, sizeof(ref), A2, "nodes");
	set_ref(r, ref, &f);
	git_repository_free(r);
	CHECK_EQ(audit("c2", ""), 3);
	CHECK(out_has("c2", "[序号缺口或重放 gap] 校 school 学校A2"));
	snprintf(want, sizeof(want), "#%llu where #%llu was due", (unsigned long long)t + 2,
		(unsigned long long)t + 1);
	CHECK(out_has("c2", want));
	CHECK(school_ok("c2", A1) && school_ok("c2", B1));
}

/* B1 signs another #2; the city syncs from a copy holding it: sync keeps evidence. */
static void test_fork_evidence(void)
{
	git_repository *r;
	git_oid tip, parent, f;
	char ref[128], want[64];
	uint64_t t;

	REQUIRE(sh("rm -rf evil.git && git clone -q --mirror usb.git evil.git") == 0);
	{
		char p[400];
		snprintf(p, sizeof(p), "%s/evil.git", dir);
		REQUIRE(git_repository_open_bare(&r, p) == 0);
	}
	REQUIRE(tip_and_parent(r, B1, &tip, &parent) == 0);
	t = tip_seq(r, B1);
	REQUIRE(signed_cs(&f, r, B1, t, &parent, "another history") == 0);
	branch_ref(ref, sizeof(ref), B1, "nodes");
	set_ref(r, ref, &f);
	git_repository_free(r);
	REQUIRE(copy_city("c3") == 0);
	CHECK_EQ(sh("$R -C c3 sync evil.git >/dev/null 2>&1"), 3);
	CHECK_EQ(sh("test \"$(git --git-dir=c3/repo.git for-each-ref refs/runxin/evidence | wc -l)\" = 2"), 0);
	CHECK_EQ(audit("c3", ""), 3);
	CHECK(out_has("c3", "✗ [分叉 fork] 校 school 学校B1"));
	snprintf(want, sizeof(want), "signed two different change-sets #%llu", (unsigned long long)t);
	CHECK(out_has("c3", want));
	CHECK(school_ok("c3", A1) && school_ok("c3", A2));
}

/* Only a quarantined change-set tells: two signed #2 of A1, no forks row. */
static void test_fork_quarantine(void)
{
	git_repository *r;
	git_oid tip, parent, f;
	char ref[128];
	uint64_t t;

	REQUIRE(copy_city("c4") == 0 && (r = open_city("c4")));
	REQUIRE(tip_and_parent(r, A1, &tip, &parent) == 0);
	t = tip_seq(r, A1);
	REQUIRE(signed_cs(&f, r, A1, t, &parent, "held back") == 0);
	branch_ref(ref, sizeof(ref), A1, "quarantine/nodes");
	set_ref(r, ref, &f);
	git_repository_free(r);
	CHECK_EQ(audit("c4", ""), 3);
	CHECK(out_has("c4", "✗ [分叉 fork] 校 school 学校A1"));
	CHECK(out_has("c4", "quarantined change-set against the accepted branch"));
	/* a quarantined change-set that forks nothing is only a note */
	REQUIRE(copy_city("c4b") == 0 && (r = open_city("c4b")));
	REQUIRE(tip_and_parent(r, A1, &tip, &parent) == 0);
	REQUIRE(signed_cs(&f, r, A1, t + 1, &tip, "later") == 0);
	set_ref(r, ref, &f);
	git_repository_free(r);
	CHECK_EQ(audit("c4b", ""), 0);
	CHECK(out_has("c4b", "· [已拒收隔离 refused]"));
}

/* The city's copy of B1 was replaced by another signed #2 behind sync's back. */
static void test_checkpoint_silent_fork(void)
{
	git_repository *r;
	git_oid tip, parent, f;
	char ref[128];

	REQUIRE(copy_city("c5") == 0 && (r = open_city("c5")));
	REQUIRE(tip_and_parent(r, B1, &tip, &parent) == 0);
	REQUIRE(signed_cs(&f, r, B1, tip_seq(r, B1), &parent, "rewritten") == 0);
	branch_ref(ref, sizeof(ref), B1, "nodes");
	set_ref(r, ref, &f);
	git_repository_free(r);
	CHECK_EQ(audit("c5", ""), 3);
	CHECK(out_has("c5", "✗ [检查点不一致 checkpoint] 校 school 学校B1"));
	CHECK(out_has("c5", "(a fork or a lying hub)"));
	CHECK(school_ok("c5", A1) && school_ok("c5", A2));
}

/* County A signs a checkpoint naming a commit A2 never wrote (and junk lines). */
static void test_checkpoint_lying_hub(void)
{
	git_repository *r;
	rx_cs_write w = { 0 };
	rx_error err = { 0 };
	rx_buf text = RX_BUF_INIT;
	git_oid f;
	char big[300];

	REQUIRE(copy_city("c6") == 0 && (r = open_city("c6")));
	memset(big, 'n', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	rx_buf_printf(&text, &err, "%s 2 %040d\nnodes/%s x2 %040d\nnodes/%s 2\n"
		"nodes/%s 2 1111111111111111111111111111111111111111\n", big, 1,
		home[A1]->node, 1, home[A1]->node, home[A2]->node);
	w.author = home[CA]->node, w.sign_sk = sec[CA]->sign_sk;
	w.kind = RX_CS_CHECKPOINT, w.time = (int64_t)time(NULL);
	w.plain = text.data, w.plain_len = text.len;
	REQUIRE(rx_sync_cs_create(&f, r, &w, &err) == 0);
	git_repository_free(r);
	rx_buf_free(&text);
	CHECK_EQ(audit("c6", ""), 3);
	CHECK(out_has("c6", "✗ [检查点不一致 checkpoint] 校 school 学校A2"));
	CHECK(out_has("c6", "as 111111111111, held here is"));
	CHECK(school_ok("c6", A1) && school_ok("c6", B1));
}

/* The city holds only #1 of A1 while the checkpoint lists #2: behind, a note. */
static void test_checkpoint_behind(void)
{
	git_repository *r;
	git_oid tip, parent;
	char ref[128];

	REQUIRE(copy_city("c7") == 0 && (r = open_city("c7")));
	REQUIRE(tip_and_parent(r, A1, &tip, &parent) == 0);
	branch_ref(ref, sizeof(ref), A1, "nodes");
	set_ref(r, ref, &parent);
	git_repository_free(r);
	CHECK_EQ(audit("c7", ""), 0);
	CHECK(out_has("c7", "· [本地落后于检查点 behind] 校 school 学校A1"));
	CHECK(out_has("c7", "通过 PASS"));
}

/* A device of A1 writes after its revocation; its branch is slipped into the city's repo. */
static void test_revoked_device(void)
{
	REQUIRE(sh("set -e; $R -C dev init --role device --name 心理室电脑 >/dev/null; "
		"$R -C dev identity >dev.req; $R -C sA1 enroll dev.req >dev.b 2>/dev/null; "
		"$R -C dev join dev.b --root-fingerprint \"$($R -C city identity --fingerprint)\" >/dev/null; "
		"printf '学号,姓名,性别,出生日期,年级,班级,重点标记\nD1,测试四,男,2012-03-04,7,1,\n' >d.csv; "
		"$R -C dev import roster d.csv >/dev/null; $R -C dev sync usb.git >/dev/null") == 0);
	sleep(1);  /* the revocation comes after the device's first change-set */
	REQUIRE(sh("set -e; id=$($R -C dev status --json | sed 's/.*\"node\":\"\\([0-9a-f]*\\)\".*/\\1/'); "
		"$R -C sA1 revoke $id --reason 丢失 >/dev/null 2>&1; $R -C sA1 sync usb.git >/dev/null; "
		"$R -C city sync usb.git >/dev/null; echo $id >dev.id") == 0);
	CHECK_EQ(audit("city", ""), 0);  /* what the device wrote before is fine */
	sleep(1);
	REQUIRE(sh("set -e; sed -i 's/测试四/测试五/' d.csv; $R -C dev import roster d.csv >/dev/null; "
		"id=$(cat dev.id); rm -rf c8 && cp -a city c8; "
		"git --git-dir=c8/repo.git fetch -q dev/repo.git +refs/runxin/nodes/$id:refs/runxin/nodes/$id") == 0);
	CHECK_EQ(audit("c8", ""), 3);
	CHECK(out_has("c8", "✗ [吊销后写入 revoked] 设备 device 心理室电脑"));
	CHECK(out_has("c8", "was revoked: 丢失"));
	CHECK(out_has("c8", "校 school 学校A1 (") && !school_ok("c8", A1));
	CHECK(school_ok("c8", A2) && school_ok("c8", B1));
}

/* A figure: how fast a hub re-verifies (1,000 more change-sets of B1). */
static void test_speed(void)
{
	git_repository *r;
	struct timespec t0, t1;
	rx_error err = { 0 };
	git_oid f;
	int ok = 1;
	const int n = 1000;

	REQUIRE(copy_city("c9") == 0 && (r = open_city("c9")));
	for (int i = 0; i < n && ok; i++) {
		rx_crypto_recipient rc;
		rx_crypto_cert c;
		rx_cs_write w = { 0 };
		char text[64];
		ok = rx_directory_get_cert(home[B1]->db, home[B1]->node, &c, &err) == 0;
		memcpy(rc.box_pk, c.box_pk, 32);
		snprintf(text, sizeof(text), "record %d", i);
		w.author = home[B1]->node, w.sign_sk = sec[B1]->sign_sk;
		w.kind = RX_CS_ARCHIVE, w.time = (int64_t)time(NULL);
		w.hlc_min = w.hlc_max = rx_sync_hlc_make((uint64_t)time(NULL) * 1000 + 1000 + (uint64_t)i, 0);
		w.plain = (const uint8_t *)text, w.plain_len = strlen(text);
		w.rcpt = &rc, w.nrcpt = 1;
		ok = ok && rx_sync_cs_create(&f, r, &w, &err) == 0;
	}
	git_repository_free(r);
	REQUIRE(ok);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_EQ(audit("c9", ""), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("figure: runxin audit re-verified %d change-sets in %.2f s (Debug build), "
		"%.0f change-sets/s\n", n + 11, s, (n + 11) / s);
	CHECK(out_has("c9", "通过 PASS"));
}

static int open_homes(void)
{
	rx_home_opts o = { 0 };
	rx_error err = { 0 };
	char path[400];

	for (int i = 0; i < NHOMES; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, home_dir[i]);
		o.path = path;
		if (rx_home_open(&home[i], &o, &err) < 0 ||
		    rx_home_unlock(&sec[i], home[i], &o, &err) < 0)
			return fprintf(stderr, "%s\n", err.msg), -1;
	}
	return 0;
}

int main(void)
{
	(void)forge_text;
	setenv("RUNXIN_PASSPHRASE", "audit-test", 1);
	snprintf(dir, sizeof(dir), "%s/rx-audit-XXXXXX",
		getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir) || (git_libgit2_init(), setup()) != 0 || open_homes() < 0 ||
	    sh("rm city/keystore") != 0)
		return fprintf(stderr, "setup failed in %s\n", dir), 1;
	RUN(test_clean);
	RUN(test_tampered);
	RUN(test_gap);
	RUN(test_fork_evidence);
	RUN(test_fork_quarantine);
	RUN(test_checkpoint_silent_fork);
	RUN(test_checkpoint_lying_hub);
	RUN(test_checkpoint_behind);
	RUN(test_revoked_device);
	RUN(test_speed);
	for (int i = 0; i < NHOMES; i++) {
		rx_home_secrets_free(sec[i]);
		rx_home_close(home[i]);
	}
	if (!rx_test_failures)
		sh("cd / && rm -rf \"$OLDPWD\"");
	else
		fprintf(stderr, "kept %s\n", dir);
	git_libgit2_shutdown();
	return rx_test_done();
}
