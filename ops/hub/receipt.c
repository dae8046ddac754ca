/* Read the hubs' checkpoints for this node's own branch. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/archive/archive.h"
#include "ops/hub/hub.h"
#include "sync/changeset.h"
#include "sync/directory.h"

static uint64_t own_seq(git_repository *repo, const char *node)
{
	char ref[128];
	git_oid id;
	rx_cs cs;
	rx_error e = { 0 };
	uint64_t seq = 0;

	snprintf(ref, sizeof(ref), "refs/runxin/nodes/%s", node);
	if (git_reference_name_to_id(&id, repo, ref) == 0 &&
	    rx_sync_cs_load(&cs, repo, &id, &e) == 0) {
		seq = cs.meta.seq;
		rx_sync_cs_free(&cs);
	}
	return seq;
}

/* Fill r from hub's checkpoint tip, if it names this node's branch. */
static int read_one(rx_receipt *r, git_repository *repo, const rx_crypto_cert *hub,
	const char *self)
{
	char ref[128], want[128], *line;
	git_oid id;
	rx_cs cs;
	rx_buf text = RX_BUF_INIT;
	rx_error e = { 0 };
	static const uint8_t none[32];
	int found = 0;

	snprintf(ref, sizeof(ref), "refs/runxin/checkpoints/%s", hub->node);
	if (git_reference_name_to_id(&id, repo, ref) < 0 ||
	    rx_sync_cs_load(&cs, repo, &id, &e) < 0)
		return 0;
	if (rx_sync_cs_check_sig(&cs, hub->sign_pk, &e) == 0 &&
	    rx_sync_cs_open(&text, &cs, none, none, &e) == 0 &&
	    rx_buf_cstr(&text, &e) == 0) {
		snprintf(want, sizeof(want), "nodes/%s ", self);
		for (line = (char *)text.data; line && *line; line = strchr(line, '\n')) {
			if (*line == '\n')
				line++;
			if (!strncmp(line, want, strlen(want))) {
				r->covered = strtoull(line + strlen(want), NULL, 10);
				found = 1;
			}
		}
		r->time = cs.meta.time;
		memcpy(r->hub, hub->node, sizeof(r->hub));
		memcpy(r->hub_name, hub->name, sizeof(r->hub_name));
	}
	rx_sync_cs_free(&cs);
	rx_buf_free(&text);
	return found || r->time;
}

int rx_hub_receipts(rx_receipt **out, size_t *n, rx_home *h, rx_error *err)
{
	git_repository *repo = NULL;
	rx_crypto_cert chain[4];
	size_t nc;
	int rc;

	*out = NULL, *n = 0;
	if (rx_directory_chain(h->db, h->node, chain, &nc, err) < 0) {
		rx_error_clear(err);
		return 0;
	}
	if ((rc = rx_home_repo(&repo, h, err)) < 0)
		return rc;
	if (!(*out = calloc(nc, sizeof(**out)))) {
		git_repository_free(repo);
		return rx_error_nomem(err);
	}
	for (size_t i = 1; i < nc; i++) {
		rx_receipt *r = &(*out)[*n];
		if (read_one(r, repo, &chain[i], h->node)) {
			r->own = own_seq(repo, h->node);
			(*n)++;
		}
	}
	git_repository_free(repo);
	return 0;
}
