/* Revocation: an ancestor withdraws a node (a lost laptop) from now on, and publishes the record. */
#include <stdio.h>
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

int rx_home_node_revoke(rx_buf *text, rx_home *h, const rx_home_opts *o,
	const char *node, const char *reason, rx_error *err)
{
	rx_crypto_revocation r = { 0 };
	rx_secrets *s = NULL;
	git_repository *repo = NULL;
	int rc;

	rx_buf_reset(text);
	if ((rc = check_ancestor(h, node, err)) < 0 ||
	    (rc = rx_home_unlock(&s, h, o, err)) < 0)
		goto out;
	snprintf(r.node, sizeof(r.node), "%s", node);
	memcpy(r.by, h->node, sizeof(r.by));
	r.time = (int64_t)time(NULL);
	snprintf(r.reason, sizeof(r.reason), "%s", reason);
	if ((rc = rx_crypto_revocation_sign(&r, s->sign_sk, err)) < 0 ||
	    (rc = rx_directory_put_revocation(h->db, &r, err)) < 0 ||
	    (rc = rx_crypto_revocation_format(text, &r, err)) < 0 ||
	    (rc = rx_home_repo(&repo, h, err)) < 0)
		goto out;
	rc = rx_sync_dir_publish(repo, h->node, s->sign_sk,
		(char *)text->data, text->len, err);
out:
	git_repository_free(repo);
	rx_home_secrets_free(s);
	return rc;
}
