/* Joining: check an enrolment bundle made for this node, take its data key, install its chain. */
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "crypto/bundle.h"
#include "crypto/datakey.h"
#include "crypto/textrec.h"
#include "sync/directory.h"
#include "ops/home/home.h"

/* Compare fingerprints ignoring spaces and dashes, as read over a phone. */
static int same_fingerprint(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '-')
			a++;
		while (*b == ' ' || *b == '-')
			b++;
		if (*a != *b)
			return 0;
		if (!*a)
			return 1;
		a++, b++;
	}
}

static int check_bundle(rx_home *h, const rx_crypto_bundle *b,
	const char *expect_fp, rx_error *err)
{
	const rx_crypto_cert *root = &b->chain[b->n - 1];
	rx_crypto_request self;
	uint8_t have[32];
	char fp[30];
	rx_error none = { 0 };
	int rc;

	if ((rc = rx_directory_self(h->db, &self, err)) < 0)
		return rc;
	if (b->n < 2)
		return rx_error_set(err, RX_ESECURITY,
			"a bundle holds the node's certificate and its parent's chain");
	if (strcmp(b->chain[0].node, self.node) != 0 ||
	    sodium_memcmp(b->chain[0].sign_pk, self.sign_pk, 32) != 0 ||
	    sodium_memcmp(b->chain[0].box_pk, self.box_pk, 32) != 0)
		return rx_error_set(err, RX_ESECURITY,
			"this bundle is for node %s, not for this node (%s)",
			b->chain[0].node, self.node);
	rx_crypto_fingerprint(fp, root->sign_pk);
	if (expect_fp && !same_fingerprint(fp, expect_fp))
		return rx_error_set(err, RX_ESECURITY,
			"the bundle's root fingerprint is %s, not the one given", fp);
	if (rx_directory_root_key(h->db, have, &none) == 0 &&
	    sodium_memcmp(have, root->sign_pk, 32) != 0)
		return rx_error_set(err, RX_ESECURITY,
			"the bundle's root is not the root this node already trusts");
	if (self.role == RX_ROLE_DEVICE && !b->has_datakey)
		return rx_error_set(err, RX_ESECURITY,
			"a device bundle must carry the school's data key");
	return rx_crypto_chain_verify(b->chain, b->n, root->sign_pk,
		(int64_t)time(NULL), NULL, 0, err);
}

/* A device takes its school's master key; it must derive the school's box key. */
static int take_datakey(rx_home *h, const rx_home_opts *o,
	const rx_crypto_bundle *b, rx_error *err)
{
	rx_secrets *s = NULL;
	char *pass = NULL;
	size_t passlen = 0;
	uint8_t pk[32], sk[32], own_pk[32];
	int rc;

	if ((rc = rx_home_unlock_pass(&s, &pass, &passlen, h, o, err)) < 0)
		return rc;
	crypto_scalarmult_base(own_pk, s->box_sk);
	if ((rc = rx_crypto_master_open(s->master, b->sealed_master, own_pk,
		s->box_sk, err)) < 0)
		goto out;
	rx_crypto_datakey_box(pk, sk, s->master);
	if (sodium_memcmp(pk, b->chain[1].box_pk, 32) != 0) {
		rc = rx_error_set(err, RX_ESECURITY,
			"the data key in the bundle is not the school's");
		goto out;
	}
	s->has_master = 1;
	rc = rx_home_keystore_write(h, s, pass, passlen, err);
out:
	sodium_memzero(sk, sizeof(sk));
	rx_home_passphrase_free(pass, passlen);
	rx_home_secrets_free(s);
	return rc;
}

static int install(rx_home *h, const rx_crypto_bundle *b, rx_error *err)
{
	rx_buf k = RX_BUF_INIT;
	int rc;

	if ((rc = rx_home_exec(h, "BEGIN", err)) < 0)
		return rc;
	for (size_t i = 0; i < b->n && rc == 0; i++)
		rc = rx_directory_put_cert(h->db, &b->chain[i], err);
	if (rc == 0 && (rc = rx_textrec_b64_put(&k, b->chain[b->n - 1].sign_pk,
		32, err)) == 0 &&
	    (rc = rx_home_set(h, "root.sign-key", (char *)k.data, err)) == 0)
		rc = rx_home_set(h, "self.parent", b->chain[1].node, err);
	rx_buf_free(&k);
	if (rc < 0) {
		rx_home_exec(h, "ROLLBACK", NULL);
		return rc;
	}
	return rx_home_exec(h, "COMMIT", err);
}

int rx_home_bundle_join(rx_home *h, const rx_home_opts *o,
	const rx_crypto_bundle *b, const char *expect_fp, rx_error *err)
{
	int rc;

	if ((rc = check_bundle(h, b, expect_fp, err)) < 0 ||
	    (b->has_datakey && (rc = take_datakey(h, o, b, err)) < 0))
		return rc;
	return install(h, b, err);
}
