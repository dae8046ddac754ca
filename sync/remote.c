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

int rx_sync_entitled(const rx_sync_opts *o, const char *node)
{
	rx_crypto_cert chain[4];
	rx_error e = { 0 };
	const char *anchor = o->self;
	char parent[RX_NODE_ID_LEN + 1];
	size_t n;

	if (o->role == RX_ROLE_CITY)
		return 1;
	if (o->role == RX_ROLE_DEVICE) {
		/* a device shares its school's archive */
		if (rx_directory_chain(o->db, o->self, chain, &n, &e) < 0 || n < 2)
			return !strcmp(node, o->self);
		memcpy(parent, chain[1].node, sizeof(parent));
		anchor = parent;
	}
	if (rx_directory_chain(o->db, node, chain, &n, &e) < 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(chain[i].node, anchor))
			return 1;
	return 0;
}

static int is_url(const char *s)
{
	return strstr(s, "://") != NULL;
}

/* A USB stick or a share: a bare repository at a path, created if missing. */
static int ensure_local(const char *path, rx_error *err)
{
	git_repository *r = NULL;

	if (git_repository_open_bare(&r, path) == 0) {
		git_repository_free(r);
		return 0;
	}
	if (git_repository_init(&r, path, 1) < 0)
		return rx_sync_git_error(err, RX_ETRANSPORT, "creating the repository");
	git_repository_free(r);
	return 0;
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
		if (data && !rx_sync_entitled(o, name + strlen(prefix)))
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
	int rc;

	if ((rc = rx_sync_tables(o->db, err)) < 0)
		return rc;
	if (!is_url(url) && (rc = ensure_local(url, err)) < 0)
		return rc;
	if (git_remote_create_anonymous(&remote, o->repo, url) < 0)
		return rx_sync_git_error(err, RX_EUSAGE, "bad remote");
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
	return rc;
}

void rx_sync_report_free(rx_sync_report *rep)
{
	rx_buf_free(&rep->refused);
}
