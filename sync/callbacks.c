/* Chain libgit2 callbacks: the transport's (credentials, host key) and sync's own (progress, ref status). */
#include "sync/syncint.h"

static int fwd_credentials(git_credential **out, const char *url,
	const char *user, unsigned int allowed, void *payload)
{
	const sync_chain *c = payload;

	return c->inner->credentials(out, url, user, allowed, c->inner->payload);
}

static int fwd_certificate(git_cert *cert, int valid, const char *host,
	void *payload)
{
	const sync_chain *c = payload;

	return c->inner->certificate_check(cert, valid, host, c->inner->payload);
}

void sync_callbacks(git_remote_callbacks *out, sync_chain *c,
	const git_remote_callbacks *inner, void *mine)
{
	git_remote_init_callbacks(out, GIT_REMOTE_CALLBACKS_VERSION);
	c->inner = inner;
	c->mine = mine;
	out->payload = c;
	if (inner && inner->credentials)
		out->credentials = fwd_credentials;
	if (inner && inner->certificate_check)
		out->certificate_check = fwd_certificate;
}
