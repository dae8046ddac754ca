/*
 * Transfer payloads decode strictly (only the named student's records, no
 * tombstone, no other kind); an answer counts only from the school the
 * offer went to: one forged by the sender's own device is refused and the
 * offer stays pending, nothing settled.
 */
#include <stdio.h>
#include <string.h>

#include "ops/transfer/transferInt.h"
#include "sync/op.h"
#include "tests/harness.h"
#include "tests/node/hubtest.h"

#define OP(k, id, f, v) { k, id, f, (const uint8_t *)(v), sizeof(v) - 1, 0, 1, 1 }

static int decodes(const rx_sync_op *ops, size_t n)
{
	rx_buf enc = RX_BUF_INIT;
	rx_ops_transfer_doc d;
	rx_error err = { 0 };
	int rc = rx_sync_ops_encode(&enc, ops, n, &err);

	if (rc == 0 && (rc = rx_ops_transfer_decode(&d, enc.data, enc.len, &err)) == 0)
		rx_ops_transfer_doc_clear(&d);
	rx_buf_free(&enc);
	return rc;
}

static void test_codec(void)
{
	rx_sync_op recs[] = { OP("st", "T0001", "n", "王小明"), OP("hv", "T0001/abc.1", "nt", "记录") };
	rx_ops_transfer_doc d = { 0 }, back;
	rx_buf enc = RX_BUF_INIT;
	rx_error err = { 0 };

	d.type = RX_TF_OFFER;
	memcpy(d.from, "0123456789abcdef", 17), memcpy(d.to, "fedcba9876543210", 17);
	memcpy(d.date, "2024-10-20", 11);
	d.no = "T0001", d.rops = recs, d.nrops = 2;
	CHECK_EQ(rx_ops_transfer_encode(&enc, &d, 5, 7, &err), 0);
	CHECK_EQ(rx_ops_transfer_decode(&back, enc.data, enc.len, &err), 0);
	CHECK_EQ(back.type, RX_TF_OFFER);
	CHECK_STR(back.no, "T0001");
	CHECK_STR(back.to, "fedcba9876543210");
	CHECK_EQ(back.recs.n, 2 + 5);
	rx_ops_transfer_doc_clear(&back);
	rx_buf_free(&enc);

	{
		rx_sync_op h[] = { OP("tf", "h", "t", "offer"), OP("tf", "h", "s", "0123456789abcdef"),
			OP("tf", "h", "to", "fedcba9876543210"), OP("tf", "h", "d", "2024-10-20"),
			OP("tf", "h", "no", "T0001") };
		rx_sync_op ok[7], bad[7];
		rx_sync_op st = OP("st", "T0001", "n", "王小明");

		memcpy(ok, h, sizeof(h)), ok[5] = st;
		CHECK_EQ(decodes(ok, 6), 0);
		/* no student record */
		memcpy(bad, h, sizeof(h)), bad[5] = (rx_sync_op)OP("hv", "T0001/a.1", "nt", "x");
		CHECK_EQ(decodes(bad, 6), RX_EINPUT);
		/* another student's record, or one whose number only starts alike */
		memcpy(bad, ok, sizeof(ok)), bad[6] = (rx_sync_op)OP("hv", "T0002/a.1", "nt", "x");
		CHECK_EQ(decodes(bad, 7), RX_EINPUT);
		bad[6] = (rx_sync_op)OP("st", "T00011", "n", "x");
		CHECK_EQ(decodes(bad, 7), RX_EINPUT);
		/* a kind that is not the student's (an incident, an access record), an unknown field */
		bad[6] = (rx_sync_op)OP("in", "T0001/a.1", "d", "2024-10-01");
		CHECK_EQ(decodes(bad, 7), RX_EINPUT);
		bad[6] = (rx_sync_op)OP("hv", "T0001/a.1", "zz", "x");
		CHECK_EQ(decodes(bad, 7), RX_EINPUT);
		/* values the receiving school's own checks refuse; stored numbers pass */
		bad[6] = (rx_sync_op)OP("st", "T0001", "g", "9");
		CHECK_EQ(decodes(bad, 7), RX_EINPUT);
		bad[6] = (rx_sync_op)OP("st", "T0001", "b", "2010-02-30");
		CHECK_EQ(decodes(bad, 7), RX_EINPUT);
		bad[6] = (rx_sync_op)OP("st", "T0001", "f", "5");
		CHECK_EQ(decodes(bad, 7), 0);
		bad[6] = (rx_sync_op)OP("sc", "T0001/phq9/2024a/1", "lv", "4");
		CHECK_EQ(decodes(bad, 7), RX_EINPUT);
		/* a tombstone: an offer cannot delete at the receiver */
		bad[6] = (rx_sync_op){ "hv", "T0001/a.1", "*", NULL, 0, 1, 1, 1 };
		CHECK_EQ(decodes(bad, 7), RX_EINPUT);
		/* an unknown or bad header field */
		bad[6] = (rx_sync_op)OP("tf", "h", "zz", "x");
		CHECK_EQ(decodes(bad, 7), RX_EINPUT);
		memcpy(bad, ok, sizeof(ok)), bad[1] = (rx_sync_op)OP("tf", "h", "s", "SCHOOL");
		CHECK_EQ(decodes(bad, 6), RX_EINPUT);
		/* an answer carries no records, and names its offer in 40 hex */
		memcpy(bad, ok, sizeof(ok)), bad[0] = (rx_sync_op)OP("tf", "h", "t", "accept");
		bad[4] = (rx_sync_op)OP("tf", "h", "of", "0123456789012345678901234567890123456789");
		CHECK_EQ(decodes(bad, 5), 0);
		CHECK_EQ(decodes(bad, 6), RX_EINPUT);
		bad[4] = (rx_sync_op)OP("tf", "h", "of", "01234567");
		CHECK_EQ(decodes(bad, 5), RX_EINPUT);
	}
}

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

