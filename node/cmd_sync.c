/* runxin sync [NAME|URL]: verify and take in what the remote holds, then push ours. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "node/args.h"
#include "ops/archive/archive.h"
#include "node/commands.h"
#include "ops/util/util.h"
#include "ops/home/home.h"
#include "sync/remote.h"
#include "sync/transport.h"

/* The ssh host key pinned for this remote (remote add --host-key), else the setting ssh.hostkey. */
static char *host_key(rx_home *h, const char *name)
{
	char key[160], *v;

	snprintf(key, sizeof(key), "hostkey.%s", name);
	if ((v = rx_home_get(h, key)))
		return v;
	return rx_home_get(h, "ssh.hostkey");
}

static int sync_one(rx_home *h, rx_archive *a, git_repository *repo,
	const char *name, const char *url, size_t batch, rx_error *err)
{
	rx_sync_opts so = { 0 };
	rx_sync_report rep = { 0 };
	git_remote_callbacks cb = GIT_REMOTE_CALLBACKS_INIT;
	rx_sync_transport t;
	rx_sync_transport_opts to = { 0 };
	char *key = rx_ops_path_join(h->path, "ssh/id_ed25519");
	char *pin = host_key(h, name);
	int rc;

	so.repo = repo;
	so.db = h->db;
	memcpy(so.self, h->node, sizeof(so.self));
	so.role = h->role;
	so.batch_bytes = batch;
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
	if (rep.refused.len)
		fprintf(stderr, "%s", (char *)rep.refused.data);
	if (rep.skipped_unknown)
		fprintf(stderr, "note: %zu branches of nodes this node does not know "
			"were left on the remote\n", rep.skipped_unknown);
	/* an unreachable remote gets its one error line, no empty summary */
	if (rc == 0 || rep.branches_updated || rep.batches_pushed || rep.branches_refused)
		printf("同步 sync %s: %zu branches updated, %zu batches pushed "
			"(%zu KiB), %zu refused\n", name, rep.branches_updated,
			rep.batches_pushed, rep.bytes_pushed / 1024, rep.branches_refused);
	rx_sync_report_free(&rep);
out:
	free(key);
	free(pin);
	return rc;
}

/* Every configured remote, in name order. */
static int all_remotes(rx_home *h, rx_archive *a, git_repository *repo,
	size_t batch, rx_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = 0, any = 0;

	if (sqlite3_prepare_v2(h->db, "SELECT substr(key, 8), value FROM settings"
		" WHERE key LIKE 'remote.%' ORDER BY key", -1, &st, NULL) != SQLITE_OK)
		return rx_error_set(err, RX_EINTERNAL, "state database");
	while (sqlite3_step(st) == SQLITE_ROW) {
		rx_error e = { 0 };
		int r = sync_one(h, a, repo, (const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1), batch, &e);
		any = 1;
		if (r < 0) {
			fprintf(stderr, "runxin sync: %s\n", e.msg);
			if (rc == 0 || r == RX_ESECURITY)
				rc = r;
		}
	}
	sqlite3_finalize(st);
	if (!any)
		return rx_error_set(err, RX_EUSAGE,
			"no remote: give a path or URL, or 'runxin remote add NAME URL'");
	if (rc < 0)
		rx_error_set(err, rc, "some remotes failed (see above)");
	return rc;
}

int rx_cmd_sync(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *pos[1], *batch_s = NULL;
	const rx_argopt opts[] = { { "--batch-bytes", &batch_s, NULL },
		{ NULL, NULL, NULL } };
	git_repository *repo = NULL, *own = NULL;
	rx_archive *a = NULL;
	rx_home *h = NULL;
	char key[160], *url = NULL;
	long batch = 0;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 0, 1, err)) < 0)
		return rc;
	/* a link cut mid-write is a transport failure (exit 4), not a death by SIGPIPE */
	signal(SIGPIPE, SIG_IGN);
	if (batch_s && ((batch = strtol(batch_s, NULL, 10)) < 1024 ||
	    batch > (64L << 20)))
		return rx_error_set(err, RX_EUSAGE, "--batch-bytes must be 1024 to 67108864");
	if ((rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	/* a school or device applies what it verifies, so it unlocks its archive */
	if (h->role == RX_ROLE_SCHOOL || h->role == RX_ROLE_DEVICE) {
		if ((rc = rx_archive_open(&a, h, &o->home, err)) < 0)
			goto out;
		repo = a->repo;
	} else if ((rc = rx_home_repo(&own, h, err)) < 0) {
		goto out;
	} else {
		repo = own;
	}
	if (!pos[0]) {
		rc = all_remotes(h, a, repo, (size_t)batch, err);
		goto out;
	}
	snprintf(key, sizeof(key), "remote.%s", pos[0]);
	url = rx_home_get(h, key);
	rc = sync_one(h, a, repo, pos[0], url ? url : pos[0], (size_t)batch, err);
out:
	free(url);
	rx_archive_close(a);
	git_repository_free(own);
	rx_home_close(h);
	return rc;
}
