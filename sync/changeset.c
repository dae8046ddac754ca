/* Write a change-set: compress, seal, meta, tree, signed commit, branch update. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "crypto/sshsig.h"
#include "sync/changeset.h"
#include "sync/op.h"

#define ZSTD_LEVEL 19

/* Sequence number of the branch tip, 0 if the branch does not exist yet. */
static int tip_seq(uint64_t *seq, int64_t *time, git_oid *tip, int *has_tip,
	git_repository *repo, const char *ref, rx_error *err)
{
	rx_cs cs;
	int rc;

	*seq = 0, *time = 0, *has_tip = 0;
	if ((rc = git_reference_name_to_id(tip, repo, ref)) == GIT_ENOTFOUND)
		return 0;
	if (rc < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "reading the branch");
	if ((rc = rx_sync_cs_load(&cs, repo, tip, err)) < 0)
		return rc;
	*seq = cs.meta.seq;
	*time = cs.meta.time;
	*has_tip = 1;
	rx_sync_cs_free(&cs);
	return 0;
}

static int seal_payload(rx_buf *payload, rx_buf *keys, const rx_cs_write *w,
	uint64_t seq, rx_error *err)
{
	rx_buf z = RX_BUF_INIT;
	uint8_t ad[48];
	size_t adlen;
	int rc;

	if ((rc = rx_sync_zstd_compress(&z, w->plain, w->plain_len, ZSTD_LEVEL, err)) < 0)
		goto out;
	if (!rx_sync_kind_sealed(w->kind)) {
		rc = rx_buf_put(payload, z.data, z.len, err);
		goto out;
	}
	rx_sync_cs_ad(ad, &adlen, w->author, seq, w->kind);
	rc = rx_crypto_envelope_seal(keys, payload, z.data, z.len, ad, adlen,
		w->rcpt, w->nrcpt, err);
out:
	rx_buf_free(&z);
	return rc;
}

static int make_meta(rx_buf *out, const rx_cs_write *w, uint64_t seq,
	const rx_buf *payload, const rx_buf *keys, rx_error *err)
{
	rx_cs_meta m;

	memset(&m, 0, sizeof(m));
	if (w->nrcpt > RX_CS_MAX_RCPT)
		return rx_error_set(err, RX_EINTERNAL, "too many recipients");
	snprintf(m.author, sizeof(m.author), "%s", w->author);
	m.seq = seq;
	m.kind = w->kind;
	m.time = w->time;
	m.hlc_min = w->hlc_min;
	m.hlc_max = w->hlc_max;
	m.nrcpt = rx_sync_kind_sealed(w->kind) ? w->nrcpt : 0;
	for (size_t i = 0; i < m.nrcpt; i++)
		rx_crypto_key_id(m.rcpt[i], w->rcpt[i].box_pk);
	m.payload_len = payload->len;
	rx_sync_hash(m.payload_hash, payload->data, payload->len);
	m.keys_len = keys->len;
	rx_sync_hash(m.keys_hash, keys->data, keys->len);
	return rx_sync_meta_format(out, &m, err);
}

static int make_tree(git_oid *tree, git_repository *repo, const rx_buf *meta,
	const rx_buf *payload, const rx_buf *keys, rx_error *err)
{
	git_treebuilder *tb = NULL;
	git_oid b[3];
	const char *names[3] = { "keys", "meta", "payload" };
	const rx_buf *blobs[3] = { keys, meta, payload };
	int rc = 0;

	if (git_treebuilder_new(&tb, repo, NULL) < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "building a tree");
	for (int i = 0; i < 3 && rc == 0; i++)
		if (git_blob_create_from_buffer(&b[i], repo, blobs[i]->data,
			blobs[i]->len) < 0 ||
		    git_treebuilder_insert(NULL, tb, names[i], &b[i],
			GIT_FILEMODE_BLOB) < 0)
			rc = rx_sync_git_error(err, RX_EINTERNAL, "writing a change-set");
	if (rc == 0 && git_treebuilder_write(tree, tb) < 0)
		rc = rx_sync_git_error(err, RX_EINTERNAL, "writing a tree");
	git_treebuilder_free(tb);
	return rc;
}

