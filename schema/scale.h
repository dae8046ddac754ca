/* Screening scales: read from small text files (docs/scales.md) and scored. */
#ifndef RX_SCHEMA_SCALE_H
#define RX_SCHEMA_SCALE_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/error.h"

#define RX_SCHEMA_ITEMS_MAX 64    /* items per scale */
#define RX_SCHEMA_BANDS_MAX 16    /* severity bands per scale */
#define RX_SCHEMA_CRITICAL_MAX 8  /* critical-item rules per scale */
#define RX_SCHEMA_ID_MAX 32       /* bytes in a scale id */

typedef struct rx_schema_scale rx_schema_scale;

/* The result of scoring one administration. */
typedef struct rx_schema_score {
	int total;
	size_t band;               /* index of the band the total falls in */
	const char *band_label;    /* English, e.g. "mild"; owned by the scale */
	const char *band_label_zh; /* Chinese, e.g. "轻度"; owned by the scale */
	uint32_t critical;         /* bit i set: critical rule i matched */
	size_t n;                  /* number of answers */
	int answers[RX_SCHEMA_ITEMS_MAX];
} rx_schema_score;

/*
 * Parse a scale file (docs/scales.md). Strict: unknown keys, duplicates,
 * out-of-range numbers and inconsistent bands are refused (RX_EINPUT).
 * On success *out is the caller's, freed with rx_schema_scale_free.
 */
int rx_schema_scale_parse(rx_schema_scale **out, const char *text, size_t len,
			  rx_error *err);
void rx_schema_scale_free(rx_schema_scale *s);

/*
 * Score n answers (item 1 first). RX_EINPUT if n differs from the item
 * count or an answer is outside [min, max]; out is then unspecified.
 */
int rx_schema_scale_score(const rx_schema_scale *s, const int *answers, size_t n,
			  rx_schema_score *out, rx_error *err);

const char *rx_schema_scale_id(const rx_schema_scale *s);
const char *rx_schema_scale_name(const rx_schema_scale *s);    /* Chinese */
const char *rx_schema_scale_name_en(const rx_schema_scale *s); /* English */
size_t rx_schema_scale_items(const rx_schema_scale *s);
int rx_schema_scale_min(const rx_schema_scale *s);
int rx_schema_scale_max(const rx_schema_scale *s);
/* Text of item i (1-based), or NULL if the file gives none. */
const char *rx_schema_scale_item_text(const rx_schema_scale *s, size_t i);
/* Number of critical rules; rule i as "q9 >= 1" written into buf. */
size_t rx_schema_scale_critical_count(const rx_schema_scale *s);
void rx_schema_scale_critical_describe(const rx_schema_scale *s, size_t i,
				       char *buf, size_t cap);

#endif
