/* runxin hub status: every school under the hub, when it last wrote and pushed, what the hub still owes upstream, who is silent. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops/hub/hub.h"
#include "ops/util/util.h"
#include "sync/changeset.h"
#include "sync/directory.h"

typedef struct sctx {
	rx_hub_school *s;
	size_t n;
	sqlite3 *db;
} sctx;

/* The school a node's log line belongs to: itself or a device's parent. */
static rx_hub_school *school_of(sctx *c, const char *node)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->s[i].node, node))
			return &c->s[i];
	for (size_t i = 0; i < c->n; i++) {
		sqlite3_stmt *st = NULL;
		int hit = 0;
		if (sqlite3_prepare_v2(c->db, "SELECT 1 FROM certs WHERE node=? AND parent=?",
			-1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_text(st, 1, node, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, c->s[i].node, -1, SQLITE_STATIC);
			hit = sqlite3_step(st) == SQLITE_ROW;
		}
		sqlite3_finalize(st);
		if (hit)
			return &c->s[i];
	}
	return NULL;
}

static void on_log(void *p, const rx_hub_log_entry *e)
{
	rx_hub_school *s = school_of(p, e->node);

	if (!s)
		return;
	if (e->accepted && e->time > s->last_push)
		s->last_push = e->time;
	if (!e->accepted)
		s->refused++;
}

/* The seq of a branch's tip at the hub and the time of its newest change-set. */
static void tip(git_repository *repo, const char *node, uint64_t *seq, int64_t *when)
{
	char ref[96];
	git_oid id;
	rx_cs cs;
	rx_error e = { 0 };

	*seq = 0, *when = 0;
	snprintf(ref, sizeof(ref), "refs/runxin/nodes/%s", node);
	if (git_reference_name_to_id(&id, repo, ref) == 0 &&
	    rx_sync_cs_load(&cs, repo, &id, &e) == 0) {
		*seq = cs.meta.seq;
		*when = cs.meta.time;
		rx_sync_cs_free(&cs);
	}
}

/* The upstream hub's newest checkpoint text held here ("nodes/X <seq> <id>" lines), verified; "" if none. */
static void upstream_text(rx_buf *text, git_repository *repo, rx_home *h)
{
	char up[RX_NODE_ID_LEN + 1] = "", ref[96];
	rx_crypto_cert hub;
	git_oid id;
	rx_cs cs;
	rx_error e = { 0 };
	static const uint8_t none[32];
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(h->db, "SELECT parent FROM certs WHERE node=?", -1, &st,
		NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, h->node, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == RX_NODE_ID_LEN)
			memcpy(up, sqlite3_column_text(st, 0), sizeof(up));
	}
	sqlite3_finalize(st);
	snprintf(ref, sizeof(ref), "refs/runxin/checkpoints/%s", up);
	if (!up[0] || !strcmp(up, h->node) || rx_directory_get_cert(h->db, up, &hub, &e) < 0 ||
	    git_reference_name_to_id(&id, repo, ref) < 0 || rx_sync_cs_load(&cs, repo, &id, &e) < 0)
		return;
	if (rx_sync_cs_check_sig(&cs, hub.sign_pk, &e) < 0 ||
	    rx_sync_cs_open(text, &cs, none, none, &e) < 0 || rx_buf_cstr(text, &e) < 0)
		text->len = 0;
	rx_sync_cs_free(&cs);
}

static uint64_t covered(const rx_buf *text, const char *node)
{
	char want[96];
	const char *p;

	if (!text->len)
		return 0;
	snprintf(want, sizeof(want), "nodes/%s ", node);
	for (p = (const char *)text->data; p && *p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (!strncmp(p, want, strlen(want)))
			return strtoull(p + strlen(want), NULL, 10);
	}
	return 0;
}

/* Add one node's branch (the school's or a device's) to its school's figures. */
static void add_branch(rx_hub_school *s, git_repository *repo, const rx_buf *up,
	const char *node)
{
	uint64_t seq, cov;
	int64_t when;

	tip(repo, node, &seq, &when);
	cov = covered(up, node);
	s->changesets += seq;
	s->owed += seq > cov ? seq - cov : 0;
	if (when > s->last_changeset)
		s->last_changeset = when;
}

int rx_hub_status(rx_hub_school **out, size_t *n, rx_home *h, int64_t now,
	int64_t silent_days, rx_error *err)
{
	git_repository *repo = NULL;
	sqlite3_stmt *st = NULL;
	rx_buf up = RX_BUF_INIT;
	sctx c = { NULL, 0, h->db };
	size_t cap = 0;
	int rc = 0;

	*out = NULL, *n = 0;
	if ((rc = rx_home_repo(&repo, h, err)) < 0)
		return rc;
	upstream_text(&up, repo, h);
	if (sqlite3_prepare_v2(h->db, "SELECT node, name FROM certs WHERE role='school' "
		"AND parent=? ORDER BY name, node", -1, &st, NULL) != SQLITE_OK) {
		rc = rx_error_set(err, RX_EINTERNAL, "reading the directory");
		goto out;
	}
	sqlite3_bind_text(st, 1, h->node, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		rx_hub_school *s;
		if (c.n == cap) {
			rx_hub_school *p = realloc(c.s, (cap = cap * 2 + 16) * sizeof(*p));
			if (!p) {
				rc = rx_error_nomem(err);
				goto out;
			}
			c.s = p;
		}
		s = &c.s[c.n++];
		memset(s, 0, sizeof(*s));
		snprintf(s->node, sizeof(s->node), "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(s->name, sizeof(s->name), "%s", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	st = NULL;
	for (size_t i = 0; i < c.n; i++) {
		rx_hub_school *s = &c.s[i];
		add_branch(s, repo, &up, s->node);
		if (sqlite3_prepare_v2(h->db, "SELECT node FROM certs WHERE parent=? AND node<>parent",
			-1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_text(st, 1, s->node, -1, SQLITE_STATIC);
			while (sqlite3_step(st) == SQLITE_ROW)
				add_branch(s, repo, &up, (const char *)sqlite3_column_text(st, 0));
		}
		sqlite3_finalize(st);
		st = NULL;
	}
	rx_hub_log_read(on_log, &c, h);
	for (size_t i = 0; i < c.n; i++) {
		rx_hub_school *s = &c.s[i];
		int64_t last = s->last_push > s->last_changeset ? s->last_push : s->last_changeset;
		s->silent = !last || now - last > silent_days * 86400;
	}
	*out = c.s, *n = c.n;
	c.s = NULL;
out:
	sqlite3_finalize(st);
	free(c.s);
	rx_buf_free(&up);
	git_repository_free(repo);
	return rc;
}
