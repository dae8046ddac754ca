/* libgit2 credentials, host-key pinning, progress and failure mapping for every remote. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "sync/transport.h"

static int refuse(rx_sync_transport *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int refuse(rx_sync_transport *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof(t->msg), fmt, ap);
	va_end(ap);
	t->refused = 1;
	git_error_set_str(GIT_ERROR_SSH, t->msg);
	return GIT_ECERTIFICATE;
}

static int check_hostkey(rx_sync_transport *t, const git_cert_hostkey *k,
	const char *host)
{
	char got[RX_SYNC_PIN_TEXT_MAX], want[RX_SYNC_PIN_TEXT_MAX];

	if (!t->have_pin)
		return refuse(t, "no pinned host key for %s", host);
	if (!(k->type & GIT_CERT_SSH_SHA256))
		return refuse(t, "host key of %s has no SHA-256 hash", host);
	if (sodium_memcmp(k->hash_sha256, t->pin, 32) == 0)
		return 0;
	rx_sync_transport_pin_format(got, k->hash_sha256);
	rx_sync_transport_pin_format(want, t->pin);
	return refuse(t, "host key of %s does not match the pinned key "
		"(got %s, pinned %s)", host, got, want);
}

static int on_certificate(git_cert *cert, int valid, const char *host,
	void *payload)
{
	rx_sync_transport *t = payload;

	/* Each connection checks the host first: a fresh count of key offers. */
	t->key_attempts = 0;
	if (cert->cert_type == GIT_CERT_HOSTKEY_LIBSSH2)
		return check_hostkey(t, (const git_cert_hostkey *)cert, host);
	if (valid)
		return 0;
	return refuse(t, "TLS certificate of %s is not trusted", host);
}

static int no_cred(const char *msg)
{
	git_error_set_str(GIT_ERROR_SSH, msg);
	return GIT_EAUTH;
}

static int on_credentials(git_credential **out, const char *url,
	const char *user_from_url, unsigned int allowed, void *payload)
{
	rx_sync_transport *t = payload;
	const char *user = user_from_url ? user_from_url : t->opts.ssh_user;

	(void)url;
	if (!(allowed & (GIT_CREDENTIAL_USERNAME | GIT_CREDENTIAL_SSH_KEY)))
		return GIT_PASSTHROUGH;
	if (!user || !*user)
		return no_cred("no user name in the ssh URL");
	if (allowed & GIT_CREDENTIAL_USERNAME)
		return git_credential_username_new(out, user);
	if (!t->opts.ssh_private_key)
		return no_cred("no ssh key configured");
	if (t->key_attempts++ > 0)
		return no_cred("the server refused our ssh key");
	return git_credential_ssh_key_new(out, user, t->pubkey_path,
		t->opts.ssh_private_key, NULL);
}

static int report(rx_sync_transport *t, int pushing, size_t done, size_t total,
	size_t bytes)
{
	rx_sync_transport_progress p = { pushing, done, total, bytes };

	if (!t->opts.progress || t->opts.progress(&p, t->opts.progress_ctx) == 0)
		return 0;
	t->cancelled = 1;
	return GIT_EUSER;
}

static int on_fetch_progress(const git_indexer_progress *s, void *payload)
{
	return report(payload, 0, s->received_objects, s->total_objects,
		s->received_bytes);
}

static int on_push_progress(unsigned int current, unsigned int total,
	size_t bytes, void *payload)
{
	return report(payload, 1, current, total, bytes);
}

int rx_sync_transport_init(git_remote_callbacks *cb, rx_sync_transport *t,
	const rx_sync_transport_opts *o, rx_error *err)
{
	const char *key = o->ssh_private_key;
	int n = 0, rc;

	memset(t, 0, sizeof(*t));
	t->opts = *o;
	if (o->ssh_public_key)
		n = snprintf(t->pubkey_path, sizeof(t->pubkey_path), "%s",
			o->ssh_public_key);
	else if (key)
		n = snprintf(t->pubkey_path, sizeof(t->pubkey_path), "%s.pub", key);
	if (n < 0 || (size_t)n >= sizeof(t->pubkey_path))
		return rx_error_set(err, RX_EUSAGE, "ssh key path too long");
	if (o->host_key_pin) {
		if ((rc = rx_sync_transport_pin_parse(t->pin, o->host_key_pin, err)) < 0)
			return rc;
		t->have_pin = 1;
	}
	cb->credentials = on_credentials;
	cb->certificate_check = on_certificate;
	cb->transfer_progress = on_fetch_progress;
	cb->push_transfer_progress = on_push_progress;
	cb->payload = t;
	return 0;
}
