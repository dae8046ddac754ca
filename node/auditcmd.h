/* What `runxin audit` and `runxin verify` share: run the integrity audit over this home, with no key. */
#ifndef RX_NODE_AUDITCMD_H
#define RX_NODE_AUDITCMD_H

#include "node/node.h"
#include "ops/audit.h"

/*
 * Audit this home's repository against its directory and write the report
 * (to path, or stdout when NULL). Never unlocks the keystore. Returns
 * RX_ESECURITY (exit 3) if any integrity finding, 0 if none.
 */
int rx_node_audit(const rx_opts *o, rx_ops_audit_format fmt, const char *path,
	int hubs_only, rx_error *err);

#endif
