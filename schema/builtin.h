/* Scales and rules files compiled into the program (schema/scales, schema/rules). */
#ifndef RX_SCHEMA_BUILTIN_H
#define RX_SCHEMA_BUILTIN_H

#include <stddef.h>

#include "crypto/error.h"
#include "schema/rules.h"
#include "schema/scale.h"

/* One embedded file, e.g. kind "scale", name "phq9" from scales/phq9.scale. */
typedef struct rx_schema_builtin {
	const char *kind;          /* "scale" or "rules" (the file extension) */
	const char *name;          /* file name without extension */
	const unsigned char *data; /* the file's bytes, followed by a NUL */
	size_t len;                /* without that NUL */
	const char *origin;        /* NULL: embedded; else the policy that set it ("<node> v<N>") */
} rx_schema_builtin;

/* All embedded files, sorted by path; *n is their number. Static storage. */
const rx_schema_builtin *rx_schema_builtin_list(size_t *n);

/*
 * Put a table in place of the embedded one (the policy in force, built by
 * ops/policy: the embedded files, some replaced, some added), for list,
 * find and what calls them; NULL clears. The table must outlive every
 * look-up. Process-wide on purpose: every reader of a rules file goes
 * through find, and the policy in force is the same for all of them.
 */
void rx_schema_builtin_override(const rx_schema_builtin *table, size_t n);

/* The embedded files alone, whatever is in force. Static storage. */
const rx_schema_builtin *rx_schema_builtin_embedded(size_t *n);

/* The file of this kind and name in force (see override), or NULL. */
const rx_schema_builtin *rx_schema_builtin_find(const char *kind, const char *name);

/* Parse the embedded scale `id` (RX_EINPUT if there is none). */
int rx_schema_builtin_scale(rx_schema_scale **out, const char *id, rx_error *err);

/* Parse the embedded rules file `name` ("default"). */
int rx_schema_builtin_rules(rx_schema_rules **out, const char *name, rx_error *err);

#endif
