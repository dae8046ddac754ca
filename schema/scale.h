/* Screening scales: read from small text files (docs/scales.md) and scored. */
#ifndef RX_SCHEMA_SCALE_H
#define RX_SCHEMA_SCALE_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/error.h"

#define RX_SCHEMA_ITEMS_MAX 128   /* items per scale (MHT has 100) */
#define RX_SCHEMA_BANDS_MAX 16    /* severity bands per scale */
#define RX_SCHEMA_CRITICAL_MAX 8  /* critical-item rules per scale */
#define RX_SCHEMA_ID_MAX 32       /* bytes in a scale id */
#define RX_SCHEMA_SUPP_MAX 8      /* supplementary (not summed) items per scale */
#define RX_SCHEMA_UNANSWERED (-1) /* a supplementary item left blank */
#define RX_SCHEMA_FACTORS_MAX 16  /* subscales (factors) per scale */
#define RX_SCHEMA_NORMS_MAX 24    /* norm-table rows (grades × sex) per scale */
#define RX_SCHEMA_VOIDS_MAX 4     /* validity rules per scale */
#define RX_SCHEMA_TOTAL_MAX 6400  /* highest raw total a scale may have */

/* Who took the scale, for norm tables: grade 1..12 (0 unknown), sex 1 男, 2 女 (0 unknown). */
typedef struct rx_schema_who {
	int grade, sex;
} rx_schema_who;

typedef struct rx_schema_scale rx_schema_scale;

/* The result of scoring one administration. */
typedef struct rx_schema_score {
	int total;
	size_t band;               /* index of the band the total falls in */
	const char *band_label;    /* English, e.g. "mild"; owned by the scale */
	const char *band_label_zh; /* Chinese, e.g. "轻度"; owned by the scale */
	uint32_t critical;         /* bit i set: critical rule i matched */
	size_t n;                  /* number of answers (scored, or all items) */
	int answers[RX_SCHEMA_ITEMS_MAX];
	int standard;              /* the banded score: total, or its standard score */
	int has_standard;          /* 1 when the scale converts the total (standard key) */
	int voided;                /* 1: void (a validity rule held, or no norm fits) */
	const char *void_reason;   /* Chinese, when voided; owned by the scale or static */
	size_t nfactors;
	long factor[RX_SCHEMA_FACTORS_MAX];   /* factor scores in hundredths (mean 1.50 = 150) */
	size_t factor_band[RX_SCHEMA_FACTORS_MAX];
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
 * Score n answers (item 1 first): n is the scored items' count, or all items
 * with the supplementary ones after them (each within its own range, or
 * RX_SCHEMA_UNANSWERED). Only scored items are summed. RX_EINPUT for another
 * n or an answer out of range; out is then unspecified.
 */
int rx_schema_scale_score(const rx_schema_scale *s, const int *answers, size_t n,
			  rx_schema_score *out, rx_error *err);
/*
 * The same for a known student (norm tables need grade and sex; who may be
 * NULL). Bands are of `standard`; a void result (voided 1) keeps its total and
 * its critical bits but its band means nothing: show void_reason instead.
 */
int rx_schema_scale_score_who(const rx_schema_scale *s, const int *answers, size_t n,
			      const rx_schema_who *who, rx_schema_score *out, rx_error *err);

/* The band a banded score (the standard score, or the total) falls in. */
size_t rx_schema_scale_band_of(const rx_schema_scale *s, int standard);
/* Whether the scale needs grade and sex (a norm table). */
int rx_schema_scale_needs_who(const rx_schema_scale *s);
/* Whether the scale converts the total to a standard score. */
int rx_schema_scale_has_standard(const rx_schema_scale *s);
/* Chinese label of answer v to item i (1-based), or NULL. */
const char *rx_schema_scale_answer_label(const rx_schema_scale *s, size_t i, int v);
/* Number of factors; id, Chinese name, band label of factor f. */
size_t rx_schema_scale_factor_count(const rx_schema_scale *s);
const char *rx_schema_scale_factor_id(const rx_schema_scale *s, size_t f);
const char *rx_schema_scale_factor_name(const rx_schema_scale *s, size_t f);
const char *rx_schema_scale_factor_band(const rx_schema_scale *s, size_t f, size_t band);
/* "总分 %d (%s)" or "标准分 %d (%s)" or "无效 (reason)" for show/list output. */
void rx_schema_score_describe(const rx_schema_scale *s, const rx_schema_score *sc,
			      char *buf, size_t cap);

const char *rx_schema_scale_id(const rx_schema_scale *s);
const char *rx_schema_scale_name(const rx_schema_scale *s);    /* Chinese */
const char *rx_schema_scale_name_en(const rx_schema_scale *s); /* English */
size_t rx_schema_scale_items(const rx_schema_scale *s);    /* scored (summed) items */
size_t rx_schema_scale_items_all(const rx_schema_scale *s); /* with supplementary ones */
/* Answer range of item i (1-based; scored items: their own range or min..max). */
void rx_schema_scale_item_range(const rx_schema_scale *s, size_t i, int *lo, int *hi);
/* Short name for messages ("PHQ-9"; the id when the file gives none). */
const char *rx_schema_scale_short(const rx_schema_scale *s);
int rx_schema_scale_min(const rx_schema_scale *s);
int rx_schema_scale_max(const rx_schema_scale *s);
/* Text of item i (1-based), or NULL if the file gives none. */
const char *rx_schema_scale_item_text(const rx_schema_scale *s, size_t i);
/* Number of critical rules; rule i as "q9 >= 1" written into buf. */
size_t rx_schema_scale_critical_count(const rx_schema_scale *s);
void rx_schema_scale_critical_describe(const rx_schema_scale *s, size_t i,
				       char *buf, size_t cap);
/* Chinese label of band i (English when the file has none), or NULL. */
const char *rx_schema_scale_band_zh(const rx_schema_scale *s, size_t band);
/* The item critical rule i looks at (0: the total, a count or AND rule, or no such rule). */
size_t rx_schema_scale_critical_item(const rx_schema_scale *s, size_t i);

/*
 * Whether a student of this grade (1..12; 0 unknown) and age in whole years
 * (< 0 unknown) may take the scale: within its grade range or its age range
 * (either one given; no range: everyone). 1 or 0.
 */
int rx_schema_scale_fits(const rx_schema_scale *s, int grade, int age);
/* The ranges for messages, e.g. "7–12 年级或12 岁及以上", "11–17 岁", "不限". */
void rx_schema_scale_fit_describe(const rx_schema_scale *s, char *buf, size_t cap);

#endif
