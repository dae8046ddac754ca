/* Internals of ops/server/server.c shared with its per-kind configuration and process helpers. */
#ifndef RX_OPS_SERVERINT_H
#define RX_OPS_SERVERINT_H

#include <sys/types.h>

#include "ops/server/server.h"
#include "ops/util/util.h"

/* Debian 12 locations; sshd insists on being started by absolute path. */
#define RX_OPS_GIT "/usr/bin/git"
#define RX_OPS_HTTP_BACKEND "/usr/lib/git-core/git-http-backend"
#define RX_OPS_LIGHTTPD "/usr/sbin/lighttpd"
#define RX_OPS_SSHD "/usr/sbin/sshd"
#define RX_OPS_SSH_KEYGEN "/usr/bin/ssh-keygen"

#define RX_OPS_SERVER_ARGV_MAX 16

struct rx_ops_server {
	rx_ops_server_kind kind;
	pid_t pid;        /* the child, leader of its own process group */
	int port;
	char *root;       /* root_dir made absolute */
	char *tmp;        /* config, keys, log; deleted on stop */
	char *user;       /* the current user, for ssh URLs */
	char *ssh_key;    /* client private key path (ssh only) */
	char *host_key;   /* host public key line (ssh only) */
};

/* Once per server: the ssh host and client keys and authorized_keys. */
int rx_ops_server_ssh_keys(rx_ops_server *s, rx_error *err);

/*
 * Write this kind's configuration for s->port into s->tmp and fill argv
 * (malloc'ed strings, NULL-terminated) with the command that runs it.
 */
int rx_ops_server_command(rx_ops_server *s, char *argv[RX_OPS_SERVER_ARGV_MAX],
	rx_error *err);

/* Free what rx_ops_server_command put in argv. */
void rx_ops_server_argv_free(char *argv[RX_OPS_SERVER_ARGV_MAX]);

#endif
