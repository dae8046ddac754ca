/* runxin remote add|list|remove: the remotes this node syncs with (a USB path or a git URL). */
#include <stdio.h>
#include <string.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/home/home.h"
#include "ops/remote/remote.h"
#include "ops/util/util.h"

static void print_one(void *ctx, const char *name, const char *url)
{
	rx_json *j = ctx;

	if (!j) {
		printf("%s\t%s\n", name, url);
		return;
	}
	rx_json_obj_begin(j, NULL);
	rx_json_str(j, "name", name);
	rx_json_str(j, "url", url);
	rx_json_obj_end(j);
}

static int list(rx_home *h, int json, rx_error *err)
{
	rx_json j = RX_JSON_INIT(stdout);
	int rc;

	if (json)
		rx_json_arr_begin(&j, NULL);
	rc = rx_remote_each(h, print_one, json ? &j : NULL, err);
	if (json) {
		rx_json_arr_end(&j);
		putchar('\n');
	}
	return rc;
}

int rx_cmd_remote(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *pos[3] = { NULL }, *hostkey = NULL;
	int create = 0, json = o->json;
	const rx_argopt opts[] = { { "--host-key", &hostkey, NULL },
		{ "--create", NULL, &create }, { "--json", NULL, &json },
		{ NULL, NULL, NULL } };
	size_t want;
	rx_home *h = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 3, err)) < 0 ||
	    (rc = rx_remote_pin_check(hostkey, err)) < 0)
		return rc;
	want = !strcmp(pos[0], "add") ? 3 : !strcmp(pos[0], "remove") ? 2 :
		!strcmp(pos[0], "list") ? 1 : 0;
	if (!want || !pos[want - 1] || (want < 3 && pos[want]))
		return rx_error_set(err, RX_EUSAGE, "remote add NAME URL | remote list | "
			"remote remove NAME");
	if ((want > 1 && (rc = rx_remote_name_check(pos[1], err)) < 0) ||
	    (rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if (want == 1)
		rc = list(h, json, err);
	else if (want == 2 && (rc = rx_remote_remove(h, pos[1], err)) == 0)
		printf("remote %s removed\n", pos[1]);
	else if (want == 3 &&
	    (rc = rx_remote_add(h, pos[1], pos[2], hostkey, create, err)) == 0)
		printf("remote %s = %s%s%s\n", pos[1], pos[2], create ? " (created)" : "",
			hostkey ? " (host key pinned)" : "");
	rx_home_close(h);
	return rc;
}
