/* Revocation cuts: which change-sets of a revoked node's branches still count. */
#include <inttypes.h>
#include <string.h>

#include "crypto/cert.h"

int rx_crypto_cut_branch(const char *branch)
{
	if (!strcmp(branch, "nodes"))
		return RX_CUT_NODES;
	if (!strcmp(branch, "dir"))
		return RX_CUT_DIR;
	if (!strcmp(branch, "checkpoints"))
		return RX_CUT_CHECKPOINTS;
	return -1;
}

/* Does revocation r of chain[i] count: signed by a strict ancestor (the root: itself)? */
static int counts(const rx_crypto_cert *chain, size_t n, size_t i,
	const rx_crypto_revocation *r)
{
	rx_error ignored = { 0 };

	if (strcmp(r->node, chain[i].node) != 0)
		return 0;
	for (size_t j = i; j < n; j++)
		if (!strcmp(chain[j].node, r->by)) {
			if (j == i && j != n - 1)
				return 0;
			return rx_crypto_revocation_check_sig(r, chain[j].sign_pk,
				&ignored) == 0;
		}
	return 0;
}

int rx_crypto_cut_of(const rx_crypto_cert *chain, size_t n, int branch,
	const rx_crypto_revocation *revs, size_t nrevs, rx_crypto_cut *cut,
	const rx_crypto_revocation **rev)
{
	const rx_crypto_revocation *own = NULL, *above = NULL;

	if (branch < 0 || branch >= RX_CUT_N)
		branch = RX_CUT_NODES;
	for (size_t r = 0; r < nrevs; r++)
		for (size_t i = 0; i < n; i++) {
			if (!counts(chain, n, i, &revs[r]))
				continue;
			if (i > 0)
				above = above ? above : &revs[r];
			else if (!own || revs[r].cut[branch].seq < own->cut[branch].seq)
				own = &revs[r]; /* the narrowest of two revokers */
		}
	if (own) {
		*cut = own->cut[branch];
		*rev = own;
		return 1;
	}
	if (above) {
		memset(cut, 0, sizeof(*cut));
		*rev = above;
		return 1;
	}
	return 0;
}

int rx_crypto_cut_check(const rx_crypto_cert *chain, size_t n, int branch,
	uint64_t seq, const char *commit, const rx_crypto_revocation *revs,
	size_t nrevs, rx_error *err)
{
	const rx_crypto_revocation *rev;
	rx_crypto_cut cut;

	if (!rx_crypto_cut_of(chain, n, branch, revs, nrevs, &cut, &rev))
		return 0;
	if (seq > cut.seq)
		return rx_error_set(err, RX_ESECURITY, "%s (%s) was revoked: %s "
			"(change-set #%" PRIu64 " is after the last one its revocation "
			"keeps, #%" PRIu64 ")", chain[0].node, chain[0].name, rev->reason,
			seq, cut.seq);
	if (seq == cut.seq && strcmp(commit, cut.commit) != 0)
		return rx_error_set(err, RX_ESECURITY, "%s (%s) was revoked: %s "
			"(change-set #%" PRIu64 " is not the one its revocation keeps)",
			chain[0].node, chain[0].name, rev->reason, seq);
	return 0;
}
