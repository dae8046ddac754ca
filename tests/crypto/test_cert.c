/* Requests, certificates, revocations and chains: round trips and refusals. */
#include <sodium.h>

#include "crypto/cert.h"
#include "tests/harness.h"

#define NOW 1795000000 /* 2026-11 */

typedef struct key { uint8_t pk[32], sk[64], bpk[32], bsk[32]; } key;

static void keygen(key *k)
{
	crypto_sign_keypair(k->pk, k->sk);
	crypto_box_keypair(k->bpk, k->bsk);
}

static void make_cert(rx_crypto_cert *c, const key *k, rx_role role,
	const char *name, const rx_crypto_cert *parent, const key *pk)
{
	rx_error err = { 0 };

	memset(c, 0, sizeof(*c));
	rx_crypto_node_id(c->node, k->pk);
	c->role = role;
	snprintf(c->name, sizeof(c->name), "%s", name);
	strcpy(c->parent, parent ? parent->node : c->node);
	memcpy(c->sign_pk, k->pk, 32);
	memcpy(c->box_pk, k->bpk, 32);
	c->not_before = NOW - 100;
	c->not_after = NOW + 86400 * 365;
	CHECK_EQ(rx_crypto_cert_sign(c, parent ? pk->sk : k->sk, &err), 0);
}

static key kc, kt, ks, kd, kx;
static rx_crypto_cert chain[4]; /* device, school, county, city */

static void setup(void)
{
	keygen(&kc), keygen(&kt), keygen(&ks), keygen(&kd), keygen(&kx);
	make_cert(&chain[3], &kc, RX_ROLE_CITY, "扬州市", NULL, NULL);
	make_cert(&chain[2], &kt, RX_ROLE_COUNTY, "宝应县", &chain[3], &kc);
	make_cert(&chain[1], &ks, RX_ROLE_SCHOOL, "城关中学", &chain[2], &kt);
	make_cert(&chain[0], &kd, RX_ROLE_DEVICE, "心理室电脑", &chain[1], &ks);
}

static void test_chain_ok_and_roundtrip(void)
{
	rx_error err = { 0 };
	rx_buf b = RX_BUF_INIT;
	rx_crypto_cert back;
	size_t used = 0;

	CHECK_EQ(rx_crypto_chain_verify(chain, 4, kc.pk, NOW, NULL, 0, &err), 0);
	CHECK_EQ(rx_crypto_chain_verify(chain + 1, 3, kc.pk, NOW, NULL, 0, &err), 0);
	CHECK_EQ(rx_crypto_cert_format(&b, &chain[1], &err), 0);
	CHECK_EQ(rx_crypto_cert_parse(&back, (char *)b.data, b.len, &used, &err), 0);
	CHECK_EQ(used, b.len);
	CHECK(memcmp(&back, &chain[1], sizeof(back)) == 0);
	CHECK_STR(back.name, "城关中学");
	rx_buf_free(&b);
}

static void expect_refused(const rx_crypto_cert *c, size_t n,
	const rx_crypto_revocation *revs, size_t nrevs, const char *what)
{
	rx_error err = { 0 };

	CHECK_EQ(rx_crypto_chain_verify(c, n, kc.pk, NOW, revs, nrevs, &err),
		RX_ESECURITY);
	if (!strstr(err.msg, what))
		fprintf(stderr, "  message was: %s (wanted '%s')\n", err.msg, what);
	CHECK(strstr(err.msg, what) != NULL);
}

