/* Read the policy change-sets of this node's city and county from their dir branches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/policy/policyInt.h"
#include "sync/changeset.h"
#include "sync/directory.h"

#define WALK_MAX 100000 /* commits walked on one dir branch */

/* Policy change-sets of a dir branch, oldest first, passed over by their message. */
static int policy_ids(git_oid *ids, size_t *n, git_repository *repo, const char *node)
{
	char ref[64];
	git_oid cur;
	size_t walked = 0;

	*n = 0;
	snprintf(ref, sizeof(ref), "refs/runxin/dir/%s", node);
	if (git_reference_name_to_id(&cur, repo, ref) < 0)
		return 0;
	while (walked++ < WALK_MAX) {
		git_commit *c = NULL;
		int more;
		if (git_commit_lookup(&c, repo, &cur) < 0)
			return -1;
		if (!strncmp(git_commit_message(c), "runxin policy #", 15)) {
			if (*n == RX_POLICY_MAX) {
				git_commit_free(c);
				return -1;
			}
			git_oid_cpy(&ids[(*n)++], &cur);
		}
		if ((more = git_commit_parentcount(c) > 0))
			git_oid_cpy(&cur, git_commit_parent_id(c, 0));
		git_commit_free(c);
		if (!more)
			break;
	}
	for (size_t i = 0; i < *n / 2; i++) {
		git_oid t = ids[i];
		ids[i] = ids[*n - 1 - i], ids[*n - 1 - i] = t;
	}
	return 0;
}

/* Load and decode one change-set into p; the reason in p->why when refused. */
static void read_one(rx_ops_policy *p, const rx_ops_policy_set *set, git_repository *repo,
	const git_oid *id)
{
	static const uint8_t none[32];
	rx_buf plain = RX_BUF_INIT;
	rx_error e = { 0 };
	rx_cs cs;
	int rc;

	memset(&cs, 0, sizeof(cs));
	if ((rc = rx_sync_cs_load(&cs, repo, id, &e)) == 0 && (cs.meta.kind != RX_CS_POLICY ||
	    strcmp(cs.meta.author, p->author)))
		rc = rx_error_set(&e, RX_ESECURITY, "not a policy of its branch's author");
	if (rc == 0)
		p->time = cs.meta.time;
	if (rc == 0 && (rc = rx_sync_cs_open(&plain, &cs, none, none, &e)) == 0)
		rc = rx_ops_policy_decode(p, plain.data, plain.len, &e);
	for (size_t i = 0; rc == 0 && i < p->n; i++) {
		rx_schema_builtin city;
		char label[64];
		snprintf(label, sizeof(label), "%s.%s", p->f[i].name, p->f[i].kind);
		if ((rc = rx_ops_policy_check_file(&p->f[i], label, &e)) == 0)
			rc = rx_ops_policy_allowed(p->role, &p->f[i], rx_ops_policy_city_file(&city,
				set, p->f[i].kind, p->f[i].name, p->effective), &e);
	}
	if (rc < 0) {
		p->refused = 1;
		snprintf(p->why, sizeof(p->why), "%.250s", e.msg);
		rx_ops_policy_clear(p);
	}
	rx_buf_free(&plain);
	rx_sync_cs_free(&cs);
}

static int load_author(rx_ops_policy_set *set, git_repository *repo,
	const rx_crypto_cert *c, int depth, git_oid *ids, rx_error *err)
{
	size_t n;
	rx_ops_policy *p;

	if (policy_ids(ids, &n, repo, c->node) < 0)
		return rx_error_set(err, RX_EINTERNAL, "cannot read the dir branch of %s", c->node);
	if (!n)
		return 0;
	if (!(p = realloc(set->p, (set->n + n) * sizeof(*p))))
		return rx_error_nomem(err);
	set->p = p;
	for (size_t i = 0; i < n; i++) {
		p = &set->p[set->n++];
		memset(p, 0, sizeof(*p));
		memcpy(p->author, c->node, sizeof(p->author));
		snprintf(p->author_name, sizeof(p->author_name), "%s", c->name);
		p->role = c->role, p->depth = depth, p->version = (unsigned)i + 1;
		snprintf(p->origin, sizeof(p->origin), "%s v%u", c->node, p->version);
		read_one(p, set, repo, &ids[i]);
	}
	return 0;
}

int rx_ops_policy_load(rx_ops_policy_set *out, git_repository *repo, sqlite3 *db,
	const char *self, rx_error *err)
{
	rx_crypto_cert chain[4];
	git_oid *ids = NULL;
	size_t n = 0;
	int rc = 0, depth = 0;

	memset(out, 0, sizeof(*out));
	if (rx_directory_chain(db, self, chain, &n, NULL) < 0 || !n)
		return 0; /* not joined yet: the embedded files */
	if (!(ids = calloc(RX_POLICY_MAX, sizeof(*ids))))
		return rx_error_nomem(err);
	/* the root first: a county's compliance is judged against the city's */
	for (size_t i = n; rc == 0 && i-- > 0;) {
		if (chain[i].role != RX_ROLE_CITY && chain[i].role != RX_ROLE_COUNTY)
			continue;
		rc = load_author(out, repo, &chain[i], depth++, ids, err);
	}
	free(ids);
	if (rc < 0)
		rx_ops_policy_set_free(out);
	return rc;
}
