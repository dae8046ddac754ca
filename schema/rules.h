/* Warning levels: rules files (docs/scales.md) and how administrations combine. */
#ifndef RX_SCHEMA_RULES_H
#define RX_SCHEMA_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "crypto/error.h"
#include "schema/import.h"
#include "schema/scale.h"

typedef enum rx_schema_level {
	RX_SCHEMA_LEVEL_MISSING = -1, /* no administration */
	RX_SCHEMA_LEVEL_NONE = 0,     /* 无 */
	RX_SCHEMA_LEVEL_YELLOW = 1,   /* 黄 */
	RX_SCHEMA_LEVEL_ORANGE = 2,   /* 橙 */
	RX_SCHEMA_LEVEL_RED = 3       /* 红 */
} rx_schema_level;

/* "none"/"yellow"/"orange"/"red" and "无"/"黄"/"橙"/"红"; "?" if out of range. */
const char *rx_schema_level_name(rx_schema_level l);
const char *rx_schema_level_name_zh(rx_schema_level l);

/* Parse either name (English case-insensitive, or 无/黄/橙/红). 0 or RX_EINPUT. */
int rx_schema_level_parse(rx_schema_level *out, const char *s, rx_error *err);

typedef struct rx_schema_rules rx_schema_rules;

#define RX_SCHEMA_RULES_MAX 128

/*
 * Parse a rules file. Strict (RX_EINPUT on anything unknown). *out is the
 * caller's, freed with rx_schema_rules_free.
 */
int rx_schema_rules_parse(rx_schema_rules **out, const char *text, size_t len,
			  rx_error *err);
void rx_schema_rules_free(rx_schema_rules *r);
const char *rx_schema_rules_name(const rx_schema_rules *r);

/*
 * Proposed level for one administration: the highest level among the rules
 * for this scale's id whose condition holds; NONE when none matches.
 */
rx_schema_level rx_schema_rules_level(const rx_schema_rules *r,
				      const rx_schema_scale *scale,
				      const rx_schema_score *score);

/*
 * Check that every rule naming this scale refers to an item it has.
 * 0 or RX_EINPUT.
 */
int rx_schema_rules_check(const rx_schema_rules *r, const rx_schema_scale *scale,
			  rx_error *err);

/*
 * Combine the two administrations of one scale in a round, the earlier one
 * first: red if either is red (a self-harm answer is never averaged away),
 * otherwise the later one, so a student who gets worse is never hidden and
 * the result is never below the later one. *discordant is set when they
 * differ by two steps or more, or one is missing (the one present is then
 * proposed). Both missing: MISSING.
 */
rx_schema_level rx_schema_level_combine_round(rx_schema_level earlier,
					      rx_schema_level later, bool *discordant);

/* One administration of a scale in a round, as far as combining goes. */
typedef struct rx_schema_adm {
	rx_schema_level lv;  /* RX_SCHEMA_LEVEL_MISSING: not taken */
	rx_schema_date d;
} rx_schema_adm;

/* A scale's round as of a day (schema/round.c). */
typedef struct rx_schema_round {
	rx_schema_level level; /* proposed; MISSING when neither was taken */
	int discordant;        /* 0; 1: two steps apart; 2: one missing after the window */
	rx_schema_date since;  /* discordant: an assessment on or after this day settles it */
	rx_schema_date start;  /* discordant: the day the assessment is owed from */
	rx_schema_level worse; /* the higher of the two */
} rx_schema_round;

/*
 * Combine administrations 1 and 2 (ordered by date; a tie keeps 1 first)
 * with rx_schema_level_combine_round. A lone administration is discordant
 * only once window_days have passed since it (until then the second one is
 * awaited): owed from that day, settled by an assessment since the lone one.
 */
void rx_schema_round_combine(rx_schema_round *out, const rx_schema_adm *a1,
			     const rx_schema_adm *a2, int window_days, rx_schema_date today);

/* Whole years of age on day d of someone born on birth (-1 if birth is unset). */
int rx_schema_age_on(rx_schema_date birth, rx_schema_date d);

/* Combine the scales of a round: the highest; MISSING if all are missing. */
rx_schema_level rx_schema_level_combine_scales(const rx_schema_level *l, size_t n);

#endif
