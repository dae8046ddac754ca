/* A pupil moves from a Gaoyou school to a Baoying one: the archive goes sealed through both counties and the city, and the receiving school takes it in. */
#include <stdio.h>
#include <string.h>

#include "ops/demo/demoInt.h"

/* The value of "key":"..." in the first object of json that holds need (NULL: the first). */
static int json_pick(char *out, size_t size, const rx_buf *json, const char *need,
	const char *key)
{
	char pat[64];
	const char *p = json->data ? (const char *)json->data : "", *obj, *end, *v;

	snprintf(pat, sizeof(pat), "\"%s\":\"", key);
	for (obj = strchr(p, '{'); obj; obj = strchr(end, '{')) {
		if (!(end = strchr(obj, '}')))
			break;
		if (need && !(strstr(obj, need) && strstr(obj, need) < end))
			continue;
		if ((v = strstr(obj, pat)) && v < end) {
			v += strlen(pat);
			snprintf(out, size, "%.*s", (int)strcspn(v, "\""), v);
			return 0;
		}
	}
	return -1;
}

int demo_transfer(demo *d, rx_error *err)
{
	rx_buf out = RX_BUF_INIT;
	char no[64], id[96];
	int rc;

	if ((rc = demo_rx(d, &out, "school-gydy", err, "list", "student", "--json", NULL)) < 0)
		goto out;
	if (json_pick(no, sizeof(no), &out, "\"left\":false", "id") < 0) {
		rc = rx_error_set(err, RX_EINTERNAL, "demo: no student to transfer");
		goto out;
	}
	if ((rc = demo_rx(d, NULL, "school-gydy", err, "transfer", no, "--to", "宝应县中学",
		NULL)) < 0 ||
	    (rc = demo_sync_to(d, "school-gydy", d->usb, err)) < 0 ||
	    (rc = demo_sync_to(d, "county-gaoyou", d->usb, err)) < 0 ||
	    (rc = demo_sync_to(d, "county-gaoyou", d->http_url, err)) < 0 ||
	    (rc = demo_sync_to(d, "county-baoying", d->http_url, err)) < 0 ||
	    (rc = demo_sync_to(d, "school-byzx", d->git_url, err)) < 0)
		goto out;
	rx_buf_free(&out);
	if ((rc = demo_rx(d, &out, "school-byzx", err, "transfer", "--list", "--json", NULL)) < 0)
		goto out;
	if (json_pick(id, sizeof(id), &out, "\"direction\":\"in\"", "id") < 0) {
		rc = rx_error_set(err, RX_EINTERNAL, "demo: the transfer did not reach 宝应县中学");
		goto out;
	}
	if ((rc = demo_rx(d, NULL, "school-byzx", err, "accept", id, NULL)) < 0 ||
	    (rc = demo_sync_to(d, "school-byzx", d->git_url, err)) < 0)
		goto out;
	d->transferred++;
	demo_progress(d, "a pupil of 高邮市第一中学 transferred to 宝应县中学: sealed to it, "
		"relayed unread by both counties and the city, accepted");
out:
	rx_buf_free(&out);
	return rc;
}
