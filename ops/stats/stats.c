/* The statistics tables: fixed shapes, labels, entries and margins. */
#include <string.h>

#include "ops/stats/stats.h"

typedef struct tabdef {
	const char *name, *zh;
	int rows, cols;
	const char *const *row_en, *const *row_zh, *const *col_en, *const *col_zh;
} tabdef;

static const char *const grade_gender_en[24] = {
	"g1-m", "g1-f", "g2-m", "g2-f", "g3-m", "g3-f", "g4-m", "g4-f",
	"g5-m", "g5-f", "g6-m", "g6-f", "g7-m", "g7-f", "g8-m", "g8-f",
	"g9-m", "g9-f", "g10-m", "g10-f", "g11-m", "g11-f", "g12-m", "g12-f" };
static const char *const grade_gender_zh[24] = {
	"1年级男", "1年级女", "2年级男", "2年级女", "3年级男", "3年级女",
	"4年级男", "4年级女", "5年级男", "5年级女", "6年级男", "6年级女",
	"7年级男", "7年级女", "8年级男", "8年级女", "9年级男", "9年级女",
	"10年级男", "10年级女", "11年级男", "11年级女", "12年级男", "12年级女" };
static const char *const grade_en[12] = { "g1", "g2", "g3", "g4", "g5", "g6",
	"g7", "g8", "g9", "g10", "g11", "g12" };
static const char *const grade_zh[12] = { "1年级", "2年级", "3年级", "4年级",
	"5年级", "6年级", "7年级", "8年级", "9年级", "10年级", "11年级", "12年级" };
static const char *const level_en[5] = { "red", "orange", "yellow", "none",
	"not-screened" };
static const char *const level_zh[5] = { "红", "橙", "黄", "无预警", "未测评" };
static const char *const group_en[7] = { "left-behind", "single-parent", "migrant",
	"poor-family", "chronic-illness", "learning-difficulty", "psychological" };
static const char *const group_zh[7] = { "留守", "单亲/离异", "随迁", "家庭经济困难",
	"先天性疾病/体质异常", "学业困难", "心理问题" };
static const char *const cover_en[4] = { "twice-visited", "twice-not-visited",
	"visited-not-twice", "neither" };
static const char *const cover_zh[4] = { "测评两次且已家访", "测评两次未家访",
	"已家访未测评两次", "均未完成" };
static const char *const act_en[11] = { "assessment", "parents", "referral",
	"care-plan", "growth-group", "follow-up", "counselling", "screening",
	"home-visit", "home-visit-on-site", "review" };
static const char *const act_zh[11] = { "一对一评估", "告知家长", "转介就医",
	"一生一策", "1+1+3成长小组", "跟踪随访", "心理辅导", "年度测评", "年度家访",
	"实地家访", "复盘报告" };
static const char *const oblig_en[4] = { "on-time", "late", "open", "overdue" };
static const char *const oblig_zh[4] = { "按时完成", "逾期完成", "未到期", "逾期未完成" };
static const char *const inc_row_en[1] = { "incidents" };
static const char *const inc_row_zh[1] = { "极端事件" };
static const char *const inc_en[5] = { "on-time", "incomplete", "late", "missing",
	"pending" };
static const char *const inc_zh[5] = { "按时且完整", "不完整", "逾期提交", "逾期未提交",
	"未到期" };

static const tabdef tabs[RX_STATS_NTABLES] = {
	{ "levels", "年级×性别×预警等级", 24, 5, grade_gender_en, grade_gender_zh,
	  level_en, level_zh },
	{ "groups", "重点群体×预警等级", 7, 5, group_en, group_zh, level_en, level_zh },
	{ "coverage", "测评与家访覆盖", 12, 4, grade_en, grade_zh, cover_en, cover_zh },
	{ "obligations", "工作时限", 11, 4, act_en, act_zh, oblig_en, oblig_zh },
	{ "incidents", "极端事件复盘报告", 1, 5, inc_row_en, inc_row_zh, inc_en, inc_zh },
};

int rx_ops_stats_rows(rx_ops_stats_tab t)
{
	return tabs[t].rows;
}

int rx_ops_stats_cols(rx_ops_stats_tab t)
{
	return tabs[t].cols;
}

const char *rx_ops_stats_tab_name(rx_ops_stats_tab t)
{
	return tabs[t].name;
}

const char *rx_ops_stats_tab_zh(rx_ops_stats_tab t)
{
	return tabs[t].zh;
}

const char *rx_ops_stats_row_label(rx_ops_stats_tab t, int i, int zh)
{
	if (i >= tabs[t].rows)
		return zh ? "合计" : "total";
	return zh ? tabs[t].row_zh[i] : tabs[t].row_en[i];
}

const char *rx_ops_stats_col_label(rx_ops_stats_tab t, int j, int zh)
{
	if (j >= tabs[t].cols)
		return zh ? "合计" : "total";
	return zh ? tabs[t].col_zh[j] : tabs[t].col_en[j];
}

int64_t *rx_ops_stats_at(rx_ops_stats *s, rx_ops_stats_tab t, int i, int j)
{
	return &s->v[t][i * (tabs[t].cols + 1) + j];
}

int64_t rx_ops_stats_get(const rx_ops_stats *s, rx_ops_stats_tab t, int i, int j)
{
	return s->v[t][i * (tabs[t].cols + 1) + j];
}

int rx_ops_stats_is_hidden(const rx_ops_stats *s, rx_ops_stats_tab t, int i, int j)
{
	return s->hidden[t][i * (tabs[t].cols + 1) + j];
}

void rx_ops_stats_margins(rx_ops_stats *s)
{
	for (int t = 0; t < RX_STATS_NTABLES; t++) {
		int rows = tabs[t].rows, cols = tabs[t].cols;

		for (int i = 0; i <= rows; i++)
			*rx_ops_stats_at(s, t, i, cols) = 0;
		for (int j = 0; j < cols; j++)
			*rx_ops_stats_at(s, t, rows, j) = 0;
		for (int i = 0; i < rows; i++)
			for (int j = 0; j < cols; j++) {
				int64_t v = rx_ops_stats_get(s, t, i, j);
				*rx_ops_stats_at(s, t, i, cols) += v;
				*rx_ops_stats_at(s, t, rows, j) += v;
				*rx_ops_stats_at(s, t, rows, cols) += v;
			}
	}
	memset(s->hidden, 0, sizeof(s->hidden));
}
