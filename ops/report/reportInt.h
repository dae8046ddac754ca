/* Internals of ops/report shared by its files. */
#ifndef RX_OPS_REPORT_INT_H
#define RX_OPS_REPORT_INT_H

#include "ops/report/report.h"


/*
 * Write d as a report change-set on this node's branch, signed with
 * sign_sk, sealed to the chain of d's school (the school, its county, the
 * city).
 */
int rx_ops_report_seal(git_repository *repo, rx_home *h, const uint8_t *sign_sk,
	const rx_ops_report_doc *d, uint64_t hlc, rx_error *err);

/*
 * Set each review's countersignature fields (cx, cn, cd) from the county's
 * countersignature of its latest report, or clear them when the latest
 * report is not countersigned. rrs: the reviews as loaded.
 */
int rx_ops_report_take_signs(rx_ops_report_synced *out, rx_archive *a, const char *school,
	const rx_recset *rrs, rx_error *err);

#endif
