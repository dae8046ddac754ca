/* What the files of ops/policy share. */
#ifndef RX_OPS_POLICY_INT_H
#define RX_OPS_POLICY_INT_H

#include "ops/policy/policy.h"

/* Is kind one a policy may carry (scale, rules, due, groups, calendar, compliance, transfer)? */
int rx_ops_policy_kind_known(const char *kind);
/* 1 to RX_POLICY_NAME_MAX of a-z 0-9 - _. */
int rx_ops_policy_name_ok(const char *s, size_t len);
/* YYYY-MM-DD, month and day in range. */
int rx_ops_policy_date_ok(const char *s, size_t len);

/*
 * The file of kind and name in force on date among the accepted policies of
 * authors no deeper than max_depth (0: the city's only): the nearest
 * author's latest version effective by then; *from its policy. NULL if none.
 */
const rx_ops_policy_file *rx_ops_policy_pick(const rx_ops_policy_set *s, int max_depth,
	const char *kind, const char *name, const char *date, const rx_ops_policy **from);

/* The city's file in force on date, else the embedded one, in *out; NULL if neither. */
const rx_schema_builtin *rx_ops_policy_city_file(rx_schema_builtin *out,
	const rx_ops_policy_set *s, const char *kind, const char *name, const char *date);

#endif
