/* runxin allowed-signers: every known node key, for git verify-commit / ssh-keygen -Y verify. */
#include <stdio.h>
#include <stdlib.h>

#include "crypto/sshsig.h"
#include "node/args.h"
#include "node/commands.h"
#include "sync/directory.h"
#include "ops/home/home.h"

int rx_cmd_allowed_signers(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	rx_crypto_cert *certs = NULL;
	rx_buf line = RX_BUF_INIT;
	rx_home *h = NULL;
	size_t n = 0;
	int rc;

	if ((rc = rx_node_args(argc, argv, NULL, NULL, 0, 0, err)) < 0 ||
	    (rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if ((rc = rx_directory_list(h->db, &certs, &n, err)) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		rx_buf_reset(&line);
		if ((rc = rx_crypto_ssh_pubkey_line(&line, certs[i].sign_pk, err)) < 0)
			goto out;
		printf("%s@runxin namespaces=\"git\" %s\n", certs[i].node, line.data);
	}
out:
	free(certs);
	rx_buf_free(&line);
	rx_home_close(h);
	return rc;
}
