/* Compliance checks of school figures: staffing, rooms, lessons, committees, coverage, timeliness. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/audit/audit.h"
#include "schema/obligation.h"

static const char *const codes[] = { "teachers", "room_hours", "lessons", "committee",
	"coverage", "visits", "overdue", "late", "review", "hidden", "full_time" };

const char *rx_ops_shortfall_code(rx_ops_shortfall_kind k)
{
	return codes[k];
}

typedef struct list {
	rx_ops_shortfall *v;
	size_t n, cap;
	int oom;
} list;

static void add(list *l, const rx_ops_stats *s, rx_ops_shortfall_kind k, int64_t have,
	int64_t want, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void add(list *l, const rx_ops_stats *s, rx_ops_shortfall_kind k, int64_t have,
	int64_t want, const char *fmt, ...)
{
	va_list ap;
	rx_ops_shortfall *x;

	if (l->n == l->cap) {
		rx_ops_shortfall *p = realloc(l->v, (l->cap = l->cap * 2 + 16) * sizeof(*p));
		if (!p) {
			l->oom = 1;
			return;
		}
		l->v = p;
	}
	x = &l->v[l->n++];
	memset(x, 0, sizeof(*x));
	memcpy(x->school, s->node, sizeof(x->school));
	x->kind = k, x->have = have, x->want = want;
	va_start(ap, fmt);
	if (vsnprintf(x->text, sizeof(x->text), fmt, ap) >= (int)sizeof(x->text)) {
		/* cut short: never in the middle of a UTF-8 character */
		size_t e = strlen(x->text), b = e;
		unsigned char lead;
		while (b > 0 && ((unsigned char)x->text[b - 1] & 0xC0) == 0x80)
			b--;
		lead = b > 0 ? (unsigned char)x->text[b - 1] : 0;
		if (lead >= 0xC0 && e - b + 1 < (size_t)(lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2))
			x->text[b - 1] = 0;
	}
	va_end(ap);
}

/* Sum of entries (row i, listed cols) of table t; -1 when any is hidden. */
static int64_t sum(const rx_ops_stats *s, rx_ops_stats_tab t, int i, const int *cols, int n)
{
	int64_t v = 0;

	for (int k = 0; k < n; k++) {
		if (rx_ops_stats_is_hidden(s, t, i, cols[k]))
			return -1;
		v += rx_ops_stats_get(s, t, i, cols[k]);
	}
	return v;
}

/*
 * Whether any of the entries is above zero. A published view shows every
 * zero and hides only counts from 1 up, so a hidden entry is above zero:
 * this is decided from the masked view too, and prints no count.
 */
static int any(const rx_ops_stats *s, rx_ops_stats_tab t, int i, const int *cols, int n)
{
	for (int k = 0; k < n; k++)
		if (rx_ops_stats_is_hidden(s, t, i, cols[k]) || rx_ops_stats_get(s, t, i, cols[k]) > 0)
			return 1;
	return 0;
}

static int has_type(unsigned set, int64_t type)
{
	return type > 0 && (set >> type & 1u);
}

static void teachers(list *l, const rx_ops_stats *s, const rx_ops_compliance_cfg *c,
	int64_t students)
{
	const rx_ops_stats_staff *f = &s->staff;
	int64_t want = students > 0 ? (students + c->students_per_teacher - 1) /
		c->students_per_teacher : 0, have = f->teachers_full + f->teachers_part;
	int waived = has_type(c->part_time_types, f->school_type);
	int need_full = !waived && (has_type(c->full_time_types, f->school_type) ||
		(c->full_time_from && f->school_stage >= c->full_time_from));

	if (students >= 0 && have < want)
		add(l, s, RX_SHORT_TEACHERS, have, want, "专兼职心理教师 %" PRId64 " 名（专职 %"
			PRId64 "、兼职 %" PRId64 "），按师生比 1:%d 应至少 %" PRId64 " 名",
			have, f->teachers_full, f->teachers_part, c->students_per_teacher, want);
	if (need_full && f->teachers_full < 1)
		add(l, s, RX_SHORT_FULL_TIME, f->teachers_full, 1, "%s（%s）没有专职心理教师，"
			"应至少配备 1 名", rx_ops_school_stage_zh((int)f->school_stage),
			rx_ops_school_type_zh((int)f->school_type));
}

static void rooms_lessons(list *l, const rx_ops_stats *s, const rx_ops_compliance_cfg *c)
{
	const rx_ops_stats_staff *f = &s->staff;

	if (f->room_weeks_ok < f->room_weeks)
		add(l, s, RX_SHORT_ROOM_HOURS, f->room_weeks_ok, f->room_weeks,
			"心理辅导室：已过的 %" PRId64 " 个教学周中有 %" PRId64 " 周开放不足 %d 小时",
			f->room_weeks, f->room_weeks - f->room_weeks_ok, c->room_hours);
	if (f->lesson_slots_ok < f->lesson_slots)
		add(l, s, RX_SHORT_LESSONS, f->lesson_slots_ok, f->lesson_slots,
			"心理健康课：%" PRId64 " 个“班级×两周”中有 %" PRId64 " 个不足 %d 课时",
			f->lesson_slots, f->lesson_slots - f->lesson_slots_ok, c->lessons);
	if (f->classes_committee < f->classes_g4)
		add(l, s, RX_SHORT_COMMITTEE, f->classes_committee, f->classes_g4,
			"%d年级以上 %" PRId64 " 个班中仅 %" PRId64 " 个班配齐心理委员（男女各至少1名，"
			"共≥%d名）", c->committee_from_grade, f->classes_g4, f->classes_committee,
			c->committee_min);
}

