/* runxin revoke: an ancestor withdraws a node (a lost laptop) from now on. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "node/args.h"
#include "node/commands.h"
#include "sync/directory.h"
#include "ops/archive/archive.h"
#include "ops/home/home.h"
#include "sync/dirsync.h"

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

int rx_cmd_revoke(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *pos[1], *reason = NULL;
	const rx_argopt opts[] = { { "--reason", &reason, NULL }, { NULL, NULL, NULL } };
	rx_crypto_revocation r = { 0 };
	rx_secrets *s = NULL;
	rx_buf out = RX_BUF_INIT;
	rx_home *h = NULL;
	git_repository *repo = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 1, err)) < 0)
		return rc;
	if (!reason || !*reason || strlen(reason) > RX_REASON_MAX)
		return rx_error_set(err, RX_EUSAGE, "--reason is required (1 to %d bytes)",
			RX_REASON_MAX);
	if ((rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if ((rc = check_ancestor(h, pos[0], err)) < 0 ||
	    (rc = rx_home_unlock(&s, h, &o->home, err)) < 0)
		goto out;
	snprintf(r.node, sizeof(r.node), "%s", pos[0]);
	memcpy(r.by, h->node, sizeof(r.by));
	r.time = (int64_t)time(NULL);
	snprintf(r.reason, sizeof(r.reason), "%s", reason);
	if ((rc = rx_crypto_revocation_sign(&r, s->sign_sk, err)) < 0 ||
	    (rc = rx_directory_put_revocation(h->db, &r, err)) < 0 ||
	    (rc = rx_crypto_revocation_format(&out, &r, err)) < 0 ||
	    (rc = rx_home_repo(&repo, h, err)) < 0 ||
	    (rc = rx_sync_dir_publish(repo, h->node, s->sign_sk,
		(char *)out.data, out.len, err)) < 0)
		goto out;
	fwrite(out.data, 1, out.len, stdout);
	fprintf(stderr, "revoked %s from now on\n", r.node);
out:
	git_repository_free(repo);
	rx_home_secrets_free(s);
	rx_buf_free(&out);
	rx_home_close(h);
	return rc;
}
