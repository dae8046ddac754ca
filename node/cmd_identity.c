/* runxin identity: print this node's enrolment request, or the root fingerprint. */
#include <stdio.h>
#include <stdlib.h>

#include "node/args.h"
#include "node/commands.h"
#include "sync/directory.h"
#include "ops/home/home.h"

int rx_cmd_identity(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	int fingerprint = 0;
	const rx_argopt opts[] = { { "--fingerprint", NULL, &fingerprint },
		{ NULL, NULL, NULL } };
	rx_home *h = NULL;
	uint8_t root[32];
	char *req = NULL, fp[30];
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, NULL, 0, 0, err)) < 0 ||
	    (rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if (fingerprint) {
		if ((rc = rx_directory_root_key(h->db, root, err)) == 0) {
			rx_crypto_fingerprint(fp, root);
			printf("%s\n", fp);
		}
	} else if ((req = rx_home_get(h, "self.request"))) {
		fputs(req, stdout);
	} else {
		rc = rx_error_set(err, RX_EINTERNAL, "this home holds no request");
	}
	free(req);
	rx_home_close(h);
	return rc;
}
