/* A school's recovery key: made at init, material sealed to it on the school's branch, opened at restore. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "crypto/textrec.h"
#include "ops/archive/recovery.h"
#include "sync/changeset.h"
#include "sync/directory.h"

#define MAGIC "RXRECOV1"
#define HEAD (8 + 64 + 32 + 4)
#define CHAIN_MAX 8192

int rx_archive_recovery_new(char text[static RX_RECOVERY_TEXT_MAX], rx_home *h,
	const char *school, rx_error *err)
{
	uint8_t *secret = sodium_malloc(32), pk[32], sk[32];
	rx_buf k = RX_BUF_INIT;
	int rc;

	if (!secret)
		return rx_error_nomem(err);
	randombytes_buf(secret, 32);
	rx_crypto_recovery_box(pk, sk, secret);
	sodium_memzero(sk, sizeof(sk));
	if ((rc = rx_crypto_recovery_format(text, school, secret, err)) == 0 &&
	    (rc = rx_textrec_b64_put(&k, pk, 32, err)) == 0)
		rc = rx_home_set(h, RX_RECOVERY_SETTING, (char *)k.data, err);
	rx_buf_free(&k);
	sodium_free(secret);
	return rc;
}

int rx_archive_recovery_pk(uint8_t pk[static 32], rx_home *h)
{
	char *v = rx_home_get(h, RX_RECOVERY_SETTING);
	int ok = v && rx_textrec_b64_get(pk, 32, v) == 0;

	free(v);
	return ok;
}

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
		(uint32_t)p[3] << 24;
}

/* The material's plaintext (see recovery.h). */
static int material(rx_buf *out, rx_archive *a, rx_error *err)
{
	rx_crypto_cert chain[4];
	const rx_epoch *give[RX_EPOCHS_MAX];
	rx_buf text = RX_BUF_INIT, g = RX_BUF_INIT;
	uint8_t len[4];
	size_t n;
	int rc;

	if ((rc = rx_directory_chain(a->h->db, a->h->node, chain, &n, err)) < 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = rx_crypto_cert_format(&text, &chain[i], err);
	for (size_t i = 0; i < a->ep->n; i++)
		give[i] = &a->ep->e[i];
	if (rc == 0)
		rc = rx_home_grant_encode(&g, give, a->ep->n, 0, err);
	put32(len, (uint32_t)text.len);
	if (rc == 0 && (rc = rx_buf_put(out, MAGIC, 8, err)) == 0 &&
	    (rc = rx_buf_put(out, a->s->sign_sk, 64, err)) == 0 &&
	    (rc = rx_buf_put(out, a->s->master, 32, err)) == 0 &&
	    (rc = rx_buf_put(out, len, 4, err)) == 0 &&
	    (rc = rx_buf_put(out, text.data, text.len, err)) == 0)
		rc = rx_buf_put(out, g.data, g.len, err);
	sodium_memzero(g.data, g.cap);
	rx_buf_free(&g);
	rx_buf_free(&text);
	return rc;
}

int rx_archive_recovery_seal(rx_archive *a, rx_error *err)
{
	rx_crypto_recipient r;
	rx_buf plain = RX_BUF_INIT;
	rx_cs_write w = { 0 };
	git_oid id;
	int rc;

	if (a->h->role != RX_ROLE_SCHOOL || !a->s->has_master ||
	    !rx_archive_recovery_pk(r.box_pk, a->h))
		return 0;
	if ((rc = material(&plain, a, err)) == 0) {
		w.author = a->h->node;
		w.sign_sk = a->s->sign_sk;
		w.kind = RX_CS_ARCHIVE;
		w.time = (int64_t)time(NULL);
		w.hlc_min = w.hlc_max = a->hlc; /* no op: no clock of its own */
		w.plain = plain.data, w.plain_len = plain.len;
		w.rcpt = &r, w.nrcpt = 1;
		rc = rx_sync_cs_create(&id, a->repo, &w, err);
	}
	sodium_memzero(plain.data, plain.cap);
	rx_buf_free(&plain);
	return rc;
}

/* The material, checked: the signing key is the school's the recovery key names. */
static int take_material(rx_recovered *r, const uint8_t *p, size_t len,
	const char *school, rx_error *err)
{
	uint8_t pk[32];
	char id[RX_NODE_ID_LEN + 1];
	size_t tl, used, off;

	if (len < HEAD || (tl = get32(p + 104)) > CHAIN_MAX || HEAD + tl > len)
		return rx_error_set(err, RX_ESECURITY, "malformed recovery material");
	crypto_sign_ed25519_sk_to_pk(pk, p + 8);
	rx_crypto_node_id(id, pk);
	if (strcmp(id, school) != 0)
		return rx_error_set(err, RX_ESECURITY, "recovery material of another school");
	memcpy(r->sign_sk, p + 8, 64);
	memcpy(r->master, p + 72, 32);
	r->n = 0;
	for (off = 0; off < tl; off += used) {
		if (r->n == 4 || rx_crypto_cert_parse(&r->chain[r->n], (const char *)p + HEAD + off,
			tl - off, &used, err) < 0 || !used)
			return rx_error_set(err, RX_ESECURITY, "malformed recovery material");
		r->n++;
	}
	if (r->n < 2 || strcmp(r->chain[0].node, school) ||
	    sodium_memcmp(r->chain[0].sign_pk, pk, 32) != 0)
		return rx_error_set(err, RX_ESECURITY, "recovery material without the school's chain");
	return 0;
}

typedef struct walk {
	rx_recovered *r;
	rx_epochs *ep;
	const char *school;
	uint8_t pk[32], sk[32];
	int found;
} walk;

/* One change-set of the school's branch: material, a grant, or neither. */
static int one(walk *w, git_repository *repo, const git_oid *oid, rx_error *err)
{
	rx_buf plain = RX_BUF_INIT;
	rx_cs cs;
	rx_error skip = { 0 };
	int added, rc = 0;

	if (rx_sync_cs_load(&cs, repo, oid, &skip) < 0)
		return 0; /* the sync that follows judges it */
	if (cs.meta.kind != RX_CS_ARCHIVE || strcmp(cs.meta.author, w->school) ||
	    !rx_sync_cs_sealed_to(&cs, w->pk) ||
	    rx_sync_cs_open(&plain, &cs, w->pk, w->sk, &skip) < 0)
		goto out;
	if (plain.len >= HEAD && !memcmp(plain.data, MAGIC, 8)) {
		size_t tl = get32(plain.data + 104);
		if ((rc = take_material(w->r, plain.data, plain.len, w->school, err)) == 0 &&
		    (rc = rx_sync_cs_check_sig(&cs, w->r->chain[0].sign_pk, err)) == 0 &&
		    (rc = rx_home_grant_take(w->ep, plain.data + HEAD + tl,
			plain.len - HEAD - tl, &added, err)) == 0)
			w->found = 1;
	} else if (w->found && (rc = rx_sync_cs_check_sig(&cs, w->r->chain[0].sign_pk,
		err)) == 0 &&
	    (rc = rx_home_grant_take(w->ep, plain.data, plain.len, &added, err)) == 0)
		w->r->grants++;
out:
	sodium_memzero(plain.data, plain.cap);
	rx_buf_free(&plain);
	rx_sync_cs_free(&cs);
	return rc;
}

int rx_archive_recovery_open(rx_recovered **out, rx_epochs *ep,
	git_repository *repo, const char *ref, const char *school,
	const uint8_t secret[static 32], rx_error *err)
{
	walk w = { 0 };
	git_revwalk *rw = NULL;
	git_oid id;
	int rc = 0;

	*out = NULL;
	if (!(w.r = sodium_malloc(sizeof(*w.r))))
		return rx_error_nomem(err);
	memset(w.r, 0, sizeof(*w.r));
	w.ep = ep, w.school = school;
	rx_crypto_recovery_box(w.pk, w.sk, secret);
	if (git_revwalk_new(&rw, repo) < 0) {
		rc = rx_sync_git_error(err, RX_EINTERNAL, "walking the school's branch");
		goto out;
	}
	git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	if (git_revwalk_push_ref(rw, ref) == 0)
		while (rc == 0 && git_revwalk_next(&id, rw) == 0)
			rc = one(&w, repo, &id, err);
	if (rc == 0 && !w.found)
		rc = rx_error_set(err, RX_ESECURITY, "恢复密钥打不开学校 %s 在此中心的恢复材料: "
			"密钥不对, 或中心没有本校的数据 (the recovery key opens no recovery "
			"material of school %s there: wrong key, or the hub holds none of it)",
			school, school);
out:
	git_revwalk_free(rw);
	sodium_memzero(w.sk, sizeof(w.sk));
	if (rc < 0)
		rx_archive_recovered_free(w.r);
	else
		*out = w.r;
	return rc;
}

void rx_archive_recovered_free(rx_recovered *r)
{
	if (r)
		sodium_free(r);
}
