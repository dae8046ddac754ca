/* Key groups (重点关爱群体) as data: schema/groups/default.groups (docs/csv.md). */
#ifndef RX_SCHEMA_GROUPS_H
#define RX_SCHEMA_GROUPS_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/error.h"

#define RX_SCHEMA_GROUPS_MAX 32   /* bits of the stored value */
#define RX_SCHEMA_GROUP_ALIASES 12
#define RX_SCHEMA_GROUP_NAME 96   /* bytes of a name or alias, NUL included */

typedef struct rx_schema_group {
	int bit;                    /* 0..31, what is stored */
	char code[RX_SCHEMA_GROUP_NAME]; /* English code: left-behind */
	char zh[RX_SCHEMA_GROUP_NAME];   /* Chinese name: 留守 */
	char en[RX_SCHEMA_GROUP_NAME];   /* English name: left-behind child */
	char alias[RX_SCHEMA_GROUP_ALIASES][RX_SCHEMA_GROUP_NAME];
	size_t nalias;
} rx_schema_group;

typedef struct rx_schema_groups {
	rx_schema_group g[RX_SCHEMA_GROUPS_MAX]; /* in file order */
	size_t n;
	uint32_t bits;     /* the bits in use */
	int mentor_days;   /* key group -> mentor within days of Sept 1 */
} rx_schema_groups;

/*
 * Parse a groups file (strict: RX_EINPUT naming the line on anything
 * unknown, a bit or word given twice, a name holding a CSV list separator).
 */
int rx_schema_groups_parse(rx_schema_groups *out, const char *text, size_t len,
	rx_error *err);

/* The embedded default.groups, parsed once (static storage; NULL if broken). */
const rx_schema_groups *rx_schema_groups_default(void);

/* The group of this bit, or NULL. */
const rx_schema_group *rx_schema_group_by_bit(const rx_schema_groups *gs, unsigned bit);

/* The bit of a word (code, Chinese name, English name or alias), or -1. */
int rx_schema_group_find(const rx_schema_groups *gs, const char *w, size_t len);

/* The Chinese names of the bits set in v, joined by 、 into out[cap] ("" for 0). */
void rx_schema_groups_names(const rx_schema_groups *gs, uint32_t v, char *out, size_t cap);

#endif
