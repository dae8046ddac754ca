/*
 * Key rotation on revocation (issue 12, judged): a stolen device is revoked;
 * after the next sync nothing the school writes is readable with the stolen
 * device's keystore and passphrase, tried with every key it holds against
 * every change-set on the hub. A remaining device reads it all.
 */
#include <sodium.h>

#include "../../harness.h"
#include "../../node/school3.h"
#include "crypto/datakey.h"
#include "crypto/keystore.h"
#include "ops/home/epochs.h"
#include "sync/changeset.h"

#define PASS "rotate-test"
#define MARK_STAFF "轮换后秘密甲"
#define MARK_STUDENT "轮换后秘密乙"

/* A node's key pairs as a thief holding its home and passphrase gets them. */
typedef struct keys {
	uint8_t pk[2 + RX_EPOCHS_MAX][32], sk[2 + RX_EPOCHS_MAX][32];
	size_t n;
} keys;

static int steal(keys *k, const char *node)
{
	char path[400];
	rx_home_opts o = { 0 };
	rx_home *h = NULL;
	rx_secrets *s = NULL;
	rx_epochs *ep = NULL;
	rx_error err = { 0 };
	int rc;

	memset(k, 0, sizeof(*k));
	snprintf(path, sizeof(path), "%s/%s", dir, node);
	o.path = path;
	if ((rc = rx_home_open(&h, &o, &err)) < 0 ||
	    (rc = rx_home_unlock(&s, h, &o, &err)) < 0 ||
	    (rc = rx_home_epochs_load(&ep, h, s, &err)) < 0)
		goto out;
	memcpy(k->sk[k->n], s->box_sk, 32); /* its own box key */
	crypto_scalarmult_base(k->pk[k->n], k->sk[k->n]);
	k->n++;
	if (s->has_master) /* the school's master key it was given */
		rx_crypto_datakey_box(k->pk[k->n], k->sk[k->n], s->master), k->n++;
	for (size_t i = 0; i < ep->n; i++, k->n++)
		memcpy(k->pk[k->n], ep->e[i].pk, 32), memcpy(k->sk[k->n], ep->e[i].sk, 32);
out:
	if (rc < 0)
		fprintf(stderr, "steal %s: %s\n", node, err.msg);
	rx_home_epochs_free(ep);
	rx_home_secrets_free(s);
	rx_home_close(h);
	return rc;
}

/* How many change-sets on the hub open with one of k and hold mark. */
static int readable(const keys *k, const char *mark, size_t *opened)
{
	char path[400];
	git_repository *repo = NULL;
	git_revwalk *w = NULL;
	git_oid id;
	int found = 0;

	*opened = 0;
	snprintf(path, sizeof(path), "%s/hub.git", dir);
	if (git_repository_open_bare(&repo, path) < 0 || git_revwalk_new(&w, repo) < 0)
		return -1;
	git_revwalk_push_glob(w, "refs/runxin/nodes/*");
	while (git_revwalk_next(&id, w) == 0) {
		rx_cs cs;
		rx_error err = { 0 };
		if (rx_sync_cs_load(&cs, repo, &id, &err) < 0)
			continue;
		for (size_t i = 0; i < k->n; i++) {
			rx_buf plain = RX_BUF_INIT;
			if (rx_sync_cs_open(&plain, &cs, k->pk[i], k->sk[i], &err) == 0) {
				(*opened)++;
				if (memmem(plain.data, plain.len, mark, strlen(mark)))
					found++;
			}
			rx_buf_free(&plain);
		}
		rx_sync_cs_free(&cs);
	}
	git_revwalk_free(w);
	git_repository_free(repo);
	return found;
}

static int list_has(const char *node, const char *type, const char *mark)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "\"$RUNXIN\" -C %s list %s 2>/dev/null | grep -q %s",
		node, type, mark);
	return sh(cmd) == 0;
}

