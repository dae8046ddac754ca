/* Demo step three: schools sync to their county (git daemon or a USB stick), counties to the city over HTTP. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/demo.h"
#include "ops/server.h"

/* `runxin sync` prints "(N KiB)" for what it pushed: count it. */
static int sync_to(demo *d, const char *home, const char *url, rx_error *err)
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
				rc = sync_to(d, t[i].slug, url, err);
		}
	return rc;
}

static int start(rx_ops_server **srv, char **url, rx_ops_server_kind kind,
	demo *d, const char *home, rx_error *err)
{
	char root[512];
	int rc;

	snprintf(root, sizeof(root), "%s/%s", d->dir, home);
	if ((rc = rx_ops_server_start(srv, kind, root, err)) < 0)
		return rc;
	if (!(*url = rx_ops_server_url(*srv, "repo.git")))
		return rx_error_nomem(err);
	return 0;
}

int demo_sync(demo *d, rx_error *err)
{
	rx_ops_server *daemon = NULL, *http = NULL;
	char *git_url = NULL, *http_url = NULL, usb[512];
	int rc;

	snprintf(usb, sizeof(usb), "%s/usb-gaoyou.git", d->dir);
	if ((rc = demo_rx(d, NULL, "county-baoying", err, "hub-hook", "--install", NULL)) < 0 ||
	    (rc = demo_rx(d, NULL, "city", err, "hub-hook", "--install", NULL)) < 0 ||
	    (rc = start(&daemon, &git_url, RX_OPS_SERVER_GIT_DAEMON, d,
		"county-baoying", err)) < 0 ||
	    (rc = start(&http, &http_url, RX_OPS_SERVER_HTTP, d, "city", err)) < 0)
		goto out;
	if ((rc = sync_county(d, 1, git_url, err)) < 0 ||
	    (rc = demo_rx(d, NULL, "county-baoying", err, "checkpoint", NULL)) < 0)
		goto out;
	demo_progress(d, "宝应县: schools synced to the county hub over git daemon (%s)", git_url);
	if ((rc = sync_county(d, 2, usb, err)) < 0 ||
	    (rc = sync_to(d, "county-gaoyou", usb, err)) < 0 ||
	    (rc = demo_rx(d, NULL, "county-gaoyou", err, "checkpoint", NULL)) < 0 ||
	    (rc = sync_to(d, "county-gaoyou", usb, err)) < 0)
		goto out;
	demo_progress(d, "高邮市: schools synced to the county through a USB stick");
	if ((rc = sync_county(d, 1, git_url, err)) < 0 ||
	    (rc = sync_county(d, 2, usb, err)) < 0 ||
	    (rc = sync_to(d, "county-baoying", http_url, err)) < 0 ||
	    (rc = sync_to(d, "county-gaoyou", http_url, err)) < 0)
		goto out;
	demo_progress(d, "counties synced to the city over HTTP (%s)", http_url);
out:
	rx_ops_server_stop(daemon);
	rx_ops_server_stop(http);
	free(git_url);
	free(http_url);
	return rc;
}
