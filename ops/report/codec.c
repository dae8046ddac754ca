/* The payload of a report change-set: one "rp" record as a canonical ops batch, decoded strictly. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ops/report/report.h"

#define KIND "rp"

static const char *const names[RX_RP_NFIELDS] = {
	"s", "d", "k", "dl", "a1", "a2", "a3", "a4", "si", "ss", "sp", "sd", "rv", "cn", "cd"
};
static const char *const types[] = { NULL, "notice", "report", "sign" };

/* Fields each type must carry, and those it may. */
#define B(f) (1u << (f))
#define NEED_INCIDENT (B(RX_RP_SCHOOL) | B(RX_RP_DATE) | B(RX_RP_DEADLINE))
#define MAY_REPORT (NEED_INCIDENT | B(RX_RP_KIND) | B(RX_RP_A1) | B(RX_RP_A2) | \
	B(RX_RP_A3) | B(RX_RP_A4) | B(RX_RP_SI) | B(RX_RP_SS) | B(RX_RP_SP) | B(RX_RP_SUBMITTED))
#define NEED_SIGN (B(RX_RP_SCHOOL) | B(RX_RP_REPORT) | B(RX_RP_SIGNER) | B(RX_RP_SIGNED))

static const unsigned need[] = { 0, NEED_INCIDENT, NEED_INCIDENT | B(RX_RP_SUBMITTED), NEED_SIGN };
static const unsigned may[] = { 0, NEED_INCIDENT | B(RX_RP_KIND), MAY_REPORT, NEED_SIGN };

const char *rx_ops_report_field_name(rx_ops_report_field f)
{
	return f < RX_RP_NFIELDS ? names[f] : NULL;
}

static int field_index(const char *name)
{
	for (int i = 0; i < RX_RP_NFIELDS; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

int rx_ops_report_encode(rx_buf *out, const rx_ops_report_doc *d, uint64_t hlc,
	uint64_t node, rx_error *err)
{
	rx_sync_op ops[RX_RP_NFIELDS + 1];
	size_t n = 0;

	if (d->type < RX_REPORT_NOTICE || d->type > RX_REPORT_SIGN || !d->incident)
		return rx_error_set(err, RX_EINTERNAL, "report: bad document");
	ops[n++] = (rx_sync_op){ KIND, d->incident, "t", (const uint8_t *)types[d->type],
		strlen(types[d->type]), 0, hlc, node };
	for (int i = 0; i < RX_RP_NFIELDS; i++)
		if (d->f[i])
			ops[n++] = (rx_sync_op){ KIND, d->incident, names[i],
				(const uint8_t *)d->f[i], strlen(d->f[i]), 0, hlc, node };
	return rx_sync_ops_encode(out, ops, n, err);
}

void rx_ops_report_doc_clear(rx_ops_report_doc *d)
{
	free(d->incident);
	for (int i = 0; i < RX_RP_NFIELDS; i++)
		free(d->f[i]);
	memset(d, 0, sizeof(*d));
}

/* A value: strict UTF-8 without NUL (aspects may hold line breaks). */
static char *value_dup(const rx_sync_op *op)
{
	char *v;

	if (op->tombstone || memchr(op->value, 0, op->value_len) ||
	    !rx_crypto_utf8_valid((const char *)op->value, op->value_len, 0))
		return NULL;
	if (!(v = malloc(op->value_len + 1)))
		return NULL;
	memcpy(v, op->value, op->value_len);
	v[op->value_len] = 0;
	return v;
}

static int take_type(rx_ops_report_doc *d, const rx_sync_op *op)
{
	for (int t = RX_REPORT_NOTICE; t <= RX_REPORT_SIGN; t++)
		if (!op->tombstone && op->value_len == strlen(types[t]) &&
		    !memcmp(op->value, types[t], op->value_len)) {
			d->type = (rx_ops_report_type)t;
			return 0;
		}
	return -1;
}

static int decode_ops(rx_ops_report_doc *d, unsigned *have, const rx_sync_batch *b,
	rx_error *err)
{
	for (size_t i = 0; i < b->n; i++) {
		const rx_sync_op *op = &b->ops[i];
		int k;

		if (strcmp(op->kind, KIND) || strcmp(op->id, b->ops[0].id))
			return rx_error_set(err, RX_EINPUT, "report: not one rp record");
		if (!strcmp(op->field, "t")) {
			if (d->type || take_type(d, op) < 0)
				return rx_error_set(err, RX_EINPUT, "report: bad type");
			continue;
		}
		if ((k = field_index(op->field)) < 0 || (*have & B(k)))
			return rx_error_set(err, RX_EINPUT, "report: unknown or repeated field");
		if (!(d->f[k] = value_dup(op)))
			return rx_error_set(err, RX_EINPUT, "report: bad value of %s", names[k]);
		*have |= B(k);
	}
	return 0;
}

int rx_ops_report_decode(rx_ops_report_doc *d, const uint8_t *p, size_t len,
	rx_error *err)
{
	rx_sync_batch b = { 0 };
	unsigned have = 0;
	int rc;

	memset(d, 0, sizeof(*d));
	if ((rc = rx_sync_ops_decode(&b, p, len, err)) < 0)
		return rc;
	if (b.n == 0)
		rc = rx_error_set(err, RX_EINPUT, "report: empty");
	else if (!(d->incident = strdup(b.ops[0].id)))
		rc = rx_error_nomem(err);
	else if ((rc = decode_ops(d, &have, &b, err)) == 0 &&
	    (!d->type || (have & need[d->type]) != need[d->type] || (have & ~may[d->type])))
		rc = rx_error_set(err, RX_EINPUT, "report: fields do not fit its type");
	rx_sync_batch_free(&b);
	if (rc < 0)
		rx_ops_report_doc_clear(d);
	return rc;
}

void rx_ops_report_digest(uint8_t out[static 32], const rx_ops_report_doc *d)
{
	crypto_generichash_state st;
	uint8_t t = (uint8_t)d->type;

	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, &t, 1);
	crypto_generichash_update(&st, (const uint8_t *)d->incident, strlen(d->incident) + 1);
	for (int i = 0; i < RX_RP_NFIELDS; i++) {
		uint8_t present = d->f[i] != NULL;
		crypto_generichash_update(&st, &present, 1);
		if (present)
			crypto_generichash_update(&st, (const uint8_t *)d->f[i], strlen(d->f[i]) + 1);
	}
	crypto_generichash_final(&st, out, 32);
}
