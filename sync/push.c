/* Push in bounded batches: one temporary ref per branch per batch, so a cut link keeps every finished batch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sync/syncint.h"

#define MAX_ENTRIES 256

typedef struct batch {
	char *refs[MAX_ENTRIES];   /* destination branch names */
	git_oid tips[MAX_ENTRIES]; /* where each branch ends in this batch */
	char force[MAX_ENTRIES];   /* replaces a re-wrapped copy at the remote */
	size_t n;
	size_t bytes;
} batch;

typedef struct pusher {
	const rx_sync_opts *o;
	git_remote *remote;
	rx_sync_report *rep;
	batch b;
	char *status[MAX_ENTRIES];     /* per batch entry: the remote's refusal */
	rx_buf hook;                   /* what the remote's hook printed */
	char failed[MAX_ENTRIES][128]; /* branches the remote refused */
	size_t nfailed;
} pusher;

static size_t object_bytes(git_repository *repo, const git_oid *commit_id)
{
	git_odb *odb = NULL;
	git_commit *c = NULL;
	git_tree *t = NULL;
	git_object_t type;
	size_t total = 0, sz;

	if (git_repository_odb(&odb, repo) < 0)
		return 0;
	if (git_odb_read_header(&sz, &type, odb, commit_id) == 0)
		total += sz;
	if (git_commit_lookup(&c, repo, commit_id) == 0 && git_commit_tree(&t, c) == 0) {
		if (git_odb_read_header(&sz, &type, odb, git_tree_id(t)) == 0)
			total += sz;
		for (size_t i = 0; i < git_tree_entrycount(t); i++)
			if (git_odb_read_header(&sz, &type, odb,
				git_tree_entry_id(git_tree_entry_byindex(t, i))) == 0)
				total += sz;
	}
	git_tree_free(t);
	git_commit_free(c);
	git_odb_free(odb);
	return total;
}

static int on_update(const char *ref, const char *status, void *data)
{
	pusher *p = data;

	for (size_t i = 0; status && i < p->b.n; i++)
		if (!strcmp(p->b.refs[i], ref) && !p->status[i])
			p->status[i] = strdup(status);
	return 0;
}

static int on_sideband(const char *text, int len, void *data)
{
	pusher *p = data;
	rx_error e = { 0 };

	if (len > 0 && p->hook.len < (64u << 10))
		rx_buf_put(&p->hook, text, (size_t)len, &e);
	return 0;
}

/* Push entries idx[0..k) of the batch, each through a temporary ref. */
static int push_entries(pusher *p, const size_t *idx, size_t k, rx_error *err)
{
	git_push_options po = GIT_PUSH_OPTIONS_INIT;
	git_strarray specs = { NULL, 0 };
	char *strs[MAX_ENTRIES], tmp[64];
	sync_chain chain = { 0 };
	int rc = 0;

	memset(strs, 0, sizeof(strs));
	for (size_t j = 0; j < k && rc == 0; j++) {
		git_reference *r = NULL;
		snprintf(tmp, sizeof(tmp), "refs/runxin/tmp/%zu", idx[j]);
		if (git_reference_create(&r, p->o->repo, tmp, &p->b.tips[idx[j]], 1,
			NULL) < 0)
			rc = rx_sync_git_error(err, RX_EINTERNAL, "preparing a batch");
		else if (!(strs[j] = malloc(strlen(p->b.refs[idx[j]]) + 80)))
			rc = rx_error_nomem(err);
		else
			sprintf(strs[j], "%s%s:%s", p->b.force[idx[j]] ? "+" : "", tmp,
				p->b.refs[idx[j]]);
		git_reference_free(r);
	}
	specs.strings = strs, specs.count = k;
	chain.update = on_update, chain.sideband = on_sideband, chain.self = p;
	sync_chain_init(&po.callbacks, &chain, p->o);
	if (rc == 0 && git_remote_push(p->remote, &specs, &po) < 0)
		rc = sync_net_error(p->o, p->remote, "pushing", err);
	for (size_t j = 0; j < k; j++) {
		free(strs[j]);
		snprintf(tmp, sizeof(tmp), "refs/runxin/tmp/%zu", idx[j]);
		git_reference_remove(p->o->repo, tmp);
	}
	return rc;
}

