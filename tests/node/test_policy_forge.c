/*
 * Policies runxin itself would not publish, made with the library and a
 * real key: a school's (refused by every peer at verification), a county's
 * outside its allowance and a county's that does not parse (taken, then
 * refused by the school with a warning, the policy in force kept).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops/policy/policy.h"
#include "sync/changeset.h"
#include "tests/harness.h"
#include "tests/node/school3.h"

/* A policy change-set on node `who`'s dir branch, signed with its key: one file. */
static int forge_policy(git_oid *out, const char *who, const char *kind, const char *name,
	const char *text)
{
	rx_ops_policy_file f;
	rx_home_opts o = { 0 };
	rx_home *h = NULL;
	rx_secrets *s = NULL;
	git_repository *repo = NULL;
	rx_buf plain = RX_BUF_INIT;
	rx_cs_write w = { 0 };
	rx_error err = { 0 };
	char path[400];
	int rc;

	memset(&f, 0, sizeof(f));
	snprintf(f.kind, sizeof(f.kind), "%s", kind);
	snprintf(f.name, sizeof(f.name), "%s", name);
	f.data = (char *)text, f.len = strlen(text);
	snprintf(path, sizeof(path), "%s/%s", dir, who);
	o.path = path;
	if ((rc = rx_home_open(&h, &o, &err)) == 0 && (rc = rx_home_unlock(&s, h, &o, &err)) == 0 &&
	    (rc = rx_home_repo(&repo, h, &err)) == 0 &&
	    (rc = rx_ops_policy_encode(&plain, "2026-09-01", &f, 1, &err)) == 0) {
		w.author = h->node, w.sign_sk = s->sign_sk, w.kind = RX_CS_POLICY;
		w.time = (int64_t)time(NULL), w.plain = plain.data, w.plain_len = plain.len;
		rc = rx_sync_cs_create(out, repo, &w, &err);
	}
	if (rc < 0)
		fprintf(stderr, "forge: %s\n", err.msg);
	rx_buf_free(&plain);
	git_repository_free(repo);
	rx_home_secrets_free(s);
	rx_home_close(h);
	return rc;
}

