/* HOME/epochs: the epoch secrets this node holds, sealed under a key derived from its signing key. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "crypto/datakey.h"
#include "crypto/textrec.h"
#include "ops/home/epochs.h"
#include "ops/util/util.h"

#define HEAD 5 /* "RXEP" + version */
#define NONCE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG crypto_aead_xchacha20poly1305_ietf_ABYTES
#define ENTRY 36
#define GRANT_MAGIC "RXGRANT1"
#define GRANT_ENTRY 36
#define FILE_MAX (HEAD + NONCE + 4 + RX_EPOCHS_MAX * ENTRY + TAG)

static const uint8_t head[HEAD] = { 'R', 'X', 'E', 'P', 1 };

static void file_key(uint8_t k[32], const rx_secrets *s)
{
	/* the first 32 bytes of an Ed25519 secret key are its seed */
	crypto_kdf_derive_from_key(k, 32, 1, "rxepochs", s->sign_sk);
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8), p[2] = (uint8_t)(v >> 16),
	p[3] = (uint8_t)(v >> 24);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
		(uint32_t)p[3] << 24;
}

int rx_home_epochs_add(rx_epochs *ep, uint32_t n, const uint8_t secret[static 32],
	rx_error *err)
{
	rx_epoch *e;

	if (n == 0)
		return rx_error_set(err, RX_EINPUT, "epoch 0 is not a random epoch");
	for (size_t i = 0; i < ep->n; i++)
		if (ep->e[i].n == n)
			return 0;
	if (ep->n == RX_EPOCHS_MAX)
		return rx_error_set(err, RX_EINPUT, "too many key epochs held (%d)",
			RX_EPOCHS_MAX);
	e = &ep->e[ep->n++];
	e->n = n;
	memcpy(e->secret, secret, 32);
	rx_crypto_datakey_box(e->pk, e->sk, e->secret);
	return 1;
}

void rx_home_epochs_retire(rx_epochs *ep, uint32_t below)
{
	size_t k = 0;

	for (size_t i = 0; i < ep->n; i++)
		if (ep->e[i].n >= below)
			ep->e[k++] = ep->e[i];
	sodium_memzero(&ep->e[k], (ep->n - k) * sizeof(ep->e[0]));
	ep->n = k;
}

const rx_epoch *rx_home_epochs_current(const rx_epochs *ep)
{
	const rx_epoch *best = NULL;

	for (size_t i = 0; i < ep->n; i++)
		if (!best || ep->e[i].n > best->n)
			best = &ep->e[i];
	return best;
}

void rx_home_epochs_free(rx_epochs *ep)
{
	sodium_free(ep);
}

static int parse(rx_epochs *ep, const uint8_t *p, size_t n, rx_error *err)
{
	uint32_t c;

	if (n < 4 || (c = get32(p)) > RX_EPOCHS_MAX || n != 4 + (size_t)c * ENTRY)
		return rx_error_set(err, RX_ESECURITY, "epochs file is damaged");
	for (uint32_t i = 0; i < c; i++)
		if (rx_home_epochs_add(ep, get32(p + 4 + i * ENTRY),
			p + 8 + i * ENTRY, err) < 0)
			return rx_error_set(err, RX_ESECURITY, "epochs file is damaged");
	return 0;
}

int rx_home_epochs_load(rx_epochs **out, rx_home *h, const rx_secrets *s,
	rx_error *err)
{
	char *path = rx_ops_path_join(h->path, "epochs");
	rx_buf img = RX_BUF_INIT;
	uint8_t *k = sodium_malloc(32), *plain = sodium_malloc(FILE_MAX);
	unsigned long long pn = 0;
	rx_error e = { 0 };
	int rc = 0;

	if (!(*out = sodium_malloc(sizeof(**out))) || !path || !k || !plain) {
		rc = rx_error_nomem(err);
		goto out;
	}
	sodium_memzero(*out, sizeof(**out));
	if (s->has_master) {
		rx_crypto_datakey_box((*out)->pk0, (*out)->sk0, s->master);
		(*out)->has0 = 1;
	}
	if (access(path, F_OK) != 0)
		goto out; /* no epoch yet */
	if (rx_ops_file_read(&img, path, FILE_MAX, &e) < 0 ||
	    img.len < HEAD + NONCE + TAG || memcmp(img.data, head, HEAD) != 0) {
		rc = rx_error_set(err, RX_ESECURITY, "epochs file is damaged: %s",
			e.code ? e.msg : "bad header");
		goto out;
	}
	file_key(k, s);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain, &pn, NULL,
		img.data + HEAD + NONCE, img.len - HEAD - NONCE, head, HEAD,
		img.data + HEAD, k) != 0) {
		rc = rx_error_set(err, RX_ESECURITY,
			"epochs file was altered, or is not this node's");
		goto out;
	}
	rc = parse(*out, plain, (size_t)pn, err);
