/*
 * Review report payloads decode strictly; a countersignature counts only
 * when the school's own county signed it: one made with a school's or a
 * device's key is refused and never marks the review countersigned.
 */
#include <stdio.h>
#include <string.h>

#include "ops/report/reportInt.h"
#include "sync/op.h"
#include "tests/harness.h"
#include "tests/node/hubtest.h"

static void doc_set(rx_ops_report_doc *d, rx_ops_report_field f, const char *v)
{
	d->f[f] = strdup(v);
}

static void test_codec(void)
{
	rx_ops_report_doc d = { 0 }, back;
	rx_buf enc = RX_BUF_INIT;
	rx_error err = { 0 };
	uint8_t a[32], b[32];

	d.type = RX_REPORT_FULL;
	d.incident = strdup("S001/abcdef.1");
	doc_set(&d, RX_RP_SCHOOL, "0123456789abcdef");
	doc_set(&d, RX_RP_DATE, "2024-10-01");
	doc_set(&d, RX_RP_DEADLINE, "2024-10-15");
	doc_set(&d, RX_RP_SUBMITTED, "2024-10-12");
	doc_set(&d, RX_RP_A1, "第一行\n第二行");
	CHECK_EQ(rx_ops_report_encode(&enc, &d, 5, 7, &err), 0);
	CHECK_EQ(rx_ops_report_decode(&back, enc.data, enc.len, &err), 0);
	CHECK_EQ(back.type, RX_REPORT_FULL);
	CHECK_STR(back.incident, "S001/abcdef.1");
	CHECK_STR(back.f[RX_RP_A1], "第一行\n第二行");
	CHECK(back.f[RX_RP_A2] == NULL);
	rx_ops_report_digest(a, &d), rx_ops_report_digest(b, &back);
	CHECK(!memcmp(a, b, 32));
	free(back.f[RX_RP_A1]), back.f[RX_RP_A1] = strdup("改");
	rx_ops_report_digest(b, &back);
	CHECK(memcmp(a, b, 32) != 0);
	rx_ops_report_doc_clear(&back);

	/* truncated */
	CHECK_EQ(rx_ops_report_decode(&back, enc.data, enc.len - 1, &err) < 0, 1);
	/* a report without its submission date does not fit its type */
	free(d.f[RX_RP_SUBMITTED]), d.f[RX_RP_SUBMITTED] = NULL;
	rx_buf_reset(&enc);
	CHECK_EQ(rx_ops_report_encode(&enc, &d, 5, 7, &err), 0);
	CHECK_EQ(rx_ops_report_decode(&back, enc.data, enc.len, &err), RX_EINPUT);
	/* a notice carries no aspects */
	d.type = RX_REPORT_NOTICE;
	rx_buf_reset(&enc);
	CHECK_EQ(rx_ops_report_encode(&enc, &d, 5, 7, &err), 0);
	CHECK_EQ(rx_ops_report_decode(&back, enc.data, enc.len, &err), RX_EINPUT);
	free(d.f[RX_RP_A1]), d.f[RX_RP_A1] = NULL;
	rx_buf_reset(&enc);
	CHECK_EQ(rx_ops_report_encode(&enc, &d, 5, 7, &err), 0);
	CHECK_EQ(rx_ops_report_decode(&back, enc.data, enc.len, &err), 0);
	rx_ops_report_doc_clear(&back);
	rx_ops_report_doc_clear(&d);

	/* unknown field, two records, bad UTF-8 */
	{
		rx_sync_op ops[3] = {
			{ "rp", "X/1", "t", (const uint8_t *)"notice", 6, 0, 1, 1 },
			{ "rp", "X/1", "zz", (const uint8_t *)"v", 1, 0, 1, 1 },
			{ "rp", "Y/1", "t", (const uint8_t *)"notice", 6, 0, 1, 1 } };
		rx_sync_op bad = { "rp", "X/1", "d", (const uint8_t *)"\xff\xfe", 2, 0, 1, 1 };

		rx_buf_reset(&enc);
		CHECK_EQ(rx_sync_ops_encode(&enc, ops, 2, &err), 0);
		CHECK_EQ(rx_ops_report_decode(&back, enc.data, enc.len, &err), RX_EINPUT);
		rx_buf_reset(&enc);
		CHECK_EQ(rx_sync_ops_encode(&enc, (rx_sync_op[]){ ops[0], ops[2] }, 2, &err), 0);
		CHECK_EQ(rx_ops_report_decode(&back, enc.data, enc.len, &err), RX_EINPUT);
		rx_buf_reset(&enc);
		CHECK_EQ(rx_sync_ops_encode(&enc, (rx_sync_op[]){ ops[0], bad }, 2, &err), 0);
		CHECK_EQ(rx_ops_report_decode(&back, enc.data, enc.len, &err), RX_EINPUT);
	}
	rx_buf_free(&enc);
}

/* Open node name's home and archive (in hub_dir). */
static int open_node(rx_home **h, rx_archive **a, const char *name)
{
	char path[512];
	rx_home_opts o = { path, NULL };
	rx_error err = { 0 };

	snprintf(path, sizeof(path), "%s/%s", hub_dir, name);
	if (rx_home_open(h, &o, &err) < 0)
		return -1;
	return rx_archive_open(a, *h, &o, &err);
}

