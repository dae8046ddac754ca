/*
 * The directory: every certificate and revocation this node knows, in the
 * state database (tables settings, certs, revocations; see ops/home/home.c).
 */
#ifndef RX_SYNC_DIRECTORY_H
#define RX_SYNC_DIRECTORY_H

#include "crypto/cert.h"
#include <sqlite3.h>

/* Store a certificate (already verified by the caller); replaces one of the same node. */
int rx_directory_put_cert(sqlite3 *db, const rx_crypto_cert *c, rx_error *err);

/* Is a certificate of node in the directory? */
int rx_directory_knows(sqlite3 *db, const char *node);

/* Look a node's certificate up. RX_EINPUT if unknown. */
int rx_directory_get_cert(sqlite3 *db, const char *node, rx_crypto_cert *out,
	rx_error *err);

/* The chain from node up to the root: chain[0] = node. *n set to its length. */
int rx_directory_chain(sqlite3 *db, const char *node, rx_crypto_cert chain[static 4],
	size_t *n, rx_error *err);

/* Every known certificate, in node id order; *out malloc'ed. */
int rx_directory_list(sqlite3 *db, rx_crypto_cert **out, size_t *n, rx_error *err);

/* Store a revocation (signature checked by the caller); of two by one revoker, the earlier stays. */
int rx_directory_put_revocation(sqlite3 *db, const rx_crypto_revocation *r,
	rx_error *err);

/* Every known revocation; *out malloc'ed. */
int rx_directory_revocations(sqlite3 *db, rx_crypto_revocation **out, size_t *n,
	rx_error *err);

/* The trusted root's signing key (installed by init or join). */
int rx_directory_root_key(sqlite3 *db, uint8_t pk[static 32], rx_error *err);

/* Verify node's chain now, with every known revocation. */
int rx_directory_verify(sqlite3 *db, const char *node, int64_t now, rx_error *err);

/* This node's own public identity (from its stored enrolment request). */
int rx_directory_self(sqlite3 *db, rx_crypto_request *out, rx_error *err);
/* A value of the settings table (malloc'ed), or NULL. */
char *rx_directory_setting(sqlite3 *db, const char *key);

/* The revocations naming any node of a chain (not the whole table). */
int rx_directory_revocations_of(sqlite3 *db, const rx_crypto_cert *chain,
	size_t n, rx_crypto_revocation **out, size_t *nout, rx_error *err);

/* Has `by` already revoked `node` by another record than text (NULL: any)? */
int rx_directory_revoked_by(sqlite3 *db, const char *node, const char *by,
	const char *text);

#endif
