/* A node's remotes as settings: their URLs and the ssh host keys pinned for them. */
#include <stdio.h>

#include "ops/home/home.h"
#include "ops/remote/remote.h"

char *rx_remote_url(rx_home *h, const char *name)
{
	char key[160];

	snprintf(key, sizeof(key), "remote.%s", name);
	return rx_home_get(h, key);
}

char *rx_remote_host_key(rx_home *h, const char *name)
{
	char key[160], *v;

	snprintf(key, sizeof(key), "hostkey.%s", name);
	if ((v = rx_home_get(h, key)))
		return v;
	return rx_home_get(h, "ssh.hostkey");
}
