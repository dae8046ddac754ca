/* Which node branches this node may fetch: rx_sync_entitled, from the directory's parent index. */
#include <stdio.h>
#include <string.h>

#include "sync/syncint.h"

/* The parent of node from the directory's index (no certificate parsed); 0 if unknown. */
int sync_parent_of(sqlite3 *db, const char *node, char out[static RX_NODE_ID_LEN + 1])
{
	sqlite3_stmt *st = NULL;
	int found = 0;

	if (sqlite3_prepare_v2(db, "SELECT parent FROM certs WHERE node=?", -1, &st,
		NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, node, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == RX_NODE_ID_LEN) {
		memcpy(out, sqlite3_column_text(st, 0), RX_NODE_ID_LEN + 1);
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

/*
 * Entitlement only decides what to fetch; every change-set fetched is still
 * verified against full certificate chains, so the index suffices here.
 */
int rx_sync_entitled(const rx_sync_opts *o, const char *node)
{
	char cur[RX_NODE_ID_LEN + 1], anchor[RX_NODE_ID_LEN + 1], up[RX_NODE_ID_LEN + 1];

	if (o->role == RX_ROLE_CITY)
		return 1;
	memcpy(anchor, o->self, sizeof(anchor));
	/* a device shares its school's archive */
	if (o->role == RX_ROLE_DEVICE && !sync_parent_of(o->db, o->self, anchor))
		return !strcmp(node, o->self);
	/* a school (and its devices) fetches its county's branch: the countersignatures of its review reports */
	if ((o->role == RX_ROLE_SCHOOL || o->role == RX_ROLE_DEVICE) &&
	    sync_parent_of(o->db, anchor, up) && !strcmp(node, up))
		return 1;
	snprintf(cur, sizeof(cur), "%s", node);
	for (int depth = 0; depth < 4; depth++) {
		if (!strcmp(cur, anchor))
			return 1;
		if (!sync_parent_of(o->db, cur, up) || !strcmp(up, cur))
			return 0;
		memcpy(cur, up, sizeof(cur));
	}
	return 0;
}

/*
 * A transfer chain xfer/<to>/<from> is fetched by the nodes entitled to
 * either end: the receiving school and its hubs, the sender and its hubs.
 */
int sync_xfer_entitled(const rx_sync_opts *o, const char *rest)
{
	char to[RX_NODE_ID_LEN + 1];

	if (strlen(rest) != 2 * RX_NODE_ID_LEN + 1 || rest[RX_NODE_ID_LEN] != '/')
		return 0;
	memcpy(to, rest, RX_NODE_ID_LEN);
	to[RX_NODE_ID_LEN] = 0;
	return rx_sync_entitled(o, to) || rx_sync_entitled(o, rest + RX_NODE_ID_LEN + 1);
}
