/* runxin restore --recovery-key-file: a new device of a lost school, its archive taken back from a hub (docs/lifecycle.md). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sodium.h>

#include "crypto/bundle.h"
#include "ops/archive/recovery.h"
#include "ops/home/epochs.h"
#include "ops/remote/remote.h"
#include "sync/changeset.h"
#include "sync/directory.h"
#include "sync/dirsync.h"
#include "sync/transport.h"

#define REF "refs/restore/school"
#define DAYS 1825

/* Only the school's own branch, into a ref no sync reads, before anything is trusted. */
static int fetch_school(git_repository *repo, const char *url, const char *school,
	rx_error *err)
{
	git_remote *rem = NULL;
	git_fetch_options fo = GIT_FETCH_OPTIONS_INIT;
	rx_sync_transport t;
	rx_sync_transport_opts to = { 0 }; /* no ssh: a new machine pins no host key */
	char spec[128];
	char *specs[1] = { spec };
	git_strarray arr = { specs, 1 };
	int rc;

	snprintf(spec, sizeof(spec), "+refs/runxin/nodes/%s:" REF, school);
	if ((rc = rx_sync_transport_init(&fo.callbacks, &t, &to, err)) < 0)
		return rc;
	if ((rc = git_remote_create_anonymous(&rem, repo, url)) == 0)
		rc = git_remote_fetch(rem, &arr, &fo, NULL);
	rc = rx_sync_transport_fail(&t, rc, url, err);
	git_remote_free(rem);
	return rc;
}

/* The new device's certificate, signed with the school's key the recovery key opened. */
static int device_bundle(rx_crypto_bundle *b, rx_home *h, const rx_recovered *r,
	rx_error *err)
{
	rx_crypto_request self;
	rx_crypto_cert *c = &b->chain[0];
	int64_t now = (int64_t)time(NULL);
	int rc;

	memset(b, 0, sizeof(*b));
	if ((rc = rx_directory_self(h->db, &self, err)) < 0)
		return rc;
	memcpy(b->chain + 1, r->chain, r->n * sizeof(r->chain[0]));
	b->n = r->n + 1;
	memcpy(c->node, self.node, sizeof(c->node));
	memcpy(c->parent, r->chain[0].node, sizeof(c->parent));
	c->role = RX_ROLE_DEVICE;
	memcpy(c->name, self.name, sizeof(c->name));
	memcpy(c->sign_pk, self.sign_pk, 32);
	memcpy(c->box_pk, self.box_pk, 32);
	c->not_before = now - 300;
	c->not_after = now + (int64_t)DAYS * 86400;
	if (c->not_after > r->chain[0].not_after)
		c->not_after = r->chain[0].not_after;
	if ((rc = rx_crypto_cert_sign(c, r->sign_sk, err)) < 0 ||
	    (rc = rx_crypto_master_seal(b->sealed_master, r->master, self.box_pk, err)) < 0)
		return rc;
	b->has_datakey = 1;
	return 0;
}

/* Everything in the home aside (tmp): join as a new device, take the epochs, sync twice. */
static int build(rx_home **hp, const rx_home_opts *lo, const char *url,
	const char *school, const uint8_t *secret, const rx_remote_sync_opts *ro,
	rx_error *err)
{
	rx_crypto_request q;
	rx_home *h;
	git_repository *repo = NULL;
	git_reference *ref = NULL;
	rx_secrets *s = NULL;
	rx_epochs *ep = NULL;
	rx_recovered *r = NULL;
	rx_crypto_bundle b;
	rx_remote_sync_opts so = *ro;
	int rc;

	memset(&b, 0, sizeof(b));
	so.target = url;
	if ((rc = rx_home_identity_init(&q, *hp, lo, RX_ROLE_DEVICE, NULL, err)) < 0)
		return rc;
	rx_home_close(*hp); /* opened again: as the node it now is */
	if ((rc = rx_home_open(hp, lo, err)) < 0)
		return rc;
	h = *hp;
	if ((rc = rx_home_repo(&repo, h, err)) < 0 ||
	    (rc = fetch_school(repo, url, school, err)) < 0 ||
	    (rc = rx_home_unlock(&s, h, lo, err)) < 0 ||
	    (rc = rx_home_epochs_load(&ep, h, s, err)) < 0 ||
	    (rc = rx_archive_recovery_open(&r, ep, repo, REF, school, secret, err)) < 0)
		goto out;
	if (git_reference_lookup(&ref, repo, REF) == 0)
		git_reference_delete(ref);
	if ((rc = device_bundle(&b, h, r, err)) < 0 ||
	    (rc = rx_home_bundle_join(h, lo, &b, NULL, err)) < 0 ||
	    (rc = rx_home_epochs_save(h, s, ep, err)) < 0 ||
	    (rc = rx_remote_sync(h, lo, &so, err)) < 0 ||
	    (rc = rx_home_publish_cert(h, r->chain[0].node, r->sign_sk, &b.chain[0], err)) < 0)
		goto out;
	rc = rx_remote_sync(h, lo, &so, err);
out:
	git_reference_free(ref);
	git_repository_free(repo);
	sodium_memzero(&b, sizeof(b));
	rx_archive_recovered_free(r);
	rx_home_epochs_free(ep);
	rx_home_secrets_free(s);
	return rc;
}

int rx_remote_restore(const char *home, const rx_home_opts *o, const char *keytext,
	size_t keylen, const char *url, const rx_remote_sync_opts *ro, rx_error *err)
{
	char school[RX_NODE_ID_LEN + 1], *tmp = NULL, *pass = NULL;
	uint8_t *secret = sodium_malloc(32);
	size_t passlen = 0;
	rx_home_opts lo = *o;
	rx_home *h = NULL;
	struct stat st;
	int rc;

	if (!secret)
		return rx_error_nomem(err);
	if ((rc = rx_crypto_recovery_parse(school, secret, keytext, keylen, err)) < 0)
		goto out;
	if (stat(home, &st) == 0) {
		rc = rx_error_set(err, RX_EUSAGE, "%s 已存在; 恢复只写入新的目录 "
			"(%s exists; restore writes a new folder only)", home, home);
		goto out;
	}
	if (!(tmp = malloc(strlen(home) + 16))) {
		rc = rx_error_nomem(err);
		goto out;
	}
	sprintf(tmp, "%s.restoring", home);
	if (stat(tmp, &st) == 0) {
		rc = rx_error_set(err, RX_EUSAGE, "%s 是上次未完成的恢复, 请先删除它 "
			"(%s is left from an unfinished restore: remove it first)", tmp, tmp);
		goto out;
	}
	if ((rc = rx_home_passphrase(&pass, &passlen, o, 1, err)) < 0)
		goto out;
	lo.path = tmp, lo.pass = pass, lo.passlen = passlen;
	if ((rc = rx_home_create(&h, tmp, err)) == 0)
		rc = build(&h, &lo, url, school, secret, ro, err);
	rx_home_close(h);
	if (rc == 0 && rename(tmp, home) < 0)
		rc = rx_error_set(err, RX_EINTERNAL, "cannot rename %s to %s: %s", tmp, home,
			strerror(errno));
	if (rc < 0 && rc != RX_EUSAGE)
		rx_ops_rmtree(tmp);
out:
	rx_home_passphrase_free(pass, passlen);
	free(tmp);
	sodium_free(secret);
	return rc;
}
