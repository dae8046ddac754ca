/* runxin remote add NAME URL: remember a remote (a USB path or a git URL). */
#include <stdio.h>
#include <string.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/home/home.h"
#include "sync/transport.h"

int rx_cmd_remote(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *pos[3], *hostkey = NULL;
	const rx_argopt opts[] = { { "--host-key", &hostkey, NULL }, { NULL, NULL, NULL } };
	uint8_t pin[32];
	rx_home *h = NULL;
	char key[160];
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 3, 3, err)) < 0)
		return rc;
	if (hostkey && rx_sync_transport_pin_parse(pin, hostkey, err) < 0)
		return RX_EUSAGE;
	if (strcmp(pos[0], "add") != 0)
		return rx_error_set(err, RX_EUSAGE, "only 'remote add NAME URL' exists");
	if (strlen(pos[1]) > 64 || strchr(pos[1], '/') || strstr(pos[1], "://"))
		return rx_error_set(err, RX_EUSAGE, "a remote name is a short word");
	if ((rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	snprintf(key, sizeof(key), "remote.%s", pos[1]);
	if ((rc = rx_home_set(h, key, pos[2], err)) == 0 && hostkey) {
		/* the ssh host key pinned for this remote */
		snprintf(key, sizeof(key), "hostkey.%s", pos[1]);
		rc = rx_home_set(h, key, hostkey, err);
	}
	if (rc == 0)
		printf("remote %s = %s%s\n", pos[1], pos[2], hostkey ? " (host key pinned)" : "");
	rx_home_close(h);
	return rc;
}