/* The hook's own line for ref ("runxin: refused <ref>: <reason>"), else status. */
static void record_refusal(pusher *p, size_t i)
{
	const char *ref = p->b.refs[i], *why = p->status[i], *at;
	char key[200], reason[300];
	rx_error e = { 0 };

	snprintf(key, sizeof(key), "refused %s: ", ref);
	if (p->hook.len && rx_buf_cstr(&p->hook, &e) == 0 &&
	    (at = strstr((char *)p->hook.data, key))) {
		at += strlen(key);
		snprintf(reason, sizeof(reason), "%.*s", (int)strcspn(at, "\r\n"), at);
		why = reason;
	}
	rx_buf_printf(&p->rep->refused, &e, "%s: the remote refused: %s\n",
		ref + strlen("refs/runxin/"), why);
	p->rep->branches_refused++;
	if (p->nfailed < MAX_ENTRIES)
		snprintf(p->failed[p->nfailed++], 128, "%s", ref);
}

/*
 * A pre-receive hook refuses a whole push when one branch is bad: push the
 * refused entries of a batch again one by one, so the good ones go through.
 */
static int retry_alone(pusher *p, rx_error *err)
{
	int rc = 0;

	for (size_t i = 0; i < p->b.n && rc == 0; i++) {
		if (!p->status[i])
			continue;
		free(p->status[i]);
		p->status[i] = NULL;
		rx_buf_reset(&p->hook);
		if ((rc = push_entries(p, &i, 1, err)) == 0 && p->status[i])
			record_refusal(p, i);
	}
	return rc;
}

static int flush(pusher *p, rx_error *err)
{
	size_t all[MAX_ENTRIES], nrefused = 0;
	int rc;

	if (p->b.n == 0)
		return 0;
	for (size_t i = 0; i < p->b.n; i++)
		all[i] = i, p->status[i] = NULL;
	rx_buf_reset(&p->hook);
	if ((rc = push_entries(p, all, p->b.n, err)) == 0) {
		for (size_t i = 0; i < p->b.n && rc == 0; i++)
			if (rx_error_is_full(p->status[i]))
				rc = rx_error_set(err, RX_ETRANSPORT, "disk full (磁盘已满) at the "
					"remote: %s; " RX_ERROR_FULL_TODO, p->status[i]);
		for (size_t i = 0; rc == 0 && i < p->b.n; i++)
			nrefused += p->status[i] != NULL;
		if (rc < 0)
			;
		else if (nrefused && p->b.n > 1)
			rc = retry_alone(p, err);
		else
			for (size_t i = 0; i < p->b.n; i++)
				if (p->status[i])
					record_refusal(p, i);
	}
	if (rc == 0) {
		p->rep->batches_pushed++;
		p->rep->bytes_pushed += p->b.bytes;
		if (isatty(2) && p->o->progress)
			fprintf(stderr, "\r发送 push: %zu batches, %zu KiB ",
				p->rep->batches_pushed, p->rep->bytes_pushed / 1024);
	}
	for (size_t i = 0; i < p->b.n; i++) {
		free(p->b.refs[i]);
		free(p->status[i]);
		p->status[i] = NULL;
	}
	p->b.n = p->b.bytes = 0;
	return rc;
}

static int refused(const pusher *p, const char *ref)
{
	for (size_t i = 0; i < p->nfailed; i++)
		if (!strcmp(p->failed[i], ref))
			return 1;
	return 0;
}

/* Add commit (the next of branch ref) to the batch, flushing first if full. */
static int add(pusher *p, const char *ref, const git_oid *id, int force,
	rx_error *err)
{
	size_t sz = object_bytes(p->o->repo, id), limit = p->o->batch_bytes ?
		p->o->batch_bytes : RX_SYNC_BATCH_DEFAULT;
	size_t i;
	int rc;

	if (p->b.n && (p->b.bytes + sz > limit || p->b.n == MAX_ENTRIES) &&
	    (rc = flush(p, err)) < 0)
		return rc;
	if (refused(p, ref))
		return 0;
	for (i = 0; i < p->b.n && strcmp(p->b.refs[i], ref); i++)
		;
	if (i == p->b.n) {
		if (!(p->b.refs[i] = strdup(ref)))
			return rx_error_nomem(err);
		p->b.force[i] = 0;
		p->b.n++;
	}
	p->b.force[i] |= (char)force;
	git_oid_cpy(&p->b.tips[i], id);
	p->b.bytes += sz;
	return 0;
}

static int commit_exists(git_repository *repo, const git_oid *id)
{
	git_odb *odb = NULL;
	int yes;

	if (git_repository_odb(&odb, repo) < 0)
		return 0;
	yes = git_odb_exists(odb, id);
	git_odb_free(odb);
	return yes;
}