static void test_chain_refusals(void)
{
	rx_crypto_cert c[4];
	rx_error err = { 0 };

	memcpy(c, chain, sizeof(c));
	strcpy(c[0].name, "另一台电脑");               /* tampered after signing */
	expect_refused(c, 4, NULL, 0, "bad signature");
	memcpy(c, chain, sizeof(c));
	make_cert(&c[0], &kd, RX_ROLE_DEVICE, "x", &chain[2], &kt); /* wrong parent */
	expect_refused(c, 4, NULL, 0, "names parent");
	memcpy(c, chain, sizeof(c));
	make_cert(&c[1], &ks, RX_ROLE_SCHOOL, "城关中学", &chain[3], &kc);
	c[2] = chain[3];
	expect_refused(c + 1, 2, NULL, 0, "cannot be enrolled"); /* city -> school */
	memcpy(c, chain, sizeof(c));
	make_cert(&c[0], &kd, RX_ROLE_DEVICE, "x", &chain[1], &ks);
	c[0].not_after = NOW - 1;
	CHECK_EQ(rx_crypto_cert_sign(&c[0], ks.sk, &err), 0);
	expect_refused(c, 4, NULL, 0, "not valid now");         /* expired */
	memcpy(c, chain, sizeof(c));
	make_cert(&c[0], &kd, RX_ROLE_DEVICE, "x", &chain[1], &kx); /* forged */
	expect_refused(c, 4, NULL, 0, "bad signature");
	CHECK_EQ(rx_crypto_chain_verify(chain, 4, kx.pk, NOW, NULL, 0, &err),
		RX_ESECURITY);                                     /* other root */
	memcpy(c, chain, sizeof(c));
	c[0].sign_pk[0] ^= 1;                                     /* id/key mismatch */
	expect_refused(c, 4, NULL, 0, "does not match");
}

static void test_revocation(void)
{
	rx_crypto_revocation r = { 0 }, back, forged;
	rx_error err = { 0 };
	rx_buf b = RX_BUF_INIT;
	size_t used;

	strcpy(r.node, chain[0].node);
	strcpy(r.by, chain[1].node);
	r.time = NOW - 10;
	strcpy(r.reason, "笔记本电脑丢失");
	CHECK_EQ(rx_crypto_revocation_sign(&r, ks.sk, &err), 0);
	CHECK_EQ(rx_crypto_revocation_format(&b, &r, &err), 0);
	CHECK_EQ(rx_crypto_revocation_parse(&back, (char *)b.data, b.len, &used, &err), 0);
	CHECK(memcmp(&back, &r, sizeof(r)) == 0);
	expect_refused(chain, 4, &back, 1, "revoked");
	/* before the revocation time the device was still good */
	CHECK_EQ(rx_crypto_chain_verify(chain, 4, kc.pk, NOW - 20, &back, 1, &err), 0);
	/* the school's chain is not affected */
	CHECK_EQ(rx_crypto_chain_verify(chain + 1, 3, kc.pk, NOW, &back, 1, &err), 0);
	/* a revocation signed by a non-ancestor revokes nothing */
	forged = r;
	rx_crypto_node_id(forged.by, kx.pk);
	CHECK_EQ(rx_crypto_revocation_sign(&forged, kx.sk, &err), 0);
	CHECK_EQ(rx_crypto_chain_verify(chain, 4, kc.pk, NOW, &forged, 1, &err), 0);
	/* an ancestor's id with a forged signature revokes nothing either */
	forged = r;
	forged.sig[5] ^= 1;
	CHECK_EQ(rx_crypto_chain_verify(chain, 4, kc.pk, NOW, &forged, 1, &err), 0);
	/* altered text refused by parse+check */
	b.data[b.len - 10] ^= 1;
	rx_error_clear(&err);
	if (rx_crypto_revocation_parse(&back, (char *)b.data, b.len, &used, &err) == 0)
		CHECK_EQ(rx_crypto_revocation_check_sig(&back, ks.pk, &err), RX_ESECURITY);
	rx_buf_free(&b);
}

