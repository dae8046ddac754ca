/* Reading review reports: the node's view, deadline status, the inbox list and one report in full. */
#include <string.h>

#include <sodium.h>

#include "crypto/datakey.h"
#include "ops/archive/render.h"
#include "ops/report/report.h"
#include "schema/obligation.h"
#include "sync/directory.h"

int rx_ops_report_view_open(rx_ops_report_view *v, rx_home *h, const rx_home_opts *o,
	rx_error *err)
{
	int rc;

	memset(v, 0, sizeof(*v));
	v->h = h;
	if ((rc = rx_home_unlock(&v->s, h, o, err)) < 0)
		return rc;
	if (!v->s->has_master)
		return rx_error_set(err, RX_EUSAGE, "this device holds no school data key yet: "
			"run 'runxin join BUNDLE'");
	/* every tier's certificate names the box key of its data key */
	rx_crypto_datakey_box(v->box_pk, v->box_sk, v->s->master);
	if ((rc = rx_home_repo(&v->repo, h, err)) < 0)
		return rc;
	return rx_ops_report_collect(&v->set, v->repo, h->db, v->box_pk, v->box_sk, err);
}

void rx_ops_report_view_close(rx_ops_report_view *v)
{
	rx_ops_report_set_free(&v->set);
	git_repository_free(v->repo);
	rx_home_secrets_free(v->s);
	sodium_memzero(v->box_sk, sizeof(v->box_sk));
	v->repo = NULL, v->s = NULL;
}

static size_t chars(const rx_ops_report_entry *e)
{
	size_t n = 0;

	for (int k = RX_RP_A1; k <= RX_RP_A4; k++)
		for (const char *p = e->doc.f[k]; p && *p; p++)
			n += ((unsigned char)*p & 0xc0) != 0x80;
	return n;
}

/* The school's rule (schema/obligation_due.c), as the county reads the sealed report. */
int rx_ops_report_complete(const rx_ops_report_entry *e, size_t *n, size_t *min)
{
	rx_schema_oblig_cfg cfg;
	rx_error err = { 0 };
	int ok = e->has_report;

	*n = chars(e);
	*min = rx_schema_oblig_default(&cfg, &err) == 0 ? (size_t)cfg.review_min_chars : 3000;
	for (int k = RX_RP_A1; k <= RX_RP_SP; k++)
		ok &= e->doc.f[k] != NULL && e->doc.f[k][0] != 0;
	return ok && *n >= *min;
}

const char *rx_ops_report_status(const rx_ops_report_entry *e, const char *today)
{
	const char *dl = e->doc.f[RX_RP_DEADLINE];
	size_t n, min;

	/* a short report is not one "on time": the county reads it as not yet done */
	if (e->has_report && !rx_ops_report_complete(e, &n, &min))
		return "incomplete";
	if (e->has_report)
		return strcmp(e->doc.f[RX_RP_SUBMITTED], dl) <= 0 ? "ontime" : "late";
	return strcmp(today, dl) > 0 ? "overdue" : "pending";
}

const char *rx_ops_report_status_zh(const char *s)
{
	return !strcmp(s, "ontime") ? "按时" : !strcmp(s, "late") ? "逾期上报" :
		!strcmp(s, "incomplete") ? "内容不全" :
		!strcmp(s, "overdue") ? "逾期未报" : "未到期";
}

static const char *sign_zh(const rx_ops_report_entry *e)
{
	return e->countersigned ? "已会签" : e->signed_earlier ? "需重新会签" :
		e->has_report ? "未会签" : "—";
}

static const char *sign_en(const rx_ops_report_entry *e)
{
	return e->countersigned ? "signed" : e->signed_earlier ? "earlier_version" :
		e->has_report ? "unsigned" : "none";
}

static void school_name(char out[RX_NAME_MAX + 1], sqlite3 *db, const char *school)
{
	rx_crypto_cert c;
	rx_error e = { 0 };

	snprintf(out, RX_NAME_MAX + 1, "%s", rx_directory_get_cert(db, school, &c, &e) == 0 ?
		c.name : school);
}