/*
 * The commits of local tip not yet at the remote, oldest first; 0 if none to
 * send. *force: the remote holds a re-wrapped copy of one of them, which the
 * genuine commits replace.
 */
static int pending(git_oid **out, size_t *n, int *force, git_repository *repo,
	const git_oid *local, const git_oid *remote_tip)
{
	git_revwalk *w = NULL;
	git_commit *c = NULL;
	git_oid id, genuine, hide;
	size_t cap = 0;

	*out = NULL, *n = 0, *force = 0;
	if (remote_tip) {
		if (git_oid_equal(local, remote_tip) ||
		    !commit_exists(repo, remote_tip))
			return 0; /* same, or unknown here */
		if (git_graph_descendant_of(repo, local, remote_tip) != 1) {
			if (!sync_copy_of(repo, local, remote_tip, &genuine))
				return 0; /* not ours to overwrite */
			*force = 1; /* send from the genuine commit the copy stands for */
			if (git_commit_lookup(&c, repo, &genuine) < 0)
				return -1;
			remote_tip = git_commit_parentcount(c) ?
				(git_oid_cpy(&hide, git_commit_parent_id(c, 0)), &hide) : NULL;
			git_commit_free(c);
		}
	}
	if (git_revwalk_new(&w, repo) < 0)
		return -1;
	git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	git_revwalk_push(w, local);
	if (remote_tip)
		git_revwalk_hide(w, remote_tip);
	while (git_revwalk_next(&id, w) == 0) {
		if (*n == cap) {
			git_oid *q = realloc(*out, (cap = cap * 2 + 64) * sizeof(*q));
			if (!q)
				break;
			*out = q;
		}
		git_oid_cpy(&(*out)[(*n)++], &id);
	}
	git_revwalk_free(w);
	return 0;
}

static int wanted(const char *ref)
{
	return !strncmp(ref, "refs/runxin/nodes/", 18) ||
		!strncmp(ref, "refs/runxin/dir/", 16) ||
		!strncmp(ref, "refs/runxin/xfer/", 17) ||
		!strncmp(ref, "refs/runxin/checkpoints/", 24);
}

/* Into a hub's view, only what the view holds or our own kind of branch (see docs/sync.md). */
static int in_view(const rx_sync_opts *o, const remote_refs *theirs, const char *ref)
{
	if (sync_refs_find(theirs, ref))
		return 1;
	if (!strncmp(ref, "refs/runxin/nodes/", 18))
		return rx_sync_entitled(o, ref + 18);
	if (!strncmp(ref, "refs/runxin/dir/", 16))
		return rx_sync_entitled(o, ref + 16);
	if (!strncmp(ref, "refs/runxin/xfer/", 17))
		return sync_xfer_entitled(o, ref + 17);
	return 0;
}

int sync_push(const rx_sync_opts *o, git_remote *remote,
	const remote_refs *theirs, rx_sync_report *rep, rx_error *err)
{
	pusher p = { o, remote, rep };
	git_strarray refs = { NULL, 0 };
	int rc = 0;

	if (git_reference_list(&refs, o->repo) < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "listing refs");
	/* a sync killed mid-push left its temporary refs: nobody else owns them */
	for (size_t i = 0; i < refs.count; i++)
		if (!strncmp(refs.strings[i], "refs/runxin/tmp/", 16))
			git_reference_remove(o->repo, refs.strings[i]);
	/* directory first, so that a hub learns a signer before its data */
	for (int pass = 0; pass < 2 && rc == 0; pass++)
		for (size_t i = 0; i < refs.count && rc == 0; i++) {
			const char *ref = refs.strings[i];
			git_oid local, *ids = NULL;
			size_t n = 0;
			int force = 0;
			if (!wanted(ref) || (o->view && !in_view(o, theirs, ref)) ||
			    (pass == 0) != !strncmp(ref, "refs/runxin/dir/", 16) ||
			    git_reference_name_to_id(&local, o->repo, ref) < 0 ||
			    pending(&ids, &n, &force, o->repo, &local,
				sync_refs_find(theirs, ref)) < 0)
				continue;
			for (size_t k = 0; k < n && rc == 0; k++)
				rc = add(&p, ref, &ids[k], force, err);
			free(ids);
		}
	if (rc == 0)
		rc = flush(&p, err);
	for (size_t i = 0; i < p.b.n; i++)
		free(p.b.refs[i]);
	rx_buf_free(&p.hook);
	if (isatty(2) && o->progress && rep->batches_pushed)
		fputc('\n', stderr);
	git_strarray_dispose(&refs);
	return rc;
}
