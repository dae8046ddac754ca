/*
 * Revocation: an ancestor withdraws a node (a lost laptop) and every node
 * below it, each after the last change-set this node holds of it (the cut),
 * and publishes the records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sync/directory.h"
#include "sync/dirsync.h"
#include "ops/home/home.h"

static int check_ancestor(rx_home *h, const char *node, rx_error *err)
{
	rx_crypto_cert chain[4];
	size_t n;
	int rc;

	if ((rc = rx_directory_chain(h->db, node, chain, &n, err)) < 0)
		return rc;
	for (size_t i = 1; i < n; i++)
		if (!strcmp(chain[i].node, h->node))
			return 0;
	return rx_error_set(err, RX_ESECURITY,
		"only an ancestor of %s can revoke it", node);
}

/* The cut of each branch of node: the tip this repository holds (0: none). */
static int fill_cut(rx_crypto_revocation *r, git_repository *repo, rx_error *err)
{
	static const char *const branch[RX_CUT_N] = { "nodes", "dir", "checkpoints" };

	for (int i = 0; i < RX_CUT_N; i++) {
		char ref[128];
		git_oid tip;
		rx_cs cs;
		int rc;
		snprintf(ref, sizeof(ref), "refs/runxin/%s/%s", branch[i], r->node);
		if (git_reference_name_to_id(&tip, repo, ref) < 0)
			continue;
		if ((rc = rx_sync_cs_load(&cs, repo, &tip, err)) < 0)
			return rc;
		r->cut[i].seq = cs.meta.seq;
		git_oid_tostr(r->cut[i].commit, sizeof(r->cut[i].commit), &tip);
		rx_sync_cs_free(&cs);
	}
	return 0;
}

/* Sign one node's revocation, keep it and append its text. */
static int revoke_one(rx_buf *text, rx_home *h, git_repository *repo,
	const uint8_t sign_sk[static 64], const char *node, const char *reason,
	rx_error *err)
{
	rx_crypto_revocation r = { 0 };
	int rc;

	snprintf(r.node, sizeof(r.node), "%s", node);
	memcpy(r.by, h->node, sizeof(r.by));
	r.time = (int64_t)time(NULL);
	snprintf(r.reason, sizeof(r.reason), "%s", reason);
	if ((rc = fill_cut(&r, repo, err)) < 0 ||
	    (rc = rx_crypto_revocation_sign(&r, sign_sk, err)) < 0 ||
	    (rc = rx_directory_put_revocation(h->db, &r, err)) < 0)
		return rc;
	return rx_crypto_revocation_format(text, &r, err);
}

/* Is top an ancestor of node (in node's chain above it)? */
static int below(rx_home *h, const char *node, const char *top)
{
	rx_crypto_cert chain[4];
	rx_error e = { 0 };
	size_t n;

	if (rx_directory_chain(h->db, node, chain, &n, &e) < 0)
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!strcmp(chain[i].node, top))
			return 1;
	return 0;
}

/* The node and every node below it this home knows, each once. */
static int revoke_subtree(rx_buf *text, rx_home *h, git_repository *repo,
	const uint8_t sign_sk[static 64], const char *node, const char *reason,
	rx_error *err)
{
	rx_crypto_cert *all = NULL;
	size_t n = 0;
	int rc;

	if (rx_directory_revoked_by(h->db, node, h->node, NULL))
		return rx_error_set(err, RX_EINPUT, "%s is already revoked", node);
	if ((rc = revoke_one(text, h, repo, sign_sk, node, reason, err)) < 0 ||
	    (rc = rx_directory_list(h->db, &all, &n, err)) < 0)
		goto out;
	for (size_t i = 0; i < n && rc == 0; i++)
		if (below(h, all[i].node, node) &&
		    !rx_directory_revoked_by(h->db, all[i].node, h->node, NULL))
			rc = revoke_one(text, h, repo, sign_sk, all[i].node, reason, err);
out:
	free(all);
	return rc;
}

int rx_home_node_revoke(rx_buf *text, rx_home *h, const rx_home_opts *o,
	const char *node, const char *reason, rx_error *err)
{
	rx_secrets *s = NULL;
	git_repository *repo = NULL;
	int rc;

	rx_buf_reset(text);
	if ((rc = check_ancestor(h, node, err)) < 0 ||
	    (rc = rx_home_unlock(&s, h, o, err)) < 0 ||
	    (rc = rx_home_repo(&repo, h, err)) < 0 ||
	    (rc = rx_home_exec(h, "BEGIN IMMEDIATE", err)) < 0)
		goto out;
	if ((rc = revoke_subtree(text, h, repo, s->sign_sk, node, reason, err)) < 0 ||
	    (rc = rx_sync_dir_publish(repo, h->node, s->sign_sk,
		(char *)text->data, text->len, err)) < 0 ||
	    (rc = rx_home_exec(h, "COMMIT", err)) < 0)
		rx_home_exec(h, "ROLLBACK", NULL);
out:
	git_repository_free(repo);
	rx_home_secrets_free(s);
	return rc;
}
