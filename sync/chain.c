/* Remote callbacks that add sync's own hooks while the caller's (credentials, host key, progress) keep their payload. */
#include <string.h>

#include "sync/syncint.h"
#include "sync/transport.h"

static int on_credentials(git_credential **out, const char *url,
	const char *user, unsigned int allowed, void *payload)
{
	const sync_chain *c = payload;

	return c->user.credentials(out, url, user, allowed, c->user.payload);
}

static int on_certificate(git_cert *cert, int valid, const char *host,
	void *payload)
{
	const sync_chain *c = payload;

	return c->user.certificate_check(cert, valid, host, c->user.payload);
}

static int on_fetch_progress(const git_indexer_progress *p, void *payload)
{
	const sync_chain *c = payload;
	int rc = 0;

	if (c->fetch_progress)
		rc = c->fetch_progress(p, c->self);
	if (rc == 0 && c->user.transfer_progress)
		rc = c->user.transfer_progress(p, c->user.payload);
	return rc;
}

static int on_push_progress(unsigned int cur, unsigned int total, size_t bytes,
	void *payload)
{
	const sync_chain *c = payload;

	return c->user.push_transfer_progress(cur, total, bytes, c->user.payload);
}

static int on_update(const char *ref, const char *status, void *payload)
{
	const sync_chain *c = payload;

	return c->update(ref, status, c->self);
}

static int on_sideband(const char *text, int len, void *payload)
{
	const sync_chain *c = payload;
	int rc = c->sideband ? c->sideband(text, len, c->self) : 0;

	if (rc == 0 && c->user.sideband_progress)
		rc = c->user.sideband_progress(text, len, c->user.payload);
	return rc;
}

void sync_chain_init(git_remote_callbacks *cb, sync_chain *c,
	const rx_sync_opts *o)
{
	git_remote_init_callbacks(cb, GIT_REMOTE_CALLBACKS_VERSION);
	memset(&c->user, 0, sizeof(c->user));
	if (o->callbacks)
		c->user = *o->callbacks;
	if (c->user.credentials)
		cb->credentials = on_credentials;
	if (c->user.certificate_check)
		cb->certificate_check = on_certificate;
	if (c->user.push_transfer_progress)
		cb->push_transfer_progress = on_push_progress;
	if (c->update)
		cb->push_update_reference = on_update;
	if (c->sideband || c->user.sideband_progress)
		cb->sideband_progress = on_sideband;
	cb->transfer_progress = on_fetch_progress;
	cb->payload = c;
}

/* Broken objects or refs in a copy on a path (a stick): the same copy fails again. */
static int damaged_copy(git_remote *remote)
{
	const git_error *e = git_error_last();
	rx_sync_url_kind k = rx_sync_url_kind_of(git_remote_url(remote));

	if (!e || (k != RX_SYNC_URL_PATH && k != RX_SYNC_URL_FILE))
		return 0;
	return e->klass == GIT_ERROR_ODB || e->klass == GIT_ERROR_ZLIB ||
		e->klass == GIT_ERROR_INDEXER || e->klass == GIT_ERROR_OBJECT ||
		e->klass == GIT_ERROR_REFERENCE || e->klass == GIT_ERROR_SHA;
}

int sync_net_error(const rx_sync_opts *o, git_remote *remote, const char *what,
	rx_error *err)
{
	const git_error *e = git_error_last();

	if (o && o->transport && o->transport->refused)
		return rx_sync_transport_fail(o->transport, -1, git_remote_url(remote), err);
	if (damaged_copy(remote))
		return rx_sync_damaged(err, git_remote_url(remote), "git says",
			e->message);
	return rx_sync_git_error(err, RX_ETRANSPORT, what);
}
