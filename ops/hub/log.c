/* The hub's push log: one line per pushed branch the hook accepted or refused, in HOME/hub.log. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops/hub/hub.h"
#include "ops/util/util.h"
#include "sync/changeset.h"

static size_t obj_size(git_odb *odb, const git_oid *id)
{
	size_t len = 0;
	git_object_t t;

	return git_odb_read_header(&len, &t, odb, id) == 0 ? len : 0;
}

/* Change-sets in old..new and their raw object bytes (commit, tree, blobs). */
static void count(git_repository *repo, const git_oid *old, const git_oid *new_,
	size_t *cs, size_t *bytes)
{
	git_revwalk *w = NULL;
	git_odb *odb = NULL;
	git_oid id;

	*cs = *bytes = 0;
	if (git_repository_odb(&odb, repo) < 0 || git_revwalk_new(&w, repo) < 0 ||
	    git_revwalk_push(w, new_) < 0 || (!git_oid_is_zero(old) && git_revwalk_hide(w, old) < 0))
		goto out;
	while (git_revwalk_next(&id, w) == 0 && *cs < 1000000) {
		git_commit *c = NULL;
		git_tree *t = NULL;
		(*cs)++;
		*bytes += obj_size(odb, &id);
		if (git_commit_lookup(&c, repo, &id) == 0 && git_commit_tree(&t, c) == 0) {
			*bytes += obj_size(odb, git_tree_id(t));
			for (size_t i = 0; i < git_tree_entrycount(t); i++)
				*bytes += obj_size(odb, git_tree_entry_id(git_tree_entry_byindex(t, i)));
		}
		git_tree_free(t);
		git_commit_free(c);
	}
out:
	git_revwalk_free(w);
	git_odb_free(odb);
}

/* Tabs and newlines in a reason would break the line format. */
static void put_field(FILE *f, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

void rx_hub_log_push(rx_home *h, git_repository *repo, const char *ref,
	const git_oid *old, const git_oid *new_, int accepted, const char *reason)
{
	char *path = rx_ops_path_join(h->path, RX_HUB_LOG);
	const char *node = strrchr(ref, '/');
	size_t cs = 0, bytes = 0;
	FILE *f;

	if (!path)
		return;
	if (repo && new_ && !git_oid_is_zero(new_))
		count(repo, old, new_, &cs, &bytes);
	if ((f = fopen(path, "a"))) {
		fprintf(f, "%" PRId64 "\t%s\t%s\t%s\t%zu\t%zu\t", (int64_t)time(NULL),
			accepted ? "accepted" : "refused", node ? node + 1 : "-", ref, cs, bytes);
		put_field(f, reason ? reason : "");
		fputc('\n', f);
		fclose(f);
	}
	free(path);
}

int rx_hub_log_read(rx_hub_log_fn fn, void *ctx, rx_home *h)
{
	char *path = rx_ops_path_join(h->path, RX_HUB_LOG), line[2048];
	FILE *f;

	if (!path)
		return -1;
	f = fopen(path, "r");
	free(path);
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		rx_hub_log_entry e = { 0 };
		char *field[7], *p = line;
		int n = 0;
		line[strcspn(line, "\n")] = 0;
		while (n < 7 && p) {
			field[n++] = p;
			if ((p = strchr(p, '\t')))
				*p++ = 0;
		}
		if (n < 6)
			continue;
		e.time = strtoll(field[0], NULL, 10);
		e.accepted = !strcmp(field[1], "accepted");
		snprintf(e.node, sizeof(e.node), "%s", field[2]);
		e.ref = field[3];
		e.changesets = strtoull(field[4], NULL, 10);
		e.bytes = strtoull(field[5], NULL, 10);
		e.reason = n > 6 ? field[6] : "";
		fn(ctx, &e);
	}
	fclose(f);
	return 0;
}
