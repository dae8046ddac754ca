/* Identities, enrolment requests, certificates, revocations and chains. */
#ifndef RX_CRYPTO_CERT_H
#define RX_CRYPTO_CERT_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/buf.h"

typedef enum rx_role {
	RX_ROLE_NONE = 0,
	RX_ROLE_CITY = 1,
	RX_ROLE_COUNTY = 2,
	RX_ROLE_SCHOOL = 3,
	RX_ROLE_DEVICE = 4
} rx_role;

#define RX_NODE_ID_LEN 16   /* lowercase hex characters */
#define RX_NAME_MAX 128     /* bytes of UTF-8 in a display name */
#define RX_REASON_MAX 256   /* bytes of UTF-8 in a revocation reason */
#define RX_CERT_TEXT_MAX 2048

/* "city", "county", "school", "device"; NULL for anything else. */
const char *rx_crypto_role_name(rx_role r);
rx_role rx_crypto_role_parse(const char *s);

/* The node id of a signing key: hex of BLAKE2b-256("runxin node" || pk)[0..8]. */
void rx_crypto_node_id(char id[static RX_NODE_ID_LEN + 1],
	const uint8_t sign_pk[static 32]);

/* A node id as 64 bits (the form change-set ops carry); -1 if malformed. */
int rx_crypto_node_id_u64(uint64_t *out, const char *id);

/*
 * Strict UTF-8 check; no control characters when `line` is set. Text that
 * could spoof a reader (rx_crypto_char_spoofs) is refused in both modes.
 */
int rx_crypto_utf8_valid(const char *s, size_t len, int line);

/*
 * 1 if the code point can spoof what a reader sees: C0 controls other than
 * tab and newline, DEL, C1 controls, bidi marks, embeddings, overrides and
 * isolates, zero-width characters and the BOM (docs/identity.md, Names).
 */
int rx_crypto_char_spoofs(uint32_t c);

/* 1 if any code point of the UTF-8 text spoofs (malformed bytes count as 1). */
int rx_crypto_text_spoofed(const char *s, size_t len);

/* An enrolment request: the child's public identity, self-signed. */
typedef struct rx_crypto_request {
	char node[RX_NODE_ID_LEN + 1];
	rx_role role;
	char name[RX_NAME_MAX + 1];
	uint8_t sign_pk[32];
	uint8_t box_pk[32];
} rx_crypto_request;

/* A certificate: the parent's signature over the child's identity. */
typedef struct rx_crypto_cert {
	char node[RX_NODE_ID_LEN + 1];
	rx_role role;
	char name[RX_NAME_MAX + 1];
	char parent[RX_NODE_ID_LEN + 1]; /* the root names itself */
	uint8_t sign_pk[32];
	uint8_t box_pk[32];
	int64_t not_before, not_after;   /* Unix seconds, UTC */
	uint8_t sig[64];
} rx_crypto_cert;

/* The last valid change-set of one of a revoked node's branches (seq 0: none). */
typedef struct rx_crypto_cut {
	uint64_t seq;
	char commit[41];               /* lowercase hex; "" when seq is 0 */
} rx_crypto_cut;

/* Branch kinds a cut names, in record order. */
enum { RX_CUT_NODES, RX_CUT_DIR, RX_CUT_CHECKPOINTS, RX_CUT_N };

/*
 * A revocation: an ancestor withdraws a node. Its change-sets after the cut
 * (per branch) are refused whatever time they claim; `time` is when it was
 * signed, for people (docs/identity.md).
 */
typedef struct rx_crypto_revocation {
	char node[RX_NODE_ID_LEN + 1];
	char by[RX_NODE_ID_LEN + 1];
	int64_t time;
	rx_crypto_cut cut[RX_CUT_N];
	char reason[RX_REASON_MAX + 1];
	uint8_t sig[64];
} rx_crypto_revocation;

/* Requests: armored text (BEGIN/END RUNXIN REQUEST), self-signed. */
int rx_crypto_request_format(rx_buf *out, const rx_crypto_request *req,
	const uint8_t sign_sk[static 64], rx_error *err);
