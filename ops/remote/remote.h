/* This node's remotes and syncing with them: remote settings, host-key pins, one remote or all. */
#ifndef RX_OPS_REMOTE_H
#define RX_OPS_REMOTE_H

#include <stddef.h>

#include "crypto/error.h"
#include "ops/archive/archive.h"
#include "ops/home/home.h"
#include "sync/remote.h"

/* -- Remote settings: remote.NAME = URL, hostkey.NAME = pin. -- */

/* 0 if name is a short word (at most 64 bytes, no '/', no "://"), else RX_EUSAGE. */
int rx_remote_name_check(const char *name, rx_error *err);

/* 0 if hostkey (NULL: none) is a host-key pin rx_sync_transport_pin_parse reads, else RX_EUSAGE. */
int rx_remote_pin_check(const char *hostkey, rx_error *err);

/*
 * Remember remote name at url (a USB path or a git URL) and, when hostkey is
 * not NULL, pin that ssh host key for it. Both are checked first (RX_EUSAGE).
 * With create set, a path that does not exist becomes an empty runxin
 * repository now (rx_sync_url_prepare_local); without it a path is only
 * remembered (the stick may be out), and checked at each sync.
 */
int rx_remote_add(rx_home *h, const char *name, const char *url, const char *hostkey,
	int create, rx_error *err);

/* Forget remote name and its pinned host key; RX_EUSAGE if there is none. */
int rx_remote_remove(rx_home *h, const char *name, rx_error *err);

typedef void (*rx_remote_each_fn)(void *ctx, const char *name, const char *url);

/* Call fn for every remote, in name order. */
int rx_remote_each(rx_home *h, rx_remote_each_fn fn, void *ctx, rx_error *err);

/*
 * What a sync target names: a remote's URL when target is a remote's name,
 * else target itself when it is a URL or a path (it holds a '/', starts
 * with '.' or '~', or exists here). A bare word that is none of these is a
 * typo of a remote's name: RX_EUSAGE, nothing created -- unless create is
 * set, when it names a new folder here. *url malloc'ed.
 */
int rx_remote_resolve(char **url, rx_home *h, const char *target, int create,
	rx_error *err);

/* The URL of remote name, malloc'ed (free()), or NULL when there is none. */
char *rx_remote_url(rx_home *h, const char *name);

/* The ssh host key pinned for remote name, else the setting ssh.hostkey; malloc'ed or NULL. */
char *rx_remote_host_key(rx_home *h, const char *name);

/* -- Syncing. -- */

/* The outcome of syncing with one remote, handed to the caller's report function. */
typedef struct rx_remote_result {
	const char *name;          /* the remote's name, or the path or URL given */
	const rx_sync_report *rep; /* what was taken in, pushed and refused (zero if none) */
	int rc;                    /* 0 or this remote's negative RX_E* */
	const rx_error *err;       /* its error when rc < 0 */
} rx_remote_result;

typedef void (*rx_remote_report_fn)(void *ctx, const rx_remote_result *r);

typedef struct rx_remote_sync_opts {
	const char *target;         /* a remote's name, a path or a URL; NULL: every remote */
	int create;                 /* make a missing path an empty runxin repository first */
	size_t batch_bytes;         /* push batch size; 0: the default */
	rx_remote_report_fn report; /* called once per remote, in order, as each ends; or NULL */
	void *ctx;                  /* passed to report */
	/*
	 * At a school or device, called with the unlocked archive before the
	 * first remote and after the last (e.g. review reports sent up and
	 * countersignatures taken in); or NULL. Its failure fails the sync.
	 */
	int (*archive_hook)(void *ctx, rx_archive *a, rx_error *err);
	/* an archive already unlocked (the web interface), used and left open; NULL: unlock with o */
	rx_archive *archive;
} rx_remote_sync_opts;

/*
 * Verify and take in what the remote (or every configured remote, in name
 * order) holds, then push ours. A school or device unlocks its archive with
 * o to apply what it verifies. A path must already hold a runxin repository
 * unless ro->create is set (RX_ETRANSPORT, nothing created: an unmounted
 * stick); a target that is neither a remote nor a path or URL: RX_EUSAGE. With target NULL: RX_EUSAGE when no remote is
 * configured; when some fail, the first failure's code (RX_ESECURITY wins)
 * with "some remotes failed (see above)", each failure in its own result.
 */
int rx_remote_sync(rx_home *h, const rx_home_opts *o, const rx_remote_sync_opts *ro,
	rx_error *err);

/*
 * runxin restore --recovery-key-file (docs/lifecycle.md): from the paper
 * text of a school's recovery key and a hub's URL, make a new device of
 * that school in a new folder home: written aside as HOME.restoring and
 * renamed when whole (removed on failure). The device gets its own new
 * keys, certified by the school's key that the recovery material holds;
 * it takes the master and every epoch, syncs the archive, publishes its
 * certificate on the school's directory branch and pushes it. RX_EINPUT
 * for a mistyped key, RX_ESECURITY when the key opens nothing there,
 * RX_EUSAGE if HOME exists.
 */
int rx_remote_restore(const char *home, const rx_home_opts *o, const char *keytext,
	size_t keylen, const char *url, const rx_remote_sync_opts *ro, rx_error *err);

#endif
