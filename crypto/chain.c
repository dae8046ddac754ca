/* Certificate chains from a leaf up to the city root, with revocations. */
#include <string.h>

#include <sodium.h>

#include "crypto/cert.h"

static int check_link(const rx_crypto_cert *c, const rx_crypto_cert *parent,
	int64_t now, rx_error *err)
{
	int rc;

	if (strcmp(c->parent, parent->node) != 0)
		return rx_error_set(err, RX_ESECURITY,
			"certificate of %s names parent %s, not %s",
			c->node, c->parent, parent->node);
	if (c->role != parent->role + 1)
		return rx_error_set(err, RX_ESECURITY,
			"a %s cannot be enrolled by a %s (%s)",
			rx_crypto_role_name(c->role),
			rx_crypto_role_name(parent->role), c->node);
	if ((rc = rx_crypto_cert_check_sig(c, parent->sign_pk, err)) < 0)
		return rc;
	if (now < c->not_before || now > c->not_after)
		return rx_error_set(err, RX_ESECURITY,
			"certificate of %s (%s) is not valid now (expired or not yet valid)",
			c->node, c->name);
	return 0;
}

/* Is `by` the node itself or one of its ancestors in the chain above i? */
static int is_ancestor(const rx_crypto_cert *chain, size_t n, size_t i,
	const char *by, const uint8_t **pk)
{
	for (size_t j = i; j < n; j++)
		if (!strcmp(chain[j].node, by)) {
			*pk = chain[j].sign_pk;
			return j > i || j == n - 1;
		}
	return 0;
}

static int check_revocations(const rx_crypto_cert *chain, size_t n,
	int64_t now, const rx_crypto_revocation *revs, size_t nrevs, rx_error *err)
{
	rx_error ignored = { 0 };

	for (size_t r = 0; r < nrevs; r++) {
		for (size_t i = 0; i < n; i++) {
			const uint8_t *pk;

			if (strcmp(revs[r].node, chain[i].node) != 0 ||
			    revs[r].time > now ||
			    !is_ancestor(chain, n, i, revs[r].by, &pk))
				continue;
			rx_error_clear(&ignored);
			if (rx_crypto_revocation_check_sig(&revs[r], pk, &ignored) < 0)
				continue; /* a forged revocation revokes nothing */
			return rx_error_set(err, RX_ESECURITY,
				"%s (%s) was revoked: %s", chain[i].node,
				chain[i].name, revs[r].reason);
		}
	}
	return 0;
}

int rx_crypto_chain_verify(const rx_crypto_cert *chain, size_t n,
	const uint8_t root_pk[static 32], int64_t now,
	const rx_crypto_revocation *revs, size_t nrevs, rx_error *err)
{
	const rx_crypto_cert *root;
	int rc;

	if (n == 0 || n > 4)
		return rx_error_set(err, RX_ESECURITY, "a chain has 1 to 4 certificates");
	root = &chain[n - 1];
	if (root->role != RX_ROLE_CITY || strcmp(root->parent, root->node) != 0)
		return rx_error_set(err, RX_ESECURITY,
			"chain does not end in a city root");
	if (sodium_memcmp(root->sign_pk, root_pk, 32) != 0)
		return rx_error_set(err, RX_ESECURITY,
			"chain ends in another root than the one trusted here");
	if ((rc = rx_crypto_cert_check_sig(root, root->sign_pk, err)) < 0)
		return rc;
	if (now < root->not_before || now > root->not_after)
		return rx_error_set(err, RX_ESECURITY, "the root certificate is not valid now");
	for (size_t i = 0; i + 1 < n; i++)
		if ((rc = check_link(&chain[i], &chain[i + 1], now, err)) < 0)
			return rc;
	return check_revocations(chain, n, now, revs, nrevs, err);
}

int rx_crypto_chain_check_time(const rx_crypto_cert *chain, size_t n,
	int64_t at, const rx_crypto_revocation *revs, size_t nrevs, rx_error *err)
{
	for (size_t i = 0; i < n; i++)
		if (at < chain[i].not_before || at > chain[i].not_after)
			return rx_error_set(err, RX_ESECURITY,
				"certificate of %s (%s) was not valid at that time",
				chain[i].node, chain[i].name);
	return check_revocations(chain, n, at, revs, nrevs, err);
}
