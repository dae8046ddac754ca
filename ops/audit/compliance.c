/* Compliance checks of school figures: staffing, rooms, lessons, committees, coverage, timeliness. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/audit/audit.h"

static const char *const codes[] = { "teachers", "room_hours", "lessons", "committee",
	"coverage", "visits", "overdue", "late", "review", "hidden" };

const char *rx_ops_shortfall_code(rx_ops_shortfall_kind k)
{
	return codes[k];
}

void rx_ops_compliance_cfg_init(rx_ops_compliance_cfg *c)
{
	c->students_per_teacher = 500;
	c->room_hours_x10 = 80;
	c->lessons_x100 = 100;
	c->coverage_pct = 100;
	c->visit_pct = 100;
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
	vsnprintf(x->text, sizeof(x->text), fmt, ap);
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

static void staffing(list *l, const rx_ops_stats *s, const rx_ops_compliance_cfg *c,
	int64_t students)
{
	const rx_ops_stats_staff *f = &s->staff;
	int64_t want = students > 0 ? (students + c->students_per_teacher - 1) /
		c->students_per_teacher : 0;

	if (students >= 0 && f->teachers_full < want)
		add(l, s, RX_SHORT_TEACHERS, f->teachers_full, want, "专职心理教师 %" PRId64
			" 名，学生 %" PRId64 " 名，按 1:%d 应至少 %" PRId64 " 名", f->teachers_full,
			students, c->students_per_teacher, want);
	if (f->room_hours_x10 < c->room_hours_x10)
		add(l, s, RX_SHORT_ROOM_HOURS, f->room_hours_x10, c->room_hours_x10,
			"心理辅导室每周开放 %.1f 小时，应不少于 %.1f 小时",
			(double)f->room_hours_x10 / 10, (double)c->room_hours_x10 / 10);
	if (f->lessons_x100 < c->lessons_x100)
		add(l, s, RX_SHORT_LESSONS, f->lessons_x100, c->lessons_x100,
			"心理健康课每班每两周 %.2f 节，应不少于 %.2f 节",
			(double)f->lessons_x100 / 100, (double)c->lessons_x100 / 100);
	if (f->classes_committee < f->classes_g4)
		add(l, s, RX_SHORT_COMMITTEE, f->classes_committee, f->classes_g4,
			"4年级以上 %" PRId64 " 个班中仅 %" PRId64 " 个班配齐男女心理委员各至少1名（共≥2名）",
			f->classes_g4, f->classes_committee);
}

static void coverage(list *l, const rx_ops_stats *s, const rx_ops_compliance_cfg *c,
	int *hidden)
{
	static const int twice[2] = { 0, 1 }, visited[2] = { 0, 2 }, all[1] = { 4 };
	int r = rx_ops_stats_rows(RX_STATS_COVERAGE);
	int64_t n = sum(s, RX_STATS_COVERAGE, r, all, 1);
	int64_t tw = sum(s, RX_STATS_COVERAGE, r, twice, 2);
	int64_t vi = sum(s, RX_STATS_COVERAGE, r, visited, 2);

	if (n < 0 || tw < 0 || vi < 0) {
		*hidden = 1;
		return;
	}
	if (tw * 100 < (int64_t)c->coverage_pct * n)
		add(l, s, RX_SHORT_COVERAGE, tw, ((int64_t)c->coverage_pct * n + 99) / 100,
			"本学年完成两次测评 %" PRId64 " 人，在册 %" PRId64 " 人（要求 %d%%）",
			tw, n, c->coverage_pct);
	if (vi * 100 < (int64_t)c->visit_pct * n)
		add(l, s, RX_SHORT_VISITS, vi, ((int64_t)c->visit_pct * n + 99) / 100,
			"本学年完成家访 %" PRId64 " 人，在册 %" PRId64 " 人（要求 %d%%）",
			vi, n, c->visit_pct);
}

static void timeliness(list *l, const rx_ops_stats *s, int *hidden)
{
	static const int late[1] = { 1 }, overdue[1] = { 3 }, bad_review[3] = { 1, 2, 3 };
	int r = rx_ops_stats_rows(RX_STATS_OBLIG);
	int64_t lt = sum(s, RX_STATS_OBLIG, r, late, 1), od = sum(s, RX_STATS_OBLIG, r, overdue, 1);
	int64_t rv = sum(s, RX_STATS_INCIDENTS, 1, bad_review, 3);

	*hidden |= lt < 0 || od < 0 || rv < 0;
	if (od > 0)
		add(l, s, RX_SHORT_OVERDUE, od, 0, "逾期未完成的工作 %" PRId64 " 项", od);
	if (lt > 0)
		add(l, s, RX_SHORT_LATE, lt, 0, "逾期完成的工作 %" PRId64 " 项", lt);
	if (rv > 0)
		add(l, s, RX_SHORT_REVIEW, rv, 0, "复盘报告逾期、未提交或不完整（字数、四个方面、签名）"
			" %" PRId64 " 份", rv);
}

int rx_ops_compliance_check(rx_ops_shortfall **out, size_t *n,
	const rx_ops_stats *schools, size_t nschools, const rx_ops_compliance_cfg *cfg,
	rx_error *err)
{
	rx_ops_compliance_cfg def;
	list l = { 0 };

	if (!cfg)
		rx_ops_compliance_cfg_init(&def), cfg = &def;
	for (size_t k = 0; k < nschools; k++) {
		const rx_ops_stats *s = &schools[k];
		int lr = rx_ops_stats_rows(RX_STATS_LEVELS), lc = rx_ops_stats_cols(RX_STATS_LEVELS);
		int64_t students = rx_ops_stats_is_hidden(s, RX_STATS_LEVELS, lr, lc) ? -1 :
			rx_ops_stats_get(s, RX_STATS_LEVELS, lr, lc);
		int hidden = students < 0;

		if (s->scope != RX_OPS_STATS_SCHOOL)
			continue;
		staffing(&l, s, cfg, students);
		coverage(&l, s, cfg, &hidden);
		timeliness(&l, s, &hidden);
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
		rc = rx_buf_printf(out, err, "%s\t%s\t%" PRId64 "\t%" PRId64 "\t%s\n",
			s[i].school, codes[s[i].kind], s[i].have, s[i].want, s[i].text);
	return rc;
}
