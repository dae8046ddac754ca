/* Letters to parents (知情书, 建议书): a template with {{placeholders}} and level sections, rendered to HTML. */
#ifndef RX_SCHEMA_LETTER_H
#define RX_SCHEMA_LETTER_H

#include <stddef.h>

#include "crypto/buf.h"
#include "crypto/error.h"

#define RX_SCHEMA_LETTER_MAX 65536 /* bytes of a template */

/* One value to fill in: {{key}} becomes value, HTML-escaped. */
typedef struct rx_schema_letter_var {
	const char *key, *value;
} rx_schema_letter_var;

typedef struct rx_schema_letter {
	const char *tpl;   /* the template: strict UTF-8, at most RX_SCHEMA_LETTER_MAX bytes */
	size_t len;
	const rx_schema_letter_var *vars;
	size_t nvars;
	const char *section; /* {{#S}}...{{/S}} kept for this S only ("red", "orange", "yellow") */
} rx_schema_letter;

/*
 * Render l into out (appended): each {{key}} replaced by its value with
 * & < > " ' escaped, each section {{#name}}...{{/name}} (not nested) kept
 * only when name is l->section. RX_EINPUT naming the template's line for an
 * unknown placeholder, an unclosed {{ or section, a nested section, or a
 * template too long or not UTF-8.
 */
int rx_schema_letter_render(rx_buf *out, const rx_schema_letter *l, rx_error *err);

/* Append s to out with & < > " ' escaped for HTML. */
int rx_schema_html_escape(rx_buf *out, const char *s, rx_error *err);

#endif
