/* runxin add TYPE field=value...: create or update one record; `add setting operator=NAME`. */
#include <stdio.h>
#include <string.h>

#include "node/commands.h"
#include "ops/archive/archive.h"
#include "ops/report/report.h"

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

static int add_record(rx_archive *a, const rx_schema_type *t, int argc, char **argv,
	rx_error *err)
{
	rx_archive_added ad = { 0 };
	rx_schema_rec r;
	const char *id = NULL;
	int rc;

	rx_schema_rec_init(&r, t);
	if ((rc = parse_fields(&r, &id, argc, argv, err)) == 0 &&
	    (rc = rx_archive_rec_add(&ad, a, &r, id, err)) == 0)
		printf("%s %s (%zu 个字段)\n", ad.updated ? "updated" : "added", r.id, ad.fields);
	rx_schema_rec_clear(&r);
	return rc;
}

static int report_up(rx_archive *a, rx_error *err)
{
	rx_ops_report_synced s;
	int rc = rx_ops_report_sync(&s, a, err);

	if (rc == 0 && (s.notices || s.reports))
		printf("已封存上报县局、市局 (sealed for the county and city): 事件通知 %zu, "
			"复盘报告 %zu; 运行 runxin sync 送达 (sync to deliver)\n", s.notices, s.reports);
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
	if (!(t = rx_schema_type_find(argv[1])) || !rx_archive_rec_addable(t)) {
		rc = rx_error_set(err, RX_EUSAGE, "unknown type '%.40s' (screening: import; "
			"assessment: confirm)", argv[1]);
		goto out;
	}
	if ((rc = rx_archive_open(&a, h, &o->home, err)) == 0)
		rc = add_record(a, t, argc, argv, err);
	/* an incident is announced to the county at once, a submitted review sent up */
	if (rc == 0 && (!strcmp(t->code, "in") || !strcmp(t->code, "rr")))
		rc = report_up(a, err);
out:
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}
