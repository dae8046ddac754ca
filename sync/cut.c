/* A revoked node's branch offered past its cut: what of it may still be taken. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/directory.h"
#include "sync/syncint.h"

int sync_cut_limit(const rx_sync_opts *o, const rx_sync_branch *b,
	const git_oid *new_, git_oid *to, char *name, size_t cap)
{
	rx_crypto_cert chain[4];
	rx_crypto_revocation *revs = NULL;
	const rx_crypto_revocation *rev;
	rx_crypto_cut cut;
	rx_error e = { 0 };
	size_t n, nrevs = 0;
	int cut_here = 0;

	memset(to, 0, sizeof(*to));
	if (rx_directory_chain(o->db, b->author, chain, &n, &e) < 0 ||
	    rx_directory_revocations_of(o->db, chain, n, &revs, &nrevs, &e) < 0 ||
	    !rx_crypto_cut_of(chain, n, rx_crypto_cut_branch(b->branch), revs,
		nrevs, &cut, &rev))
		goto out;
	snprintf(name, cap, "%s", chain[0].name);
	if (cut.seq == 0) {
		cut_here = 1; /* nothing of this branch counts */
	} else if (git_oid_fromstr(to, cut.commit) == 0 && !git_oid_equal(to, new_) &&
	    git_graph_descendant_of(o->repo, new_, to) == 1) {
		cut_here = 1;
	}
out:
	free(revs);
	return cut_here;
}

void sync_warn_cut(const char *ref, const char *author, const char *name,
	rx_sync_report *rep)
{
	rx_error e = { 0 };

	rep->branches_cut++;
	rx_buf_printf(&rep->warned, &e, "警告：%s（%s）已被吊销，它在吊销之后写入的更改未被接受 "
		"(%s: changes %s wrote after its revocation were not taken)\n",
		name, author, ref + strlen("refs/runxin/"), author);
}