/* Yearly coverage, judged once the school year (to Aug 31) has ended. */
static void coverage(list *l, const rx_ops_stats *s, const rx_ops_compliance_cfg *c,
	int *hidden)
{
	static const int not_twice[2] = { 2, 3 }, not_visited[2] = { 1, 3 }, all[1] = { 4 };
	int r = rx_ops_stats_rows(RX_STATS_COVERAGE);
	int64_t n = sum(s, RX_STATS_COVERAGE, r, all, 1);
	int64_t nt = sum(s, RX_STATS_COVERAGE, r, not_twice, 2);
	int64_t nv = sum(s, RX_STATS_COVERAGE, r, not_visited, 2);
	long end = rx_schema_date_days((rx_schema_date){ s->year + 1, 8, 31 });

	if (!c->today || c->today <= end)
		return; /* the deadline has not passed */
	if (c->coverage_pct >= 100 ? any(s, RX_STATS_COVERAGE, r, not_twice, 2) :
	    (n < 0 || nt < 0) ? (*hidden = 1, 0) : (n - nt) * 100 < (int64_t)c->coverage_pct * n)
		add(l, s, RX_SHORT_COVERAGE, -1, -1, "%d 学年结束时未达到 %d%% 的学生完成两次测评",
			s->year, c->coverage_pct);
	if (c->visit_pct >= 100 ? any(s, RX_STATS_COVERAGE, r, not_visited, 2) :
	    (n < 0 || nv < 0) ? (*hidden = 1, 0) : (n - nv) * 100 < (int64_t)c->visit_pct * n)
		add(l, s, RX_SHORT_VISITS, -1, -1, "%d 学年结束时未达到 %d%% 的学生完成家访",
			s->year, c->visit_pct);
}

/* The Chinese names of the actions with entries above zero in column col, joined. */
static void actions(char *out, size_t cap, const rx_ops_stats *s, int col)
{
	size_t at = 0;

	out[0] = '\0';
	for (int i = 0; i < rx_ops_stats_rows(RX_STATS_OBLIG) && at + 1 < cap; i++) {
		int c[1] = { col };
		if (any(s, RX_STATS_OBLIG, i, c, 1))
			at += (size_t)snprintf(out + at, cap - at, "%s%s", at ? "、" : "",
				rx_ops_stats_row_label(RX_STATS_OBLIG, i, 1));
	}
	if (at >= cap)
		out[cap - 1] = '\0';
}

/* Deadlines the school judged when it published: overdue, met late, review reports. */
static void timeliness(list *l, const rx_ops_stats *s)
{
	static const int late[1] = { 1 }, overdue[1] = { 3 }, bad_review[2] = { 2, 3 };
	int r = rx_ops_stats_rows(RX_STATS_OBLIG);
	char what[120];

	if (any(s, RX_STATS_OBLIG, r, overdue, 1)) {
		actions(what, sizeof(what), s, 3);
		add(l, s, RX_SHORT_OVERDUE, -1, -1, "有过了期限仍未完成的工作：%s", what);
	}
	if (any(s, RX_STATS_OBLIG, r, late, 1)) {
		actions(what, sizeof(what), s, 1);
		add(l, s, RX_SHORT_LATE, -1, -1, "有超过期限才完成的工作：%s", what);
	}
	/* late, not submitted, or still incomplete after its deadline (an incomplete one before it is not yet short) */
	if (any(s, RX_STATS_INCIDENTS, 1, bad_review, 2) ||
	    any(s, RX_STATS_OBLIG, RX_ACT_REVIEW, overdue, 1))
		add(l, s, RX_SHORT_REVIEW, -1, -1,
			"有复盘报告逾期、未提交或过了期限仍不完整（字数、四个方面、签名）");
}

int rx_ops_compliance_check(rx_ops_shortfall **out, size_t *n,
	const rx_ops_stats *schools, size_t nschools, const rx_ops_compliance_cfg *cfg,
	rx_error *err)
{
	rx_ops_compliance_cfg def;
	list l = { 0 };
	int rc;

	if (!cfg) {
		if ((rc = rx_ops_compliance_cfg_init(&def, err)) < 0)
			return rc;
		cfg = &def;
	}
	for (size_t k = 0; k < nschools; k++) {
		const rx_ops_stats *s = &schools[k];
		int lr = rx_ops_stats_rows(RX_STATS_LEVELS), lc = rx_ops_stats_cols(RX_STATS_LEVELS);
		int64_t students = rx_ops_stats_is_hidden(s, RX_STATS_LEVELS, lr, lc) ? -1 :
			rx_ops_stats_get(s, RX_STATS_LEVELS, lr, lc);
		int hidden = students < 0;

		if (s->scope != RX_OPS_STATS_SCHOOL)
			continue;
		teachers(&l, s, cfg, students);
		rooms_lessons(&l, s, cfg);
		coverage(&l, s, cfg, &hidden);
		timeliness(&l, s);
		if (hidden)
			add(&l, s, RX_SHORT_HIDDEN, 0, 0, "部分数字在公布的统计中被隐藏，相应项目未核查");
	}
	if (l.oom) {
		free(l.v);
		return rx_error_nomem(err);
	}
	*out = l.v, *n = l.n;
	return 0;
}

int rx_ops_compliance_format(rx_buf *out, const rx_ops_shortfall *s, size_t n,
	rx_error *err)
{
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++)
		rc = s[i].have < 0 ? rx_buf_printf(out, err, "%s\t%s\t-\t-\t%s\n",
			s[i].school, codes[s[i].kind], s[i].text) :
			rx_buf_printf(out, err, "%s\t%s\t%" PRId64 "\t%" PRId64 "\t%s\n",
			s[i].school, codes[s[i].kind], s[i].have, s[i].want, s[i].text);
	return rc;
}
