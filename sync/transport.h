/* libgit2 remote callbacks for runxin's transports: ssh keys, a pinned host key, progress, and error mapping. */
#ifndef RX_SYNC_TRANSPORT_H
#define RX_SYNC_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include <git2.h>

#include "crypto/error.h"

/* What a remote URL names. */
typedef enum rx_sync_url_kind {
	RX_SYNC_URL_UNKNOWN = 0, /* an unsupported scheme, or empty */
	RX_SYNC_URL_PATH,        /* a bare repo on a path: a USB stick, a share */
	RX_SYNC_URL_FILE,        /* file:///path */
	RX_SYNC_URL_GIT,         /* git://host[:port]/path */
	RX_SYNC_URL_HTTP,        /* http:// */
	RX_SYNC_URL_HTTPS,       /* https:// */
	RX_SYNC_URL_SSH          /* ssh://user@host[:port]/path or user@host:path */
} rx_sync_url_kind;

/* Classify url by its scheme (no I/O). */
rx_sync_url_kind rx_sync_url_kind_of(const char *url);

/*
 * For a path or file:// URL: the bare repo there must exist and hold only
 * runxin branches. With create set, a path that does not exist is created
 * (bare, git_repository_init_ext); its parent folder must exist, so an
 * unmounted stick is never replaced by a folder on the internal disk.
 * RX_ETRANSPORT, saying what to do, if the path is missing (and create is
 * not set), its folder is missing, or it is not a runxin repository;
 * RX_EUSAGE for a bad file:// URL. Other kinds: 0, nothing done.
 */
int rx_sync_url_prepare_local(const char *url, int create, rx_error *err);

/*
 * Remove the git lock files a cut write left in the repository at gitdir
 * (every *.lock under refs, packed-refs.lock, HEAD.lock, config.lock), naming each on
 * stderr. Only for a caller that knows no other process writes there.
 */
void rx_sync_clear_git_locks(const char *gitdir);

/*
 * For a path or file:// URL (a stick): hold PATH/runxin-lock shared while
 * syncing with it. The process that finds no other runxin holding it (an
 * exclusive flock succeeds) first removes what a power cut in the middle
 * of a write left there: git's lock files (a branch's "<ref>.lock" blocks
 * every later push of that branch) and temporary packs, naming each on
 * stderr. Returns the descriptor to pass to rx_sync_url_unlock_local, or
 * -1 (nothing cleared, and no error) for another kind of URL or a stick
 * that cannot be locked (read-only, a share without locks).
 */
int rx_sync_url_lock_local(const char *url);
/* Release the lock of rx_sync_url_lock_local; -1 is accepted. */
void rx_sync_url_unlock_local(int fd);

/*
 * The one message for a copy on a path (a stick) that is damaged: Chinese
 * first, what and why it is broken, that nothing was taken in and that
 * retrying the same copy will not help. Returns RX_ESECURITY (exit 3).
 */
int rx_sync_damaged(rx_error *err, const char *path, const char *what,
	const char *why);

/* Progress of one transfer, passed to the caller's hook. */
typedef struct rx_sync_transport_progress {
	int pushing;           /* 0 while fetching, 1 while pushing */
	size_t objects_done;   /* received/indexed (fetch) or sent (push) */
	size_t objects_total;
	size_t bytes;          /* bytes moved so far */
} rx_sync_transport_progress;

/* A progress hook: return nonzero to cancel the transfer. */
typedef int (*rx_sync_transport_progress_fn)(
	const rx_sync_transport_progress *p, void *ctx);

typedef struct rx_sync_transport_opts {
	const char *ssh_user;        /* when the URL names none; NULL: refuse */
	const char *ssh_private_key; /* e.g. HOME/ssh/id_ed25519 */
	const char *ssh_public_key;  /* NULL: private key path + ".pub" */
	/*
	 * The pinned ssh host key, required for ssh://: "SHA256:<base64>" as
	 * ssh-keygen -l prints it, an OpenSSH public key line
	 * ("ssh-ed25519 AAAA... comment") or a known_hosts line
	 * ("[127.0.0.1]:2222 ssh-ed25519 AAAA...").
	 */
	const char *host_key_pin;
	rx_sync_transport_progress_fn progress; /* may be NULL */
	void *progress_ctx;
} rx_sync_transport_opts;

#define RX_SYNC_TRANSPORT_MSG_MAX 256

/* State behind the callbacks; lives as long as the git_remote_callbacks. */
typedef struct rx_sync_transport {
	rx_sync_transport_opts opts;
	char pubkey_path[4096];
	uint8_t pin[32];
	int have_pin;
	int key_attempts;        /* ssh key offers on the current connection */
	int refused;             /* the host key did not match: a security failure */
	int cancelled;           /* the progress hook asked to stop */
	char msg[RX_SYNC_TRANSPORT_MSG_MAX];
} rx_sync_transport;

/*
 * Fill cb (after git_remote_init_callbacks) with credentials,
 * certificate_check and progress callbacks backed by t. o is copied; the
 * strings it points to must outlive t. 0, or RX_EUSAGE when the pin is set
 * but cannot be parsed.
 */
int rx_sync_transport_init(git_remote_callbacks *cb, rx_sync_transport *t,
	const rx_sync_transport_opts *o, rx_error *err);

/*
 * After a libgit2 network call on remote failed with git_rc: set err once
 * and return the code. RX_ESECURITY "host key of HOST does not match the
 * pinned key (...)" when t refused the host key; RX_ETRANSPORT "cannot
 * reach REMOTE: <git_error_last()>" otherwise. Passwords in REMOTE are
 * masked. git_rc >= 0 returns 0.
 */
int rx_sync_transport_fail(const rx_sync_transport *t, int git_rc,
	const char *remote, rx_error *err);

/*
 * Parse a pin (see rx_sync_transport_opts.host_key_pin) into the SHA-256
 * of the host's public key blob. 0 or RX_EUSAGE.
 */
int rx_sync_transport_pin_parse(uint8_t out[static 32], const char *text,
	rx_error *err);

/* "SHA256:<base64 without padding>" of a 32-byte hash, as OpenSSH prints. */
#define RX_SYNC_PIN_TEXT_MAX 52
void rx_sync_transport_pin_format(char out[static RX_SYNC_PIN_TEXT_MAX],
	const uint8_t h[static 32]);

#endif
