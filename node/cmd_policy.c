/* runxin policy add|list|show: scales and rules a city or county sets for its schools (docs/policy.md). */
#include <stdio.h>
#include <string.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/archive/archive.h"
#include "ops/policy/policy.h"

static const char *role_zh(rx_role r)
{
	return r == RX_ROLE_CITY ? "市" : r == RX_ROLE_COUNTY ? "县" : "?";
}

static int add(const rx_opts *o, rx_home *h, int argc, char **argv, rx_error *err)
{
	const char *effective = NULL, *pos[RX_POLICY_FILES_MAX];
	const rx_argopt opts[] = { { "--effective", &effective, NULL }, { NULL, NULL, NULL } };
	rx_buf bad = RX_BUF_INIT;
	rx_schema_date t;
	char today[16];
	unsigned version = 0;
	size_t n = 0;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, RX_POLICY_FILES_MAX, err)) < 0)
		return rc;
	while (n < RX_POLICY_FILES_MAX && pos[n])
		n++;
	if (!effective) {
		if ((rc = rx_rec_today(&t, err)) < 0)
			return rc;
		snprintf(today, sizeof(today), "%04d-%02d-%02d", t.year, t.month, t.day);
		effective = today;
	}
	rc = rx_ops_policy_add(&version, &bad, h, &o->home, (char *const *)pos, n,
		effective, err);
	if (bad.len)
		fwrite(bad.data, 1, bad.len, stderr);
	if (rc == 0)
		printf("已发布政策第 %u 版, %s 起执行, %zu 个文件 (published policy v%u, "
			"effective %s, %zu file(s)); 同步后下级收到 (reaches the subtree by sync)\n",
			version, effective, n, version, effective, n);
	rx_buf_free(&bad);
	return rc;
}

static int list(const rx_opts *o, const rx_ops_policy_set *s, int json)
{
	if (json)
		printf("[");
	else
		printf("%-22s %-10s %-6s %-12s %s\n", "名称 (name)", "种类", "版本", "生效日期",
			"设定者 (set by)");
	for (size_t i = 0, k = 0; i < s->n; i++) {
		const rx_ops_policy *p = &s->p[i];
		for (size_t j = 0; j < p->n || (p->refused && j == 0); j++) {
			const char *name = p->refused ? "(已拒绝 refused)" : p->f[j].name;
			const char *kind = p->refused ? "-" : p->f[j].kind;
			if (json)
				printf("%s{\"name\":\"%s\",\"kind\":\"%s\",\"version\":%u,"
					"\"effective\":\"%s\",\"author\":\"%s\",\"refused\":%s}",
					k++ ? "," : "", p->refused ? "" : name, p->refused ? "" : kind,
					p->version, p->effective, p->author,
					p->refused ? "true" : "false");
			else
				printf("%-22s %-10s v%-5u %-12s %s %s (%s)\n", name, kind, p->version,
					p->effective[0] ? p->effective : "-", role_zh(p->role),
					p->author_name, p->author);
		}
	}
	if (json)
		printf("]\n");
	else if (!s->n)
		printf("没有收到任何政策, 使用内置文件 (no policy received: the built-in files apply)\n");
	return 0;
}

/* NAME or NAME.KIND: the file in force today, with where it comes from. */
static int show(const rx_ops_policy_set *s, const char *arg, rx_error *err)
{
	size_t n;
	const rx_schema_builtin *t = rx_schema_builtin_list(&n);
	const char *dot = strchr(arg, '.');

	for (size_t i = 0; i < n; i++) {
		size_t nl = dot ? (size_t)(dot - arg) : strlen(arg);
		if (strlen(t[i].name) != nl || strncmp(t[i].name, arg, nl) ||
		    (dot && strcmp(t[i].kind, dot + 1)))
			continue;
		printf("# %s.%s: %s\n", t[i].name, t[i].kind, t[i].origin ?
			t[i].origin : "内置 (built-in)");
		fwrite(t[i].data, 1, t[i].len, stdout);
		return 0;
	}
	(void)s;
	return rx_error_set(err, RX_EINPUT, "没有政策文件 '%s' (no such file); 见 runxin policy list",
		arg);
}

int rx_cmd_policy(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	rx_ops_policy_set s = { 0 };
	git_repository *repo = NULL;
	rx_home *h = NULL;
	int rc, json = o->json;
	const rx_argopt jopts[] = { { "--json", NULL, &json }, { NULL, NULL, NULL } };
	const char *pos[1];

	if (argc < 2)
		return rx_error_set(err, RX_EUSAGE, "add, list or show");
	if ((rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if (!strcmp(argv[1], "add")) {
		rc = add(o, h, argc - 1, argv + 1, err);
		goto out;
	}
	if ((rc = rx_home_repo(&repo, h, err)) < 0 ||
	    (rc = rx_ops_policy_load(&s, repo, h->db, h->node, err)) < 0)
		goto out;
	if (!strcmp(argv[1], "list")) {
		if ((rc = rx_node_args(argc - 1, argv + 1, jopts, pos, 0, 0, err)) == 0)
			rc = list(o, &s, json);
	} else if (!strcmp(argv[1], "show")) {
		if ((rc = rx_node_args(argc - 1, argv + 1, jopts, pos, 1, 1, err)) == 0)
			rc = show(&s, pos[0], err);
	} else {
		rc = rx_error_set(err, RX_EUSAGE, "unknown policy command '%.32s'", argv[1]);
	}
out:
	rx_ops_policy_set_free(&s);
	git_repository_free(repo);
	rx_home_close(h);
	return rc;
}
