/* runxin passwd: change this node's passphrase (the keystore is re-sealed, at full strength). */
#include <stdio.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/home/home.h"

int rx_cmd_passwd(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *new_file = NULL;
	const rx_argopt opts[] = { { "--new-passphrase-file", &new_file, NULL },
		{ NULL, NULL, NULL } };
	rx_home_opts new_src = { o->home.path, NULL, NULL };
	rx_home *h = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, NULL, 0, 0, err)) < 0 ||
	    (rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	new_src.passphrase_file = new_file; /* NULL: asked twice on the terminal */
	if ((rc = rx_home_passwd(h, &o->home, &new_src, err)) == 0)
		printf("口令已更换 (passphrase changed)\n");
	rx_home_close(h);
	return rc;
}
