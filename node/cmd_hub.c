/* runxin hub views|post-receive: a county or city hub's per-school views and its post-receive hook. */
#include <stdio.h>
#include <string.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/home/home.h"
#include "ops/hub/hub.h"

int rx_cmd_hub(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *pos[2] = { NULL }, *school = NULL;
	const rx_argopt opts[] = { { "--school", &school, NULL }, { NULL, NULL, NULL } };
	rx_home *h = NULL;
	size_t made = 0, moved = 0;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 1, err)) < 0)
		return rc;
	if (strcmp(pos[0], "views") && strcmp(pos[0], "post-receive"))
		return rx_error_set(err, RX_EUSAGE, "hub views [--school ID] | hub post-receive");
	if ((rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if (h->role != RX_ROLE_COUNTY && h->role != RX_ROLE_CITY)
		rc = rx_error_set(err, RX_EUSAGE, "只有县级或市级中心有学校视图 (only a county "
			"or city hub has school views)");
	else if (!strcmp(pos[0], "post-receive"))
		rc = rx_hub_post_receive(h, stdin, err);
	else if ((rc = rx_hub_views(h, school, &made, &moved, err)) == 0)
		printf("学校视图 (school views): %zu 新建 (made), %zu 个分支更新 (refs moved)\n",
			made, moved);
	rx_home_close(h);
	return rc;
}
