/* Test helpers that forge git objects: a change-set with one entry replaced, signature kept. */
#ifndef RX_TEST_FORGE_H
#define RX_TEST_FORGE_H

#include <git2.h>
#include <string.h>

#include "crypto/buf.h"

/*
 * Re-create commit orig in repo with tree entry `entry` replaced by data,
 * keeping the original gpgsig (which then no longer matches). 0 or -1.
 */
static __attribute__((unused)) int forge_entry(git_oid *out, git_repository *repo, const git_oid *orig,
	const char *entry, const uint8_t *data, size_t len)
{
	git_commit *c = NULL;
	git_tree *t = NULL;
	git_treebuilder *tb = NULL;
	git_oid blob, tree;
	git_buf sig = { 0 }, body = { 0 };
	rx_buf nb = RX_BUF_INIT;
	rx_error err = { 0 };
	char oldhex[GIT_OID_HEXSZ + 1], newhex[GIT_OID_HEXSZ + 1], *p;
	int rc = -1;

	if (git_commit_lookup(&c, repo, orig) < 0 || git_commit_tree(&t, c) < 0 ||
	    git_treebuilder_new(&tb, repo, t) < 0 ||
	    git_blob_create_from_buffer(&blob, repo, data, len) < 0 ||
	    git_treebuilder_insert(NULL, tb, entry, &blob, GIT_FILEMODE_BLOB) < 0 ||
	    git_treebuilder_write(&tree, tb) < 0 ||
	    git_commit_extract_signature(&sig, &body, repo, (git_oid *)orig, "gpgsig") < 0)
		goto out;
	git_oid_tostr(oldhex, sizeof(oldhex), git_commit_tree_id(c));
	git_oid_tostr(newhex, sizeof(newhex), &tree);
	rx_buf_put(&nb, body.ptr, body.size, &err);
	rx_buf_cstr(&nb, &err);
	if ((p = strstr((char *)nb.data, oldhex)))
		memcpy(p, newhex, GIT_OID_HEXSZ);
	if (sig.size && sig.ptr[sig.size - 1] == '\n')
		sig.ptr[--sig.size] = '\0';
	rc = git_commit_create_with_signature(out, repo, (char *)nb.data, sig.ptr,
		"gpgsig");
out:
	rx_buf_free(&nb);
	git_buf_dispose(&sig);
	git_buf_dispose(&body);
	git_treebuilder_free(tb);
	git_tree_free(t);
	git_commit_free(c);
	return rc;
}

/* Re-create commit orig with `from` replaced by `to` in its signed body or its signature. */
static __attribute__((unused)) int forge_text(git_oid *out, git_repository *repo, const git_oid *orig,
	int in_sig, const char *from, const char *to)
{
	git_buf sig = { 0 }, body = { 0 };
	rx_buf nb = RX_BUF_INIT, ns = RX_BUF_INIT;
	rx_error err = { 0 };
	char *p;
	int rc = -1;

	if (git_commit_extract_signature(&sig, &body, repo, (git_oid *)orig, "gpgsig") < 0)
		return -1;
	rx_buf_put(&nb, body.ptr, body.size, &err);
	rx_buf_cstr(&nb, &err);
	rx_buf_put(&ns, sig.ptr, sig.size, &err);
	rx_buf_cstr(&ns, &err);
	if (ns.len && ns.data[ns.len - 1] == '\n')
		ns.data[--ns.len] = '\0';
	p = strstr((char *)(in_sig ? ns.data : nb.data), from);
	if (p && strlen(from) == strlen(to)) {
		memcpy(p, to, strlen(to));
		rc = git_commit_create_with_signature(out, repo, (char *)nb.data,
			(char *)ns.data, "gpgsig");
	}
	rx_buf_free(&nb);
	rx_buf_free(&ns);
	git_buf_dispose(&sig);
	git_buf_dispose(&body);
	return rc;
}

#endif
