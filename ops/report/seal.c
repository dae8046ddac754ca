/* Sealing a report change-set to the chain of its school: the school, its county, the city. */
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "ops/report/reportInt.h"
#include "sync/changeset.h"
#include "sync/directory.h"

int rx_ops_report_seal(git_repository *repo, rx_home *h, const uint8_t *sign_sk,
	const rx_ops_report_doc *d, uint64_t hlc, rx_error *err)
{
	rx_crypto_recipient r[4];
	rx_crypto_cert chain[4];
	rx_buf enc = RX_BUF_INIT;
	rx_cs_write w = { 0 };
	uint64_t node;
	size_t len;
	git_oid id;
	int rc;

	/* the school (its devices share its data key), its county and the city */
	if ((rc = rx_directory_chain(h->db, d->f[RX_RP_SCHOOL], chain, &len, err)) < 0)
		return rc;
	for (size_t i = 0; i < len; i++)
		memcpy(r[i].box_pk, chain[i].box_pk, 32);
	if (rx_crypto_node_id_u64(&node, h->node) < 0)
		return rx_error_set(err, RX_EINTERNAL, "bad node id");
	if ((rc = rx_ops_report_encode(&enc, d, hlc, node, err)) < 0)
		goto out;
	w.author = h->node, w.sign_sk = sign_sk, w.kind = RX_CS_REPORT;
	w.time = (int64_t)time(NULL);
	w.hlc_min = w.hlc_max = hlc;
	w.plain = enc.data, w.plain_len = enc.len;
	w.rcpt = r, w.nrcpt = len;
	rc = rx_sync_cs_create(&id, repo, &w, err);
out:
	sodium_memzero(enc.data, enc.cap);
	rx_buf_free(&enc);
	return rc;
}
