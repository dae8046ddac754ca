/* runxin sync: fetch, verify, apply, then push in bounded batches. */
#ifndef RX_SYNC_REMOTE_H
#define RX_SYNC_REMOTE_H

#include <git2.h>
#include <sqlite3.h>

#include "sync/verify.h"

#define RX_SYNC_BATCH_DEFAULT (256u << 10)

/* Which node branches this node fetches: see rx_sync_entitled. */
typedef struct rx_sync_opts {
	git_repository *repo;
	sqlite3 *db;
	char self[RX_NODE_ID_LEN + 1];
	rx_role role;
	size_t batch_bytes;            /* push batch size, 0: default */
	rx_sync_verified_fn apply;     /* for verified data change-sets */
	void *apply_ctx;
	const git_remote_callbacks *callbacks; /* transport credentials, NULL: none */
	const struct rx_sync_transport *transport; /* behind callbacks: tells a refused host key; may be NULL */
	int progress;                  /* draw progress on stderr */
	int64_t now;
	int view;                      /* set by rx_sync_run: syncing with the hub's view of our school */
} rx_sync_opts;

typedef struct rx_sync_report {
	size_t branches_updated;
	size_t changesets_accepted;
	size_t branches_refused;
	size_t batches_pushed;
	size_t bytes_pushed;           /* object bytes in pushed batches */
	size_t bytes_fetched;          /* as reported by the transport */
	size_t skipped_unknown;        /* branches of nodes not in our directory */
	rx_buf refused;                /* one line per refusal: node, reason */
	size_t branches_cut;           /* revoked branches taken up to their cut only */
	rx_buf warned;                 /* one Chinese line per such branch */
} rx_sync_report;

/*
 * Sync with the remote at url (a path to an existing runxin bare repository
 * -- see rx_sync_url_prepare_local to create one -- file://, git://,
 * http(s)://, ssh://). Every refused branch is
 * quarantined and listed in rep->refused; valid branches still go through.
 * Returns RX_ETRANSPORT if the remote cannot be reached or a transfer broke
 * (finished batches are kept), RX_ESECURITY if anything was refused, 0 else.
 */
int rx_sync_run(const rx_sync_opts *o, const char *url, rx_sync_report *rep,
	rx_error *err);

void rx_sync_report_free(rx_sync_report *rep);

/* Is this node entitled to fetch `node`'s data branch? Its own, its descendants', and for a school or device its county's (directory based) */
int rx_sync_entitled(const rx_sync_opts *o, const char *node);

/* Create the quarantine/evidence tables if missing. */
int rx_sync_tables(sqlite3 *db, rx_error *err);

#endif
