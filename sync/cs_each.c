/* Every change-set of one kind on the node branches of a repository, read only when it is of that kind. */
#include <stdio.h>
#include <string.h>

#include "sync/changeset.h"

#define WALK_MAX 1000000 /* change-sets walked per branch */

/* Is commit id of this kind (by its message, "runxin KIND #N")? *parent set when it has one. */
static int of_kind(git_repository *repo, const git_oid *id, const char *prefix,
	git_oid *parent, int *more)
{
	git_commit *c = NULL;
	int yes;

	if (git_commit_lookup(&c, repo, id) < 0)
		return -1;
	yes = !strncmp(git_commit_message_raw(c), prefix, strlen(prefix));
	if ((*more = git_commit_parentcount(c) > 0))
		git_oid_cpy(parent, git_commit_parent_id(c, 0));
	git_commit_free(c);
	return yes;
}

static int walk_branch(git_repository *repo, const char *ref, rx_cs_kind kind,
	const char *prefix, const uint8_t box_pk[32], rx_sync_cs_fn fn, void *ctx,
	size_t *bad, rx_error *err)
{
	git_oid id, parent;
	rx_error e = { 0 };
	int rc = 0, more = 0, yes;

	if (git_reference_name_to_id(&id, repo, ref) < 0)
		return 0;
	for (size_t k = 0; k < WALK_MAX && rc == 0; k++) {
		rx_cs cs;

		if ((yes = of_kind(repo, &id, prefix, &parent, &more)) < 0)
			return 0;
		if (yes && rx_sync_cs_load(&cs, repo, &id, &e) < 0) {
			rx_error_clear(&e);
			if (bad)
				(*bad)++;
		} else if (yes) {
			if (cs.meta.kind == kind && rx_sync_cs_sealed_to(&cs, box_pk))
				rc = fn(ctx, &cs, err);
			rx_sync_cs_free(&cs);
		}
		if (!more)
			break;
		git_oid_cpy(&id, &parent);
	}
	return rc;
}

int rx_sync_cs_each(git_repository *repo, rx_cs_kind kind, const uint8_t box_pk[static 32],
	rx_sync_cs_fn fn, void *ctx, size_t *bad, rx_error *err)
{
	git_strarray refs = { NULL, 0 };
	char prefix[48];
	int rc = 0;

	snprintf(prefix, sizeof(prefix), "runxin %s #", rx_sync_kind_name(kind));
	if (git_reference_list(&refs, repo) < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "listing branches");
	for (size_t i = 0; i < refs.count && rc == 0; i++)
		if (!strncmp(refs.strings[i], "refs/runxin/nodes/", 18))
			rc = walk_branch(repo, refs.strings[i], kind, prefix, box_pk, fn, ctx,
				bad, err);
	git_strarray_dispose(&refs);
	return rc;
}
