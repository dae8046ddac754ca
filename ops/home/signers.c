/* Every known node key as allowed_signers lines, for git verify-commit and ssh-keygen -Y verify. */
#include <stdlib.h>

#include "crypto/sshsig.h"
#include "sync/directory.h"
#include "ops/home/home.h"

int rx_home_signers_format(rx_buf *out, rx_home *h, rx_error *err)
{
	rx_crypto_cert *certs = NULL;
	rx_buf line = RX_BUF_INIT;
	size_t n = 0;
	int rc;

	if ((rc = rx_directory_list(h->db, &certs, &n, err)) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		rx_buf_reset(&line);
		if ((rc = rx_crypto_ssh_pubkey_line(&line, certs[i].sign_pk, err)) < 0 ||
		    (rc = rx_buf_printf(out, err, "%s@runxin namespaces=\"git\" %s\n",
			certs[i].node, line.data)) < 0)
			goto out;
	}
out:
	free(certs);
	rx_buf_free(&line);
	return rc;
}
