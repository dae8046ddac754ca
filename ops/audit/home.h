/* What `runxin audit` and `runxin verify` share: run the integrity audit over this home, with no key. */
#ifndef RX_NODE_AUDITCMD_H
#define RX_NODE_AUDITCMD_H

#include "node/home.h"
#include "node/node.h"
#include "ops/audit.h"

/*
 * Audit this home's repository against its directory and write the report
 * (to path, or stdout when NULL). Never unlocks the keystore. Returns
 * RX_ESECURITY (exit 3) if any integrity finding, 0 if none.
 */
int rx_node_audit(const rx_opts *o, rx_ops_audit_format fmt, const char *path,
	int hubs_only, rx_error *err);

/* Compliance lines for the audit's report (see node/audit_compliance.c). */
typedef struct rx_node_compliance {
	char **lines;
	size_t n;
} rx_node_compliance;

/*
 * Collect the compliance section: unlocks this hub's own key when a
 * passphrase is at hand (statistics are sealed to it), else one line saying
 * it was not checked. Integrity never depends on it.
 */
int rx_node_compliance_collect(rx_node_compliance *c, rx_home *h,
	const rx_opts *o, rx_error *err);
void rx_node_compliance_free(rx_node_compliance *c);

#endif
