/* runxin inbox [--json]: the incidents and review reports this node holds, with deadline and countersignature. */
#include <stdio.h>
#include <stdlib.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/report/report.h"
#include "ops/transfer/transfer.h"

/* The transfers this node holds: a section after the reports, or objects appended to the JSON array. */
static int transfers(const rx_ops_report_view *v, int json, char *rjson, size_t rlen,
	rx_error *err)
{
	char school[RX_NODE_ID_LEN + 1] = "";
	rx_ops_transfer_set s;
	size_t count = 0;
	int rc;

	if ((v->h->role == RX_ROLE_SCHOOL || v->h->role == RX_ROLE_DEVICE) &&
	    (rc = rx_home_school(school, v->h, err)) < 0)
		return rc;
	if ((rc = rx_ops_transfer_collect(&s, v->repo, v->h->db, v->box_pk, v->box_sk, err)) < 0)
		return rc;
	if (!json)
		rx_ops_transfer_print(stdout, &s, v->h->db, school);
	else {
		/* the reports' array, its closing bracket moved past the transfers */
		while (rlen && (rjson[rlen - 1] == '\n' || rjson[rlen - 1] == ']'))
			rlen--;
		fwrite(rjson, 1, rlen, stdout);
		count = rlen > 1;
		rx_ops_transfer_json(stdout, &s, v->h->db, school, &count);
		fputs("]\n", stdout);
	}
	rx_ops_transfer_set_free(&s);
	return 0;
}

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
	if ((rc = rx_ops_report_view_open(&v, h, &o->home, err)) == 0) {
		char *buf = NULL;
		size_t len = 0;
		FILE *m = json ? open_memstream(&buf, &len) : stdout;

		if (!m)
			rc = rx_error_nomem(err);
		else {
			rc = rx_ops_report_inbox_print(m, &v, today, json, err);
			if (json)
				fclose(m);
			if (rc == 0)
				rc = transfers(&v, json, buf, len, err);
		}
		free(buf);
	}
	rx_ops_report_view_close(&v);
	rx_home_close(h);
	return rc;
}
