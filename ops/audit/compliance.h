/* Compliance of schools' published figures against the settings (for the audit). */
#ifndef RX_OPS_COMPLIANCE_H
#define RX_OPS_COMPLIANCE_H

#include <stddef.h>

#include "crypto/buf.h"
#include "ops/stats.h"

typedef struct rx_ops_compliance_cfg {
	int students_per_teacher;   /* 500 (Jiangsu) or 800 (Ganzhou); full-time teachers */
	int room_hours_x10;         /* counselling room open hours per week, >= 80 */
	int lessons_x100;           /* lessons per class per two weeks, >= 100 */
	int coverage_pct;           /* students screened twice, >= 100 */
	int visit_pct;              /* students with a home visit, >= 100 */
} rx_ops_compliance_cfg;

/* Defaults: 1:500, 8 hours, 1 lesson, 100 % screened twice and visited. */
void rx_ops_compliance_cfg_init(rx_ops_compliance_cfg *c);

/* Machine codes of the shortfalls. */
typedef enum rx_ops_shortfall_kind {
	RX_SHORT_TEACHERS,      /* 心理教师配备不足 */
	RX_SHORT_ROOM_HOURS,    /* 辅导室开放时间不足 */
	RX_SHORT_LESSONS,       /* 心理课不足 */
	RX_SHORT_COMMITTEE,     /* 心理委员配备不足 */
	RX_SHORT_COVERAGE,      /* 测评覆盖不足 */
	RX_SHORT_VISITS,        /* 家访覆盖不足 */
	RX_SHORT_OVERDUE,       /* 工作逾期未完成 */
	RX_SHORT_LATE,          /* 工作逾期完成 */
	RX_SHORT_REVIEW,        /* 复盘报告逾期、缺失或不完整 */
	RX_SHORT_HIDDEN         /* a figure is hidden in the published view: not checked */
} rx_ops_shortfall_kind;

typedef struct rx_ops_shortfall {
	char school[RX_NODE_ID_LEN + 1];
	rx_ops_shortfall_kind kind;
	int64_t have, want;     /* the figure and what the setting asks (units of the kind) */
	char text[192];         /* one line with Chinese labels */
} rx_ops_shortfall;

const char *rx_ops_shortfall_code(rx_ops_shortfall_kind k); /* "teachers", ... */

/*
 * Compare each school record (scope school) with the settings; append one
 * shortfall per rule not met to *out (malloc'ed, *n entries). 0 or
 * RX_EINTERNAL (out of memory). An empty list means every school complies.
 */
int rx_ops_compliance_check(rx_ops_shortfall **out, size_t *n,
	const rx_ops_stats *schools, size_t nschools, const rx_ops_compliance_cfg *cfg,
	rx_error *err);

/* One line per shortfall: "school<TAB>code<TAB>have<TAB>want<TAB>text". */
int rx_ops_compliance_format(rx_buf *out, const rx_ops_shortfall *s, size_t n,
	rx_error *err);

#endif
