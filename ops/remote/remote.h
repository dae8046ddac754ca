/* This node's remotes and syncing with them: remote settings, host-key pins, one remote or all. */
#ifndef RX_OPS_REMOTE_H
#define RX_OPS_REMOTE_H

#include <stddef.h>

#include "crypto/error.h"
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
 */
int rx_remote_add(rx_home *h, const char *name, const char *url, const char *hostkey,
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
	size_t batch_bytes;         /* push batch size; 0: the default */
	rx_remote_report_fn report; /* called once per remote, in order, as each ends; or NULL */
	void *ctx;                  /* passed to report */
} rx_remote_sync_opts;

/*
 * Verify and take in what the remote (or every configured remote, in name
 * order) holds, then push ours. A school or device unlocks its archive with
 * o to apply what it verifies. With target NULL: RX_EUSAGE when no remote is
 * configured; when some fail, the first failure's code (RX_ESECURITY wins)
 * with "some remotes failed (see above)", each failure in its own result.
 */
int rx_remote_sync(rx_home *h, const rx_home_opts *o, const rx_remote_sync_opts *ro,
	rx_error *err);

#endif
