/* runxin list TYPE: records of a type, filtered by the student's level, key group, grade, class. */
#include <stdio.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/archive/archive.h"

/* Every record type, Chinese first: "学生 (student)、班级 (class)、…". */
static int unknown_type(const char *name, rx_error *err)
{
	size_t n, at = 0;
	const rx_schema_type *t = rx_schema_types(&n);
	char all[900];

	all[0] = 0;
	for (size_t i = 0; i < n && at < sizeof(all); i++)
		at += (size_t)snprintf(all + at, sizeof(all) - at, "%s%s (%s)", at ? "、" : "",
			t[i].zh, t[i].name);
	return rx_error_set(err, RX_EUSAGE, "没有类型 '%.40s': 应为 %s (unknown type)", name, all);
}

int rx_cmd_list(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	rx_archive_filter f = { 0 };
	int json = o->json;
	const char *pos[1];
	const rx_argopt opts[] = { { "--json", NULL, &json }, { "--level", &f.level, NULL },
		{ "--flag", &f.flag, NULL }, { "--group", &f.flag, NULL },
		{ "--grade", &f.grade, NULL }, { "--class", &f.klass, NULL },
		{ NULL, NULL, NULL } };
	const rx_schema_type *t;
	rx_archive *a = NULL;
	rx_home *h = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 1, err)) < 0 ||
	    (rc = rx_archive_filter_parse(&f, err)) < 0)
		return rc;
	if (!(t = rx_schema_type_find(pos[0])))
		return unknown_type(pos[0], err);
	if ((rc = rx_home_open(&h, &o->home, err)) == 0 && (rc = rx_archive_open(&a, h, &o->home, err)) == 0)
		rc = rx_archive_list_print(stdout, a, t, &f, json, err);
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}
