/* Demo step one: every node is initialised and enrolled by its parent. */
#include <stdio.h>
#include <string.h>

#include "ops/demo/demoInt.h"

static int enrol_one(demo *d, const demo_node *t, const demo_node *n,
	rx_error *err)
{
	rx_buf req = RX_BUF_INIT, bundle = RX_BUF_INIT, fp = RX_BUF_INIT;
	char rname[160], bname[160], bpath[400];
	const demo_node *root = n;
	int rc;

	while (root->parent >= 0)
		root = &t[root->parent];

	snprintf(rname, sizeof(rname), "exchange/%s.req", n->slug);
	snprintf(bname, sizeof(bname), "exchange/%s.bundle", n->slug);
	snprintf(bpath, sizeof(bpath), "%s/%s", d->dir, bname);
	if ((rc = demo_rx(d, &req, n->slug, err, "identity", NULL)) < 0 ||
	    (rc = demo_put(d, rname, &req, err)) < 0)
		goto out;
	snprintf(rname, sizeof(rname), "%s/exchange/%s.req", d->dir, n->slug);
	if ((rc = demo_rx(d, &bundle, t[n->parent].slug, err, "enroll", rname,
		NULL)) < 0 ||
	    (rc = demo_put(d, bname, &bundle, err)) < 0 ||
	    (rc = demo_rx(d, &fp, root->slug, err, "identity", "--fingerprint", NULL)) < 0 ||
	    (rc = rx_buf_cstr(&fp, err)) < 0)
		goto out;
	/* the demo is its own phone call to the city: the root's fingerprint, as printed there */
	while (fp.len && (fp.data[fp.len - 1] == '\n' || fp.data[fp.len - 1] == '\r'))
		fp.data[--fp.len] = '\0';
	if ((rc = demo_rx(d, NULL, n->slug, err, "join", bpath, "--root-fingerprint",
		(char *)fp.data, NULL)) < 0)
		goto out;
	demo_progress(d, "%s enrolled by %s", n->name, t[n->parent].name);
out:
	rx_buf_free(&req);
	rx_buf_free(&bundle);
	rx_buf_free(&fp);
	return rc;
}

int demo_enrol_all(demo *d, rx_error *err)
{
	size_t n;
	const demo_node *t = demo_tree(&n);
	int rc;

	for (size_t i = 0; i < n; i++) {
		if ((rc = demo_rx(d, NULL, t[i].slug, err, "init", "--role", t[i].role,
			"--name", t[i].name, NULL)) < 0)
			return rc;
		if (t[i].parent >= 0 && (rc = enrol_one(d, t, &t[i], err)) < 0)
			return rc;
		if (t[i].parent < 0)
			demo_progress(d, "%s created the root", t[i].name);
	}
	return 0;
}
