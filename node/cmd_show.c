/* runxin show STUDENT: the student's whole archive as a timeline (by 学号 or name; logged as an access). */
#include <stdio.h>
#include <string.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/archive/archive.h"
#include "ops/transfer/transfer.h"

int rx_cmd_show(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	int json = o->json;
	const char *pos[1];
	const rx_argopt opts[] = { { "--json", NULL, &json }, { NULL, NULL, NULL } };
	rx_archive *a = NULL;
	rx_home *h = NULL;
	char no[33];
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 1, err)) < 0)
		return rc;
	if (!pos[0][0] || strlen(pos[0]) > 128)
		return rx_error_set(err, RX_EUSAGE, "STUDENT 是学号或姓名 (a 学号 or a name, 1–128 bytes)");
	if ((rc = rx_home_open(&h, &o->home, err)) == 0 &&
	    (rc = rx_archive_open(&a, h, &o->home, err)) == 0 &&
	    (rc = rx_archive_student_find(no, a, pos[0], err)) == 0)
		rc = rx_archive_timeline_print(stdout, a, no, json, err);
	/* a student transferred away: only the transfer record is left */
	else if (rc == RX_EINPUT && a && rx_schema_no_valid(pos[0])) {
		rx_error e2 = { 0 };
		if (rx_ops_transfer_show_gone(stdout, a, pos[0], json, &e2) == 0)
			rc = 0, rx_error_clear(err);
	}
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}
