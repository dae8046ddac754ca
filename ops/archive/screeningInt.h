/* Internals of the summaries: screening rounds combined, what made a proposal, which scales fit. */
#ifndef RX_OPS_ARCHIVE_SCREENING_INT_H
#define RX_OPS_ARCHIVE_SCREENING_INT_H

#include "ops/archive/archive.h"

#define RX_SCREENING_SCALES_MAX 16

/* The built-in scales and the screening settings, loaded once per summaries load. */
typedef struct rx_screening_ctx {
	rx_schema_scale *scale[RX_SCREENING_SCALES_MAX];
	size_t n;
	rx_schema_oblig_cfg cfg;
} rx_screening_ctx;

/* Parse the built-in scales and default.due. Free with rx_screening_ctx_close. */
int rx_screening_ctx_open(rx_screening_ctx *c, rx_error *err);
void rx_screening_ctx_close(rx_screening_ctx *c);

/* Score entry e from its record r: total, band, critical answers (-1s when unknown). */
void rx_screening_entry_score(const rx_screening_ctx *c, rx_sc_entry *e,
	const rx_schema_rec *r);

/*
 * Combine the latest round of s as of today: s->proposed, discordant, round,
 * why, and the obligation facts (proposed_since, critical_since, discordance,
 * screened, no_fitting_scale).
 */
void rx_screening_propose(const rx_screening_ctx *c, rx_summary *s, rx_schema_date today);

#endif
