/* Each server kind's command line, configuration file and (ssh) keys. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto/buf.h"
#include "ops/server/serverInt.h"
#include "ops/util/util.h"

#define KEYLINE_MAX 4096

static int write_file(const char *dir, const char *name, const char *text,
	rx_error *err)
{
	char path[PATH_MAX];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!(f = fopen(path, "w")))
		return rx_error_set(err, RX_EINTERNAL, "%s: %s", path, strerror(errno));
	ok = fputs(text, f) >= 0;
	ok = (fclose(f) == 0) && ok;
	return ok ? 0 : rx_error_set(err, RX_EINTERNAL, "cannot write %s", path);
}

/* The first line of a small text file (an OpenSSH public key), malloc'ed. */
static char *read_line(const char *path)
{
	char buf[KEYLINE_MAX];
	FILE *f = fopen(path, "r");
	char *nl;

	if (!f)
		return NULL;
	if (!fgets(buf, sizeof(buf), f)) {
		fclose(f);
		return NULL;
	}
	fclose(f);
	if ((nl = strchr(buf, '\n')))
		*nl = '\0';
	return strdup(buf);
}

static int keygen(const char *path, rx_error *err)
{
	char *argv[] = { RX_OPS_SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "",
		"-C", "runxin-test", "-f", (char *)path, NULL };
	int st, rc;

	if ((rc = rx_ops_run(&st, argv, NULL, NULL, "/dev/null", err)) < 0)
		return rc;
	if (st != 0)
		return rx_error_set(err, RX_EINTERNAL, "ssh-keygen failed (%d)", st);
	return 0;
}

int rx_ops_server_ssh_keys(rx_ops_server *s, rx_error *err)
{
	char host[PATH_MAX], client[PATH_MAX], pub[PATH_MAX + 8];
	rx_buf ak = RX_BUF_INIT;
	char *line = NULL;
	int rc;

	snprintf(host, sizeof(host), "%s/host_ed25519", s->tmp);
	snprintf(client, sizeof(client), "%s/client_ed25519", s->tmp);
	if ((rc = keygen(host, err)) < 0 || (rc = keygen(client, err)) < 0)
		goto out;
	snprintf(pub, sizeof(pub), "%s.pub", host);
	if (!(s->host_key = read_line(pub)) || !(s->ssh_key = strdup(client))) {
		rc = rx_error_set(err, RX_EINTERNAL, "cannot read the ssh keys");
		goto out;
	}
	snprintf(pub, sizeof(pub), "%s.pub", client);
	if (!(line = read_line(pub))) {
		rc = rx_error_set(err, RX_EINTERNAL, "cannot read %s", pub);
		goto out;
	}
	/* "restrict": no pty, no forwarding; git's commands still run. */
	if ((rc = rx_buf_printf(&ak, err, "restrict %s\n", line)) < 0 ||
	    (rc = rx_buf_cstr(&ak, err)) < 0)
		goto out;
	rc = write_file(s->tmp, "authorized_keys", (char *)ak.data, err);
out:
	free(line);
	rx_buf_free(&ak);
	return rc;
}

static int sshd_config(rx_ops_server *s, rx_buf *c, rx_error *err)
{
	/* Privilege separation chroots into /run/sshd when run as root. */
	if (geteuid() == 0 && mkdir("/run/sshd", 0755) < 0 && errno != EEXIST)
		return rx_error_set(err, RX_EINTERNAL, "/run/sshd: %s", strerror(errno));
	return rx_buf_printf(c, err,
		"Port %d\nListenAddress 127.0.0.1\nAddressFamily inet\n"
		"HostKey %s/host_ed25519\nPidFile %s/sshd.pid\n"
		"AuthorizedKeysFile %s/authorized_keys\nAllowUsers %s\n"
		"StrictModes no\nUsePAM no\nPubkeyAuthentication yes\n"
		"PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
		"PermitRootLogin prohibit-password\nX11Forwarding no\n"
		"AllowTcpForwarding no\nPrintMotd no\nPermitUserEnvironment no\n"
		"LogLevel VERBOSE\n",
		s->port, s->tmp, s->tmp, s->tmp, s->user);
}

