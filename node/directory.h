/* The directory: every certificate and revocation this node knows. */
#ifndef RX_NODE_DIRECTORY_H
#define RX_NODE_DIRECTORY_H

#include "crypto/cert.h"
#include "node/home.h"

/* Store a certificate (already verified by the caller); replaces one of the same node. */
int rx_directory_put_cert(rx_home *h, const rx_crypto_cert *c, rx_error *err);

/* Look a node's certificate up. RX_EINPUT if unknown. */
int rx_directory_get_cert(rx_home *h, const char *node, rx_crypto_cert *out,
	rx_error *err);

/* The chain from node up to the root: chain[0] = node. *n set to its length. */
int rx_directory_chain(rx_home *h, const char *node, rx_crypto_cert chain[static 4],
	size_t *n, rx_error *err);

/* Every known certificate, in node id order; *out malloc'ed. */
int rx_directory_list(rx_home *h, rx_crypto_cert **out, size_t *n, rx_error *err);

/* Store a revocation (signature checked by the caller). */
int rx_directory_put_revocation(rx_home *h, const rx_crypto_revocation *r,
	rx_error *err);

/* Every known revocation; *out malloc'ed. */
int rx_directory_revocations(rx_home *h, rx_crypto_revocation **out, size_t *n,
	rx_error *err);

/* The trusted root's signing key (installed by init or join). */
int rx_directory_root_key(rx_home *h, uint8_t pk[static 32], rx_error *err);

/* Verify node's chain now, with every known revocation. */
int rx_directory_verify(rx_home *h, const char *node, int64_t now, rx_error *err);

/* This node's own public identity (from its stored enrolment request). */
int rx_directory_self(rx_home *h, rx_crypto_request *out, rx_error *err);
#endif
