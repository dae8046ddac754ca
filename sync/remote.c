/* rx_sync_run: list, fetch the directory, fetch entitled data, push in batches. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sync/directory.h"
#include "sync/syncint.h"
#include "sync/view.h"

#define FETCH_GROUP 16 /* data branches per fetch */
#include "sync/transport.h"

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
		if (data == 2 && !sync_xfer_entitled(o, name + strlen(prefix)))
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

/* The school whose hub view a school or device syncs with; 0 for a county or city. */
static int view_school(const rx_sync_opts *o, char out[static RX_NODE_ID_LEN + 1])
{
	if (o->role == RX_ROLE_SCHOOL) {
		memcpy(out, o->self, RX_NODE_ID_LEN + 1);
		return 1;
	}
	return o->role == RX_ROLE_DEVICE && sync_parent_of(o->db, o->self, out);
}

/*
 * Try the hub's view of our school first (docs/sync.md, "Views"): its refs
 * are only ours, so listing costs the same at any hub size. 1 and *remote,
 * *theirs set if it answered; 0 if there is none (an older hub, a stick
 * without views): then the whole repository is used.
 */
static int try_view(const rx_sync_opts *o, const char *vurl, git_remote **remote,
	remote_refs *theirs)
{
	char path[PATH_MAX];
	rx_error e = { 0 };
	struct stat st;

	if (sync_url_local_path(path, vurl) && (stat(path, &st) < 0 ||
	    rx_sync_url_prepare_local(vurl, 0, &e) < 0))
		return 0;
	if (git_remote_create_anonymous(remote, o->repo, vurl) < 0)
		return 0;
	if (list_remote(*remote, o, theirs, vurl, &e) == 0)
		return 1;
	sync_refs_free(theirs);
	git_remote_free(*remote);
	*remote = NULL;
	return 0;
}

/* After pushing into a view on a path (a stick, no hook there): the stick's own branches catch up. */
static int take_back_local(const char *url, const char *vurl, rx_error *err)
{
	char main[PATH_MAX], view[PATH_MAX];
	size_t moved;

	if (!sync_url_local_path(main, url) || !sync_url_local_path(view, vurl))
		return 0;
	return rx_sync_view_take_back(main, view, &moved, err);
}

static int stick_views(const rx_sync_opts *o, const char *url, rx_error *err)
{
	char path[PATH_MAX];
	size_t made, moved;

	if (!sync_url_local_path(path, url))
		return 0;
	return rx_sync_views_update(path, o->db, o->self, NULL, &made, &moved, err);
}

int rx_sync_run(const rx_sync_opts *o_in, const char *url, rx_sync_report *rep,
	rx_error *err)
{
	rx_sync_opts vo = *o_in, *o = &vo;
	git_remote *remote = NULL;
	remote_refs theirs = { 0 };
	char school[RX_NODE_ID_LEN + 1], *vurl = NULL;
	int rc, stick = -1;

	if ((rc = rx_sync_tables(o->db, err)) < 0)
		return rc;
	if ((rc = rx_sync_url_prepare_local(url, 0, err)) < 0)
		return rc;
	/* held to the end: a lock another sync holds is not cleared under it */
	stick = rx_sync_url_lock_local(url);
	vo.view = 0;
	if (view_school(o, school) && (vurl = rx_sync_view_url(url, school)) &&
	    try_view(o, vurl, &remote, &theirs))
		vo.view = 1;
	if (!vo.view && git_remote_create_anonymous(&remote, o->repo, url) < 0) {
		rc = rx_sync_git_error(err, RX_EUSAGE, "bad remote");
		goto out;
	}
	if ((!vo.view && (rc = list_remote(remote, o, &theirs, url, err)) < 0) ||
	    (rc = pull(o, remote, &theirs, rep, err)) < 0 ||
	    (rc = sync_push(o, remote, &theirs, rep, err)) < 0 ||
	    (vo.view && rep->batches_pushed && (rc = take_back_local(url, vurl, err)) < 0))
		goto out;
	/* a county or city writing a stick leaves a view there for each school below it */
	if ((o->role == RX_ROLE_COUNTY || o->role == RX_ROLE_CITY) &&
	    (rc = stick_views(o, url, err)) < 0)
		goto out;
	if (rep->branches_refused)
		rc = rx_error_set(err, RX_ESECURITY, "%zu branch update(s) refused",
			rep->branches_refused);
out:
	free(vurl);
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