/* Seal a countersignature of the latest report of s1's incident with node name's own key. */
static int forge(const char *name, const rx_ops_report_entry *e)
{
	rx_home *h = NULL;
	rx_archive *a = NULL;
	rx_ops_report_doc d = { 0 };
	rx_error err = { 0 };
	char hex[GIT_OID_HEXSZ + 1];
	int rc;

	if ((rc = open_node(&h, &a, name)) == 0) {
		git_oid_tostr(hex, sizeof(hex), &e->report_id);
		d.type = RX_REPORT_SIGN, d.incident = e->doc.incident;
		d.f[RX_RP_SCHOOL] = (char *)e->school, d.f[RX_RP_REPORT] = hex;
		d.f[RX_RP_SIGNER] = "假局长", d.f[RX_RP_SIGNED] = "2024-10-13";
		rc = rx_ops_report_seal(a->repo, h, a->s->sign_sk, &d, rx_archive_tick(a), &err);
	}
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}

/* s1's view of its own reports: *signed_ and *refused of its one incident. */
static int school_view(int *signed_, size_t *refused, size_t *taken, rx_ops_report_entry *copy)
{
	rx_home *h = NULL;
	rx_archive *a = NULL;
	rx_ops_report_set set = { 0 };
	rx_ops_report_synced s = { 0 };
	rx_error err = { 0 };
	int rc;

	if ((rc = open_node(&h, &a, "s1")) == 0 &&
	    (rc = rx_ops_report_sync(&s, a, &err)) == 0 &&
	    (rc = rx_ops_report_collect(&set, a->repo, h->db, a->box_pk, a->box_sk, &err)) == 0) {
		rc = set.n == 1 ? 0 : -1;
		*signed_ = set.n ? set.e[0].countersigned : -1;
		*refused = set.refused, *taken = s.countersigned;
		if (copy && set.n) {
			*copy = set.e[0];
			copy->doc.incident = strdup(set.e[0].doc.incident);
			memset(copy->doc.f, 0, sizeof(copy->doc.f));
		}
	}
	rx_ops_report_set_free(&set);
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}

static void test_forged_countersignature(void)
{
	rx_ops_report_entry e;
	size_t refused = 9, taken = 9;
	int signed_ = 9;

	CHECK_EQ(hub_dir_make(), 0);
	CHECK_EQ(hub_enrol(), 0);
	CHECK_EQ(sh("exec >out 2>err; export RUNXIN_TODAY=2024-10-20; "
		"printf '学号,姓名,性别,出生日期,年级,班级,重点标记\\nS001,测试甲,男,2010-03-01,8,2,\\n' >r.csv; "
		"$R -C s1 import roster r.csv && $R -C s1 add incident no=S001 d=2024-10-01 && "
		"id=$($R -C s1 list incident --json | sed -n 's/.*\"id\":\"\\([^\"]*\\)\".*/\\1/p') && "
		"x=$(printf '情况%%.0s' $(seq 760)) && "
		"$R -C s1 add review id=$id a1=一$x a2=二$x a3=三$x a4=四$x si=甲 ss=乙 sp=丙 sd=2024-10-12 && "
		"$R -C s1 sync county/repo.git && $R -C d1 sync county/repo.git"), 0);
	CHECK_EQ(school_view(&signed_, &refused, &taken, &e), 0);
	CHECK_EQ(signed_, 0);
	CHECK_EQ(refused, 0);
	/* the school itself, and its device, sign as if they were the county */
	CHECK_EQ(forge("s1", &e), 0);
	CHECK_EQ(forge("d1", &e), 0);
	CHECK_EQ(sh("exec >out 2>err; $R -C d1 sync county/repo.git && $R -C s1 sync county/repo.git"), 0);
	CHECK_EQ(school_view(&signed_, &refused, &taken, NULL), 0);
	CHECK_EQ(signed_, 0);
	CHECK_EQ(refused, 2);
	CHECK_EQ(taken, 0);
	/* the county's own countersignature counts */
	CHECK_EQ(sh("exec >out 2>err; export RUNXIN_TODAY=2024-10-20; "
		"id=$($R -C county inbox --json | sed -n 's/.*\"id\":\"\\([0-9a-f]*\\)\".*/\\1/p') && "
		"$R -C county report sign $id --name 张局长 && $R -C s1 sync county/repo.git"), 0);
	CHECK_EQ(school_view(&signed_, &refused, &taken, NULL), 0);
	CHECK_EQ(signed_, 1);
	CHECK_EQ(sh("export RUNXIN_TODAY=2024-10-20; $R -C s1 list review >out 2>err && grep -q 张局长 out"), 0);
	free(e.doc.incident);
	hub_dir_remove();
}

int main(void)
{
	(void)hub_roster, (void)first_line; /* hubtest.h helpers this test does not need */
	test_codec();
	test_forged_countersignature();
	return rx_test_done();
}
