/* Record types of the school archive, their fields and validation, as field ops (docs/records.md). */
#ifndef RX_SCHEMA_RECORD_H
#define RX_SCHEMA_RECORD_H

#include <stddef.h>

#include "crypto/error.h"
#include "sync/op.h"

#define RX_SCHEMA_REC_FIELDS_MAX 144 /* fields of one type (screening: 14 + 128 items) */

/* How a field's value is checked and normalised before it is stored. */
typedef enum rx_schema_ftype {
	RX_SCHEMA_F_TEXT,   /* UTF-8, no control bytes but \n \t, 1..max bytes */
	RX_SCHEMA_F_INT,    /* decimal in [min, max] */
	RX_SCHEMA_F_DATE,   /* stored YYYY-MM-DD */
	RX_SCHEMA_F_ENUM,   /* stored as its short code */
	RX_SCHEMA_F_LEVEL,  /* stored 0..3 (无/黄/橙/红) */
	RX_SCHEMA_F_GENDER, /* stored 1 (男) or 2 (女) */
	RX_SCHEMA_F_FLAGS,  /* key groups, stored as decimal bits */
	RX_SCHEMA_F_BOOL,   /* stored 1 or 0 */
	RX_SCHEMA_F_NO      /* a student number, 1..32 of [A-Za-z0-9_-] */
} rx_schema_ftype;

/* One allowed value of an enum field: stored code, Chinese and English names. */
typedef struct rx_schema_enumval {
	const char *code, *zh, *en;
} rx_schema_enumval;

typedef struct rx_schema_fdef {
	const char *name;   /* on the wire: short and stable */
	const char *zh;     /* Chinese label (also accepted by `add`) */
	const char *en;     /* English long name (also accepted by `add`) */
	rx_schema_ftype type;
	int required;
	int key;            /* part of the record id, never written as an op */
	int min, max;       /* INT range; TEXT: max bytes */
	const rx_schema_enumval *enums; /* ENUM: ended by a NULL code */
} rx_schema_fdef;

/* How the id of a record is made. */
typedef enum rx_schema_idform {
	RX_SCHEMA_ID_KEYS,     /* the key fields joined by '/' */
	RX_SCHEMA_ID_COUNTER,  /* keys + "/" + node tag "." counter; no keys: "@" tag "/" counter */
	RX_SCHEMA_ID_EXPLICIT  /* given whole (a review report: its incident's id) */
} rx_schema_idform;

typedef struct rx_schema_type {
	const char *code;    /* the op kind: "st", "sc", ... */
	const char *name;    /* English name used on the command line */
	const char *zh;      /* Chinese name */
	rx_schema_idform idform;
	int per_student;     /* id starts with the student number (the owner) */
	int personal;        /* listing it reveals personal data (access log) */
	int items;           /* accepts q1..q64 (screening answers) */
	const char *date_field; /* the field that dates it in a timeline, or NULL */
	const rx_schema_fdef *fields;
	size_t nfields;
} rx_schema_type;

/* All types, in a fixed order; *n is their number. */
const rx_schema_type *rx_schema_types(size_t *n);

/* A type by code ("st"), English name ("student", "care-plan") or Chinese name. */
const rx_schema_type *rx_schema_type_find(const char *name);

/* Index of field name (or its Chinese/English label) in t, or -1. q1..q64 map past nfields. */
int rx_schema_field_find(const rx_schema_type *t, const char *name);

/* The name on the wire of field index i (a q-item past nfields). */
const char *rx_schema_field_name(const rx_schema_type *t, int i);

/*
 * A record in memory: values indexed by field index (NULL when unset), all
 * normalised and malloc'ed; free with rx_schema_rec_clear.
 */
typedef struct rx_schema_rec {
	const rx_schema_type *type;
	char *id;
	char *val[RX_SCHEMA_REC_FIELDS_MAX];
} rx_schema_rec;

/* Start an empty record of type t. */
void rx_schema_rec_init(rx_schema_rec *r, const rx_schema_type *t);
void rx_schema_rec_clear(rx_schema_rec *r);

/*
 * Check and normalise value for field `name` and store it (replacing any
 * value). RX_EINPUT with a one-line reason naming the field.
 */
int rx_schema_rec_set(rx_schema_rec *r, const char *name, const char *value,
	rx_error *err);

/* Store a value as read from the store (no checks; unknown fields ignored). */
int rx_schema_rec_put_raw(rx_schema_rec *r, const char *field, const char *v,
	size_t len, rx_error *err);

/* The value of field name, or NULL. */
const char *rx_schema_rec_get(const rx_schema_rec *r, const char *name);

/* Every required field present (keys included). RX_EINPUT naming the first missing one. */
int rx_schema_rec_validate(const rx_schema_rec *r, rx_error *err);

/*
 * Build the id from the key fields (KEYS form; COUNTER form with tag and n).
 * For EXPLICIT the id must have been set. RX_EINPUT if a key is missing.
 */
int rx_schema_rec_make_id(rx_schema_rec *r, const char *tag, unsigned long n,
	rx_error *err);

/* Set the key fields from r->id (after loading from the store). */
int rx_schema_rec_keys_from_id(rx_schema_rec *r, rx_error *err);

/* The student number (owner) of a per-student record, into out[33]; "" otherwise. */
void rx_schema_rec_owner(const rx_schema_rec *r, char out[static 33]);

/*
 * Ops for the non-key fields of r that differ from old (old NULL: all set
 * fields; a field set in old but not in r is left alone). Ops point into r
 * and have hlc 0 and node 0; *n ops are written to ops[cap].
 */
size_t rx_schema_rec_diff(const rx_schema_rec *r, const rx_schema_rec *old,
	rx_sync_op *ops, size_t cap);

/* Value check helpers shared with the importers. */
int rx_schema_no_valid(const char *s);
const char *rx_schema_enum_label(const rx_schema_fdef *f, const char *code);

#endif
