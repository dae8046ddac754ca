/* At start: the files in force today take the place of the embedded ones. */
#include <stdio.h>
#include <string.h>

#include "ops/archive/archive.h"
#include "ops/policy/policyInt.h"

void rx_ops_policy_install(rx_ops_policy_set *set, const rx_home_opts *o)
{
	rx_home *h = NULL;
	git_repository *repo = NULL;
	rx_schema_date today;
	char date[16];

	memset(set, 0, sizeof(*set));
	if (!o->path || rx_home_open(&h, o, NULL) < 0)
		return;
	if (rx_home_repo(&repo, h, NULL) == 0 && rx_rec_today(&today, NULL) == 0 &&
	    rx_ops_policy_load(set, repo, h->db, h->node, NULL) == 0 && set->n) {
		snprintf(date, sizeof(date), "%04d-%02d-%02d", today.year, today.month, today.day);
		if (rx_ops_policy_in_force(set, date, NULL) == 0)
			rx_schema_builtin_override(set->table, set->ntable);
	}
	git_repository_free(repo);
	rx_home_close(h);
}
