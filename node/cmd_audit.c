/* runxin audit: a city or county hub re-verifies everything it holds, with no data key. */
#include "node/args.h"
#include "ops/audit/audit.h"
#include "node/commands.h"

int rx_cmd_audit(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *format = o->json ? "json" : "text", *out = NULL;
	const rx_argopt opts[] = { { "--format", &format, NULL },
		{ "--out", &out, NULL }, { NULL, NULL, NULL } };
	int rc, fmt;

	if ((rc = rx_node_args(argc, argv, opts, NULL, 0, 0, err)) < 0)
		return rc;
	if ((fmt = rx_ops_audit_format_parse(format)) < 0)
		return rx_error_set(err, RX_EUSAGE, "--format takes text, json or html");
	return rx_ops_audit_home(&o->home, (rx_ops_audit_format)fmt, out, 1, err);
}
