/* Demo step three: schools sync to their county (git daemon or a USB stick), counties to the city over HTTP. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/demo/demoInt.h"
#include "ops/server/server.h"

/* `runxin sync` prints "(N KiB)" for what it pushed: count it. */
int demo_sync_to(demo *d, const char *home, const char *url, rx_error *err)
{
	rx_buf out = RX_BUF_INIT;
	const char *p;
	int rc;

	rc = demo_rx(d, &out, home, err, "sync", url, NULL);
	if (rc == 0 && out.data && (p = strstr((char *)out.data, "pushed (")))
		d->kib_pushed += strtoul(p + 8, NULL, 10);
	rx_buf_free(&out);
	return rc;
}

static int sync_county(demo *d, int county, const char *url, rx_error *err)
{
	size_t n;
	const demo_node *t = demo_tree(&n);
	int rc = 0;

	/* schools and devices push, then each takes in what the others sent */
	for (int round = 0; round < 2 && rc == 0; round++)
		for (size_t i = 0; i < n && rc == 0; i++) {
			int up = t[i].parent;
			if (up >= 0 && !strcmp(t[i].role, "device"))
				up = t[up].parent;
			if (up == county)
				rc = demo_sync_to(d, t[i].slug, url, err);
		}
	return rc;
}

int demo_servers_start(demo *d, rx_error *err)
{
	char root[512];
	int rc;

	snprintf(d->usb, sizeof(d->usb), "%s/usb-gaoyou.git", d->dir);
	/* Gaoyou's IT person makes the county's USB stick once */
	if ((rc = demo_rx(d, NULL, "county-gaoyou", err, "remote", "add", "usb", d->usb,
		"--create", NULL)) < 0 ||
	    (rc = demo_rx(d, NULL, "county-baoying", err, "hub-hook", "--install", NULL)) < 0 ||
	    (rc = demo_rx(d, NULL, "city", err, "hub-hook", "--install", NULL)) < 0)
		return rc;
	snprintf(root, sizeof(root), "%s/county-baoying", d->dir);
	if ((rc = rx_ops_server_start(&d->daemon, RX_OPS_SERVER_GIT_DAEMON, root, err)) < 0)
		return rc;
	snprintf(root, sizeof(root), "%s/city", d->dir);
	if ((rc = rx_ops_server_start(&d->http, RX_OPS_SERVER_HTTP, root, err)) < 0)
		return rc;
	if (!(d->git_url = rx_ops_server_url(d->daemon, "repo.git")) ||
	    !(d->http_url = rx_ops_server_url(d->http, "repo.git")))
		return rx_error_nomem(err);
	return 0;
}

void demo_servers_stop(demo *d)
{
	rx_ops_server_stop(d->daemon);
	rx_ops_server_stop(d->http);
	free(d->git_url);
	free(d->http_url);
	d->daemon = d->http = NULL;
	d->git_url = d->http_url = NULL;
}

/* Every school up to its county, the counties' receipts back down, counties up to the city. */
int demo_sync_all(demo *d, rx_error *err)
{
	int rc;

	if ((rc = sync_county(d, 1, d->git_url, err)) < 0 ||
	    (rc = sync_county(d, 2, d->usb, err)) < 0 ||
	    (rc = demo_sync_to(d, "county-gaoyou", d->usb, err)) < 0)
		return rc;
	return 0;
}

int demo_sync(demo *d, rx_error *err)
{
	int rc;

	if ((rc = sync_county(d, 1, d->git_url, err)) < 0 ||
	    (rc = demo_rx(d, NULL, "county-baoying", err, "checkpoint", NULL)) < 0)
		return rc;
	demo_progress(d, "宝应县: schools synced to the county hub over git daemon (%s)",
		d->git_url);
	if ((rc = sync_county(d, 2, d->usb, err)) < 0 ||
	    (rc = demo_sync_to(d, "county-gaoyou", d->usb, err)) < 0 ||
	    (rc = demo_rx(d, NULL, "county-gaoyou", err, "checkpoint", NULL)) < 0 ||
	    (rc = demo_sync_to(d, "county-gaoyou", d->usb, err)) < 0)
		return rc;
	demo_progress(d, "高邮市: schools synced to the county through a USB stick");
	if ((rc = sync_county(d, 1, d->git_url, err)) < 0 ||
	    (rc = sync_county(d, 2, d->usb, err)) < 0 ||
	    (rc = demo_sync_to(d, "county-baoying", d->http_url, err)) < 0 ||
	    (rc = demo_sync_to(d, "county-gaoyou", d->http_url, err)) < 0)
		return rc;
	demo_progress(d, "counties synced to the city over HTTP (%s)", d->http_url);
	return 0;
}
