/* Read a change-set back from git with every size, shape and hash checked. */
#include <inttypes.h>
#include <string.h>

#include <sodium.h>

#include "crypto/sshsig.h"
#include "sync/changeset.h"
#include "sync/op.h"

static int fail(rx_error *err, const git_oid *id, const char *why)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), id);
	return rx_error_set(err, RX_ESECURITY, "change-set %.12s: %s", hex, why);
}

int rx_sync_object_check(git_odb *odb, const git_oid *id, git_object_t want,
	size_t max, rx_error *err)
{
	git_object_t type;
	size_t size;

	if (git_odb_read_header(&size, &type, odb, id) < 0)
		return fail(err, id, "an object is missing");
	if (type != want || size > max)
		return fail(err, id, type != want ? "an entry has the wrong type" :
			"an object is over the size limit");
	return 0;
}

/* Read an object only after its header says it is of the type and size expected. */
static int read_bounded(rx_buf *out, git_odb *odb, const git_oid *id,
	git_object_t want, size_t max, rx_error *err)
{
	git_odb_object *obj = NULL;
	int rc;

	if ((rc = rx_sync_object_check(odb, id, want, max, err)) < 0)
		return rc;
	if (git_odb_read(&obj, odb, id) < 0)
		return fail(err, id, "an object cannot be read");
	rc = rx_buf_put(out, git_odb_object_data(obj), git_odb_object_size(obj), err);
	git_odb_object_free(obj);
	return rc;
}

static int load_tree(rx_cs *cs, rx_buf *meta, git_repository *repo,
	git_odb *odb, const git_oid *tree_id, rx_error *err)
{
	static const char *const names[3] = { "keys", "meta", "payload" };
	const size_t caps[3] = { RX_CS_KEYS_MAX, RX_CS_META_MAX, RX_CS_PAYLOAD_MAX };
	rx_buf *dst[3] = { &cs->keys, meta, &cs->payload };
	git_tree *tree = NULL;
	int rc;

	if ((rc = rx_sync_object_check(odb, tree_id, GIT_OBJECT_TREE,
		RX_CS_TREE_MAX, err)) < 0)
		return rc;
	if (git_tree_lookup(&tree, repo, tree_id) < 0)
		return fail(err, &cs->id, "its tree is missing");
	if (git_tree_entrycount(tree) != 3) {
		rc = fail(err, &cs->id, "its tree must hold exactly keys, meta, payload");
		goto out;
	}
	for (size_t i = 0; i < 3 && rc == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		if (strcmp(git_tree_entry_name(e), names[i]) != 0 ||
		    git_tree_entry_filemode(e) != GIT_FILEMODE_BLOB)
			rc = fail(err, &cs->id, "its tree must hold exactly keys, meta, payload");
		else
			rc = read_bounded(dst[i], odb, git_tree_entry_id(e),
				GIT_OBJECT_BLOB, caps[i], err);
	}
out:
	git_tree_free(tree);
	return rc;
}

static int check_blobs(const rx_cs *cs, rx_error *err)
{
	uint8_t h[32];
	const rx_cs_meta *m = &cs->meta;

	rx_sync_hash(h, cs->payload.data, cs->payload.len);
	if (m->payload_len != cs->payload.len || sodium_memcmp(h, m->payload_hash, 32))
		return fail(err, &cs->id, "payload does not match its meta (altered)");
	rx_sync_hash(h, cs->keys.data, cs->keys.len);
	if (m->keys_len != cs->keys.len || sodium_memcmp(h, m->keys_hash, 32))
		return fail(err, &cs->id, "keys do not match their meta (altered)");
	if (!rx_sync_kind_sealed(m->kind) && (cs->keys.len || m->nrcpt))
		return fail(err, &cs->id, "a cleartext kind carries keys");
	return 0;
}

static int check_commit(rx_cs *cs, git_commit *c, rx_error *err)
{
	const git_signature *a = git_commit_author(c), *k = git_commit_committer(c);
	char msg[64];
	uint64_t id;

	if (rx_crypto_node_id_u64(&id, cs->meta.author) < 0)
		return fail(err, &cs->id, "its author is not a node id");
	rx_sync_cs_message(msg, sizeof(msg), cs->meta.kind, cs->meta.seq);
	if (strcmp(git_commit_message_raw(c), msg) != 0 ||
	    strcmp(a->name, cs->meta.author) != 0 || strcmp(k->name, cs->meta.author) ||
	    a->when.time != cs->meta.time || k->when.time != cs->meta.time)
		return fail(err, &cs->id, "its commit header does not match its meta");
	if (git_commit_parentcount(c) > 1)
		return fail(err, &cs->id, "a change-set has at most one parent");
	if ((cs->has_parent = git_commit_parentcount(c) == 1))
		git_oid_cpy(&cs->parent, git_commit_parent_id(c, 0));
	if (cs->meta.seq == 0 || (cs->meta.seq == 1) == cs->has_parent)
		return fail(err, &cs->id, "its sequence number does not fit its parent");
	return 0;
}