static int commit_signed(git_oid *out, git_repository *repo, const rx_cs_write *w,
	const git_oid *tree_id, const git_oid *parent_id, uint64_t seq, rx_error *err)
{
	git_signature *sig = NULL;
	git_tree *tree = NULL;
	git_commit *parent = NULL;
	git_buf buf = { 0 };
	rx_buf armor = RX_BUF_INIT;
	char email[64], msg[64];
	int rc = 0;

	snprintf(email, sizeof(email), "%s@runxin", w->author);
	rx_sync_cs_message(msg, sizeof(msg), w->kind, seq);
	if (git_signature_new(&sig, w->author, email, (git_time_t)w->time, 0) < 0 ||
	    git_tree_lookup(&tree, repo, tree_id) < 0 ||
	    (parent_id && git_commit_lookup(&parent, repo, parent_id) < 0) ||
	    git_commit_create_buffer(&buf, repo, sig, sig, NULL, msg, tree,
		parent ? 1 : 0, (const git_commit **)&parent) < 0) {
		rc = rx_sync_git_error(err, RX_EINTERNAL, "building a commit");
		goto out;
	}
	if ((rc = rx_crypto_sshsig_sign(&armor, w->sign_sk, "git",
		(const uint8_t *)buf.ptr, buf.size, err)) < 0)
		goto out;
	/* git stores the armor without its final newline */
	armor.data[--armor.len] = '\0';
	if (git_commit_create_with_signature(out, repo, buf.ptr,
		(const char *)armor.data, "gpgsig") < 0)
		rc = rx_sync_git_error(err, RX_EINTERNAL, "writing a signed commit");
out:
	rx_buf_free(&armor);
	git_buf_dispose(&buf);
	git_commit_free(parent);
	git_tree_free(tree);
	git_signature_free(sig);
	return rc;
}

static int move_branch(git_repository *repo, const char *ref, const git_oid *to,
	const git_oid *from, rx_error *err)
{
	git_reference *r = NULL;
	int rc;

	rc = from ? git_reference_create_matching(&r, repo, ref, to, 1, from,
		"runxin change-set") : git_reference_create(&r, repo, ref, to, 0,
		"runxin change-set");
	git_reference_free(r);
	if (rc < 0)
		return rx_sync_git_error(err, RX_EINTERNAL,
			"moving the branch (another writer at the same time?)");
	return 0;
}

int rx_sync_cs_create(git_oid *out, git_repository *repo, const rx_cs_write *w,
	rx_error *err)
{
	rx_buf payload = RX_BUF_INIT, keys = RX_BUF_INIT, meta = RX_BUF_INIT;
	rx_cs_write at = *w;
	char ref[128];
	git_oid tip, tree;
	uint64_t seq;
	int64_t last;
	int has_tip, rc;

	if (w->kind == RX_CS_TRANSFER ? rx_sync_xfer_ref(ref, sizeof(ref), w->to, w->author) < 0 :
	    rx_sync_cs_ref(ref, sizeof(ref), w->author, w->kind) < 0)
		return rx_error_set(err, RX_EINTERNAL, "bad author id");
	if ((rc = tip_seq(&seq, &last, &tip, &has_tip, repo, ref, err)) < 0 ||
	    (!w->force_seq && !w->force_parent &&
	     (rc = rx_sync_clock_after(&at.time, last, err)) < 0))
		goto out;
	w = &at;
	if (w->force_seq)
		seq = w->force_seq - 1;
	if (w->force_parent)
		git_oid_cpy(&tip, w->force_parent), has_tip = 1;
	if ((rc = seal_payload(&payload, &keys, w, seq + 1, err)) < 0 ||
	    (rc = make_meta(&meta, w, seq + 1, &payload, &keys, err)) < 0 ||
	    (rc = make_tree(&tree, repo, &meta, &payload, &keys, err)) < 0 ||
	    (rc = commit_signed(out, repo, w, &tree, has_tip ? &tip : NULL,
		seq + 1, err)) < 0)
		goto out;
	if (!w->force_seq && !w->force_parent)
		rc = move_branch(repo, ref, out, has_tip ? &tip : NULL, err);
out:
	rx_buf_free(&payload);
	rx_buf_free(&keys);
	rx_buf_free(&meta);
	return rc;
}
