/* Enrolment: a parent certifies a child's request, records and publishes the certificate, and makes the bundle. */
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "crypto/bundle.h"
#include "sync/directory.h"
#include "sync/dirsync.h"
#include "ops/home/home.h"
#include "ops/home/epochs.h"

static int make_bundle(rx_crypto_bundle *b, rx_home *h, const rx_secrets *s,
	const rx_crypto_request *q, int days, rx_error *err)
{
	rx_crypto_cert *c = &b->chain[0], up[4];
	int64_t now = (int64_t)time(NULL);
	size_t n;
	int rc;

	memset(b, 0, sizeof(*b));
	if ((rc = rx_directory_chain(h->db, h->node, up, &n, err)) < 0)
		return rc;
	if (n > 3)
		return rx_error_set(err, RX_ESECURITY, "a %s cannot enrol anyone",
			rx_crypto_role_name(h->role));
	memcpy(b->chain + 1, up, n * sizeof(up[0]));
	b->n = n + 1;
	memcpy(c->node, q->node, sizeof(c->node));
	memcpy(c->parent, h->node, sizeof(c->parent));
	c->role = q->role;
	memcpy(c->name, q->name, sizeof(c->name));
	memcpy(c->sign_pk, q->sign_pk, 32);
	memcpy(c->box_pk, q->box_pk, 32);
	c->not_before = now - 300; /* tolerate a child's clock a little behind */
	c->not_after = now + (int64_t)days * 86400;
	if (c->not_after > b->chain[1].not_after)
		c->not_after = b->chain[1].not_after;
	if ((rc = rx_crypto_cert_sign(c, s->sign_sk, err)) < 0)
		return rc;
	if (q->role == RX_ROLE_DEVICE) {
		if (!s->has_master)
			return rx_error_set(err, RX_EINTERNAL, "this school holds no data key");
		if ((rc = rx_crypto_master_seal(b->sealed_master, s->master,
			q->box_pk, err)) < 0)
			return rc;
		b->has_datakey = 1;
	}
	return 0;
}

int rx_home_publish_cert(rx_home *h, const char *author, const uint8_t sign_sk[static 64],
	const rx_crypto_cert *c, rx_error *err)
{
	git_repository *repo = NULL;
	rx_buf text = RX_BUF_INIT;
	int rc;

	if ((rc = rx_home_repo(&repo, h, err)) == 0 &&
	    (rc = rx_crypto_cert_format(&text, c, err)) == 0)
		rc = rx_sync_dir_publish(repo, author, sign_sk, (char *)text.data, text.len, err);
	rx_buf_free(&text);
	git_repository_free(repo);
	return rc;
}

/* A device's bundle carries the school's key epochs, sealed to it (docs/lifecycle.md). */
static int epochs_block(rx_buf *bundle, rx_home *h, const rx_secrets *s,
	const rx_crypto_request *q, rx_error *err)
{
	rx_epochs *ep = NULL;
	int rc;

	if ((rc = rx_home_epochs_load(&ep, h, s, err)) == 0 && ep->n)
		rc = rx_home_epochs_block(bundle, ep, s->sign_sk, q->box_pk, err);
	rx_home_epochs_free(ep);
	return rc;
}

int rx_home_child_enrol(rx_buf *bundle, rx_home *h, const rx_home_opts *o,
	const rx_crypto_request *q, int days, rx_error *err)
{
	rx_crypto_bundle b;
	rx_secrets *s = NULL;
	int rc;

	if (q->role != h->role + 1)
		return rx_error_set(err, RX_ESECURITY, "a %s cannot enrol a %s "
			"(city enrols counties, county schools, school devices)",
			rx_crypto_role_name(h->role), rx_crypto_role_name(q->role));
	if ((rc = rx_directory_verify(h->db, h->node, (int64_t)time(NULL), err)) < 0 ||
	    (rc = rx_home_unlock(&s, h, o, err)) < 0 ||
	    (rc = make_bundle(&b, h, s, q, days, err)) < 0 ||
	    (rc = rx_crypto_bundle_format(bundle, &b, s->sign_sk, err)) < 0 ||
	    (rc = rx_directory_put_cert(h->db, &b.chain[0], err)) < 0)
		goto out;
	if ((rc = rx_home_publish_cert(h, h->node, s->sign_sk, &b.chain[0], err)) == 0 && q->role == RX_ROLE_DEVICE)
		rc = epochs_block(bundle, h, s, q, err);
out:
	sodium_memzero(&b, sizeof(b));
	rx_home_secrets_free(s);
	return rc;
}
