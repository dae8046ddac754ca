/* runxin show STUDENT: the student's whole archive as a timeline (logged as an access). */
#include <stdio.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/archive/archive.h"

int rx_cmd_show(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	int json = o->json;
	const char *pos[1];
	const rx_argopt opts[] = { { "--json", NULL, &json }, { NULL, NULL, NULL } };
	rx_archive *a = NULL;
	rx_home *h = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 1, err)) < 0)
		return rc;
	if (!rx_schema_no_valid(pos[0]))
		return rx_error_set(err, RX_EUSAGE, "STUDENT is a student number");
	if ((rc = rx_home_open(&h, &o->home, err)) == 0 && (rc = rx_archive_open(&a, h, &o->home, err)) == 0)
		rc = rx_archive_timeline_print(stdout, a, pos[0], json, err);
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}
