/* runxin list TYPE: records of a type, filtered by the student's level, key group, grade, class. */
#include <stdio.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/archive/archive.h"

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
		return rx_error_set(err, RX_EUSAGE, "没有类型 '%.40s' (unknown type): student, class, "
			"staff, screening, assessment, care-plan, counselling, referral, home-visit, "
			"notice, incident, review, activity, access", pos[0]);
	if ((rc = rx_home_open(&h, &o->home, err)) == 0 && (rc = rx_archive_open(&a, h, &o->home, err)) == 0)
		rc = rx_archive_list_print(stdout, a, t, &f, json, err);
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}
