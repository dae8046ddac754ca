/* runxin due: every obligation still owed, most urgent first, filtered by grade, class or head teacher. */
#include <stdio.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/archive/archive.h"

int rx_cmd_due(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	rx_archive_due_opts d = { .json = o->json };
	const rx_argopt opts[] = { { "--json", NULL, &d.json }, { "--grade", &d.grade, NULL },
		{ "--class", &d.klass, NULL }, { "--teacher", &d.teacher, NULL },
		{ "--overdue", NULL, &d.overdue }, { NULL, NULL, NULL } };
	rx_archive *a = NULL;
	rx_home *h = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, NULL, 0, 0, err)) < 0)
		return rc;
	if ((rc = rx_home_open(&h, &o->home, err)) == 0 && (rc = rx_archive_open(&a, h, &o->home, err)) == 0)
		rc = rx_archive_due_print(stdout, a, &d, err);
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}
