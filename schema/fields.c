/* Values of import fields: dates, key-group flags, gender, grade and class. */
#include <string.h>

#include "schema/fieldsInt.h"

static int digits(const char *s, size_t len, size_t *i, size_t lo, size_t hi)
{
	size_t start = *i;
	int v = 0;

	while (*i < len && *i - start < hi && s[*i] >= '0' && s[*i] <= '9')
		v = v * 10 + (s[(*i)++] - '0');
	return (*i - start < lo) ? -1 : v;
}

static int days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28 + leap : d[m - 1];
}

int rx_schema_date_parse(rx_schema_date *out, const char *s, size_t len)
{
	size_t i = 0;
	int y, m, d;
	char sep;

	if ((y = digits(s, len, &i, 4, 4)) < 0 || i == len ||
	    (s[i] != '-' && s[i] != '/'))
		return -1;
	sep = s[i++];
	if ((m = digits(s, len, &i, 1, 2)) < 0 || i == len || s[i++] != sep ||
	    (d = digits(s, len, &i, 1, 2)) < 0 || i != len)
		return -1;
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	out->year = y;
	out->month = m;
	out->day = d;
	return 0;
}

static const struct {
	const char *word;
	uint32_t bit;
} flag_words[] = {
	{ "留守", RX_SCHEMA_FLAG_LEFT_BEHIND }, { "left-behind", RX_SCHEMA_FLAG_LEFT_BEHIND },
	{ "单亲", RX_SCHEMA_FLAG_SINGLE_PARENT }, { "离异", RX_SCHEMA_FLAG_SINGLE_PARENT },
	{ "单亲/离异", RX_SCHEMA_FLAG_SINGLE_PARENT },
	{ "single-parent", RX_SCHEMA_FLAG_SINGLE_PARENT },
	{ "divorced", RX_SCHEMA_FLAG_SINGLE_PARENT },
	{ "随迁", RX_SCHEMA_FLAG_MIGRANT }, { "migrant", RX_SCHEMA_FLAG_MIGRANT },
	{ "家庭经济困难", RX_SCHEMA_FLAG_POOR_FAMILY },
	{ "poor-family", RX_SCHEMA_FLAG_POOR_FAMILY },
	{ "先天性疾病", RX_SCHEMA_FLAG_CHRONIC_ILLNESS },
	{ "体质异常", RX_SCHEMA_FLAG_CHRONIC_ILLNESS },
	{ "先天性疾病/体质异常", RX_SCHEMA_FLAG_CHRONIC_ILLNESS },
	{ "chronic-illness", RX_SCHEMA_FLAG_CHRONIC_ILLNESS },
	{ "学业困难", RX_SCHEMA_FLAG_LEARNING_DIFFICULTY },
	{ "learning-difficulty", RX_SCHEMA_FLAG_LEARNING_DIFFICULTY },
	{ "心理问题", RX_SCHEMA_FLAG_PSYCHOLOGICAL },
	{ "psychological", RX_SCHEMA_FLAG_PSYCHOLOGICAL },
};

static const char *const flag_zh[] = { "留守", "单亲/离异", "随迁", "家庭经济困难",
	"先天性疾病/体质异常", "学业困难", "心理问题" };
static const char *const flag_en[] = { "left-behind", "single-parent", "migrant",
	"poor-family", "chronic-illness", "learning-difficulty", "psychological" };

const char *rx_schema_flag_name(unsigned i)
{
	return i < RX_SCHEMA_FLAG_COUNT ? flag_zh[i] : "?";
}

const char *rx_schema_flag_name_en(unsigned i)
{
	return i < RX_SCHEMA_FLAG_COUNT ? flag_en[i] : "?";
}

/* Length of a separator at s (; , | and full-width 、 ； ，), or 0. */
static size_t separator(const char *s, size_t left)
{
	if (*s == ';' || *s == ',' || *s == '|')
		return 1;
	if (left >= 3 && (!memcmp(s, "、", 3) || !memcmp(s, "；", 3) ||
			  !memcmp(s, "，", 3)))
		return 3;
	return 0;
}

static int flag_word(uint32_t *out, rx_schema_span w)
{
	for (size_t i = 0; i < sizeof(flag_words) / sizeof(flag_words[0]); i++)
		if (rx_schema_span_eq(w, flag_words[i].word)) {
			*out |= flag_words[i].bit;
			return 0;
		}
	return -1;
}

int rx_schema_flags_parse(uint32_t *out, const char *s, size_t len,
			  const char **bad, size_t *bad_len)
{
	size_t i = 0, start = 0, k;

	*out = 0;
	if (rx_schema_span_eq(rx_schema_span_trim((rx_schema_span){ s, len }), "无") ||
	    rx_schema_span_eq(rx_schema_span_trim((rx_schema_span){ s, len }), "none"))
		return 0;
	while (i <= len) {
		k = i < len ? separator(s + i, len - i) : 1;
		if (!k) {
			i++;
			continue;
		}
		rx_schema_span w = rx_schema_span_trim((rx_schema_span){ s + start, i - start });
		if (w.len && flag_word(out, w) < 0) {
			*bad = w.p;
			*bad_len = w.len;
			return -1;
		}
		i += k;
		start = i;
	}
	return 0;
}

int rx_schema_gender_parse(int *out, rx_schema_span v)
{
	if (rx_schema_span_eq(v, "男") || rx_schema_span_eq(v, "m") ||
	    rx_schema_span_eq(v, "male"))
		*out = RX_SCHEMA_GENDER_MALE;
	else if (rx_schema_span_eq(v, "女") || rx_schema_span_eq(v, "f") ||
		 rx_schema_span_eq(v, "female"))
		*out = RX_SCHEMA_GENDER_FEMALE;
	else
		return -1;
	return 0;
}

static const char *const grade_words[] = {
	"一年级", "二年级", "三年级", "四年级", "五年级", "六年级",
	"七年级", "八年级", "九年级", "初一", "初二", "初三", "高一", "高二", "高三"
};

int rx_schema_grade_parse(int *out, rx_schema_span v)
{
	size_t n = sizeof(grade_words) / sizeof(grade_words[0]);

	for (size_t i = 0; i < n; i++)
		if (rx_schema_span_eq(v, grade_words[i])) {
			*out = i < 9 ? (int)i + 1 : (int)i - 2;
			return 0;
		}
	if (v.len > 6 && !memcmp(v.p + v.len - 6, "年级", 6))
		v.len -= 6; /* "7年级" */
	return rx_schema_span_int(v, 1, 12, out) == 0 && v.p[0] != '+' &&
	       v.p[0] != '-' ? 0 : -1;
}
