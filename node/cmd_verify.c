/* runxin verify: any node re-verifies what it holds (the audit's integrity checks). */
#include "node/args.h"
#include "ops/audit/audit.h"
#include "node/commands.h"

int rx_cmd_verify(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	int json = o->json;
	const rx_argopt opts[] = { { "--json", NULL, &json }, { NULL, NULL, NULL } };
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, NULL, 0, 0, err)) < 0)
		return rc;
	return rx_ops_audit_home(&o->home, json ? RX_AUDIT_JSON : RX_AUDIT_TEXT, NULL, 0, err);
}
