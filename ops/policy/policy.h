/* Policy as signed data: scales and rules files a city or county publishes on its dir branch (docs/policy.md). */
#ifndef RX_OPS_POLICY_H
#define RX_OPS_POLICY_H

#include <stdio.h>

#include <git2.h>
#include <sqlite3.h>

#include "crypto/buf.h"
#include "crypto/cert.h"
#include "ops/home/home.h"
#include "schema/builtin.h"

#define RX_POLICY_FILES_MAX 32          /* files in one policy change-set */
#define RX_POLICY_FILE_MAX (256u << 10) /* bytes of one file */
#define RX_POLICY_NAME_MAX 32           /* bytes of a file's name */
#define RX_POLICY_MAX 256               /* policy change-sets read per author */

/* One file of a policy: schema/rules/default.compliance is kind "compliance", name "default". */
typedef struct rx_ops_policy_file {
	char kind[16];
	char name[RX_POLICY_NAME_MAX + 1];
	char *data; /* len bytes and a NUL */
	size_t len;
} rx_ops_policy_file;

/* One policy change-set: what `policy add` published, as a reader sees it. */
typedef struct rx_ops_policy {
	char author[RX_NODE_ID_LEN + 1];
	char author_name[RX_NAME_MAX + 1];
	rx_role role;
	int depth;            /* 0: the city; 1: a county (a nearer author wins) */
	unsigned version;     /* 1 for the author's first policy change-set */
	char effective[11];   /* YYYY-MM-DD */
	int64_t time;         /* signing time */
	char origin[48];      /* "<author> v<version>", what a result records */
	rx_ops_policy_file *f;
	size_t n;
	int refused;          /* 1: not applied, why says why */
	char why[256];
} rx_ops_policy;

/* Every policy that reaches this node, and the table in force at one date. */
typedef struct rx_ops_policy_set {
	rx_ops_policy *p;     /* oldest first per author, the city's before a county's */
	size_t n;
	rx_schema_builtin *table; /* rx_ops_policy_in_force's */
	size_t ntable;
} rx_ops_policy_set;

/* -- The payload (codec.c) -- */

/*
 * Encode effective and files as the text of a policy change-set
 * ("runxin-policy 1", "effective D", "files N", then per file "file KIND NAME LEN",
 * LF, its bytes, LF). Appends to out.
 */
int rx_ops_policy_encode(rx_buf *out, const char *effective,
	const rx_ops_policy_file *f, size_t n, rx_error *err);

/*
 * Decode a payload into p->effective, p->f and p->n (p's other fields are
 * left alone). Strict and bounded: only the canonical form, sizes capped,
 * kinds and names checked, UTF-8 without NUL. RX_ESECURITY when malformed.
 */
int rx_ops_policy_decode(rx_ops_policy *p, const uint8_t *text, size_t len,
	rx_error *err);
void rx_ops_policy_clear(rx_ops_policy *p);

/* -- Checks (check.c) -- */

/*
 * Check one file as the program would read it (the parser of its kind).
 * RX_EINPUT with "LABEL: " and the parser's reason (which names the line).
 */
int rx_ops_policy_check_file(const rx_ops_policy_file *f, const char *label,
	rx_error *err);

/*
 * May an author of this role set this file? The city: every kind; a county:
 * scale, due, calendar and compliance, its compliance never lowering the
 * disclosure threshold or protection of city (the city's compliance in
 * force, or the built-in). RX_ESECURITY with the reason.
 */
int rx_ops_policy_allowed(rx_role role, const rx_ops_policy_file *f,
	const rx_schema_builtin *city, rx_error *err);

/* Read a file into f: kind and name from its file name (NAME.KIND), bytes capped. */
int rx_ops_policy_file_read(rx_ops_policy_file *f, const char *path, rx_error *err);

/* -- Publishing and reading (publish.c, load.c, table.c) -- */

/*
 * `policy add`: read and check every file (each error, naming the file and
 * line, is a line appended to *bad; RX_EINPUT and nothing published if any
 * fails), then publish one policy change-set effective from effective
 * (YYYY-MM-DD) on this node's dir branch. A city or county only
 * (RX_EUSAGE otherwise). *version is the new policy's version.
 */
int rx_ops_policy_add(unsigned *version, rx_buf *bad, rx_home *h, const rx_home_opts *o,
	char *const *paths, size_t npaths, const char *effective, rx_error *err);

/*
 * Every policy change-set on the dir branches of this node's chain (itself
 * if a city or county, its county, its city), decoded and checked; one that
 * fails a check is kept with refused set and why. 0 or < 0.
 */
int rx_ops_policy_load(rx_ops_policy_set *out, git_repository *repo, sqlite3 *db,
	const char *self, rx_error *err);

/*
 * Build out->table: the embedded files, each replaced by the nearest
 * author's latest accepted file of its kind and name effective on date
 * (YYYY-MM-DD), and the files a policy adds. Owned by out.
 */
int rx_ops_policy_in_force(rx_ops_policy_set *out, const char *date, rx_error *err);

/* The latest accepted policy of each author effective on date, city first: NULL-ended. */
size_t rx_ops_policy_current(const rx_ops_policy **out, size_t max,
	const rx_ops_policy_set *s, const char *date);

void rx_ops_policy_set_free(rx_ops_policy_set *s);

/*
 * For the program: load the policies of the home at path (if initialised)
 * and put the table in force today in place of the embedded files
 * (rx_schema_builtin_override). *set is kept until exit. Never fails the
 * caller: without a home or policy the embedded files stay.
 */
void rx_ops_policy_install(rx_ops_policy_set *set, const rx_home_opts *o);

/* -- What a node says (status.c) -- */

/* `status`: the policy in force today, by whom and since when; the ratio; any refused. */
int rx_ops_policy_status(FILE *f, rx_home *h, rx_error *err);

/* One line "ORIGIN: why" per policy change-set refused here, appended to out. */
int rx_ops_policy_refused(rx_buf *out, rx_home *h, rx_error *err);

#endif