out:
	if (rc < 0 && *out) {
		sodium_free(*out);
		*out = NULL;
	}
	sodium_free(k);
	sodium_free(plain);
	rx_buf_free(&img);
	free(path);
	return rc;
}

int rx_home_epochs_save(rx_home *h, const rx_secrets *s, const rx_epochs *ep,
	rx_error *err)
{
	char *path = rx_ops_path_join(h->path, "epochs");
	uint8_t *k = sodium_malloc(32), *plain = sodium_malloc(FILE_MAX),
		*img = sodium_malloc(FILE_MAX);
	size_t pn = 4 + ep->n * ENTRY;
	unsigned long long cn = 0;
	int rc;

	if (!path || !k || !plain || !img) {
		rc = rx_error_nomem(err);
		goto out;
	}
	put32(plain, (uint32_t)ep->n);
	for (size_t i = 0; i < ep->n; i++) {
		put32(plain + 4 + i * ENTRY, ep->e[i].n);
		memcpy(plain + 8 + i * ENTRY, ep->e[i].secret, 32);
	}
	memcpy(img, head, HEAD);
	randombytes_buf(img + HEAD, NONCE);
	file_key(k, s);
	crypto_aead_xchacha20poly1305_ietf_encrypt(img + HEAD + NONCE, &cn, plain,
		pn, head, HEAD, NULL, img + HEAD, k);
	rc = rx_ops_file_write(path, img, HEAD + NONCE + (size_t)cn, err);
out:
	sodium_free(k);
	sodium_free(plain);
	sodium_free(img);
	free(path);
	return rc;
}

int rx_home_epochs_exist(rx_home *h)
{
	char *path = rx_ops_path_join(h->path, "epochs");
	int yes = path && access(path, F_OK) == 0;

	free(path);
	return yes;
}

/* Grant: "RXGRANT1", u32 count, count x (u32 epoch, 32-byte secret), u32 retire-below. */
int rx_home_grant_encode(rx_buf *out, const rx_epoch *const *e, size_t n,
	uint32_t retire, rx_error *err)
{
	uint8_t *p;
	int rc;

	rx_buf_reset(out);
	if ((rc = rx_buf_reserve(out, 16 + n * GRANT_ENTRY, err)) < 0)
		return rc;
	p = out->data;
	memcpy(p, GRANT_MAGIC, 8);
	put32(p + 8, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		put32(p + 12 + i * GRANT_ENTRY, e[i]->n);
		memcpy(p + 16 + i * GRANT_ENTRY, e[i]->secret, 32);
	}
	put32(p + 12 + n * GRANT_ENTRY, retire);
	out->len = 16 + n * GRANT_ENTRY;
	return 0;
}

/* Take a grant into ep; *added = epochs new to this node. */
int rx_home_grant_take(rx_epochs *ep, const uint8_t *p, size_t len, int *added,
	rx_error *err)
{
	uint32_t n, retire;
	int rc;

	*added = 0;
	if (len < 16 || memcmp(p, GRANT_MAGIC, 8) != 0 ||
	    (n = get32(p + 8)) > RX_EPOCHS_MAX || len != 16 + (size_t)n * GRANT_ENTRY)
		return rx_error_set(err, RX_ESECURITY, "malformed key-epoch grant");
	retire = get32(p + 12 + n * GRANT_ENTRY);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t e = get32(p + 12 + i * GRANT_ENTRY);
		if (e < retire)
			continue;
		if ((rc = rx_home_epochs_add(ep, e, p + 16 + i * GRANT_ENTRY, err)) < 0)
			return rx_error_set(err, RX_ESECURITY, "key-epoch grant: %s", err->msg);
		*added += rc;
	}
	if (retire) {
		*added += ep->has0;
		sodium_memzero(ep->sk0, 32);
		ep->has0 = 0;
		rx_home_epochs_retire(ep, retire);
	}
	return 0;
}


