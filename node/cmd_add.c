/* runxin add TYPE field=value...: create or update one record; `add setting operator=NAME`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "node/commands.h"
#include "ops/archive/archive.h"
#include "ops/report/report.h"
#include "ops/archive/render.h"
#include "schema/groups.h"

/* clock-ahead-hours=N: 1–168 (docs/sync.md, Time rules) */
static int ahead_ok(const char *v)
{
	char *end;
	long h = strtol(v, &end, 10);

	return *v >= '1' && *v <= '9' && !*end && h >= 1 && h <= 168;
}

static int add_setting(rx_home *h, int argc, char **argv, rx_error *err)
{
	for (int i = 2; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');

		if (eq && !strncmp(argv[i], "clock-ahead-hours=", 18)) {
			if (!ahead_ok(eq + 1))
				return rx_error_set(err, RX_EINPUT, "时钟允许超前的小时数须为 "
					"1–168 (clock-ahead-hours must be 1-168)");
			continue;
		}
		if (!eq || strncmp(argv[i], "operator=", 9) || !eq[1] || strlen(eq + 1) > 128)
			return rx_error_set(err, RX_EUSAGE, "settings: operator=NAME "
				"(1–128 bytes), clock-ahead-hours=N (1–168)");
	}
	for (int i = 2; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		int rc = !strncmp(argv[i], "clock-ahead-hours=", 18) ?
			rx_home_set(h, "clock-ahead-hours", eq + 1, err) :
			rx_home_set(h, "operator", eq + 1, err);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* "预约 (ap, appointment)、面谈 (iv, interview)、..." into buf. */
static void enum_values(const rx_schema_fdef *f, char *buf, size_t cap)
{
	size_t o = 0;

	buf[0] = 0;
	for (const rx_schema_enumval *e = f->enums; e->code && o < cap; e++)
		o += (size_t)snprintf(buf + o, cap - o, "%s%s (%s, %s)", o ? "、" : "",
			e->zh, e->code, e->en);
}

/* What a field takes, in words, into buf. */
static const char *values(const rx_schema_type *t, const rx_schema_fdef *f, char *buf,
	size_t cap)
{
	size_t o = 0;

	switch (f->type) {
	case RX_SCHEMA_F_TEXT:
		snprintf(buf, cap, "文字, 至多 %d 字节 (text)", f->max);
		break;
	case RX_SCHEMA_F_INT:
		snprintf(buf, cap, "整数 %d–%d (integer)", f->min, f->max);
		break;
	case RX_SCHEMA_F_DATE:
		snprintf(buf, cap, "日期 YYYY-MM-DD, 今天/today, 昨天/yesterday%s",
			t->date_field && !strcmp(t->date_field, f->name) && f->required ?
			"; 不写则为今天 (default: today)" : "");
		break;
	case RX_SCHEMA_F_ENUM:
		enum_values(f, buf, cap);
		break;
	case RX_SCHEMA_F_LEVEL:
		snprintf(buf, cap, "红/橙/黄/无 (red/orange/yellow/none)");
		break;
	case RX_SCHEMA_F_GENDER:
		snprintf(buf, cap, "男/女");
		break;
	case RX_SCHEMA_F_FLAGS:
		rx_schema_groups_names(rx_schema_groups_default(),
			rx_schema_groups_default() ? rx_schema_groups_default()->bits : 0, buf, cap);
		o = strlen(buf);
		if (o < cap)
			snprintf(buf + o, cap - o, " (可多个, 用 ; 分隔)");
		break;
	case RX_SCHEMA_F_BOOL:
		snprintf(buf, cap, "是/否 (yes/no)");
		break;
	case RX_SCHEMA_F_NO:
		snprintf(buf, cap, "学号, 须在花名册中 (a student on the roster)");
		break;
	}
	return buf;
}

int rx_node_add_help(FILE *f, const char *type, rx_error *err)
{
	static const char *const head[] = { "中文名", "代码", "English", "必填", "取值 (values)" };
	const rx_schema_type *t = rx_schema_type_find(type);
	rx_table tb;
	char buf[512];
	int rc;

	if (!t || !rx_archive_rec_addable(t))
		return rx_error_set(err, RX_EUSAGE, "没有可添加的类型 '%.40s' (unknown type; "
			"see runxin add --help)", type);
	if ((rc = rx_table_init(&tb, 5, head, err)) < 0)
		return rc;
	for (size_t i = 0; i < t->nfields && rc == 0; i++) {
		const rx_schema_fdef *d = &t->fields[i];
		const char *cells[5] = { d->zh, d->name, d->en, d->required ? "必填" : "",
			values(t, d, buf, sizeof(buf)) };

		rc = rx_table_row(&tb, err);
		for (size_t c = 0; c < 5 && rc == 0; c++)
			rc = rx_table_set(&tb, c, cells[c], err);
	}
	if (rc == 0) {
		fprintf(f, "用法 (usage): runxin add %s 字段=值... [id=编号]\n%s (%s) 的字段 "
			"(fields; 字段可写中文名、代码或英文名):\n", t->name, t->zh, t->name);
		rx_table_print(f, &tb, "  ");
		fprintf(f, "id=编号: 修改已有的记录, 只写要改的字段 (update the record with this id)\n");
	}
	rx_table_free(&tb);
	return rc;
}

/* Fields from argv into r; id=... into *id. */
static int parse_fields(rx_schema_rec *r, const char **id, int argc, char **argv,
	rx_error *err)
{
	for (int i = 2; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		int rc;

		if (!eq)
			return rx_error_set(err, RX_EUSAGE, "应为 字段=值 (expected field=value), 不是 '%.40s'",
				argv[i]);
		*eq = 0;
		if (!strcmp(argv[i], "id"))
			*id = eq + 1;
		else if ((rc = rx_rec_set(r, argv[i], eq + 1, err)) < 0)
			return rc;
	}
	return 0;
}

static int add_record(rx_archive *a, const rx_schema_type *t, int argc, char **argv,
	rx_error *err)
{
	rx_archive_added ad = { 0 };
	rx_schema_rec r;
	const char *id = NULL, *dated = NULL;
	int rc;

	rx_schema_rec_init(&r, t);
	if ((rc = parse_fields(&r, &id, argc, argv, err)) == 0 &&
	    (id || (rc = rx_rec_date_default(&r, &dated, err)) == 0) &&
	    (rc = rx_archive_rec_add(&ad, a, &r, id, err)) == 0) {
		/* first word: the id, read by scripts (ops/demo) */
		printf("%s %s (%s, %zu 个字段; %s)\n", ad.updated ? "已更新" : "已添加", r.id,
			t->zh, ad.fields, ad.updated ? "updated" : "added");
		if (dated)
			printf("%s未填, 记为今天 %s (no date given: today)\n", dated,
				rx_schema_rec_get(&r, t->date_field));
	}
	rx_schema_rec_clear(&r);
	return rc;
}

static int report_up(rx_archive *a, rx_error *err)
{
	rx_ops_report_synced s;
	int rc = rx_ops_report_sync(&s, a, err);

	if (rc == 0 && (s.notices || s.reports))
		printf("已封存上报县局、市局 (sealed for the county and city): 事件通知 %zu, "
			"复盘报告 %zu; 运行 runxin sync 送达 (sync to deliver)\n", s.notices, s.reports);
	return rc;
}

int rx_cmd_add(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const rx_schema_type *t;
	rx_archive *a = NULL;
	rx_home *h = NULL;
	int rc;

	if (argc < 3)
		return rx_error_set(err, RX_EUSAGE, "缺少类型或字段 (missing TYPE or fields)");
	if ((rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if (!strcmp(argv[1], "setting")) {
		rc = add_setting(h, argc, argv, err);
		goto out;
	}
	if (!(t = rx_schema_type_find(argv[1])) || !rx_archive_rec_addable(t)) {
		rc = rx_error_set(err, RX_EUSAGE, "不能用 add 添加的类型 '%.40s' (unknown type; "
			"测评用 import, 评估用 confirm; see runxin add --help)", argv[1]);
		goto out;
	}
	if ((rc = rx_archive_open(&a, h, &o->home, err)) == 0)
		rc = add_record(a, t, argc, argv, err);
	/* an incident is announced to the county at once, a submitted review sent up */
	if (rc == 0 && (!strcmp(t->code, "in") || !strcmp(t->code, "rr"))) {
		rx_error up = { 0 };
		/* the record stands; what is sealed up waits for report send or the next sync */
		if (report_up(a, &up) < 0)
			fprintf(stderr, "已记录, 但尚未封存上报 (recorded; not yet sealed for the "
				"county): %s; 入网后运行 runxin report send 或 runxin sync\n", up.msg);
	}
out:
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}
