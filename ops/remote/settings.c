/* A node's remotes as settings: their URLs and the ssh host keys pinned for them. */
#include <stdio.h>
#include <string.h>

#include "ops/home/home.h"
#include "ops/remote/remote.h"
#include "sync/transport.h"

int rx_remote_name_check(const char *name, rx_error *err)
{
	if (strlen(name) > 64 || strchr(name, '/') || strstr(name, "://"))
		return rx_error_set(err, RX_EUSAGE, "a remote name is a short word");
	return 0;
}

int rx_remote_pin_check(const char *hostkey, rx_error *err)
{
	uint8_t pin[32];

	if (hostkey && rx_sync_transport_pin_parse(pin, hostkey, err) < 0)
		return RX_EUSAGE;
	return 0;
}

int rx_remote_add(rx_home *h, const char *name, const char *url, const char *hostkey,
	rx_error *err)
{
	char key[160];
	int rc;

	if ((rc = rx_remote_pin_check(hostkey, err)) < 0 ||
	    (rc = rx_remote_name_check(name, err)) < 0)
		return rc;
	snprintf(key, sizeof(key), "remote.%s", name);
	if ((rc = rx_home_set(h, key, url, err)) == 0 && hostkey) {
		/* the ssh host key pinned for this remote */
		snprintf(key, sizeof(key), "hostkey.%s", name);
		rc = rx_home_set(h, key, hostkey, err);
	}
	return rc;
}

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