/* The exit status of a runxin command run in dir, its output in OUT. */
static int run(const char *args)
{
	char cmd[1024];
	int st;

	snprintf(cmd, sizeof(cmd), "\"$RUNXIN\" %s >OUT 2>&1", args);
	st = sh(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int out_has(const char *s)
{
	char path[400], buf[16384];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/OUT", dir);
	if (!(f = fopen(path, "r")))
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	if (!strstr(buf, s))
		fprintf(stderr, "  wanted '%s' in:\n%s\n", s, buf);
	return strstr(buf, s) != NULL;
}

/* Is ref's tip in home `who` the commit id? */
static int tip_is(const char *who, const char *ref, const git_oid *id)
{
	git_repository *r = NULL;
	git_oid tip;
	char path[400];
	int same;

	snprintf(path, sizeof(path), "%s/%s/repo.git", dir, who);
	if (git_repository_open_bare(&r, path) < 0)
		return 0;
	same = git_reference_name_to_id(&tip, r, ref) == 0 && git_oid_equal(&tip, id);
	git_repository_free(r);
	return same;
}

static void test_school_policy_refused(void)
{
	git_oid id;
	char ref[80], node[64], path[400];
	FILE *f;

	CHECK_EQ(forge_policy(&id, "school", "compliance", "default", "ratio = 100\n"), 0);
	CHECK_EQ(sh("\"$RUNXIN\" -C school status --json | sed -n 's/.*\"node\":\"\\([0-9a-f]*\\)\".*/\\1/p' >NODE"), 0);
	snprintf(path, sizeof(path), "%s/NODE", dir);
	f = fopen(path, "r");
	CHECK(f && fscanf(f, "%16s", node) == 1);
	if (f)
		fclose(f);
	snprintf(ref, sizeof(ref), "refs/runxin/dir/%s", node);
	CHECK(tip_is("school", ref, &id));
	CHECK_EQ(run("-C school sync hub.git"), 0);
	/* the peers refuse the school's branch at verification: exit 3, not taken */
	CHECK_EQ(run("-C county sync hub.git"), 3);
	CHECK(out_has("school may not write policy"));
	CHECK(!tip_is("county", ref, &id));
	CHECK_EQ(run("-C d0 sync hub.git"), 3);
	CHECK(out_has("school may not write policy"));
	CHECK(!tip_is("d0", ref, &id));
	CHECK_EQ(run("-C d0 status"), 0);
	CHECK(out_has("师生比 1:800")); /* the county's, not the school's 1:100 */
}

static void test_county_outside_allowance(void)
{
	const char *rules = "name = default\nred = phq9 total >= 1\n";
	git_oid id;

	/* a county's genuine 1:800 first: it stays in force */
	CHECK_EQ(sh("sed 's/^ratio = 500$/ratio = 800/' \"$RX_SOURCE_DIR/schema/rules/default.compliance\" "
		">default.compliance"), 0);
	CHECK_EQ(run("-C county policy add default.compliance --effective 2026-09-01"), 0);
	CHECK_EQ(forge_policy(&id, "county", "rules", "default", rules), 0);
	CHECK_EQ(forge_policy(&id, "county", "scale", "broken", "id = broken\nitems = many\n"), 0);
	CHECK_EQ(run("-C county sync hub.git"), 0);
	/* verification passes (a county may publish policy); the school refuses the content */
	CHECK_EQ(run("-C d0 sync hub.git"), 0);
	CHECK(out_has("v2: 县级不能设定 default.rules"));
	CHECK(out_has("v3: broken.scale: scale line 2"));
	CHECK(out_has("仍执行原政策"));
	CHECK_EQ(run("-C d0 status"), 0);
	CHECK(out_has("第 1 版"));
	CHECK(out_has("师生比 1:800"));
	CHECK(out_has("已拒绝 (refused)"));
	CHECK_EQ(run("-C d0 policy show default.rules"), 0);
	CHECK(out_has("内置 (built-in)"));
	CHECK_EQ(run("-C d0 policy show broken"), 2);
	/* warned once: a second sync with nothing new says nothing */
	CHECK_EQ(run("-C d0 sync hub.git"), 0);
	{
		char path[400], buf[4096] = { 0 };
		FILE *f;
		snprintf(path, sizeof(path), "%s/OUT", dir);
		f = fopen(path, "r");
		if (f) {
			(void)!fread(buf, 1, sizeof(buf) - 1, f);
			fclose(f);
		}
		CHECK(!strstr(buf, "拒绝了政策"));
	}
}

/* City, county, school and one device d0, all synced with hub.git. */
static int enrol(void)
{
	(void)school3_open, (void)school3_enrol;
	return sh("R=\"$RUNXIN\"; set -e; "
		"$R -C city init --role city --name 市 >/dev/null; "
		"$R -C county init --role county --name 县 >/dev/null; "
		"$R -C school init --role school --name 校 >/dev/null; "
		"$R -C d0 init --role device --name 设备 >/dev/null; "
		"FP=$($R -C city identity --fingerprint); "
		"$R -C county identity >c.req; $R -C city enroll c.req >c.b 2>/dev/null; $R -C county join c.b --root-fingerprint \"$FP\" >/dev/null; "
		"$R -C school identity >s.req; $R -C county enroll s.req >s.b 2>/dev/null; $R -C school join s.b --root-fingerprint \"$FP\" >/dev/null; "
		"$R -C d0 identity >d.req; $R -C school enroll d.req >d.b 2>/dev/null; $R -C d0 join d.b --root-fingerprint \"$FP\" >/dev/null; "
		"$R -C school sync hub.git --create >/dev/null; $R -C county sync hub.git >/dev/null; "
		"$R -C city sync hub.git >/dev/null; $R -C d0 sync hub.git >/dev/null");
}

int main(void)
{
	setenv("RUNXIN_PASSPHRASE", "policy-forge-test", 1);
	setenv("RUNXIN_TODAY", "2026-09-15", 1);
	if (school3_dir("policy") < 0 || (git_libgit2_init(), enrol()) != 0)
		return 1;
	/* the county's first: after the school's forgery every sync reports that branch (exit 3) */
	RUN(test_county_outside_allowance);
	RUN(test_school_policy_refused);
	if (!rx_test_failures)
		sh("cd / && rm -rf \"$OLDPWD\"");
	else
		fprintf(stderr, "kept %s\n", dir);
	git_libgit2_shutdown();
	return rx_test_done();
}