/* Change-sets of a revoked node count up to its cut, whatever time they claim. */
static void test_cut(void)
{
	rx_crypto_revocation r = { 0 }, forged, above = { 0 }, back;
	rx_error err = { 0 };
	rx_buf b = RX_BUF_INIT;
	const char *c7 = "7777777777777777777777777777777777777777";
	size_t used;

	strcpy(r.node, chain[0].node);
	strcpy(r.by, chain[1].node);
	r.time = NOW;
	r.cut[RX_CUT_NODES].seq = 7;
	strcpy(r.cut[RX_CUT_NODES].commit, c7);
	strcpy(r.reason, "丢失");
	CHECK_EQ(rx_crypto_revocation_sign(&r, ks.sk, &err), 0);
	CHECK_EQ(rx_crypto_cut_check(chain, 4, RX_CUT_NODES, 6, "x", &r, 1, &err), 0);
	CHECK_EQ(rx_crypto_cut_check(chain, 4, RX_CUT_NODES, 7, c7, &r, 1, &err), 0);
	CHECK_EQ(rx_crypto_cut_check(chain, 4, RX_CUT_NODES, 8, c7, &r, 1, &err), RX_ESECURITY);
	CHECK(strstr(err.msg, "revoked") != NULL);
	/* #7 must be the very change-set the revocation keeps */
	CHECK_EQ(rx_crypto_cut_check(chain, 4, RX_CUT_NODES, 7,
		"8888888888888888888888888888888888888888", &r, 1, &err), RX_ESECURITY);
	/* a branch it had none of at the cut: nothing counts */
	CHECK_EQ(rx_crypto_cut_check(chain, 4, RX_CUT_DIR, 1, "x", &r, 1, &err), RX_ESECURITY);
	/* forged or by a non-ancestor: no cut */
	forged = r;
	forged.sig[3] ^= 1;
	CHECK_EQ(rx_crypto_cut_check(chain, 4, RX_CUT_NODES, 99, "x", &forged, 1, &err), 0);
	forged = r;
	rx_crypto_node_id(forged.by, kx.pk);
	CHECK_EQ(rx_crypto_revocation_sign(&forged, kx.sk, &err), 0);
	CHECK_EQ(rx_crypto_cut_check(chain, 4, RX_CUT_NODES, 99, "x", &forged, 1, &err), 0);
	/* a node may not lift or set its own cut */
	forged = r;
	strcpy(forged.by, chain[0].node);
	CHECK_EQ(rx_crypto_revocation_sign(&forged, kd.sk, &err), 0);
	CHECK_EQ(rx_crypto_cut_check(chain, 4, RX_CUT_NODES, 99, "x", &forged, 1, &err), 0);
	/* the school revoked (not naming the device): the device's change-sets no longer count */
	strcpy(above.node, chain[1].node);
	strcpy(above.by, chain[2].node);
	above.time = NOW;
	strcpy(above.reason, "x");
	CHECK_EQ(rx_crypto_revocation_sign(&above, kt.sk, &err), 0);
	CHECK_EQ(rx_crypto_cut_check(chain, 4, RX_CUT_NODES, 1, "x", &above, 1, &err), RX_ESECURITY);
	/* round trip; a non-canonical cut line is refused */
	CHECK_EQ(rx_crypto_revocation_format(&b, &r, &err), 0);
	CHECK_EQ(rx_crypto_revocation_parse(&back, (char *)b.data, b.len, &used, &err), 0);
	CHECK(memcmp(&back, &r, sizeof(r)) == 0);
	{
		char *p = strstr((char *)b.data, "nodes=7@");
		REQUIRE(p != NULL);
		p[6] = '+'; /* nodes=+@... */
		CHECK_EQ(rx_crypto_revocation_parse(&back, (char *)b.data, b.len, &used, &err),
			RX_ESECURITY);
	}
	rx_buf_free(&b);
}

