/* runxin inbox [--json]: the incidents and review reports this node holds, with deadline and countersignature. */
#include <stdio.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/report/report.h"

int rx_cmd_inbox(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	int json = 0, rc;
	const rx_argopt opts[] = { { "--json", NULL, &json }, { NULL, NULL, NULL } };
	rx_ops_report_view v;
	rx_schema_date d;
	rx_home *h = NULL;
	char today[16];

	if ((rc = rx_node_args(argc, argv, opts, NULL, 0, 0, err)) < 0 ||
	    (rc = rx_rec_today(&d, err)) < 0 || (rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	snprintf(today, sizeof(today), "%04d-%02d-%02d", d.year, d.month, d.day);
	if ((rc = rx_ops_report_view_open(&v, h, &o->home, err)) == 0)
		rc = rx_ops_report_inbox_print(stdout, &v, today, json, err);
	rx_ops_report_view_close(&v);
	rx_home_close(h);
	return rc;
}