static const char *or_dash(const char *s)
{
	return s ? s : "—";
}

static void entry_json(rx_json *j, const rx_ops_report_entry *e, const char *name,
	const char *today)
{
	rx_json_str(j, "id", e->short_id);
	rx_json_str(j, "school", e->school);
	rx_json_str(j, "school_name", name);
	rx_json_str(j, "incident_date", e->doc.f[RX_RP_DATE]);
	rx_json_str(j, "kind", e->doc.f[RX_RP_KIND] ? e->doc.f[RX_RP_KIND] : "");
	rx_json_str(j, "deadline", e->doc.f[RX_RP_DEADLINE]);
	rx_json_str(j, "submitted", e->has_report ? e->doc.f[RX_RP_SUBMITTED] : "");
	rx_json_str(j, "status", rx_ops_report_status(e, today));
	if (e->has_report) {
		size_t n, min;
		rx_json_bool(j, "complete", rx_ops_report_complete(e, &n, &min));
		rx_json_int(j, "characters", (long long)n);
	}
	rx_json_str(j, "countersign", sign_en(e));
	rx_json_bool(j, "countersigned", e->countersigned);
	if (e->countersigned) {
		rx_json_str(j, "countersigned_by", e->sign_name);
		rx_json_str(j, "countersigned_on", e->sign_date);
	}
}

/* The 字数 cell: "6080 字", or "2000 字 (不足 3000)" for a short report; "—" before it arrives. */
static void chars_cell(char *buf, size_t cap, const rx_ops_report_entry *e)
{
	size_t n, min;
	int ok = rx_ops_report_complete(e, &n, &min);

	if (!e->has_report)
		snprintf(buf, cap, "—");
	else if (n < min)
		snprintf(buf, cap, "%zu 字 (不足 %zu)", n, min);
	else
		snprintf(buf, cap, "%zu 字%s", n, ok ? "" : " (缺签名或方面)");
}

static int inbox_row(rx_table *t, const rx_ops_report_entry *e, const char *name,
	const char *today, rx_error *err)
{
	char n[64];
	const char *cells[8];
	int rc;

	chars_cell(n, sizeof(n), e);
	cells[0] = e->short_id, cells[1] = name, cells[2] = e->doc.f[RX_RP_DATE];
	cells[3] = e->doc.f[RX_RP_DEADLINE];
	cells[4] = e->has_report ? e->doc.f[RX_RP_SUBMITTED] : "未上报";
	cells[5] = rx_ops_report_status_zh(rx_ops_report_status(e, today));
	cells[6] = n, cells[7] = sign_zh(e);
	if ((rc = rx_table_row(t, err)) < 0)
		return rc;
	for (size_t k = 0; k < 8; k++)
		if ((rc = rx_table_set(t, k, cells[k], err)) < 0)
			return rc;
	return 0;
}

static void inbox_json(FILE *f, const rx_ops_report_view *v, const char *today)
{
	rx_json j = RX_JSON_INIT(f);
	char name[RX_NAME_MAX + 1];

	rx_json_arr_begin(&j, NULL);
	for (size_t i = 0; i < v->set.n; i++) {
		school_name(name, v->h->db, v->set.e[i].school);
		rx_json_obj_begin(&j, NULL);
		entry_json(&j, &v->set.e[i], name, today);
		rx_json_obj_end(&j);
	}
	rx_json_arr_end(&j);
	fputc('\n', f);
}

