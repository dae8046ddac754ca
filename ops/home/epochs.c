/* HOME/epochs: the epoch secrets this node holds, sealed under a key derived from its signing key. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "crypto/datakey.h"
#include "ops/home/epochs.h"
#include "ops/util/util.h"

#define HEAD 5 /* "RXEP" + version */
#define NONCE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG crypto_aead_xchacha20poly1305_ietf_ABYTES
#define ENTRY 36
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
