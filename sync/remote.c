/* rx_sync_run: list, fetch the directory, fetch entitled data, push in batches. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sync/directory.h"
#include "sync/syncint.h"

#define FETCH_GROUP 16 /* data branches per fetch */
#include "sync/transport.h"

/* The parent of node from the directory's index (no certificate parsed); 0 if unknown. */
static int parent_of(sqlite3 *db, const char *node, char out[static RX_NODE_ID_LEN + 1])
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
	if (o->role == RX_ROLE_DEVICE && !parent_of(o->db, o->self, anchor))
		return !strcmp(node, o->self);
	/* a school (and its devices) fetches its county's branch: the countersignatures of its review reports */
	if ((o->role == RX_ROLE_SCHOOL || o->role == RX_ROLE_DEVICE) &&
	    parent_of(o->db, anchor, up) && !strcmp(node, up))
		return 1;
	snprintf(cur, sizeof(cur), "%s", node);
	for (int depth = 0; depth < 4; depth++) {
		if (!strcmp(cur, anchor))
			return 1;
		if (!parent_of(o->db, cur, up) || !strcmp(up, cur))
			return 0;
		memcpy(cur, up, sizeof(cur));
	}
	return 0;
}

/*
 * A transfer chain xfer/<to>/<from> is fetched by the nodes entitled to
 * either end: the receiving school and its hubs, the sender and its hubs.
 */
static int xfer_entitled(const rx_sync_opts *o, const char *rest)
{
	char to[RX_NODE_ID_LEN + 1];

	if (strlen(rest) != 2 * RX_NODE_ID_LEN + 1 || rest[RX_NODE_ID_LEN] != '/')
		return 0;
	memcpy(to, rest, RX_NODE_ID_LEN);
	to[RX_NODE_ID_LEN] = 0;
	return rx_sync_entitled(o, to) || rx_sync_entitled(o, rest + RX_NODE_ID_LEN + 1);
}

/* Remote refs of a branch kind that differ from ours (and, for data, are ours to get). */
static int select_refs(const rx_sync_opts *o, const remote_refs *theirs,
	const char *prefix, int data, char ***out, size_t *n, rx_error *err)
{
	*n = 0;
	if (!(*out = calloc(theirs->n + 1, sizeof(char *))))
		return rx_error_nomem(err);
	for (size_t i = 0; i < theirs->n; i++) {
		const char *name = theirs->names[i];
		git_oid mine;
		if (strncmp(name, prefix, strlen(prefix)) != 0)
			continue;
		if (git_reference_name_to_id(&mine, o->repo, name) == 0 &&
		    git_oid_equal(&mine, &theirs->ids[i]))
			continue;
		if (data == 2 && !xfer_entitled(o, name + strlen(prefix)))
			continue;
		if (data == 1 && !rx_sync_entitled(o, name + strlen(prefix)))
			continue;
		(*out)[(*n)++] = theirs->names[i];
	}
	return 0;
}

static int pull(const rx_sync_opts *o, git_remote *remote,
	const remote_refs *theirs, rx_sync_report *rep, rx_error *err)
{
	char **names = NULL;
	size_t n = 0;
	int rc;

	if ((rc = select_refs(o, theirs, "refs/runxin/dir/", 0, &names, &n, err)) < 0)
		goto out;
	if (n && (rc = sync_fetch(o, remote, names, n, rep, err)) < 0)
		goto out;
	free(names);
	names = NULL;
	if ((rc = select_refs(o, theirs, "refs/runxin/checkpoints/", 0, &names,
		&n, err)) < 0 ||
	    (n && (rc = sync_fetch(o, remote, names, n, rep, err)) < 0) ||
	    (rc = sync_take(o, "dir", rep, err)) < 0 ||
	    (rc = sync_take(o, "checkpoints", rep, err)) < 0)
		goto out;
	free(names);
	names = NULL;
	if ((rc = select_refs(o, theirs, "refs/runxin/nodes/", 1, &names, &n, err)) < 0)
		goto out;
	/*
	 * Data in groups of branches, each taken in before the next is fetched:
	 * a link cut mid-fetch keeps every group already taken.
	 */
	for (size_t at = 0; at < n && rc == 0; at += FETCH_GROUP) {
		size_t k = n - at < FETCH_GROUP ? n - at : FETCH_GROUP;
		if ((rc = sync_fetch(o, remote, names + at, k, rep, err)) == 0)
			rc = sync_take(o, "nodes", rep, err);
	}
	if (n == 0)
		rc = sync_take(o, "nodes", rep, err); /* left over from a cut sync */
	free(names);
	names = NULL;
	/* transfer chains, after the data: a sender's certificate is known by then */
	if (rc == 0)
		rc = select_refs(o, theirs, "refs/runxin/xfer/", 2, &names, &n, err);
	for (size_t at = 0; at < n && rc == 0; at += FETCH_GROUP) {
		size_t k = n - at < FETCH_GROUP ? n - at : FETCH_GROUP;
		rc = sync_fetch(o, remote, names + at, k, rep, err);
	}
	if (rc == 0)
		rc = sync_take(o, "xfer", rep, err);
out:
	free(names);
	return rc;
}

static int list_remote(git_remote *remote, const rx_sync_opts *o,
	remote_refs *theirs, const char *url, rx_error *err)
{
	git_remote_callbacks cb = GIT_REMOTE_CALLBACKS_INIT;
	int rc;

	if (o->callbacks)
		cb = *o->callbacks;
	if ((rc = git_remote_connect(remote, GIT_DIRECTION_FETCH, &cb, NULL, NULL)) < 0)
		return rx_sync_transport_fail(o->transport, rc, url, err);
	rc = sync_ls(theirs, remote, err);
	git_remote_disconnect(remote);
	return rc;
}

int rx_sync_run(const rx_sync_opts *o, const char *url, rx_sync_report *rep,
	rx_error *err)
{
	git_remote *remote = NULL;
	remote_refs theirs = { 0 };
	int rc, stick = -1;

	if ((rc = rx_sync_tables(o->db, err)) < 0)
		return rc;
	if ((rc = rx_sync_url_prepare_local(url, 0, err)) < 0)
		return rc;
	/* held to the end: a lock another sync holds is not cleared under it */
	stick = rx_sync_url_lock_local(url);
	if (git_remote_create_anonymous(&remote, o->repo, url) < 0) {
		rc = rx_sync_git_error(err, RX_EUSAGE, "bad remote");
		goto out;
	}
	if ((rc = list_remote(remote, o, &theirs, url, err)) < 0 ||
	    (rc = pull(o, remote, &theirs, rep, err)) < 0 ||
	    (rc = sync_push(o, remote, &theirs, rep, err)) < 0)
		goto out;
	if (rep->branches_refused)
		rc = rx_error_set(err, RX_ESECURITY, "%zu branch update(s) refused",
			rep->branches_refused);
out:
	sync_refs_free(&theirs);
	git_remote_free(remote);
	rx_sync_url_unlock_local(stick);
	return rc;
}

void rx_sync_report_free(rx_sync_report *rep)
{
	rx_buf_free(&rep->refused);
	rx_buf_free(&rep->warned);
}