int rx_ops_report_inbox_print(FILE *f, const rx_ops_report_view *v, const char *today,
	int json, rx_error *err)
{
	static const char *const head[] = { "编号", "学校", "事件日期", "上报期限", "提交日期",
		"期限状态", "字数", "县局会签" };
	char name[RX_NAME_MAX + 1];
	size_t arrived = 0, overdue = 0, signed_ = 0, short_ = 0;
	rx_table t;
	int rc;

	if (json) {
		inbox_json(f, v, today);
		return 0;
	}
	if ((rc = rx_table_init(&t, 8, head, err)) < 0)
		return rc;
	for (size_t i = 0; i < v->set.n && rc == 0; i++) {
		const rx_ops_report_entry *e = &v->set.e[i];
		const char *st = rx_ops_report_status(e, today);

		school_name(name, v->h->db, e->school);
		arrived += e->has_report, signed_ += e->countersigned;
		overdue += !strcmp(st, "overdue") || !strcmp(st, "late");
		short_ += !strcmp(st, "incomplete");
		rc = inbox_row(&t, e, name, today, err);
	}
	if (rc == 0)
		rx_table_print(f, &t, "");
	rx_table_free(&t);
	if (rc < 0)
		return rc;
	fprintf(f, "共 %zu 起极端事件: 已上报复盘报告 %zu, 逾期 %zu, 内容不全 %zu, 县局已会签 %zu "
		"(%zu incidents: %zu reports arrived, %zu late or overdue, %zu incomplete, "
		"%zu countersigned)\n", v->set.n, arrived, overdue, short_, signed_, v->set.n,
		arrived, overdue, short_, signed_);
	if (v->set.refused)
		fprintf(f, "注意: %zu 个报告变更集未通过核验, 已忽略 (%zu report change-sets failed "
			"verification and were ignored)\n", v->set.refused, v->set.refused);
	return 0;
}

void rx_ops_report_show_print(FILE *f, const rx_ops_report_view *v,
	const rx_ops_report_entry *e, const char *today, int json)
{
	static const char *const zh[] = { "一、日常表现", "二、家庭教养", "三、直接诱因与经过",
		"四、风险点与薄弱环节及措施" };
	static const char *const en[] = { "behaviour", "family", "trigger", "risks" };
	char name[RX_NAME_MAX + 1];
	rx_json j = RX_JSON_INIT(f);
	size_t n, min;

	rx_ops_report_complete(e, &n, &min);
	school_name(name, v->h->db, e->school);
	if (json) {
		rx_json_obj_begin(&j, NULL);
		entry_json(&j, e, name, today);
		for (int k = 0; k < 4; k++)
			rx_json_str(&j, en[k], or_dash(e->doc.f[RX_RP_A1 + k]));
		rx_json_str(&j, "sign_investigators", or_dash(e->doc.f[RX_RP_SI]));
		rx_json_str(&j, "sign_secretary", or_dash(e->doc.f[RX_RP_SS]));
		rx_json_str(&j, "sign_principal", or_dash(e->doc.f[RX_RP_SP]));
		rx_json_obj_end(&j);
		fputc('\n', f);
		return;
	}
	fprintf(f, "复盘报告 %s\n学校: %s\n事件日期: %s\n事件类型: %s\n上报期限: %s\n", e->short_id,
		name, e->doc.f[RX_RP_DATE], or_dash(e->doc.f[RX_RP_KIND]), e->doc.f[RX_RP_DEADLINE]);
	fprintf(f, "提交日期: %s (%s)\n", e->has_report ? e->doc.f[RX_RP_SUBMITTED] : "未上报",
		rx_ops_report_status_zh(rx_ops_report_status(e, today)));
	if (!e->has_report)
		return;
	for (int k = 0; k < 4; k++)
		fprintf(f, "\n%s:\n%s\n", zh[k], or_dash(e->doc.f[RX_RP_A1 + k]));
	if (chars(e) < min)
		fprintf(f, "\n四个方面共 %zu 字, 不足 %zu 字: 内容不全, 县局不能会签 "
			"(%zu characters, fewer than %zu: incomplete)", chars(e), min, chars(e), min);
	else
		fprintf(f, "\n四个方面共 %zu 字", chars(e));
	fprintf(f, "\n调查人签名: %s\n学校党组织书记签名: %s\n校长签名: %s\n",
		or_dash(e->doc.f[RX_RP_SI]), or_dash(e->doc.f[RX_RP_SS]), or_dash(e->doc.f[RX_RP_SP]));
	if (e->countersigned)
		fprintf(f, "县局会签: %s, %s (县局签名已核验 signed by the county's key)\n",
			e->sign_name, e->sign_date);
	else
		fprintf(f, "县局会签: %s\n", sign_zh(e));
}
