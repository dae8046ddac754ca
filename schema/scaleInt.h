/* Internals of scales: the parsed scale, item lists, and the item conditions shared with the warning rules. */
#ifndef RX_SCHEMA_SCALE_INT_H
#define RX_SCHEMA_SCALE_INT_H

#include "schema/scale.h"
#include "schema/textInt.h"

/* A comparison of one item (item >= 1), of the total (item == 0) or of the standard score. */
#define RX_SCHEMA_COND_STANDARD ((size_t)-1)
typedef struct rx_schema_cond {
	size_t item;
	int op;  /* one of the RX_SCHEMA_OP_* */
	int value;
} rx_schema_cond;

enum { RX_SCHEMA_OP_GE, RX_SCHEMA_OP_GT, RX_SCHEMA_OP_LE, RX_SCHEMA_OP_LT,
       RX_SCHEMA_OP_EQ };

/*
 * Parse "qN OP INT" (or "total OP INT" when allow_total) from three
 * space-separated words. 0 or RX_EINPUT naming `what` and line.
 */
int rx_schema_cond_parse(rx_schema_cond *c, rx_schema_span s, int allow_total,
			 const char *what, size_t line, rx_error *err);

/* Does the condition hold for this score? Items beyond n never match. */
int rx_schema_cond_eval(const rx_schema_cond *c, const rx_schema_score *sc);

/* "q9 >= 1" or "total >= 20" into buf. */
void rx_schema_cond_describe(const rx_schema_cond *c, char *buf, size_t cap);

/* A set of items (bit i: item i + 1). */
typedef struct rx_schema_items {
	uint64_t w[(RX_SCHEMA_ITEMS_MAX + 63) / 64];
} rx_schema_items;

static inline int rx_schema_items_has(const rx_schema_items *s, size_t i)
{
	return i >= 1 && i <= RX_SCHEMA_ITEMS_MAX && ((s->w[(i - 1) / 64] >> ((i - 1) % 64)) & 1);
}

/*
 * Parse "1, 4, 8-12" (item numbers 1..max, ranges A-B, each item once) into
 * *out; count of items in *n. 0 or RX_EINPUT "scale line L: KEY: why".
 */
int rx_schema_items_parse(rx_schema_items *out, size_t *n, rx_schema_span v, int max,
			  const rx_schema_kv *kv, rx_error *err);

/* Parse "1.25", "-3", "2.5" into hundredths (scale 100) or ten-thousandths (10000). */
int rx_schema_decimal_parse(rx_schema_span v, int scale, long lo, long hi, long *out);

#define RX_SCALE_LABEL_MAX 32
#define RX_SCALE_LABEL_ZH_MAX 64
#define RX_SCALE_ANSWER_LABELS 8   /* labelled values per label set */
#define RX_SCALE_LABEL_SETS 8
#define RX_SCALE_NORM_POINTS 40
#define RX_SCALE_AND_MAX 4

/* Answer labels for a set of items (all items without a set of their own when all). */
typedef struct rx_scale_labels {
	int all;
	rx_schema_items items;
	size_t n;
	int value[RX_SCALE_ANSWER_LABELS];
	char label[RX_SCALE_ANSWER_LABELS][RX_SCALE_LABEL_ZH_MAX + 1];
} rx_scale_labels;

typedef struct rx_scale_factor {
	char id[RX_SCALE_LABEL_MAX + 1], name[RX_SCALE_LABEL_ZH_MAX + 1];
	int mean;          /* score is the mean of the items (else the sum) */
	rx_schema_items items;
	size_t nitems, nbands;
	long band_at[RX_SCHEMA_BANDS_MAX]; /* hundredths */
	char band[RX_SCHEMA_BANDS_MAX][RX_SCALE_LABEL_ZH_MAX + 1];
} rx_scale_factor;

/* Raw total -> standard score for grades lo..hi and a sex (0: either). */
typedef struct rx_scale_norm {
	int grade_lo, grade_hi, sex;
	size_t n;
	int raw[RX_SCALE_NORM_POINTS], std[RX_SCALE_NORM_POINTS];
} rx_scale_norm;

