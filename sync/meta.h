/* The cleartext, canonical `meta` entry of a change-set. */
#ifndef RX_SYNC_META_H
#define RX_SYNC_META_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/buf.h"
#include "crypto/cert.h"

typedef enum rx_cs_kind {
	RX_CS_ARCHIVE = 1,  /* a school's records, to its devices */
	RX_CS_STATS = 2,    /* statistics, to the county and the city */
	RX_CS_REPORT = 3,   /* incident review reports, to the county */
	RX_CS_TRANSFER = 4, /* a student's archive, to another school */
	RX_CS_DIRECTORY = 5, /* certificates and revocations, cleartext */
	RX_CS_CHECKPOINT = 6, /* tips a hub holds, cleartext */
	RX_CS_AUDIT = 7,    /* access log and audit findings */
	RX_CS_POLICY = 8    /* scales and rules a city or county sets, cleartext (docs/policy.md) */
} rx_cs_kind;

#define RX_CS_MAX_RCPT 64
#define RX_CS_META_MAX 4096
#define RX_CS_PAYLOAD_MAX (16u << 20)  /* bytes of a payload blob */
#define RX_CS_KEYS_MAX (16u << 10)     /* bytes of a keys blob */
#define RX_CS_PLAIN_MAX (64u << 20)    /* bytes a payload may decompress to */

typedef struct rx_cs_meta {
	char author[RX_NODE_ID_LEN + 1];
	uint64_t seq;        /* 1 for the first change-set of a branch */
	rx_cs_kind kind;
	int64_t time;        /* signing time, Unix seconds */
	uint64_t hlc_min, hlc_max;
	size_t nrcpt;
	uint8_t rcpt[RX_CS_MAX_RCPT][8]; /* recipients' key ids */
	uint64_t payload_len;
	uint8_t payload_hash[32];       /* BLAKE2b-256 */
	uint64_t keys_len;
	uint8_t keys_hash[32];
} rx_cs_meta;

const char *rx_sync_kind_name(rx_cs_kind k);
rx_cs_kind rx_sync_kind_parse(const char *s);

/* Is this kind encrypted (archive, stats, report, transfer, audit)? */
int rx_sync_kind_sealed(rx_cs_kind k);

/* The branch a kind lives on: "nodes", "dir" or "checkpoints". */
const char *rx_sync_kind_branch(rx_cs_kind k);

int rx_sync_meta_format(rx_buf *out, const rx_cs_meta *m, rx_error *err);

/* Parse; only the canonical form is accepted. RX_ESECURITY if malformed. */
int rx_sync_meta_parse(rx_cs_meta *m, const uint8_t *text, size_t len,
	rx_error *err);

/* BLAKE2b-256 of a blob. */
void rx_sync_hash(uint8_t out[static 32], const uint8_t *p, size_t n);

#endif
