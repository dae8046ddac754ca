/* Key epochs of the archive: rotate, grant an epoch to devices, take a grant (docs/lifecycle.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "ops/archive/archive.h"
#include "ops/home/epochs.h"
#include "ops/archive/recovery.h"
#include "sync/changeset.h"
#include "sync/directory.h"


int rx_archive_epoch_key(const rx_archive *a, const rx_cs *cs,
	const uint8_t **pk, const uint8_t **sk)
{
	for (size_t i = a->ep->n; i-- > 0;)
		if (rx_sync_cs_sealed_to(cs, a->ep->e[i].pk)) {
			*pk = a->ep->e[i].pk, *sk = a->ep->e[i].sk;
			return 1;
		}
	if (a->ep->has0 && rx_sync_cs_sealed_to(cs, a->ep->pk0)) {
		*pk = a->ep->pk0, *sk = a->ep->sk0;
		return 1;
	}
	return 0;
}

int rx_archive_epoch_cs(rx_archive *a, const rx_cs *cs, rx_error *err)
{
	char school[RX_NODE_ID_LEN + 1];
	uint8_t own_pk[32];
	rx_buf plain = RX_BUF_INIT;
	int added = 0, rc;

	if (!strcmp(cs->meta.author, a->h->node))
		return 2; /* this node's own grant: it holds the epochs */
	crypto_scalarmult_base(own_pk, a->s->box_sk);
	if (a->h->role != RX_ROLE_DEVICE || !rx_sync_cs_sealed_to(cs, own_pk) ||
	    rx_home_school(school, a->h, err) < 0 || strcmp(school, cs->meta.author))
		return 0;
	if ((rc = rx_sync_cs_open(&plain, cs, own_pk, a->s->box_sk, err)) == 0 &&
	    (rc = rx_home_grant_take(a->ep, plain.data, plain.len, &added, err)) == 0 &&
	    added && (rc = rx_home_epochs_save(a->h, a->s, a->ep, err)) == 0)
		rc = 1;
	sodium_memzero(plain.data, plain.cap);
	rx_buf_free(&plain);
	return rc < 0 ? rc : added ? 1 : 2;
}

/* Write a grant of the epochs e to the devices rcpt, as one archive change-set. */
static int grant_write(rx_archive *a, const rx_epoch *const *e, size_t ne,
	uint32_t retire, const rx_crypto_recipient *rcpt, size_t nr, rx_error *err)
{
	rx_buf g = RX_BUF_INIT;
	rx_cs_write w = { 0 };
	git_oid id;
	int rc;

	if ((rc = rx_home_grant_encode(&g, e, ne, retire, err)) < 0)
		goto out;
	w.author = a->h->node;
	w.sign_sk = a->s->sign_sk;
	w.kind = RX_CS_ARCHIVE;
	w.time = (int64_t)time(NULL);
	w.hlc_min = w.hlc_max = a->hlc; /* no op: no clock of its own */
	w.plain = g.data, w.plain_len = g.len;
	w.rcpt = rcpt, w.nrcpt = nr;
	/* marked applied by the next catch-up: this node holds the epoch */
	rc = rx_sync_cs_create(&id, a->repo, &w, err);
out:
	sodium_memzero(g.data, g.cap);
	rx_buf_free(&g);
	return rc;
}

/* The school's devices that verify now (not revoked, not expired). */
static int devices(rx_crypto_recipient **out, size_t *n, rx_archive *a,
	rx_error *err)
{
	rx_crypto_cert *c = NULL;
	size_t nc = 0;
	int64_t now = (int64_t)time(NULL);
	int rc;

	*out = NULL, *n = 0;
	if ((rc = rx_directory_list(a->h->db, &c, &nc, err)) < 0)
		return rc;
	if (nc && !(*out = calloc(nc, sizeof(**out)))) {
		free(c);
		return rx_error_nomem(err);
	}
	for (size_t i = 0; i < nc; i++) {
		rx_error e = { 0 };
		if (c[i].role != RX_ROLE_DEVICE || strcmp(c[i].parent, a->h->node) ||
		    rx_directory_verify(a->h->db, c[i].node, now, &e) < 0)
			continue;
		memcpy((*out)[(*n)++].box_pk, c[i].box_pk, 32);
	}
	free(c);
	return 0;
}

/* The school's recovery key, if it has one, is granted every new epoch too. */
static int with_recovery(rx_crypto_recipient **r, size_t *n, rx_archive *a,
	rx_error *err)
{
	uint8_t pk[32];
	rx_crypto_recipient *p;

	if (!rx_archive_recovery_pk(pk, a->h))
		return 0;
	if (!(p = realloc(*r, (*n + 1) * sizeof(**r))))
		return rx_error_nomem(err);
	memcpy(p[(*n)++].box_pk, pk, 32);
	*r = p;
	return 0;
}

int rx_archive_rotate(rx_archive *a, rx_error *err)
{
	const rx_epoch *cur = rx_home_epochs_current(a->ep), *give[1];
	rx_crypto_recipient *r = NULL;
	uint8_t *secret = sodium_malloc(32);
	size_t nr = 0;
	int rc;

	if (!secret)
		return rx_error_nomem(err);
	if (a->h->role != RX_ROLE_SCHOOL) {
		rc = rx_error_set(err, RX_EUSAGE, "only a school rotates its data key");
		goto out;
	}
	randombytes_buf(secret, 32);
	if ((rc = rx_home_epochs_add(a->ep, cur ? cur->n + 1 : 1, secret, err)) < 0 ||
	    (rc = rx_home_epochs_save(a->h, a->s, a->ep, err)) < 0)
		goto out;
	give[0] = rx_home_epochs_current(a->ep);
	if ((rc = devices(&r, &nr, a, err)) == 0 && (rc = with_recovery(&r, &nr, a, err)) == 0 && nr)
		rc = grant_write(a, give, 1, 0, r, nr, err);
out:
	free(r);
	sodium_free(secret);
	return rc;
}