/* Node name's view: the first transfer's state, and how many were refused. */
static int view(const char *name, rx_ops_transfer_state *st, size_t *refused, int forge)
{
	rx_home *h = NULL;
	rx_archive *a = NULL;
	rx_ops_transfer_set s = { 0 };
	rx_error err = { 0 };
	int rc;

	if ((rc = open_node(&h, &a, name)) == 0 &&
	    (rc = rx_ops_transfer_collect_archive(&s, a, &err)) == 0) {
		*st = s.n ? s.e[0].state : (rx_ops_transfer_state)-1;
		*refused = s.refused;
		/* the sender's own device answers "accepted" in the receiver's name */
		if (forge && s.n)
			rc = rx_ops_transfer_answer(a, &s.e[0], 1, NULL, &err);
	}
	rx_ops_transfer_set_free(&s);
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}

static void test_forged_answer(void)
{
	rx_ops_transfer_state st = RX_TF_ACCEPTED;
	size_t refused = 9;

	CHECK_EQ(hub_dir_make(), 0);
	CHECK_EQ(hub_enrol(), 0);
	CHECK_EQ(sh("exec >out 2>err; export RUNXIN_TODAY=2024-10-20; "
		"printf '学号,姓名,性别,出生日期,年级,班级,重点标记\\nS001,测试甲,男,2010-03-01,8,2,\\n' >r.csv; "
		"$R -C s1 import roster r.csv && $R -C s2 sync county/repo.git && "
		"$R -C s1 sync county/repo.git && $R -C s1 transfer S001 --to 学校s2 && "
		"$R -C s1 sync county/repo.git && $R -C d1 sync county/repo.git"), 0);
	CHECK_EQ(view("d1", &st, &refused, 1), 0);
	CHECK_EQ(st, RX_TF_PENDING);
	CHECK_EQ(sh("exec >out 2>err; $R -C d1 sync county/repo.git && $R -C s1 sync county/repo.git"), 0);
	CHECK_EQ(view("s1", &st, &refused, 0), 0);
	CHECK_EQ(st, RX_TF_PENDING);
	CHECK_EQ(refused, 1);
	CHECK_EQ(sh("$R -C s1 show S001 >out 2>err && grep -q 测试甲 out"), 0);
	/* the receiving school's own answer counts */
	CHECK_EQ(sh("exec >out 2>err; export RUNXIN_TODAY=2024-10-20; $R -C s2 sync county/repo.git && "
		"id=$($R -C s2 transfer --list --json | sed -n 's/.*\"id\":\"\\([0-9a-f]*\\)\".*/\\1/p') && "
		"$R -C s2 accept $id && $R -C s2 sync county/repo.git && $R -C s1 sync county/repo.git"), 0);
	CHECK_EQ(view("s1", &st, &refused, 0), 0);
	CHECK_EQ(st, RX_TF_ACCEPTED);
	CHECK_EQ(sh("$R -C s1 show S001 >out 2>err && ! grep -q 测试甲 out && grep -q 转出 out"), 0);
	hub_dir_remove();
}

int main(void)
{
	(void)hub_roster, (void)first_line, (void)has;
	test_codec();
	test_forged_answer();
	return rx_test_done();
}