int rx_sync_cs_load(rx_cs *cs, git_repository *repo, const git_oid *id,
	rx_error *err)
{
	rx_buf meta = RX_BUF_INIT;
	git_commit *c = NULL;
	git_odb *odb = NULL;
	int rc;

	memset(cs, 0, sizeof(*cs));
	git_oid_cpy(&cs->id, id);
	if (git_repository_odb(&odb, repo) < 0) {
		rc = rx_sync_git_error(err, RX_EINTERNAL, "opening the object store");
		goto out;
	}
	/* the size is checked before libgit2 reads and parses the commit */
	if ((rc = rx_sync_object_check(odb, id, GIT_OBJECT_COMMIT, RX_CS_COMMIT_MAX, err)) < 0)
		goto out;
	if (git_commit_lookup(&c, repo, id) < 0) {
		rc = fail(err, id, "not a readable commit");
		goto out;
	}
	if ((rc = load_tree(cs, &meta, repo, odb, git_commit_tree_id(c), err)) < 0 ||
	    (rc = rx_sync_meta_parse(&cs->meta, meta.data, meta.len, err)) < 0 ||
	    (rc = check_blobs(cs, err)) < 0 ||
	    (rc = check_commit(cs, c, err)) < 0)
		goto out;
	if (git_commit_extract_signature(&cs->sig, &cs->signed_data, repo,
		&cs->id, "gpgsig") < 0)
		rc = fail(err, id, "it is not signed");
out:
	git_commit_free(c);
	git_odb_free(odb);
	rx_buf_free(&meta);
	if (rc < 0)
		rx_sync_cs_free(cs);
	return rc;
}

int rx_sync_cs_check_sig(const rx_cs *cs, const uint8_t sign_pk[static 32],
	rx_error *err)
{
	rx_error e = { 0 };

	if (rx_crypto_sshsig_verify(cs->sig.ptr, cs->sig.size, sign_pk, "git",
		(const uint8_t *)cs->signed_data.ptr, cs->signed_data.size, &e) < 0 ||
	    rx_crypto_sshsig_canonical(cs->sig.ptr, cs->sig.size, &e) < 0)
		return fail(err, &cs->id, e.msg);
	return 0;
}

int rx_sync_cs_open(rx_buf *plain, const rx_cs *cs,
	const uint8_t box_pk[static 32], const uint8_t box_sk[static 32],
	rx_error *err)
{
	rx_buf z = RX_BUF_INIT;
	uint8_t ad[48];
	size_t adlen;
	int rc;

	if (!rx_sync_kind_sealed(cs->meta.kind))
		return rx_sync_zstd_decompress(plain, cs->payload.data,
			cs->payload.len, RX_CS_PLAIN_MAX, err);
	rx_sync_cs_ad(ad, &adlen, cs->meta.author, cs->meta.seq, cs->meta.kind);
	if ((rc = rx_crypto_envelope_open(&z, cs->keys.data, cs->keys.len,
		cs->payload.data, cs->payload.len, ad, adlen, box_pk, box_sk, err)) == 0)
		rc = rx_sync_zstd_decompress(plain, z.data, z.len, RX_CS_PLAIN_MAX, err);
	sodium_memzero(z.data, z.cap);
	rx_buf_free(&z);
	return rc;
}

void rx_sync_cs_free(rx_cs *cs)
{
	rx_buf_free(&cs->payload);
	rx_buf_free(&cs->keys);
	git_buf_dispose(&cs->sig);
	git_buf_dispose(&cs->signed_data);
}

int rx_sync_cs_sealed_to(const rx_cs *cs, const uint8_t box_pk[static 32])
{
	uint8_t id[RX_KEY_ID_BYTES];

	rx_crypto_key_id(id, box_pk);
	for (size_t i = 0; i < cs->meta.nrcpt; i++)
		if (!memcmp(cs->meta.rcpt[i], id, RX_KEY_ID_BYTES))
			return 1;
	return 0;
}
