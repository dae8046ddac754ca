/* runxin hub views|post-receive|status|silent-days: a county or city hub's school views, its hook, and its schools at a glance. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/home/home.h"
#include "ops/hub/hub.h"
#include "ops/util/util.h"

static void when(char *out, size_t cap, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!t)
		snprintf(out, cap, "从未 (never)");
	else
		strftime(out, cap, "%Y-%m-%d %H:%M", gmtime_r(&tt, &tm));
}

static void esc(const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", stdout); break;
		case '<': fputs("&lt;", stdout); break;
		case '>': fputs("&gt;", stdout); break;
		case '"': fputs("&quot;", stdout); break;
		default: putchar(*s);
		}
}

static void print_status(const rx_hub_school *s, size_t n, int64_t days, int json, int html)
{
	char a[40], b[40];
	size_t silent = 0;

	if (json) {
		rx_json j = RX_JSON_INIT(stdout);
		rx_json_obj_begin(&j, NULL);
		rx_json_int(&j, "silent_days", days);
		rx_json_arr_begin(&j, "schools");
		for (size_t i = 0; i < n; i++) {
			rx_json_obj_begin(&j, NULL);
			rx_json_str(&j, "node", s[i].node);
			rx_json_str(&j, "name", s[i].name);
			rx_json_int(&j, "last_changeset", s[i].last_changeset);
			rx_json_int(&j, "last_push", s[i].last_push);
			rx_json_int(&j, "changesets", (long long)s[i].changesets);
			rx_json_int(&j, "owed_upstream", (long long)s[i].owed);
			rx_json_int(&j, "refused_pushes", (long long)s[i].refused);
			rx_json_bool(&j, "silent", s[i].silent);
			rx_json_obj_end(&j);
		}
		rx_json_arr_end(&j);
		rx_json_obj_end(&j);
		putchar('\n');
		return;
	}
	if (html)
		printf("<!doctype html><meta charset=\"utf-8\"><title>学校同步情况</title>"
			"<style>body{font-family:sans-serif}td,th{padding:2px 8px}"
			".silent{background:#fdd}</style><h1>学校同步情况 (schools under this hub)</h1>"
			"<p>超过 %" PRId64 " 天没有同步的学校标红 (silent longer than %" PRId64
			" days in red)</p><table><tr><th>学校</th><th>最近记录</th><th>最近推送</th>"
			"<th>记录数</th><th>未报上级</th><th>被拒</th><th></th></tr>\n", days, days);
	else
		printf("学校 (school)\t最近记录 (last change-set)\t最近推送 (last push)\t"
			"记录数 (change-sets)\t未报上级 (owed upstream)\t被拒 (refused)\n");
	for (size_t i = 0; i < n; i++) {
		when(a, sizeof(a), s[i].last_changeset);
		when(b, sizeof(b), s[i].last_push);
		silent += (size_t)s[i].silent;
		if (html) {
			printf("<tr%s><td>", s[i].silent ? " class=\"silent\"" : "");
			esc(s[i].name);
			printf("</td><td>%s</td><td>%s</td><td>%" PRIu64 "</td><td>%" PRIu64
				"</td><td>%zu</td><td>%s</td></tr>\n", a, b, s[i].changesets, s[i].owed,
				s[i].refused, s[i].silent ? "需要联系 (silent)" : "");
		} else {
			printf("%s\t%s\t%s\t%" PRIu64 "\t%" PRIu64 "\t%zu%s\n", s[i].name, a, b,
				s[i].changesets, s[i].owed, s[i].refused,
				s[i].silent ? "\t需要联系: 长时间未同步 (silent)" : "");
		}
	}
	if (html)
		printf("</table><p>%zu 所学校, %zu 所需要联系 (%zu schools, %zu silent)</p>\n",
			n, silent, n, silent);
	else
		printf("%zu 所学校, %zu 所超过 %" PRId64 " 天未同步 (%zu schools, %zu silent "
			"longer than %" PRId64 " days)\n", n, silent, days, n, silent, days);
}

static int status(rx_home *h, const char *days_arg, int json, int html, rx_error *err)
{
	char *set = rx_home_get(h, "hub.silent_days"), *end;
	int64_t days = RX_HUB_SILENT_DAYS;
	rx_hub_school *s = NULL;
	size_t n = 0;
	int rc;

	if (days_arg || set) {
		days = strtoll(days_arg ? days_arg : set, &end, 10);
		if (*end || days < 0 || days > 3650) {
			free(set);
			return rx_error_set(err, RX_EUSAGE, "天数应为 0 到 3650 (days: 0 to 3650)");
		}
	}
	free(set);
	if ((rc = rx_hub_status(&s, &n, h, (int64_t)time(NULL), days, err)) == 0)
		print_status(s, n, days, json, html);
	free(s);
	return rc;
}

int rx_cmd_hub(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *pos[2] = { NULL }, *school = NULL, *days = NULL, *format = NULL;
	int json = o->json;
	const rx_argopt opts[] = { { "--school", &school, NULL },
		{ "--silent-days", &days, NULL }, { "--format", &format, NULL },
		{ "--json", NULL, &json }, { NULL, NULL, NULL } };
	rx_home *h = NULL;
	size_t made = 0, moved = 0;
	int rc;

	if (argc > 1 && (!strcmp(argv[1], "setup") || !strcmp(argv[1], "check")))
		return rx_cmd_hub_serve(o, argc, argv, err);
	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 2, err)) < 0)
		return rc;
	if ((strcmp(pos[0], "views") && strcmp(pos[0], "post-receive") &&
	     strcmp(pos[0], "status") && strcmp(pos[0], "silent-days")) ||
	    (!strcmp(pos[0], "silent-days") != (pos[1] != NULL)) ||
	    (format && strcmp(format, "html")))
		return rx_error_set(err, RX_EUSAGE, "hub views [--school ID] | hub status "
			"[--json|--format html] [--silent-days N] | hub silent-days N");
	if ((rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if (h->role != RX_ROLE_COUNTY && h->role != RX_ROLE_CITY)
		rc = rx_error_set(err, RX_EUSAGE, "只有县级或市级中心有此命令 (only a county "
			"or city hub has this command)");
	else if (!strcmp(pos[0], "post-receive"))
		rc = rx_hub_post_receive(h, stdin, err);
	else if (!strcmp(pos[0], "status"))
		rc = status(h, days, json, format != NULL, err);
	else if (!strcmp(pos[0], "silent-days")) {
		char *end;
		long long d = strtoll(pos[1], &end, 10);
		if (*end || d < 0 || d > 3650)
			rc = rx_error_set(err, RX_EUSAGE, "天数应为 0 到 3650 (days: 0 to 3650)");
		else if ((rc = rx_home_set(h, "hub.silent_days", pos[1], err)) == 0)
			printf("超过 %lld 天未同步的学校将被标出 (schools silent longer than %lld "
				"days are flagged)\n", d, d);
	} else if ((rc = rx_hub_views(h, school, &made, &moved, err)) == 0)
		printf("学校视图 (school views): %zu 新建 (made), %zu 个分支更新 (refs moved)\n",
			made, moved);
	rx_home_close(h);
	return rc;
}
