/* A hub's checkpoint: the tips it holds, signed, a receipt for every school. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ops/archive/archive.h"
#include "ops/home/home.h"
#include "ops/hub/hub.h"
#include "sync/changeset.h"

/* One line per branch held: "<ref> <seq> <commit id>". */
static int tips_text(rx_buf *out, git_repository *repo, size_t *n, rx_error *err)
{
	git_strarray refs = { NULL, 0 };
	int rc = 0;

	*n = 0;
	if (git_reference_list(&refs, repo) < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "listing branches");
	for (size_t i = 0; i < refs.count && rc == 0; i++) {
		const char *ref = refs.strings[i];
		char hex[GIT_OID_HEXSZ + 1];
		git_oid id;
		rx_cs cs;
		if ((strncmp(ref, "refs/runxin/nodes/", 18) &&
		     strncmp(ref, "refs/runxin/dir/", 16)) ||
		    git_reference_name_to_id(&id, repo, ref) < 0 ||
		    rx_sync_cs_load(&cs, repo, &id, err) < 0) {
			rx_error_clear(err);
			continue;
		}
		git_oid_tostr(hex, sizeof(hex), &id);
		rc = rx_buf_printf(out, err, "%s %" PRIu64 " %s\n", ref + 12,
			cs.meta.seq, hex);
		rx_sync_cs_free(&cs);
		(*n)++;
	}
	git_strarray_dispose(&refs);
	return rc;
}

int rx_hub_checkpoint_sign(size_t *n, rx_home *h, const rx_home_opts *o, rx_error *err)
{
	git_repository *repo = NULL;
	rx_secrets *s = NULL;
	rx_buf text = RX_BUF_INIT;
	rx_cs_write w = { 0 };
	git_oid id;
	int rc;

	*n = 0;
	if (h->role != RX_ROLE_COUNTY && h->role != RX_ROLE_CITY)
		return rx_error_set(err, RX_EUSAGE, "only a county or city hub signs checkpoints");
	if ((rc = rx_home_repo(&repo, h, err)) < 0 ||
	    (rc = tips_text(&text, repo, n, err)) < 0 ||
	    (rc = rx_home_unlock(&s, h, o, err)) < 0)
		goto out;
	w.author = h->node, w.sign_sk = s->sign_sk, w.kind = RX_CS_CHECKPOINT;
	w.time = (int64_t)time(NULL);
	w.plain = text.data, w.plain_len = text.len;
	rc = rx_sync_cs_create(&id, repo, &w, err);
out:
	rx_buf_free(&text);
	rx_home_secrets_free(s);
	git_repository_free(repo);
	return rc;
}
