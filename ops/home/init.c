/* A new node's identity: its keys, its enrolment request and, for a city, the root certificate. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "crypto/datakey.h"
#include "crypto/textrec.h"
#include "sync/directory.h"
#include "ops/home/home.h"
#include "ops/home/epochs.h"

#define ROOT_YEARS 20

static void make_keys(rx_secrets *s, uint8_t sign_pk[32], uint8_t box_pk[32],
	rx_role role)
{
	crypto_sign_keypair(sign_pk, s->sign_sk);
	if (role == RX_ROLE_DEVICE) {
		/* a device receives its school's master key when it joins */
		crypto_box_keypair(box_pk, s->box_sk);
		return;
	}
	randombytes_buf(s->master, 32);
	s->has_master = 1;
	rx_crypto_datakey_box(box_pk, s->box_sk, s->master);
}

static int save_identity(rx_home *h, const rx_crypto_request *q,
	const rx_secrets *s, rx_error *err)
{
	rx_buf req = RX_BUF_INIT, k = RX_BUF_INIT;
	int rc;

	if ((rc = rx_crypto_request_format(&req, q, s->sign_sk, err)) < 0 ||
	    (rc = rx_home_set(h, "self.node", q->node, err)) < 0 ||
	    (rc = rx_home_set(h, "self.role", rx_crypto_role_name(q->role), err)) < 0 ||
	    (rc = rx_home_set(h, "self.name", q->name, err)) < 0 ||
	    (rc = rx_home_set(h, "self.request", (char *)req.data, err)) < 0 ||
	    (rc = rx_textrec_b64_put(&k, q->sign_pk, 32, err)) < 0)
		goto out;
	rc = rx_home_set(h, "self.sign-key", (char *)k.data, err);
out:
	rx_buf_free(&req);
	rx_buf_free(&k);
	return rc;
}

static int make_root(rx_home *h, const rx_crypto_request *q,
	const rx_secrets *s, rx_error *err)
{
	rx_crypto_cert c = { 0 };
	rx_buf k = RX_BUF_INIT;
	int rc;

	memcpy(c.node, q->node, sizeof(c.node));
	memcpy(c.parent, q->node, sizeof(c.parent));
	c.role = RX_ROLE_CITY;
	memcpy(c.name, q->name, sizeof(c.name));
	memcpy(c.sign_pk, q->sign_pk, 32);
	memcpy(c.box_pk, q->box_pk, 32);
	c.not_before = (int64_t)time(NULL) - 300;
	c.not_after = c.not_before + (int64_t)ROOT_YEARS * 365 * 86400;
	if ((rc = rx_crypto_cert_sign(&c, s->sign_sk, err)) < 0 ||
	    (rc = rx_directory_put_cert(h->db, &c, err)) < 0 ||
	    (rc = rx_textrec_b64_put(&k, q->sign_pk, 32, err)) < 0)
		goto out;
	rc = rx_home_set(h, "root.sign-key", (char *)k.data, err);
out:
	rx_buf_free(&k);
	return rc;
}

/* A school's archive is sealed to epoch 1 from the start, never to its master (docs/lifecycle.md). */
static int first_epoch(rx_home *h, const rx_secrets *s, rx_error *err)
{
	rx_epochs *ep = NULL;
	uint8_t *secret = sodium_malloc(32);
	int rc;

	if (!secret)
		return rx_error_nomem(err);
	randombytes_buf(secret, 32);
	if ((rc = rx_home_epochs_load(&ep, h, s, err)) == 0 &&
	    (rc = rx_home_epochs_add(ep, 1, secret, err)) >= 0)
		rc = rx_home_epochs_save(h, s, ep, err);
	rx_home_epochs_free(ep);
	sodium_free(secret);
	return rc;
}

int rx_home_identity_init(rx_crypto_request *self, rx_home *h,
	const rx_home_opts *o, rx_role role, const char *name, rx_error *err)
{
	rx_crypto_request q = { 0 };
	rx_secrets *s = NULL;
	char *pass = NULL;
	size_t passlen = 0;
	int rc;

	if ((rc = rx_home_secrets_new(&s, err)) < 0)
		return rc;
	make_keys(s, q.sign_pk, q.box_pk, role);
	rx_crypto_node_id(q.node, q.sign_pk);
	q.role = role;
	if (name)
		snprintf(q.name, sizeof(q.name), "%s", name);
	else
		snprintf(q.name, sizeof(q.name), "%s %.6s", rx_crypto_role_name(role), q.node);
	if ((rc = rx_home_passphrase(&pass, &passlen, o, 1, err)) < 0 ||
	    (rc = rx_home_exec(h, "BEGIN", err)) < 0)
		goto out;
	if ((rc = save_identity(h, &q, s, err)) < 0 ||
	    (role == RX_ROLE_CITY && (rc = make_root(h, &q, s, err)) < 0) ||
	    (rc = rx_home_keystore_write(h, s, pass, passlen, err)) < 0) {
		rx_home_exec(h, "ROLLBACK", NULL);
		goto out;
	}
	if ((rc = rx_home_exec(h, "COMMIT", err)) < 0 ||
	    (role == RX_ROLE_SCHOOL && (rc = first_epoch(h, s, err)) < 0))
		goto out;
	*self = q;
out:
	rx_home_passphrase_free(pass, passlen);
	rx_home_secrets_free(s);
	return rc;
}