static int lighttpd_config(rx_ops_server *s, rx_buf *c, rx_error *err)
{
	/* http.receivepack through git's env config: pushes need no REMOTE_USER. */
	return rx_buf_printf(c, err,
		"server.modules = (\"mod_alias\", \"mod_setenv\", \"mod_cgi\")\n"
		"server.bind = \"127.0.0.1\"\nserver.port = %d\n"
		"server.document-root = \"%s\"\n"
		"server.errorlog = \"%s/server.log\"\n"
		"alias.url = (\"/git\" => \"" RX_OPS_HTTP_BACKEND "\")\n"
		"$HTTP[\"url\"] =~ \"^/git\" {\n"
		"\tcgi.assign = (\"\" => \"\")\n"
		"\tsetenv.add-environment = (\n"
		"\t\t\"GIT_PROJECT_ROOT\" => \"%s\",\n"
		"\t\t\"GIT_HTTP_EXPORT_ALL\" => \"1\",\n"
		"\t\t\"GIT_CONFIG_COUNT\" => \"1\",\n"
		"\t\t\"GIT_CONFIG_KEY_0\" => \"http.receivepack\",\n"
		"\t\t\"GIT_CONFIG_VALUE_0\" => \"true\"\n"
		"\t)\n}\n",
		s->port, s->tmp, s->tmp, s->root);
}

/* Duplicate a NULL-terminated list of strings into argv. */
static int fill_argv(char *argv[RX_OPS_SERVER_ARGV_MAX], const char *const *src,
	rx_error *err)
{
	size_t i;

	for (i = 0; src[i] && i + 1 < RX_OPS_SERVER_ARGV_MAX; i++)
		if (!(argv[i] = strdup(src[i])))
			return rx_error_nomem(err);
	argv[i] = NULL;
	return 0;
}

static int daemon_argv(rx_ops_server *s, char *argv[RX_OPS_SERVER_ARGV_MAX],
	rx_error *err)
{
	char port[32], base[PATH_MAX + 16];
	const char *src[] = { RX_OPS_GIT, "daemon", "--reuseaddr",
		"--listen=127.0.0.1", port, base, "--export-all",
		"--enable=receive-pack", "--informative-errors", s->root, NULL };

	snprintf(port, sizeof(port), "--port=%d", s->port);
	snprintf(base, sizeof(base), "--base-path=%s", s->root);
	return fill_argv(argv, src, err);
}

int rx_ops_server_command(rx_ops_server *s, char *argv[RX_OPS_SERVER_ARGV_MAX],
	rx_error *err)
{
	char conf[PATH_MAX];
	rx_buf c = RX_BUF_INIT;
	int rc;

	if (s->kind == RX_OPS_SERVER_GIT_DAEMON)
		return daemon_argv(s, argv, err);
	snprintf(conf, sizeof(conf), "%s/server.conf", s->tmp);
	rc = s->kind == RX_OPS_SERVER_HTTP ? lighttpd_config(s, &c, err) :
		sshd_config(s, &c, err);
	if (rc == 0 && (rc = rx_buf_cstr(&c, err)) == 0 &&
	    (rc = write_file(s->tmp, "server.conf", (char *)c.data, err)) == 0) {
		const char *http[] = { RX_OPS_LIGHTTPD, "-D", "-f", conf, NULL };
		const char *ssh[] = { RX_OPS_SSHD, "-D", "-e", "-f", conf, NULL };

		rc = fill_argv(argv, s->kind == RX_OPS_SERVER_HTTP ? http : ssh, err);
	}
	rx_buf_free(&c);
	return rc;
}

void rx_ops_server_argv_free(char *argv[RX_OPS_SERVER_ARGV_MAX])
{
	for (size_t i = 0; i < RX_OPS_SERVER_ARGV_MAX && argv[i]; i++) {
		free(argv[i]);
		argv[i] = NULL;
	}
}
