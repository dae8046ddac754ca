/* Demo step four: statistics up the tree, county and city reports, the city's audit. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ops/demo/demoInt.h"

static int publish_schools(demo *d, rx_error *err)
{
	size_t n;
	const demo_node *t = demo_tree(&n);
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		const char *home = t[i].slug;
		if (strcmp(t[i].role, "school"))
			continue;
		/* the school whose devices hold the archive publishes from one */
		for (size_t k = 0; k < n; k++)
			if (t[k].parent == (int)i && !strcmp(t[k].role, "device")) {
				home = t[k].slug;
				break;
			}
		rc = demo_rx(d, NULL, home, err, "stats", "publish", NULL);
	}
	return rc;
}

static int report(demo *d, const char *home, const char *fmt, rx_error *err)
{
	char path[600];

	snprintf(path, sizeof(path), "%s/reports/%s.%s", d->dir, home, fmt);
	return demo_rx(d, NULL, home, err, "stats", "report", "--format", fmt,
		"--out", path, NULL);
}

static int county(demo *d, const char *home, rx_error *err)
{
	int rc;

	if ((rc = report(d, home, "csv", err)) < 0 ||
	    (rc = report(d, home, "html", err)) < 0 ||
	    (rc = demo_rx(d, NULL, home, err, "stats", "publish", NULL)) < 0)
		return rc;
	return demo_sync_to(d, home, d->http_url, err);
}

static int audit(demo *d, rx_error *err)
{
	char html[600], text[600];
	int rc;

	snprintf(html, sizeof(html), "%s/reports/city-audit.html", d->dir);
	snprintf(text, sizeof(text), "%s/reports/city-audit.txt", d->dir);
	if ((rc = demo_rx(d, NULL, "city", err, "audit", "--format", "html",
		"--out", html, NULL)) < 0)
		return rc;
	rc = demo_rx(d, NULL, "city", err, "audit", "--format", "text", "--out",
		text, NULL);
	snprintf(d->audit, sizeof(d->audit), "%s", rc == 0 ? "passed (exit 0)" :
		"FAILED");
	return rc;
}

/* A county head countersigns each complete report of its schools that is not yet signed. */
static int countersign_at(demo *d, const char *home, size_t *signed_, rx_error *err)
{
	rx_buf out = RX_BUF_INIT;
	char id[16];
	int rc;

	if ((rc = demo_rx(d, &out, home, err, "inbox", "--json", NULL)) < 0 || !out.data)
		goto out;
	for (char *p = (char *)out.data; rc == 0 && (p = strstr(p, "{\"id\":\""));) {
		char *end = strchr(p, '}');
		p += 7;
		if (!end)
			break;
		*end = '\0';
		snprintf(id, sizeof(id), "%.*s", (int)strcspn(p, "\""), p);
		if (strstr(p, "\"countersign\":\"unsigned\"") && !strstr(p, "\"complete\":false") &&
		    (rc = demo_rx(d, NULL, home, err, "report", "sign", id, "--name",
			"县教育局 周局长", NULL)) == 0)
			(*signed_)++;
		p = end + 1;
	}
out:
	rx_buf_free(&out);
	return rc;
}

int demo_countersign(demo *d, rx_error *err)
{
	size_t n = 0;
	int rc;

	if ((rc = countersign_at(d, "county-baoying", &n, err)) < 0 ||
	    (rc = countersign_at(d, "county-gaoyou", &n, err)) < 0 ||
	    (rc = demo_sync_to(d, "county-gaoyou", d->usb, err)) < 0 ||
	    (rc = demo_sync_all(d, err)) < 0 ||
	    /* receipts for what the schools wrote as they took the countersignatures in */
	    (rc = demo_rx(d, NULL, "county-baoying", err, "checkpoint", NULL)) < 0 ||
	    (rc = demo_rx(d, NULL, "county-gaoyou", err, "checkpoint", NULL)) < 0 ||
	    (rc = demo_sync_to(d, "county-gaoyou", d->usb, err)) < 0)
		return rc;
	demo_progress(d, "counties countersigned %zu review reports with their own keys; "
		"schools took them in", n);
	return 0;
}

int demo_reports(demo *d, rx_error *err)
{
	char dir[600];
	int rc;

	snprintf(dir, sizeof(dir), "%s/reports", d->dir);
	mkdir(dir, 0700);
	if ((rc = publish_schools(d, err)) < 0 || (rc = demo_sync_all(d, err)) < 0)
		return rc;
	demo_progress(d, "schools published their statistics (sealed to their county only)");
	if ((rc = county(d, "county-baoying", err)) < 0 ||
	    (rc = county(d, "county-gaoyou", err)) < 0)
		return rc;
	demo_progress(d, "counties reported (small cells suppressed) and published to the city");
	if ((rc = report(d, "city", "csv", err)) < 0 ||
	    (rc = report(d, "city", "html", err)) < 0 ||
	    (rc = audit(d, err)) < 0)
		return rc;
	demo_progress(d, "the city reported and audited every change-set without a school key");
	return 0;
}
