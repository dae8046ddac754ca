/* Blind indexes (keyed BLAKE2b) and at-rest encryption (XChaCha20-Poly1305) of the store. */
#include <errno.h>
#include <sodium.h>
#include <string.h>

#include "sync/storeint.h"

#define REST_KEY(st) ((st)->keys)
#define BLIND_KEY(st) ((st)->keys + RX_SYNC_STORE_KEY_BYTES)

/* BLAKE2b-128 under the blind key, with a personalisation per purpose. */
static void blind_hash(const rx_sync_store *st, uint8_t out[static 16],
	const char *purpose, const uint8_t *m, size_t len)
{
	uint8_t personal[crypto_generichash_blake2b_PERSONALBYTES] = { 0 };

	memcpy(personal, purpose, strlen(purpose));
	crypto_generichash_blake2b_salt_personal(out, RX_SYNC_RID_BYTES, m, len,
		BLIND_KEY(st), RX_SYNC_STORE_KEY_BYTES, NULL, personal);
}

void rx_sync_store_rid(const rx_sync_store *st, uint8_t rid[static 16],
	const char *kind, const char *id)
{
	uint8_t m[RX_SYNC_KIND_MAX + 1 + RX_SYNC_ID_MAX];
	size_t k = strlen(kind), n = strlen(id);

	memcpy(m, kind, k);
	m[k] = '\0';
	memcpy(m + k + 1, id, n);
	blind_hash(st, rid, "runxin-rid", m, k + 1 + n);
	sodium_memzero(m, sizeof(m));
}

void rx_sync_store_owner(const rx_sync_store *st, uint8_t out[static 16],
	const char *owner, size_t len)
{
	blind_hash(st, out, "runxin-owner", (const uint8_t *)owner, len);
}

void rx_sync_store_tie(const rx_sync_store *st, uint8_t out[static 16],
	const uint8_t rid[static 16], const char *field, const uint8_t *v,
	size_t len)
{
	crypto_generichash_blake2b_state h;
	uint8_t personal[crypto_generichash_blake2b_PERSONALBYTES] = "runxin-tie";

	crypto_generichash_blake2b_init_salt_personal(&h, BLIND_KEY(st),
		RX_SYNC_STORE_KEY_BYTES, RX_SYNC_RID_BYTES, NULL, personal);
	crypto_generichash_blake2b_update(&h, rid, RX_SYNC_RID_BYTES);
	crypto_generichash_blake2b_update(&h, (const uint8_t *)field,
		strlen(field) + 1);
	crypto_generichash_blake2b_update(&h, v, len);
	crypto_generichash_blake2b_final(&h, out, RX_SYNC_RID_BYTES);
	sodium_memzero(&h, sizeof(h));
}

int rx_sync_store_seal(const rx_sync_store *st, rx_buf *out,
	const uint8_t *m, size_t len, const uint8_t *ad, size_t adlen,
	rx_error *err)
{
	size_t npub = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
	unsigned long long clen;
	int rc;

	rx_buf_reset(out);
	if ((rc = rx_buf_reserve(out, npub + len +
	    crypto_aead_xchacha20poly1305_ietf_ABYTES, err)) < 0)
		return rc;
	randombytes_buf(out->data, npub);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out->data + npub, &clen,
		m, len, ad, adlen, NULL, out->data, REST_KEY(st));
	out->len = npub + (size_t)clen;
	return 0;
}

int rx_sync_store_unseal(const rx_sync_store *st, rx_buf *out,
	const uint8_t *c, size_t len, const uint8_t *ad, size_t adlen,
	rx_error *err)
{
	size_t npub = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
	size_t abytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
	unsigned long long mlen;
	int rc;

	rx_buf_reset(out);
	if (len < npub + abytes)
		return rx_error_set(err, RX_ESECURITY, "store: register too short");
	if ((rc = rx_buf_reserve(out, len - npub - abytes, err)) < 0)
		return rc;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(out->data, &mlen, NULL,
	    c + npub, len - npub, ad, adlen, c, REST_KEY(st)) != 0)
		return rx_error_set(err, RX_ESECURITY,
			"store: register fails authentication");
	out->len = (size_t)mlen;
	out->data[out->len] = '\0';
	return 0;
}

int rx_sync_db_error(rx_error *err, sqlite3 *db, const char *what, const char *msg)
{
	int e = sqlite3_system_errno(db);

	if (!msg)
		msg = sqlite3_errmsg(db);
	if ((sqlite3_errcode(db) & 0xff) == SQLITE_FULL || e == ENOSPC || e == EFBIG ||
	    rx_error_is_full(msg))
		return rx_error_set(err, RX_EINTERNAL, "disk full (磁盘已满): %s: %s (%s); "
			RX_ERROR_FULL_TODO, what, msg, strerror(e ? e : ENOSPC));
	return rx_error_set(err, RX_EINTERNAL, "%s: %s", what, msg);
}

int rx_sync_store_dberr(const rx_sync_store *st, rx_error *err)
{
	return rx_sync_db_error(err, st->db, "store", NULL);
}
