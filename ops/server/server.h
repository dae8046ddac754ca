/* Real git servers (git daemon, http-backend behind lighttpd, sshd) run as children on 127.0.0.1, for tests and the demo. */
#ifndef RX_OPS_SERVER_H
#define RX_OPS_SERVER_H

#include "crypto/error.h"

typedef enum rx_ops_server_kind {
	RX_OPS_SERVER_GIT_DAEMON,
	RX_OPS_SERVER_HTTP,
	RX_OPS_SERVER_SSH
} rx_ops_server_kind;

typedef struct rx_ops_server rx_ops_server;

/*
 * Start a server of this kind serving every bare repo under root_dir,
 * listening on a free port of 127.0.0.1 only, and wait (up to about 5 s)
 * until it accepts connections. The server runs as a child in its own
 * process group; its configuration, keys and log live in a fresh temp dir.
 * 0, or RX_EINTERNAL if it could not be started (the message quotes the
 * server's log). *out is owned by the caller: rx_ops_server_stop frees it.
 */
int rx_ops_server_start(rx_ops_server **out, rx_ops_server_kind kind,
	const char *root_dir, rx_error *err);

/*
 * The URL of repo (a path relative to root_dir, e.g. "repo.git"):
 * git://127.0.0.1:P/repo.git, http://127.0.0.1:P/git/repo.git or
 * ssh://USER@127.0.0.1:P/ABS/ROOT/repo.git. malloc'ed; NULL when out of memory.
 */
char *rx_ops_server_url(const rx_ops_server *srv, const char *repo);

/* The TCP port the server listens on. */
int rx_ops_server_port(const rx_ops_server *srv);

/*
 * SSH only (NULL otherwise): the client's Ed25519 private key file (its
 * public key is the same path + ".pub"), and the server's host public key
 * as one OpenSSH line ("ssh-ed25519 AAAA..."). Owned by srv.
 */
const char *rx_ops_server_ssh_key(const rx_ops_server *srv);
const char *rx_ops_server_host_key(const rx_ops_server *srv);

/*
 * Kill the server, every process it started (connection handlers, CGI
 * programs), reap it, delete its temp dir and free srv. NULL is accepted.
 */
void rx_ops_server_stop(rx_ops_server *srv);

#endif
