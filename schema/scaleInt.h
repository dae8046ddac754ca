/* Internals of scales shared with the warning rules: item conditions. */
#ifndef RX_SCHEMA_SCALE_INT_H
#define RX_SCHEMA_SCALE_INT_H

#include "schema/scale.h"
#include "schema/textInt.h"

/* A comparison of one item (item >= 1) or of the total (item == 0). */
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

#endif