/* The signed text of a block: context, the device's box key, the sealed grant. */
static void block_msg(uint8_t *m, const uint8_t box_pk[32], const uint8_t *sealed,
	size_t n)
{
	memcpy(m, "runxin-epochs-v1", 16);
	memcpy(m + 16, box_pk, 32);
	memcpy(m + 48, sealed, n);
}

int rx_home_epochs_block(rx_buf *out, const rx_epochs *ep,
	const uint8_t sign_sk[static 64], const uint8_t box_pk[static 32],
	rx_error *err)
{
	const rx_epoch *give[RX_EPOCHS_MAX];
	rx_buf g = RX_BUF_INIT, b64 = RX_BUF_INIT;
	uint8_t *bin = NULL, *m = NULL;
	size_t n;
	int rc;

	for (size_t i = 0; i < ep->n; i++)
		give[i] = &ep->e[i];
	if ((rc = rx_home_grant_encode(&g, give, ep->n, 0, err)) < 0)
		goto out;
	n = g.len + crypto_box_SEALBYTES;
	if (!(bin = malloc(64 + n)) || !(m = malloc(48 + n))) {
		rc = rx_error_nomem(err);
		goto out;
	}
	crypto_box_seal(bin + 64, g.data, g.len, box_pk);
	block_msg(m, box_pk, bin + 64, n);
	crypto_sign_detached(bin, NULL, m, 48 + n, sign_sk);
	if ((rc = rx_textrec_b64_put(&b64, bin, 64 + n, err)) == 0 &&
	    (rc = rx_buf_puts(out, RX_EPOCHS_BEGIN "\n", err)) == 0 &&
	    (rc = rx_buf_put(out, b64.data, b64.len, err)) == 0)
		rc = rx_buf_puts(out, "\n" RX_EPOCHS_END "\n", err);
out:
	sodium_memzero(g.data, g.cap);
	rx_buf_free(&g);
	rx_buf_free(&b64);
	free(bin);
	free(m);
	return rc;
}

int rx_home_epochs_join(rx_home *h, const rx_home_opts *o, const char *text,
	size_t len, const uint8_t school_sign_pk[static 32], rx_error *err)
{
	size_t bl = strlen(RX_EPOCHS_BEGIN), el = strlen(RX_EPOCHS_END), n = 0;
	uint8_t *bin = malloc(len), *m = malloc(len + 48), own_pk[32];
	uint8_t *plain = sodium_malloc(len + 1);
	rx_secrets *s = NULL;
	rx_epochs *ep = NULL;
	int added, rc;

	if (!bin || !m || !plain) {
		rc = rx_error_nomem(err);
		goto out;
	}
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--;
	if (len < bl + el + 2 || memcmp(text, RX_EPOCHS_BEGIN "\n", bl + 1) ||
	    memcmp(text + len - el, RX_EPOCHS_END, el) || text[len - el - 1] != '\n' ||
	    sodium_base642bin(bin, len, text + bl + 1, len - bl - el - 2, NULL, &n,
		NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    n < 64 + crypto_box_SEALBYTES) {
		rc = rx_error_set(err, RX_ESECURITY, "the bundle's key epochs are damaged");
		goto out;
	}
	if ((rc = rx_home_unlock(&s, h, o, err)) < 0 ||
	    (rc = rx_home_epochs_load(&ep, h, s, err)) < 0)
		goto out;
	crypto_scalarmult_base(own_pk, s->box_sk);
	block_msg(m, own_pk, bin + 64, n - 64);
	if (crypto_sign_verify_detached(bin, m, 48 + n - 64, school_sign_pk) != 0 ||
	    crypto_box_seal_open(plain, bin + 64, n - 64, own_pk, s->box_sk) != 0) {
		rc = rx_error_set(err, RX_ESECURITY,
			"the bundle's key epochs are not signed by the school for this node");
		goto out;
	}
	if ((rc = rx_home_grant_take(ep, plain, n - 64 - crypto_box_SEALBYTES, &added,
		err)) == 0)
		rc = rx_home_epochs_save(h, s, ep, err);
out:
	rx_home_epochs_free(ep);
	rx_home_secrets_free(s);
	sodium_free(plain);
	free(bin);
	free(m);
	return rc;
}
