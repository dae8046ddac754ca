/* What a node says of its policy: the one in force (status), the ones refused (sync). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/archive/archive.h"
#include "ops/policy/policyInt.h"
#include "ops/stats/stats.h"

static int load(rx_ops_policy_set *s, rx_home *h, rx_error *err)
{
	git_repository *repo = NULL;
	int rc = rx_home_repo(&repo, h, err);

	if (rc == 0)
		rc = rx_ops_policy_load(s, repo, h->db, h->node, err);
	git_repository_free(repo);
	return rc;
}

int rx_ops_policy_status(FILE *f, rx_home *h, rx_error *err)
{
	rx_ops_policy_set s = { 0 };
	const rx_ops_policy *cur[4];
	const rx_schema_builtin *c = rx_schema_builtin_find("compliance", "default");
	rx_ops_compliance_cfg cfg;
	rx_schema_date t;
	char date[16];
	size_t n;
	int rc;

	if ((rc = rx_rec_today(&t, err)) < 0 || (rc = load(&s, h, err)) < 0)
		return rc;
	snprintf(date, sizeof(date), "%04d-%02d-%02d", t.year, t.month, t.day);
	n = rx_ops_policy_current(cur, 4, &s, date);
	fprintf(f, "policy: ");
	if (!n)
		fprintf(f, "内置文件 (built-in files; no policy in force)\n");
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s%s 第 %u 版, %s 起 (%s v%u since %s)\n", i ? "        " : "",
			cur[i]->author_name, cur[i]->version, cur[i]->effective,
			cur[i]->author, cur[i]->version, cur[i]->effective);
	memset(&cfg, 0, sizeof(cfg));
	if (c && rx_ops_compliance_cfg_parse(&cfg, (const char *)c->data, c->len, NULL) == 0)
		fprintf(f, "        师生比 1:%d, 公开阈值 %d (ratio, disclosure threshold; %s)\n",
			cfg.students_per_teacher, cfg.disclosure_threshold,
			c->origin ? c->origin : "内置 built-in");
	for (size_t i = 0; i < s.n; i++)
		if (s.p[i].refused)
			fprintf(f, "        已拒绝 (refused) %s: %s\n", s.p[i].origin, s.p[i].why);
	rx_ops_policy_set_free(&s);
	return 0;
}

int rx_ops_policy_refused(rx_buf *out, rx_home *h, rx_error *err)
{
	rx_ops_policy_set s = { 0 };
	int rc = load(&s, h, err);

	for (size_t i = 0; rc == 0 && i < s.n; i++)
		if (s.p[i].refused)
			rc = rx_buf_printf(out, err, "%s: %s\n", s.p[i].origin, s.p[i].why);
	rx_ops_policy_set_free(&s);
	return rc;
}
