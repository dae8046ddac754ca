/* runxin add TYPE field=value...: create or update one record; `add setting operator=NAME`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "node/commands.h"
#include "ops/archive/archive.h"

static int add_setting(rx_home *h, int argc, char **argv, rx_error *err)
{
	for (int i = 2; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');

		if (!eq || strncmp(argv[i], "operator=", 9) || !eq[1] || strlen(eq + 1) > 128)
			return rx_error_set(err, RX_EUSAGE,
				"the only setting is operator=NAME (1–128 bytes)");
	}
	for (int i = 2; i < argc; i++) {
		int rc = rx_home_set(h, "operator", strchr(argv[i], '=') + 1, err);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Fields from argv into r; id=... into *id. */
static int parse_fields(rx_schema_rec *r, const char **id, int argc, char **argv,
	rx_error *err)
{
	for (int i = 2; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		int rc;

		if (!eq)
			return rx_error_set(err, RX_EUSAGE, "expected field=value, got '%.40s'", argv[i]);
		*eq = 0;
		if (!strcmp(argv[i], "id"))
			*id = eq + 1;
		else if ((rc = rx_schema_rec_set(r, argv[i], eq + 1, err)) < 0)
			return rc;
	}
	return 0;
}

/* The student, or the incident of a review report, must exist. */
static int check_refs(rx_archive *a, const rx_schema_rec *r, rx_error *err)
{
	const char *no = rx_schema_rec_get(r, "no");
	rx_schema_rec x;
	int found = 0, rc = 0;

	if (!strcmp(r->type->code, "rr"))
		rc = rx_rec_get(&x, a, rx_schema_type_find("in"), r->id, &found, err);
	else if (r->type->per_student && strcmp(r->type->code, "st") && no)
		rc = rx_rec_get(&x, a, rx_schema_type_find("st"), no, &found, err);
	else
		return 0;
	rx_schema_rec_clear(&x);
	if (rc == 0 && !found)
		rc = rx_error_set(err, RX_EINPUT, "%s", !strcmp(r->type->code, "rr") ?
			"没有这个极端事件 (no such incident id)" : "学号不在花名册中 (unknown student)");
	return rc;
}

/* Fill r's id: given (update or explicit), from its keys, or a new counter. */
static int settle_id(rx_archive *a, rx_schema_rec *r, const char *id, rx_error *err)
{
	if (id) {
		free(r->id);
		if (!(r->id = strdup(id)))
			return rx_error_nomem(err);
		return rx_schema_rec_keys_from_id(r, err);
	}
	if (r->type->idform == RX_SCHEMA_ID_COUNTER)
		return rx_rec_new_id(r, a, err);
	return rx_schema_rec_make_id(r, NULL, 0, err);
}

/* Values of old that r does not set are carried over before validating. */
static int merge(rx_schema_rec *r, const rx_schema_rec *old, rx_error *err)
{
	for (size_t i = 0; i < RX_SCHEMA_REC_FIELDS_MAX; i++)
		if (!r->val[i] && old->val[i] && !(r->val[i] = strdup(old->val[i])))
			return rx_error_nomem(err);
	return 0;
}

static int add_record(rx_archive *a, const rx_schema_type *t, int argc, char **argv,
	rx_error *err)
{
	rx_schema_rec r, old;
	const char *id = NULL;
	size_t n = 0;
	int found = 0, rc;

	rx_schema_rec_init(&r, t);
	rx_schema_rec_init(&old, t);
	if ((rc = parse_fields(&r, &id, argc, argv, err)) < 0 ||
	    (rc = settle_id(a, &r, id, err)) < 0 ||
	    (rc = rx_rec_get(&old, a, t, r.id, &found, err)) < 0)
		goto out;
	if (id && !found && t->idform == RX_SCHEMA_ID_COUNTER) {
		rc = rx_error_set(err, RX_EINPUT, "没有这条记录 (no record with this id)");
		goto out;
	}
	if ((rc = merge(&r, &old, err)) < 0 || (rc = rx_schema_rec_validate(&r, err)) < 0 ||
	    (rc = check_refs(a, &r, err)) < 0 ||
	    (rc = rx_rec_write(a, &r, found ? &old : NULL, &n, err)) < 0)
		goto out;
	printf("%s %s (%zu 个字段)\n", found ? "updated" : "added", r.id, n);
out:
	rx_schema_rec_clear(&r);
	rx_schema_rec_clear(&old);
	return rc;
}

int rx_cmd_add(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const rx_schema_type *t;
	rx_archive *a = NULL;
	rx_home *h = NULL;
	int rc;

	if (argc < 3)
		return rx_error_set(err, RX_EUSAGE, "missing argument");
	if ((rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if (!strcmp(argv[1], "setting")) {
		rc = add_setting(h, argc, argv, err);
		goto out;
	}
	if (!(t = rx_schema_type_find(argv[1])) || !strcmp(t->code, "ax") ||
	    !strcmp(t->code, "sc") || !strcmp(t->code, "as")) {
		rc = rx_error_set(err, RX_EUSAGE, "unknown type '%.40s' (screening: import; "
			"assessment: confirm)", argv[1]);
		goto out;
	}
	if ((rc = rx_archive_open(&a, h, &o->home, err)) == 0)
		rc = add_record(a, t, argc, argv, err);
out:
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}
