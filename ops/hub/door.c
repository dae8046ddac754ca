/* The hub's door: which refs a push may bring into the hub or into one school's view. */
#include <string.h>

#include "ops/hub/hub.h"
#include "sync/directory.h"
#include "sync/verify.h"
#include "sync/view.h"

/* The school a node writes for: itself, or a device's school ("" if unknown). */
static void school_of(sqlite3 *db, const char *node, char out[static RX_NODE_ID_LEN + 1])
{
	rx_crypto_cert c;
	rx_error e = { 0 };

	out[0] = 0;
	if (rx_directory_get_cert(db, node, &c, &e) < 0)
		return;
	if (c.role == RX_ROLE_SCHOOL)
		memcpy(out, c.node, RX_NODE_ID_LEN + 1);
	else if (c.role == RX_ROLE_DEVICE)
		memcpy(out, c.parent, RX_NODE_ID_LEN + 1);
}

static int xfer_ok(rx_home *h, const rx_sync_branch *b, rx_error *err)
{
	char from[RX_NODE_ID_LEN + 1];
	rx_crypto_cert to;
	rx_error e = { 0 };

	school_of(h->db, b->author, from);
	if (rx_directory_get_cert(h->db, b->to, &to, &e) < 0 ||
	    to.role != RX_ROLE_SCHOOL || !strcmp(to.node, from))
		return rx_error_set(err, RX_ESECURITY, "transfer chain addressed to %s, "
			"which is not another school of the directory", b->to);
	return 0;
}

typedef struct holds_ctx {
	const char *ref;
	int found;
} holds_ctx;

static void holds_one(void *p, const char *ref)
{
	holds_ctx *c = p;

	c->found |= !strcmp(c->ref, ref);
}

int rx_hub_door_ref(rx_home *h, const char *view, const char *ref, rx_error *err)
{
	char from[RX_NODE_ID_LEN + 1];
	rx_sync_branch b;
	holds_ctx c = { ref, 0 };
	int rc;

	if ((rc = rx_sync_branch_parse(&b, ref, "refs/runxin/", err)) < 0)
		return rc;
	if (!strcmp(b.branch, "xfer") && (rc = xfer_ok(h, &b, err)) < 0)
		return rc;
	if (!*view)
		return 0;
	if (!strcmp(b.branch, "xfer")) {
		school_of(h->db, b.author, from);
		if (!strcmp(from, view))
			return 0;
	} else if (rx_sync_view_each(h->db, view, holds_one, &c, err) < 0) {
		return err->code;
	} else if (c.found) {
		return 0;
	}
	return rx_error_set(err, RX_ESECURITY, "%s is not a branch of this school's view", ref);
}
