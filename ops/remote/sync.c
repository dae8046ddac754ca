/* Syncing with one remote or every configured remote: verify and take in what it holds, then push ours. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ops/archive/archive.h"
#include "ops/home/home.h"
#include "ops/remote/remote.h"
#include "ops/util/util.h"
#include "sync/remote.h"
#include "sync/transport.h"

static int sync_one(rx_home *h, rx_archive *a, git_repository *repo,
	const char *name, const char *url, const rx_remote_sync_opts *ro, rx_error *err)
{
	rx_sync_opts so = { 0 };
	rx_sync_report rep = { 0 };
	git_remote_callbacks cb = GIT_REMOTE_CALLBACKS_INIT;
	rx_sync_transport t;
	rx_sync_transport_opts to = { 0 };
	char *key = rx_ops_path_join(h->path, "ssh/id_ed25519");
	char *pin = rx_remote_host_key(h, name);
	int rc;

	so.repo = repo;
	so.db = h->db;
	memcpy(so.self, h->node, sizeof(so.self));
	so.role = h->role;
	so.batch_bytes = ro->batch_bytes;
	so.progress = isatty(2);
	so.now = (int64_t)time(NULL);
	if (a)
		rx_archive_sync_hook(a, &so);
	to.ssh_private_key = key;
	to.host_key_pin = pin;
	if ((rc = rx_sync_transport_init(&cb, &t, &to, err)) < 0)
		goto out;
	so.callbacks = &cb;
	so.transport = &t;
	rc = rx_sync_run(&so, url, &rep, err);
out:
	if (ro->report) {
		rx_remote_result r = { name, &rep, rc, err };
		ro->report(ro->ctx, &r);
	}
	rx_sync_report_free(&rep);
	free(key);
	free(pin);
	return rc;
}

typedef struct each_ctx {
	rx_home *h;
	rx_archive *a;
	git_repository *repo;
	const rx_remote_sync_opts *ro;
	int rc, any;
} each_ctx;

static void sync_each(void *p, const char *name, const char *url)
{
	each_ctx *c = p;
	rx_error e = { 0 };
	int r = sync_one(c->h, c->a, c->repo, name, url, c->ro, &e);

	c->any = 1;
	if (r < 0 && (c->rc == 0 || r == RX_ESECURITY))
		c->rc = r;
}

/* Every configured remote, in name order. */
static int all_remotes(rx_home *h, rx_archive *a, git_repository *repo,
	const rx_remote_sync_opts *ro, rx_error *err)
{
	each_ctx c = { h, a, repo, ro, 0, 0 };
	int rc;

	if ((rc = rx_remote_each(h, sync_each, &c, err)) < 0)
		return rc;
	if (!c.any)
		return rx_error_set(err, RX_EUSAGE,
			"no remote: give a path or URL, or 'runxin remote add NAME URL'");
	if (c.rc < 0)
		rx_error_set(err, c.rc, "some remotes failed (see above)");
	return c.rc;
}

int rx_remote_sync(rx_home *h, const rx_home_opts *o, const rx_remote_sync_opts *ro,
	rx_error *err)
{
	git_repository *repo = NULL, *own = NULL;
	rx_archive *a = NULL;
	char *url = NULL;
	int rc;

	/* a typo or a missing stick is found before the passphrase is asked */
	if (ro->target &&
	    ((rc = rx_remote_resolve(&url, h, ro->target, ro->create, err)) < 0 ||
	     (rc = rx_sync_url_prepare_local(url, ro->create, err)) < 0))
		goto out;
	/* a school or device applies what it verifies, so it unlocks its archive */
	if (h->role == RX_ROLE_SCHOOL || h->role == RX_ROLE_DEVICE) {
		if (ro->archive)
			a = ro->archive;
		else if ((rc = rx_archive_open(&a, h, o, err)) < 0)
			goto out;
		repo = a->repo;
	} else if ((rc = rx_home_repo(&own, h, err)) < 0) {
		goto out;
	} else {
		repo = own;
	}
	if (a && ro->archive_hook && (rc = ro->archive_hook(ro->ctx, a, err)) < 0)
		goto out;
	if (!ro->target)
		rc = all_remotes(h, a, repo, ro, err);
	else
		rc = sync_one(h, a, repo, ro->target, url, ro, err);
	/* what came in (a countersignature) is taken in even when a branch was refused */
	if (a && ro->archive_hook && (rc == 0 || rc == RX_ESECURITY)) {
		rx_error e2 = { 0 };
		int hrc = ro->archive_hook(ro->ctx, a, rc == 0 ? err : &e2);
		if (rc == 0)
			rc = hrc;
	}
out:
	free(url);
	if (a != ro->archive)
		rx_archive_close(a);
	git_repository_free(own);
	return rc;
}