static void test_stolen_device(void)
{
	keys thief, d1, before;
	size_t opened = 0, o2 = 0;

	REQUIRE(school3_dir("rotate") == 0);
	REQUIRE(school3_enrol("hub.git") == 0);
	REQUIRE(sh("R=\"$RUNXIN\"; set -e; for d in 0 1 2; do $R -C d$d sync hub.git >/dev/null; done; "
		"printf '学号,姓名,性别,出生日期,年级,班级,重点标记\\nT0001,测试甲1,男,2011-01-11,7,1,\\n' >r1.csv; "
		"$R -C school import roster r1.csv >/dev/null; $R -C school sync hub.git >/dev/null; "
		"$R -C d2 sync hub.git >/dev/null") == 0);
	/* d2 is stolen: the thief has its whole home and its passphrase */
	REQUIRE(sh("cp -a d2 stolen") == 0);
	REQUIRE(steal(&before, "d2") == 0);
	CHECK(readable(&before, "测试甲1", &opened) > 0); /* what it could read stays readable */

	REQUIRE(sh("R=\"$RUNXIN\"; set -e; "
		"$R -C school revoke $($R -C d2 status --json | sed 's/.*\"node\":\"\\([0-9a-f]*\\)\".*/\\1/') "
		"--reason 被盗 >/dev/null 2>rev.err; grep -q 轮换 rev.err; "
		"$R -C school sync hub.git >/dev/null; $R -C d0 sync hub.git >/dev/null; "
		"$R -C d0 add staff n=" MARK_STAFF " ro=fp >/dev/null; $R -C d0 sync hub.git >/dev/null; "
		"printf '学号,姓名,性别,出生日期,年级,班级,重点标记\\nT0002," MARK_STUDENT ",女,2011-02-12,7,1,\\n' >r2.csv; "
		"$R -C school import roster r2.csv >/dev/null; $R -C school sync hub.git >/dev/null; "
		"$R -C d1 sync hub.git >/dev/null") == 0);

	/* the remaining devices and the school read what was written after */
	CHECK(list_has("d1", "staff", MARK_STAFF));
	CHECK(list_has("d1", "student", MARK_STUDENT));
	CHECK(list_has("school", "staff", MARK_STAFF));
	REQUIRE(steal(&d1, "d1") == 0);
	CHECK(readable(&d1, MARK_STAFF, &o2) > 0);
	CHECK(readable(&d1, MARK_STUDENT, &o2) > 0);

	/* the thief syncs as the stolen device, then tries every key it holds */
	sh("\"$RUNXIN\" -C stolen sync hub.git >/dev/null 2>&1");
	CHECK(!list_has("stolen", "staff", MARK_STAFF));
	CHECK(!list_has("stolen", "student", MARK_STUDENT));
	REQUIRE(steal(&thief, "stolen") == 0);
	CHECK(thief.n >= 2);
	CHECK_EQ(readable(&thief, MARK_STAFF, &opened), 0);
	CHECK_EQ(readable(&thief, MARK_STUDENT, &opened), 0);
	CHECK(opened > 0); /* the keys work: history before the revocation opens */
	printf("  the stolen keys open %zu change-sets, none written after the revocation\n", opened);
	sodium_memzero(&thief, sizeof(thief));

	/* a device enrolled after the rotation gets the epochs in its bundle */
	REQUIRE(sh("R=\"$RUNXIN\"; set -e; $R -C d3 init --role device --name 设备3 >/dev/null; "
		"$R -C d3 identity >d3.req; $R -C school enroll d3.req >d3.b 2>/dev/null; "
		"grep -q 'BEGIN RUNXIN EPOCHS' d3.b; $R -C d3 join d3.b --root-fingerprint \"$($R -C city identity --fingerprint)\" >/dev/null; "
		"$R -C d3 sync hub.git >/dev/null") == 0);
	CHECK(list_has("d3", "staff", MARK_STAFF));
	CHECK(list_has("d3", "student", "测试甲1"));
	/* a block altered by one byte is refused (exit 3) */
	REQUIRE(sh("R=\"$RUNXIN\"; set -e; $R -C d4 init --role device --name 设备4 >/dev/null; "
		"$R -C d4 identity >d4.req; $R -C school enroll d4.req >d4.b 2>/dev/null; "
		"awk '/END RUNXIN EPOCHS/ { print; next } p { $0 = (substr($0, 1, 1) == \"A\" ? \"B\" : \"A\") substr($0, 2) } "
		"/BEGIN RUNXIN EPOCHS/ { p = 1 } { print }' d4.b >d4.bad") == 0);
	CHECK(sh("R=\"$RUNXIN\"; $R -C d4 join d4.bad --root-fingerprint \"$($R -C city identity --fingerprint)\" >/dev/null 2>&1; test $? = 3") == 0);
}

int main(void)
{
	setenv("RUNXIN_PASSPHRASE", PASS, 1);
	git_libgit2_init();
	(void)school3_open;
	RUN(test_stolen_device);
	return rx_test_done();
}
