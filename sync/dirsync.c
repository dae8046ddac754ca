/* Directory change-sets: publish what a node issued, take in what others issued. */
#include <string.h>
#include <time.h>

#include "sync/directory.h"
#include "sync/dirsync.h"

int rx_sync_dir_publish(git_repository *repo, const char *author,
	const uint8_t sign_sk[static 64], const char *text, size_t len,
	rx_error *err)
{
	rx_cs_write w = { 0 };
	git_oid id;

	w.author = author;
	w.sign_sk = sign_sk;
	w.kind = RX_CS_DIRECTORY;
	w.time = (int64_t)time(NULL);
	w.plain = (const uint8_t *)text;
	w.plain_len = len;
	return rx_sync_cs_create(&id, repo, &w, err);
}

/* A node's certificate may be replaced only by its own parent (renewal), never re-parented. */
static int check_not_taken(sqlite3 *db, const rx_crypto_cert *c, rx_error *err)
{
	rx_crypto_cert have;
	rx_error e = { 0 };
	int rc = rx_directory_get_cert(db, c->node, &have, &e);

	if (rc == RX_EINPUT)
		return 0; /* a new node */
	if (rc < 0)
		return rx_error_set(err, rc, "%s", e.msg);
	if (strcmp(have.parent, c->parent) != 0 || !strcmp(have.parent, have.node))
		return rx_error_set(err, RX_ESECURITY, "directory of %s carries a "
			"certificate of %s, which %s enrolled", c->parent, c->node,
			have.parent);
	return 0;
}

static int take_cert(sqlite3 *db, const rx_crypto_cert *author,
	const char *p, size_t left, size_t *used, rx_error *err)
{
	rx_crypto_cert c;
	int rc;

	if ((rc = rx_crypto_cert_parse(&c, p, left, used, err)) < 0)
		return rc;
	if (strcmp(c.parent, author->node) != 0 || c.role != author->role + 1)
		return rx_error_set(err, RX_ESECURITY, "directory of %s carries a "
			"certificate it could not issue (%s)", author->node, c.node);
	if ((rc = rx_crypto_cert_check_sig(&c, author->sign_pk, err)) < 0 ||
	    (rc = check_not_taken(db, &c, err)) < 0)
		return rc;
	return rx_directory_put_cert(db, &c, err);
}

/*
 * A revocation names a node in the directory, below its signer (the root
 * may revoke itself), not revoked by that signer before. Bounded so: one
 * record per (node, revoker), revokers being the node's ancestors.
 */
static int check_revoker(sqlite3 *db, const rx_crypto_revocation *r,
	rx_error *err)
{
	rx_crypto_cert chain[4];
	rx_buf text = RX_BUF_INIT;
	rx_error e = { 0 };
	size_t n;
	int again;

	if (rx_directory_chain(db, r->node, chain, &n, &e) < 0)
		return rx_error_set(err, RX_ESECURITY, "revocation by %s of %s: "
			RX_DIR_NOT_YET, r->by, r->node);
	for (size_t i = 1; i < n; i++)
		if (!strcmp(chain[i].node, r->by))
			goto ancestor;
	if (!(n && !strcmp(chain[0].node, r->by) && !strcmp(chain[0].parent, r->by)))
		return rx_error_set(err, RX_ESECURITY, "revocation by %s of %s, "
			"which is not below it", r->by, r->node);
ancestor:
	if (rx_crypto_revocation_format(&text, r, &e) < 0)
		return rx_error_set(err, RX_ESECURITY, "%s", e.msg);
	again = rx_directory_revoked_by(db, r->node, r->by, (const char *)text.data);
	rx_buf_free(&text);
	if (again)
		return rx_error_set(err, RX_ESECURITY, "%s revoked %s a second time",
			r->by, r->node);
	return 0;
}

static int take_revocation(sqlite3 *db, const rx_crypto_cert *author,
	const char *p, size_t left, size_t *used, rx_error *err)
{
	rx_crypto_revocation r;
	int rc;

	if ((rc = rx_crypto_revocation_parse(&r, p, left, used, err)) < 0)
		return rc;
	if (strcmp(r.by, author->node) != 0)
		return rx_error_set(err, RX_ESECURITY, "directory of %s carries a "
			"revocation by another node", author->node);
	if ((rc = rx_crypto_revocation_check_sig(&r, author->sign_pk, err)) < 0 ||
	    (rc = check_revoker(db, &r, err)) < 0)
		return rc;
	return rx_directory_put_revocation(db, &r, err);
}

int rx_sync_dir_apply(sqlite3 *db, const rx_cs *cs, rx_error *err)
{
	static const uint8_t none[32];
	rx_crypto_cert author;
	rx_buf text = RX_BUF_INIT;
	size_t at = 0, used;
	int rc;

	/* a policy change-set shares the dir branch: ops/policy reads it there */
	if (cs->meta.kind == RX_CS_POLICY)
		return 0;
	if ((rc = rx_directory_get_cert(db, cs->meta.author, &author, err)) < 0 ||
	    (rc = rx_sync_cs_open(&text, cs, none, none, err)) < 0)
		goto out;
	while (rc == 0) {
		const char *p = (const char *)text.data + at;
		size_t left = text.len - at;
		while (left && (*p == '\n' || *p == '\r'))
			p++, left--, at++;
		if (!left)
			break;
		if (left > 17 && !memcmp(p, "runxin-revocation", 17))
			rc = take_revocation(db, &author, p, left, &used, err);
		else
			rc = take_cert(db, &author, p, left, &used, err);
		at += used;
	}
out:
	rx_buf_free(&text);
	return rc;
}