int rx_crypto_request_parse(rx_crypto_request *out, const char *text,
	size_t len, rx_error *err);

/* Certificates: canonical text, the last line the signature. */
int rx_crypto_cert_sign(rx_crypto_cert *cert, const uint8_t sign_sk[static 64],
	rx_error *err);
int rx_crypto_cert_format(rx_buf *out, const rx_crypto_cert *cert,
	rx_error *err);
int rx_crypto_cert_parse(rx_crypto_cert *out, const char *text, size_t len,
	size_t *used, rx_error *err);
/* Signature by the given parent key, and node id bound to the key. */
int rx_crypto_cert_check_sig(const rx_crypto_cert *cert,
	const uint8_t parent_pk[static 32], rx_error *err);

/* Revocations: canonical text, signed by `by`. */
int rx_crypto_revocation_sign(rx_crypto_revocation *rev,
	const uint8_t sign_sk[static 64], rx_error *err);
int rx_crypto_revocation_format(rx_buf *out, const rx_crypto_revocation *rev,
	rx_error *err);
int rx_crypto_revocation_parse(rx_crypto_revocation *out, const char *text,
	size_t len, size_t *used, rx_error *err);
int rx_crypto_revocation_check_sig(const rx_crypto_revocation *rev,
	const uint8_t by_pk[static 32], rx_error *err);

/*
 * Verify a chain: chain[0] is the leaf, chain[n-1] the self-signed city root
 * whose signing key must equal root_pk. Each link is signed by the next,
 * roles step down by one, and every certificate is valid at `now`. A
 * revocation in revs (checked by signature against the chain) of any node in
 * the chain with time <= now refuses the chain. RX_ESECURITY with the reason.
 */
int rx_crypto_chain_verify(const rx_crypto_cert *chain, size_t n,
	const uint8_t root_pk[static 32], int64_t now,
	const rx_crypto_revocation *revs, size_t nrevs, rx_error *err);

/* The cut index of a branch name ("nodes", "dir", "checkpoints"); -1 if none. */
int rx_crypto_cut_branch(const char *branch);

/*
 * May change-set #seq (commit id hex) on branch (RX_CUT_*) of chain[0] be
 * taken, given the revocations? Only revocations signed by a strict
 * ancestor (the root: also itself) count. Refused (RX_ESECURITY, "revoked"
 * in the message) when seq is past the narrowest cut naming chain[0], when
 * seq is the cut's number but not its commit, or when an ancestor was
 * revoked and no revocation names chain[0] (a node its revoker never knew).
 */
int rx_crypto_cut_check(const rx_crypto_cert *chain, size_t n, int branch,
	uint64_t seq, const char *commit, const rx_crypto_revocation *revs,
	size_t nrevs, rx_error *err);

/*
 * The narrowest valid cut of chain[0]'s branch: 1 and *cut filled (and
 * *rev, the revocation naming it) when one applies, 0 when chain[0] is not
 * revoked. An ancestor revoked without chain[0] named gives a cut of 0.
 */
int rx_crypto_cut_of(const rx_crypto_cert *chain, size_t n, int branch,
	const rx_crypto_revocation *revs, size_t nrevs, rx_crypto_cut *cut,
	const rx_crypto_revocation **rev);

/*
 * Re-check a chain already verified by rx_crypto_chain_verify at another
 * time: validity windows and revocations only, no link signatures.
 */
int rx_crypto_chain_check_time(const rx_crypto_cert *chain, size_t n,
	int64_t at, const rx_crypto_revocation *revs, size_t nrevs, rx_error *err);

/* The fingerprint of a root key, for a phone line: "12345 67890 ..." (5x5 digits). */
void rx_crypto_fingerprint(char out[static 30], const uint8_t sign_pk[static 32]);

/* UTC time as "YYYY-MM-DDTHH:MM:SSZ" and back. */
void rx_crypto_time_format(char out[static 21], int64_t t);
int rx_crypto_time_parse(int64_t *t, const char *s);

#endif