static void test_request(void)
{
	rx_crypto_request q = { 0 }, back;
	rx_error err = { 0 };
	rx_buf b = RX_BUF_INIT;

	rx_crypto_node_id(q.node, ks.pk);
	q.role = RX_ROLE_SCHOOL;
	strcpy(q.name, "城关中学");
	memcpy(q.sign_pk, ks.pk, 32);
	memcpy(q.box_pk, ks.bpk, 32);
	CHECK_EQ(rx_crypto_request_format(&b, &q, ks.sk, &err), 0);
	CHECK_EQ(rx_crypto_request_parse(&back, (char *)b.data, b.len, &err), 0);
	CHECK(memcmp(&back, &q, sizeof(q)) == 0);
	/* CRLF from an e-mail client still parses */
	{
		rx_buf crlf = RX_BUF_INIT;
		for (size_t i = 0; i < b.len; i++) {
			if (b.data[i] == '\n')
				rx_buf_put(&crlf, "\r", 1, &err);
			rx_buf_put(&crlf, &b.data[i], 1, &err);
		}
		CHECK_EQ(rx_crypto_request_parse(&back, (char *)crlf.data, crlf.len, &err), 0);
		rx_buf_free(&crlf);
	}
	/* every truncation and a flip in each line is refused */
	for (size_t n = 0; n + 30 < b.len; n++) {
		rx_error e = { 0 };
		CHECK(rx_crypto_request_parse(&back, (char *)b.data, n, &e) < 0);
	}
	for (size_t i = 40; i + 30 < b.len; i += 7) {
		rx_error e = { 0 };
		b.data[i] ^= 0x01;
		CHECK(rx_crypto_request_parse(&back, (char *)b.data, b.len, &e) < 0);
		b.data[i] ^= 0x01;
	}
	rx_buf_free(&b);
}

static void test_small_pieces(void)
{
	char fp[30], t[21];
	int64_t x;
	uint64_t id;

	rx_crypto_fingerprint(fp, kc.pk);
	CHECK_EQ(strlen(fp), 29);
	CHECK_EQ(rx_crypto_time_parse(&x, "2026-11-23T14:00:00Z"), 0);
	rx_crypto_time_format(t, x);
	CHECK_STR(t, "2026-11-23T14:00:00Z");
	CHECK(rx_crypto_time_parse(&x, "2026-02-30T14:00:00Z") < 0);
	CHECK(rx_crypto_utf8_valid("城关", 6, 1));
	CHECK(!rx_crypto_utf8_valid("\xc0\xaf", 2, 0));       /* overlong */
	CHECK(!rx_crypto_utf8_valid("\xed\xa0\x80", 3, 0));   /* surrogate */
	CHECK(!rx_crypto_utf8_valid("a\nb", 3, 1));
	CHECK(!rx_crypto_utf8_valid("\xe5\x9f", 2, 0));       /* truncated */
	/* spoofing: C1 controls, bidi overrides and isolates, zero-width marks */
	static const char *const spoof[] = { "\xc2\x85", "\xc2\x9b", "\xe2\x80\xae",
		"\xe2\x80\xab", "\xe2\x81\xa6", "\xe2\x81\xa9", "\xe2\x80\x8f",
		"\xd8\x9c", "\xe2\x80\x8b", "\xe2\x80\x8d", "\xe2\x81\xa0",
		"\xef\xbb\xbf", "\x1b" };
	for (size_t i = 0; i < sizeof(spoof) / sizeof(spoof[0]); i++) {
		char name[32];
		snprintf(name, sizeof(name), "城关%s中学", spoof[i]);
		CHECK(rx_crypto_text_spoofed(name, strlen(name)));
		CHECK(!rx_crypto_utf8_valid(name, strlen(name), 1));
		CHECK(!rx_crypto_utf8_valid(name, strlen(name), 0));
	}
	CHECK(!rx_crypto_text_spoofed("城关中学 (初中部)·一班", strlen("城关中学 (初中部)·一班")));
	CHECK(!rx_crypto_text_spoofed("a\nb\tc", 5));
	CHECK_EQ(rx_crypto_node_id_u64(&id, "00000000000000ff"), 0);
	CHECK_EQ(id, 255);
	CHECK(rx_crypto_node_id_u64(&id, "00000000000000fG") < 0);
	CHECK_EQ(rx_crypto_role_parse("school"), RX_ROLE_SCHOOL);
	CHECK_EQ(rx_crypto_role_parse("mayor"), RX_ROLE_NONE);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	setup();
	RUN(test_chain_ok_and_roundtrip);
	RUN(test_chain_refusals);
	RUN(test_revocation);
	RUN(test_cut);
	RUN(test_request);
	RUN(test_small_pieces);
	return rx_test_done();
}
