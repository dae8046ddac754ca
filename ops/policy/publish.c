/* runxin policy add: check every file, then publish one signed policy change-set. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops/archive/archive.h"
#include "ops/policy/policyInt.h"
#include "sync/changeset.h"

typedef struct files {
	rx_ops_policy_file f[RX_POLICY_FILES_MAX];
	size_t n;
} files;

static void files_clear(files *fs)
{
	for (size_t i = 0; i < fs->n; i++)
		free(fs->f[i].data);
	fs->n = 0;
}

/* Read and check every file; each failure is one line of *bad. The number of failures. */
static int read_all(files *fs, rx_buf *bad, char *const *paths, size_t n,
	rx_role role, const rx_ops_policy_set *set, const char *effective)
{
	int failed = 0;

	for (size_t i = 0; i < n; i++) {
		rx_ops_policy_file *f = &fs->f[fs->n];
		rx_schema_builtin city;
		rx_error e = { 0 };
		int rc = rx_ops_policy_file_read(f, paths[i], &e);
		for (size_t j = 0; rc == 0 && j < fs->n; j++)
			if (!strcmp(fs->f[j].kind, f->kind) && !strcmp(fs->f[j].name, f->name))
				rc = rx_error_set(&e, RX_EINPUT, "%s: %s.%s 给了两次 (given twice)",
					paths[i], f->name, f->kind);
		if (rc == 0)
			rc = rx_ops_policy_check_file(f, paths[i], &e);
		if (rc == 0 && rx_ops_policy_allowed(role, f, rx_ops_policy_city_file(&city,
			set, f->kind, f->name, effective), &e) < 0) {
			rx_error why = e;
			memset(&e, 0, sizeof(e));
			rc = rx_error_set(&e, RX_EINPUT, "%s: %.400s", paths[i], why.msg);
		}
		fs->n++; /* kept even when bad, so it is freed */
		if (rc < 0) {
			failed++;
			rx_buf_printf(bad, NULL, "%s\n", e.msg);
		}
	}
	return failed;
}

static unsigned next_version(const rx_ops_policy_set *set, const char *self)
{
	unsigned v = 0;

	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->p[i].author, self) && set->p[i].version > v)
			v = set->p[i].version;
	return v + 1;
}

static int publish(rx_home *h, const rx_home_opts *o, git_repository *repo,
	const rx_buf *text, rx_error *err)
{
	rx_secrets *s = NULL;
	rx_cs_write w = { 0 };
	git_oid id;
	int rc;

	if ((rc = rx_home_unlock(&s, h, o, err)) < 0)
		return rc;
	w.author = h->node, w.sign_sk = s->sign_sk, w.kind = RX_CS_POLICY;
	w.time = (int64_t)time(NULL);
	w.plain = text->data, w.plain_len = text->len;
	rc = rx_sync_cs_create(&id, repo, &w, err);
	rx_home_secrets_free(s);
	return rc;
}

int rx_ops_policy_add(unsigned *version, rx_buf *bad, rx_home *h, const rx_home_opts *o,
	char *const *paths, size_t npaths, const char *effective, rx_error *err)
{
	rx_ops_policy_set set = { 0 };
	git_repository *repo = NULL;
	rx_buf text = RX_BUF_INIT;
	files *fs = NULL;
	int rc, failed;

	if (h->role != RX_ROLE_CITY && h->role != RX_ROLE_COUNTY)
		return rx_error_set(err, RX_EUSAGE, "只有市级或县级能发布政策 "
			"(only a city or a county publishes policy)");
	if (!npaths || npaths > RX_POLICY_FILES_MAX)
		return rx_error_set(err, RX_EUSAGE, "给 1 到 %d 个文件 (give 1 to %d files)",
			RX_POLICY_FILES_MAX, RX_POLICY_FILES_MAX);
	if (!rx_ops_policy_date_ok(effective, strlen(effective)))
		return rx_error_set(err, RX_EUSAGE, "--effective 应为 YYYY-MM-DD (a date)");
	if (!(fs = calloc(1, sizeof(*fs))))
		return rx_error_nomem(err);
	if ((rc = rx_home_repo(&repo, h, err)) < 0 ||
	    (rc = rx_ops_policy_load(&set, repo, h->db, h->node, err)) < 0)
		goto out;
	if ((failed = read_all(fs, bad, paths, npaths, h->role, &set, effective)) > 0) {
		rc = rx_error_set(err, RX_EINPUT, "%d 个文件有错, 什么也没有发布 "
			"(%d file(s) refused; nothing published)", failed, failed);
		goto out;
	}
	*version = next_version(&set, h->node);
	if ((rc = rx_ops_policy_encode(&text, effective, fs->f, fs->n, err)) == 0)
		rc = publish(h, o, repo, &text, err);
out:
	rx_buf_free(&text);
	rx_ops_policy_set_free(&set);
	git_repository_free(repo);
	if (fs)
		files_clear(fs);
	free(fs);
	return rc;
}
