/* Format and strict parse of change-set meta. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "sync/meta.h"

static const char *const kinds[] = { NULL, "archive", "stats", "report",
	"transfer", "directory", "checkpoint", "audit", "policy" };

const char *rx_sync_kind_name(rx_cs_kind k)
{
	return k >= RX_CS_ARCHIVE && k <= RX_CS_POLICY ? kinds[k] : NULL;
}

rx_cs_kind rx_sync_kind_parse(const char *s)
{
	for (int k = RX_CS_ARCHIVE; k <= RX_CS_POLICY; k++)
		if (!strcmp(s, kinds[k]))
			return (rx_cs_kind)k;
	return 0;
}

int rx_sync_kind_sealed(rx_cs_kind k)
{
	return k != RX_CS_DIRECTORY && k != RX_CS_CHECKPOINT && k != RX_CS_POLICY;
}

const char *rx_sync_kind_branch(rx_cs_kind k)
{
	return k == RX_CS_DIRECTORY || k == RX_CS_POLICY ? "dir" : k == RX_CS_CHECKPOINT ?
		"checkpoints" : k == RX_CS_TRANSFER ? "xfer" : "nodes";
}

void rx_sync_hash(uint8_t out[static 32], const uint8_t *p, size_t n)
{
	crypto_generichash(out, 32, p, n, NULL, 0);
}

static int put_hex(rx_buf *b, const uint8_t *p, size_t n, rx_error *err)
{
	char hex[65];

	sodium_bin2hex(hex, sizeof(hex), p, n);
	return rx_buf_puts(b, hex, err);
}

int rx_sync_meta_format(rx_buf *out, const rx_cs_meta *m, rx_error *err)
{
	int rc;

	if (!rx_sync_kind_name(m->kind) || m->nrcpt > RX_CS_MAX_RCPT)
		return rx_error_set(err, RX_EINTERNAL, "bad change-set meta");
	if ((rc = rx_buf_printf(out, err, "runxin-changeset 1\nauthor %s\n"
		"seq %" PRIu64 "\nkind %s\ntime %" PRId64 "\nhlc %016" PRIx64
		" %016" PRIx64 "\nrecipients", m->author, m->seq,
		rx_sync_kind_name(m->kind), m->time, m->hlc_min, m->hlc_max)) < 0)
		return rc;
	for (size_t i = 0; i < m->nrcpt; i++)
		if ((rc = rx_buf_puts(out, " ", err)) < 0 ||
		    (rc = put_hex(out, m->rcpt[i], 8, err)) < 0)
			return rc;
	if ((rc = rx_buf_printf(out, err, "\npayload %" PRIu64 " ", m->payload_len)) < 0 ||
	    (rc = put_hex(out, m->payload_hash, 32, err)) < 0 ||
	    (rc = rx_buf_printf(out, err, "\nkeys %" PRIu64 " ", m->keys_len)) < 0 ||
	    (rc = put_hex(out, m->keys_hash, 32, err)) < 0)
		return rc;
	return rx_buf_puts(out, "\n", err);
}

static int hex_field(uint8_t *out, size_t n, const char *s, const char **end)
{
	size_t got;

	if (sodium_hex2bin(out, n, s, n * 2, NULL, &got, end) != 0 || got != n)
		return -1;
	return 0;
}

static int parse_rcpts(rx_cs_meta *m, const char *p, const char **end)
{
	while (*p == ' ') {
		if (m->nrcpt == RX_CS_MAX_RCPT ||
		    hex_field(m->rcpt[m->nrcpt], 8, p + 1, &p) < 0)
			return -1;
		m->nrcpt++;
	}
	*end = p;
	return 0;
}

/* Read the fields loosely, then insist that they re-format to the input. */
static int parse_loose(rx_cs_meta *m, const char *s)
{
	char author[32], kind[16];
	const char *p;
	uint64_t id;
	int n = 0;

	if (sscanf(s, "runxin-changeset 1\nauthor %16s\nseq %" SCNu64 "\nkind %15s\n"
		"time %" SCNd64 "\nhlc %" SCNx64 " %" SCNx64 "\nrecipients%n",
		author, &m->seq, kind, &m->time, &m->hlc_min, &m->hlc_max, &n) != 6 || !n)
		return -1;
	/* %16s takes any 1-16 bytes; the author names a ref and a key: a node id only */
	if (rx_crypto_node_id_u64(&id, author) < 0)
		return -1;
	memcpy(m->author, author, RX_NODE_ID_LEN + 1);
	if (!(m->kind = rx_sync_kind_parse(kind)) ||
	    parse_rcpts(m, s + n, &p) < 0)
		return -1;
	n = 0;
	if (sscanf(p, "\npayload %" SCNu64 " %n", &m->payload_len, &n) != 1 || !n ||
	    hex_field(m->payload_hash, 32, p + n, &p) < 0)
		return -1;
	n = 0;
	if (sscanf(p, "\nkeys %" SCNu64 " %n", &m->keys_len, &n) != 1 || !n ||
	    hex_field(m->keys_hash, 32, p + n, &p) < 0)
		return -1;
	return 0;
}

int rx_sync_meta_parse(rx_cs_meta *m, const uint8_t *text, size_t len,
	rx_error *err)
{
	rx_buf back = RX_BUF_INIT;
	char *s;
	int rc = 0;

	memset(m, 0, sizeof(*m));
	if (len == 0 || len > RX_CS_META_MAX || memchr(text, 0, len))
		return rx_error_set(err, RX_ESECURITY, "malformed change-set meta: size");
	if (!(s = malloc(len + 1)))
		return rx_error_nomem(err);
	memcpy(s, text, len);
	s[len] = '\0';
	if (parse_loose(m, s) < 0 || rx_sync_meta_format(&back, m, err) < 0 ||
	    back.len != len || memcmp(back.data, text, len) != 0)
		rc = rx_error_set(err, RX_ESECURITY, "malformed change-set meta");
	free(s);
	rx_buf_free(&back);
	return rc;
}
