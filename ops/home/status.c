/* What a node knows of itself: its identity, its chain, the root's fingerprint, whether it verifies now. */
#include <string.h>
#include <time.h>

#include "sync/directory.h"
#include "ops/home/home.h"

int rx_home_status_get(rx_home_status *out, rx_home *h, rx_error *err)
{
	uint8_t root[32];
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = rx_directory_self(h->db, &out->self, err)) < 0)
		return rc;
	/* a chain broken above this node still counts the certificates found */
	out->joined = rx_directory_chain(h->db, h->node, out->chain, &out->n,
		&out->why) == 0;
	if (rx_directory_root_key(h->db, root, &out->why) == 0)
		rx_crypto_fingerprint(out->root_fp, root);
	rx_error_clear(&out->why);
	out->valid = out->joined && rx_directory_verify(h->db, h->node,
		(int64_t)time(NULL), &out->why) == 0;
	return 0;
}
