/* Item and total conditions ("q9 >= 1", "total >= 20") used by scales and rules. */
#include <stdio.h>
#include <string.h>

#include "schema/scaleInt.h"

static const char *const op_names[] = { ">=", ">", "<=", "<", "==" };

/* Take the next space-separated word off the front of *rest. */
static rx_schema_span next_word(rx_schema_span *rest)
{
	rx_schema_span w;
	size_t i = 0;

	*rest = rx_schema_span_trim(*rest);
	while (i < rest->len && rest->p[i] != ' ' && rest->p[i] != '\t')
		i++;
	w = (rx_schema_span){ rest->p, i };
	rest->p += i;
	rest->len -= i;
	return w;
}

static int parse_term(rx_schema_cond *c, rx_schema_span w, int allow_total)
{
	int n;

	if (allow_total && rx_schema_span_eq(w, "total")) {
		c->item = 0;
		return 0;
	}
	if (allow_total && rx_schema_span_eq(w, "standard")) {
		c->item = RX_SCHEMA_COND_STANDARD;
		return 0;
	}
	if (w.len < 2 || (w.p[0] != 'q' && w.p[0] != 'Q') ||
	    w.p[1] == '0' || w.p[1] == '+' || w.p[1] == '-' ||
	    rx_schema_span_int((rx_schema_span){ w.p + 1, w.len - 1 }, 1,
			       RX_SCHEMA_ITEMS_MAX, &n) < 0)
		return -1;
	c->item = (size_t)n;
	return 0;
}

int rx_schema_cond_parse(rx_schema_cond *c, rx_schema_span s, int allow_total,
			 const char *what, size_t line, rx_error *err)
{
	rx_schema_span term = next_word(&s), op = next_word(&s), val = next_word(&s);
	size_t i;

	if (parse_term(c, term, allow_total) < 0)
		return rx_error_set(err, RX_EINPUT, "%s line %zu: expected %s",
				    what, line, allow_total ? "qN, total or standard" : "qN");
	if (op.len == 1 && op.p[0] == '=')
		op = (rx_schema_span){ "==", 2 };
	for (i = 0; i < sizeof(op_names) / sizeof(op_names[0]); i++)
		if (rx_schema_span_eq(op, op_names[i]))
			break;
	if (i == sizeof(op_names) / sizeof(op_names[0]))
		return rx_error_set(err, RX_EINPUT,
				    "%s line %zu: expected >=, >, <=, < or ==", what, line);
	c->op = (int)i;
	if (rx_schema_span_int(val, -100000, 100000, &c->value) < 0)
		return rx_error_set(err, RX_EINPUT, "%s line %zu: expected a number",
				    what, line);
	if (rx_schema_span_trim(s).len)
		return rx_error_set(err, RX_EINPUT, "%s line %zu: trailing words",
				    what, line);
	return 0;
}

int rx_schema_cond_eval(const rx_schema_cond *c, const rx_schema_score *sc)
{
	int v;

	if (c->item == RX_SCHEMA_COND_STANDARD)
		v = sc->standard;
	else if (c->item > sc->n)
		return 0;
	else
		v = c->item ? sc->answers[c->item - 1] : sc->total;
	if (c->item && c->item != RX_SCHEMA_COND_STANDARD && v == RX_SCHEMA_UNANSWERED)
		return 0; /* a blank supplementary item matches nothing */
	switch (c->op) {
	case RX_SCHEMA_OP_GE: return v >= c->value;
	case RX_SCHEMA_OP_GT: return v > c->value;
	case RX_SCHEMA_OP_LE: return v <= c->value;
	case RX_SCHEMA_OP_LT: return v < c->value;
	default: return v == c->value;
	}
}

void rx_schema_cond_describe(const rx_schema_cond *c, char *buf, size_t cap)
{
	if (c->item == RX_SCHEMA_COND_STANDARD)
		snprintf(buf, cap, "standard %s %d", op_names[c->op], c->value);
	else if (c->item)
		snprintf(buf, cap, "q%zu %s %d", c->item, op_names[c->op], c->value);
	else
		snprintf(buf, cap, "total %s %d", op_names[c->op], c->value);
}
