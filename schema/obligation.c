/* Obligations: dates, the .due settings file, and what each student or incident still owes. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "schema/builtin.h"
#include "schema/obligation.h"
#include "schema/textInt.h"

static const char *const act_zh[RX_ACT_COUNT] = {
	"一对一专业评估", "签订知情书(家长签字)", "转介就医", "制定一生一策",
	"组建1+1+3成长小组", "跟踪随访", "心理辅导", "年度测评(两次)", "年度家访",
	"年度实地家访", "提交复盘报告",
	"发送建议书", "事发当天联系家长", "事后干预一生一策", "同学事后随访",
	"医院反馈(跟踪)", "医院反馈(绿色通道)",
	"选配成长导师", "本学期重点人员筛查",
	"联系家长", "全校事项", "关键时期提醒",
};
static const char *const act_en[RX_ACT_COUNT] = {
	"assessment", "parents", "referral", "care_plan", "growth_group",
	"follow_up", "counselling", "screening", "home_visit", "home_visit_on_site",
	"review",
	"suggestion_letter", "incident_parents", "incident_care_plan",
	"classmate_follow_up", "hospital_feedback", "hospital_feedback_green",
	"mentor", "term_screening", "contact", "checklist", "key_period",
};

const char *rx_schema_action_zh(rx_schema_action a)
{
	return (unsigned)a < RX_ACT_COUNT ? act_zh[a] : "?";
}

const char *rx_schema_action_en(rx_schema_action a)
{
	return (unsigned)a < RX_ACT_COUNT ? act_en[a] : "?";
}

/* Howard Hinnant's days_from_civil. */
long rx_schema_date_days(rx_schema_date d)
{
	long y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

rx_schema_date rx_schema_date_from_days(long z)
{
	rx_schema_date d;
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

rx_schema_date rx_schema_school_year_start(rx_schema_date d)
{
	rx_schema_date s = { d.month >= 9 ? d.year : d.year - 1, 9, 1 };

	return s;
}

static int parse_action(rx_schema_action *out, rx_schema_span w)
{
	for (int i = 0; i <= RX_ACT_COUNSELLING; i++)
		if (w.len == strlen(act_en[i]) && !memcmp(w.p, act_en[i], w.len)) {
			*out = (rx_schema_action)i;
			return 0;
		}
	return -1;
}

static rx_schema_span next_word(rx_schema_span *s)
{
	rx_schema_span w = { s->p, 0 };

	while (s->len && (*s->p == ' ' || *s->p == '\t'))
		s->p++, s->len--;
	w.p = s->p;
	while (s->len && *s->p != ' ' && *s->p != '\t')
		s->p++, s->len--, w.len++;
	return w;
}

/* "ACTION DAYS" (0..366, 0: the same day) or "ACTION every DAYS" (1..366). */
static int parse_rule(rx_schema_oblig_rule *r, rx_schema_span v)
{
	rx_schema_span w = next_word(&v), x;

	memset(r, 0, sizeof(*r));
	if (parse_action(&r->act, w) < 0)
		return -1;
	x = next_word(&v);
	if (x.len == 5 && !memcmp(x.p, "every", 5)) {
		r->every = 1;
		x = next_word(&v);
	}
	if (next_word(&v).len || rx_schema_span_int(x, r->every, 366, &r->days) < 0)
		return -1;
	return 0;
}

static int level_key(rx_schema_span k)
{
	static const char *const names[] = { "none", "yellow", "orange", "red" };

	for (int i = 1; i < 4; i++)
		if (rx_schema_span_eq(k, names[i]) && k.len == strlen(names[i]))
			return i;
	return -1;
}

/* Days after an incident or a referral (0..366, 0 = the same day). */
static const struct care_key {
	const char *key;
	size_t off;
} care_keys[] = {
	{ "incident_assessment_days", offsetof(rx_schema_oblig_cfg, incident_assessment_days) },
	{ "incident_parents_days", offsetof(rx_schema_oblig_cfg, incident_parents_days) },
	{ "incident_care_plan_days", offsetof(rx_schema_oblig_cfg, incident_care_plan_days) },
	{ "incident_classmates_days", offsetof(rx_schema_oblig_cfg, incident_classmates_days) },
	{ "referral_feedback_days", offsetof(rx_schema_oblig_cfg, referral_feedback_days) },
};

/* 0 when kv set one of care_keys, RX_EINPUT when its value is bad, 1: not one of them. */
static int care_setting(rx_schema_oblig_cfg *c, const rx_schema_kv *kv, rx_error *err)
{
	for (size_t i = 0; i < sizeof(care_keys) / sizeof(care_keys[0]); i++) {
		if (kv->key.len != strlen(care_keys[i].key) ||
		    !rx_schema_span_eq(kv->key, care_keys[i].key))
			continue;
		if (rx_schema_span_int(kv->val, 0, 366,
			(int *)((char *)c + care_keys[i].off)) < 0)
			return rx_error_set(err, RX_EINPUT, "due line %zu: %s: expected 0..366",
				kv->line, care_keys[i].key);
		return 0;
	}
	return 1;
}

static int key_is(rx_schema_span k, const char *name)
{
	return k.len == strlen(name) && rx_schema_span_eq(k, name);
}

/* "critical = assessment DAYS", "discordant = assessment DAYS". */
static int assessment_line(int *days, const rx_schema_kv *kv, rx_error *err)
{
	rx_schema_oblig_rule r;

	if (parse_rule(&r, kv->val) < 0 || r.act != RX_ACT_ASSESSMENT || r.every)
		return rx_error_set(err, RX_EINPUT,
			"due line %zu: expected assessment DAYS (0..366)", kv->line);
	*days = r.days;
	return 0;
}

static int days_line(int *days, int lo, const rx_schema_kv *kv, rx_error *err)
{
	if (rx_schema_span_int(kv->val, lo, 366, days) < 0)
		return rx_error_set(err, RX_EINPUT, "due line %zu: %.*s: expected %d..366",
			kv->line, (int)kv->key.len, kv->key.p, lo);
	return 0;
}

/* The screening settings (docs/rules.md section 1); 1 if kv was one. */
static int screening_line(rx_schema_oblig_cfg *c, const rx_schema_kv *kv, rx_error *err)
{
	if (key_is(kv->key, "critical"))
		return assessment_line(&c->critical_days, kv, err) < 0 ? RX_EINPUT : 1;
	if (key_is(kv->key, "discordant"))
		return assessment_line(&c->discordant_days, kv, err) < 0 ? RX_EINPUT : 1;
	if (key_is(kv->key, "min_interval_days"))
		return days_line(&c->min_interval_days, 0, kv, err) < 0 ? RX_EINPUT : 1;
	if (key_is(kv->key, "round_window_days"))
		return days_line(&c->round_window_days, 1, kv, err) < 0 ? RX_EINPUT : 1;
	return 0;
}

static int apply_line(rx_schema_oblig_cfg *c, const rx_schema_kv *kv, rx_error *err)
{
	int l = level_key(kv->key), rc;

	if ((rc = screening_line(c, kv, err)) != 0)
		return rc < 0 ? rc : 0;
	if (l > 0) {
		if (c->nlevel[l] == RX_SCHEMA_OBLIG_RULES_MAX ||
		    parse_rule(&c->level[l][c->nlevel[l]], kv->val) < 0)
			return rx_error_set(err, RX_EINPUT,
				"due line %zu: expected ACTION DAYS (0..366) or ACTION every DAYS "
				"(1..366)", kv->line);
		c->nlevel[l]++;
		return 0;
	}
	if (rx_schema_span_eq(kv->key, "review_days") && kv->key.len == 11)
		return rx_schema_span_int(kv->val, 1, 366, &c->review_days) < 0 ?
			rx_error_set(err, RX_EINPUT, "due line %zu: review_days: expected 1..366",
				kv->line) : 0;
	if (rx_schema_span_eq(kv->key, "review_min_chars") && kv->key.len == 16)
		return rx_schema_span_int(kv->val, 0, 1000000, &c->review_min_chars) < 0 ?
			rx_error_set(err, RX_EINPUT,
				"due line %zu: review_min_chars: expected 0..1000000", kv->line) : 0;
	if (l == -1 && (l = care_setting(c, kv, err)) != 1)
		return l;
	return rx_error_set(err, RX_EINPUT, "due line %zu: unknown key", kv->line);
}

int rx_schema_oblig_parse(rx_schema_oblig_cfg *out, const char *text, size_t len,
	rx_error *err)
{
	rx_schema_kv_iter it;
	rx_schema_kv kv;
	int rc;

	memset(out, 0, sizeof(*out));
	/* a file that leaves a key out gets the value default.due gives */
	out->review_days = 14;
	out->review_min_chars = 3000;
	/* a duty after an incident or a referral is owed only if the file sets its days */
	for (size_t i = 0; i < sizeof(care_keys) / sizeof(care_keys[0]); i++)
		*(int *)((char *)out + care_keys[i].off) = -1;
	out->critical_days = 0;
	out->discordant_days = 7;
	out->min_interval_days = 7;
	out->round_window_days = 30;
	if ((rc = rx_schema_kv_begin(&it, text, len, "due", err)) < 0)
		return rc;
	while ((rc = rx_schema_kv_next(&it, &kv, "due", err)) == 1)
		if ((rc = apply_line(out, &kv, err)) < 0)
			return rc;
	if (rc == 0 && out->round_window_days <= out->min_interval_days)
		return rx_error_set(err, RX_EINPUT,
			"due: round_window_days must be above min_interval_days");
	return rc;
}

int rx_schema_oblig_default(rx_schema_oblig_cfg *out, rx_error *err)
{
	const rx_schema_builtin *b = rx_schema_builtin_find("due", "default");

	if (!b)
		return rx_error_set(err, RX_EINTERNAL, "no built-in obligations file");
	return rx_schema_oblig_parse(out, (const char *)b->data, b->len, err);
}
