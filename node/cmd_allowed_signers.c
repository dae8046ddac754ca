/* runxin allowed-signers: every known node key, for git verify-commit / ssh-keygen -Y verify. */
#include <stdio.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/home/home.h"

int rx_cmd_allowed_signers(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	rx_buf text = RX_BUF_INIT;
	rx_home *h = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, NULL, NULL, 0, 0, err)) < 0 ||
	    (rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	rc = rx_home_signers_format(&text, h, err);
	/* the lines made before a failure are printed, as they always were */
	if (text.len)
		fwrite(text.data, 1, text.len, stdout);
	rx_buf_free(&text);
	rx_home_close(h);
	return rc;
}
