/* Change a node's passphrase: unlock with the old one, re-seal under the new one, replace atomically. */
#include "ops/home/home.h"

int rx_home_passwd(rx_home *h, const rx_home_opts *old, const rx_home_opts *new_src,
	rx_error *err)
{
	rx_secrets *s = NULL;
	char *pass = NULL;
	size_t passlen = 0;
	int rc;

	/* a test-strength keystore may be opened here: re-sealing is how it is upgraded */
	if ((rc = rx_home_unlock_upgrade(&s, h, old, err)) < 0 ||
	    (rc = rx_home_passphrase(&pass, &passlen, new_src, 1, err)) < 0)
		goto out;
	/* keystore.tmp, fsync, rename: a crash leaves the old file or the new, never neither */
	rc = rx_home_keystore_write(h, s, pass, passlen, err);
out:
	rx_home_passphrase_free(pass, passlen);
	rx_home_secrets_free(s);
	return rc;
}
