/* runxin enroll: a parent certifies a child's request and prints the bundle. */
#include <stdio.h>
#include <stdlib.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/util/util.h"
#include "ops/home/home.h"

int rx_cmd_enroll(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *pos[1], *days_s = NULL;
	const rx_argopt opts[] = { { "--days", &days_s, NULL }, { NULL, NULL, NULL } };
	rx_crypto_request q;
	rx_buf text = RX_BUF_INIT, bundle = RX_BUF_INIT;
	rx_home *h = NULL;
	long days;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 1, err)) < 0)
		return rc;
	days = days_s ? strtol(days_s, NULL, 10) : 5 * 365;
	if (days < 1 || days > 20 * 365)
		return rx_error_set(err, RX_EUSAGE, "--days must be 1 to 7300");
	if ((rc = rx_home_open(&h, &o->home, err)) < 0 ||
	    (rc = rx_ops_file_read(&text, pos[0], 16 * 1024, err)) < 0 ||
	    (rc = rx_crypto_request_parse(&q, (char *)text.data, text.len, err)) < 0)
		goto out;
	if ((rc = rx_home_child_enrol(&bundle, h, &o->home, &q, (int)days, err)) < 0)
		goto out;
	fwrite(bundle.data, 1, bundle.len, stdout);
	fprintf(stderr, "enrolled %s %s (%s)\n", rx_crypto_role_name(q.role),
		q.node, q.name);
out:
	rx_buf_free(&bundle);
	rx_buf_free(&text);
	rx_home_close(h);
	return rc;
}
