/* Fetch into a holding area, then verify each branch update and take it in. */
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "sync/dirsync.h"
#include "sync/syncint.h"

int sync_ls(remote_refs *out, git_remote *remote, rx_error *err)
{
	const git_remote_head **heads;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (git_remote_ls(&heads, &n, remote) < 0)
		return sync_net_error(NULL, remote, "listing the remote", err);
	if (!(out->names = calloc(n + 1, sizeof(char *))) ||
	    !(out->ids = calloc(n + 1, sizeof(git_oid))))
		return rx_error_nomem(err);
	for (size_t i = 0; i < n; i++) {
		if (strncmp(heads[i]->name, "refs/runxin/", 12) != 0 ||
		    !strncmp(heads[i]->name, "refs/runxin/tmp/", 16) ||
		    !strncmp(heads[i]->name, INCOMING, strlen(INCOMING)))
			continue;
		if (!(out->names[out->n] = strdup(heads[i]->name)))
			return rx_error_nomem(err);
		git_oid_cpy(&out->ids[out->n++], &heads[i]->oid);
	}
	return 0;
}

void sync_refs_free(remote_refs *r)
{
	for (size_t i = 0; r->names && i < r->n; i++)
		free(r->names[i]);
	free(r->names);
	free(r->ids);
	memset(r, 0, sizeof(*r));
}

const git_oid *sync_refs_find(const remote_refs *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->names[i], name))
			return &r->ids[i];
	return NULL;
}

static int fetch_progress(const git_indexer_progress *p, void *payload)
{
	rx_sync_report *rep = payload;

	rep->bytes_fetched = p->received_bytes;
	if (isatty(2) && p->total_objects)
		fprintf(stderr, "\r接收 fetch: %u/%u objects, %zu KiB ",
			p->received_objects, p->total_objects, p->received_bytes / 1024);
	return 0;
}

int sync_fetch(const rx_sync_opts *o, git_remote *remote, char **names,
	size_t n, rx_sync_report *rep, rx_error *err)
{
	git_fetch_options fo = GIT_FETCH_OPTIONS_INIT;
	git_strarray specs = { NULL, 0 };
	sync_chain chain = { 0 };
	int rc = 0;

	if (n == 0)
		return 0;
	if (!(specs.strings = calloc(n, sizeof(char *))))
		return rx_error_nomem(err);
	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t len = 2 * strlen(names[i]) + 64;
		if (!(specs.strings[i] = malloc(len)))
			rc = rx_error_nomem(err);
		else
			snprintf(specs.strings[i], len, "+%s:%s%s", names[i], INCOMING,
				names[i] + strlen("refs/runxin/"));
		specs.count = i + 1;
	}
	chain.fetch_progress = fetch_progress, chain.self = rep;
	sync_chain_init(&fo.callbacks, &chain, o);
	fo.update_fetchhead = 0;
	fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	rep->bytes_fetched = 0;
	if (rc == 0 && git_remote_fetch(remote, &specs, &fo, NULL) < 0)
		rc = sync_net_error(o, remote, "fetching", err);
	if (isatty(2) && o->progress && rep->bytes_fetched)
		fputc('\n', stderr); /* end the progress line, if one was drawn */
	for (size_t i = 0; i < specs.count; i++)
		free(specs.strings[i]);
	free(specs.strings);
	return rc;
}