/* A critical rule: all of c[0..nand) hold, or (k > 0) at least k of items OP value. */
typedef struct rx_scale_crit {
	size_t nand;
	rx_schema_cond c[RX_SCALE_AND_MAX];
	int k;
	rx_schema_items items;
	rx_schema_cond each; /* op and value for the k-of form */
} rx_scale_crit;

/* A validity rule: the result is void when the term (total, qN or a factor) OP value. */
typedef struct rx_scale_void {
	size_t factor; /* 0: total or an item (cond.item), else factor index + 1 */
	rx_schema_cond cond;
	long value100; /* for a factor: hundredths */
	char reason[RX_SCALE_LABEL_ZH_MAX * 2 + 1];
} rx_scale_void;

enum { RX_SCALE_STD_NONE, RX_SCALE_STD_LINEAR, RX_SCALE_STD_NORM };

struct rx_schema_scale {
	char id[RX_SCHEMA_ID_MAX + 1];
	char name[129], name_en[129];
	int items, min, max;
	size_t nbands, nbands_zh, ncrit;
	int band_at[RX_SCHEMA_BANDS_MAX], band_zh_at[RX_SCHEMA_BANDS_MAX];
	char band[RX_SCHEMA_BANDS_MAX][RX_SCALE_LABEL_MAX + 1];
	char band_zh[RX_SCHEMA_BANDS_MAX][RX_SCALE_LABEL_ZH_MAX + 1];
	rx_scale_crit crit[RX_SCHEMA_CRITICAL_MAX];
	char *item_text[RX_SCHEMA_ITEMS_MAX];
	uint64_t seen; /* bit per key of the key table */
	char abbr[RX_SCALE_LABEL_MAX + 1];
	size_t nsupp; /* supplementary items, numbered after the scored ones */
	int supp_item[RX_SCHEMA_SUPP_MAX], supp_min[RX_SCHEMA_SUPP_MAX],
	    supp_max[RX_SCHEMA_SUPP_MAX];
	int grade_min, grade_max, age_min, age_max; /* 0: not given */
	rx_schema_items reverse; /* counted as (lo + hi - answer) */
	rx_schema_items exclude; /* scored items left out of the total (lie items) */
	rx_schema_items ranged;  /* items with a range of their own */
	int lo[RX_SCHEMA_ITEMS_MAX], hi[RX_SCHEMA_ITEMS_MAX]; /* own ranges */
	size_t nlabels, nfactors, nnorms, nvoids;
	rx_scale_labels labels[RX_SCALE_LABEL_SETS];
	rx_scale_factor factor[RX_SCHEMA_FACTORS_MAX];
	rx_scale_norm norm[RX_SCHEMA_NORMS_MAX];
	rx_scale_void voids[RX_SCHEMA_VOIDS_MAX];
	int std_kind;
	long std_mul, std_add; /* ten-thousandths: standard = floor(raw × mul + add) */
};

/* Critical rules (scale_crit.c): "qN OP V", "qA OP V and qB OP V", "K of LIST OP V". */
int rx_scale_crit_parse(rx_scale_crit *c, const rx_schema_kv *kv, rx_error *err);
int rx_scale_crit_eval(const rx_scale_crit *c, const rx_schema_score *sc);
size_t rx_scale_crit_max_item(const rx_scale_crit *c);
void rx_scale_crit_describe(const rx_scale_crit *c, char *buf, size_t cap);

/* Keys added for real instruments (scale_keys.c): 0, RX_EINPUT, or 1 if not one of them. */
int rx_scale_key_ext(rx_schema_scale *s, const rx_schema_kv *kv, rx_error *err);
/* Checks across keys once the file is read (scale_keys.c). */
int rx_scale_check_ext(const rx_schema_scale *s, rx_error *err);
/* Lowest/highest raw total (non-excluded scored items, own ranges). */
void rx_scale_total_range(const rx_schema_scale *s, int *lo, int *hi);
/* Standard score of a raw total: 0, or -1 when no norm fits grade/sex. */
int rx_scale_standard(const rx_schema_scale *s, int raw, const rx_schema_who *who, int *out);

#endif
