/* Values of import fields: dates, key-group flags, gender, grade and class. */
#include <stdio.h>
#include <string.h>

#include "schema/fieldsInt.h"
#include "schema/groups.h"
#include "schema/obligation.h"

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

/*
 * An Excel serial day number of five digits (1927..2173). Excel's 1900 date
 * system counts a 1900-02-29 that never was, so from serial 61 on, day n is
 * 1899-12-30 + n; five digits are always past it.
 */
static int excel_serial(rx_schema_date *out, const char *s, size_t len)
{
	size_t i = 0;
	int n = digits(s, len, &i, 5, 5);

	if (n < 10000 || i != len)
		return -1;
	*out = rx_schema_date_from_days(n - 25569L); /* 25569 is 1970-01-01 */
	return 0;
}

/* After the year at s[*i]: month and day with one separator kind, or 年月日. */
static int month_day(const char *s, size_t len, size_t *i, int *m, int *d)
{
	static const char *const seps[] = { "-", "/", ".", "年" };
	size_t k, n;

	for (k = 0; k < 4; k++)
		if (len - *i >= (n = strlen(seps[k])) && !memcmp(s + *i, seps[k], n))
			break;
	if (k == 4)
		return -1;
	*i += n;
	if ((*m = digits(s, len, i, 1, 2)) < 0)
		return -1;
	if (k == 3 ? (len - *i < 3 || memcmp(s + *i, "月", 3)) : (*i == len || s[*i] != seps[k][0]))
		return -1;
	*i += k == 3 ? 3 : 1;
	if ((*d = digits(s, len, i, 1, 2)) < 0)
		return -1;
	if (k == 3 && (len - *i < 3 || memcmp(s + *i, "日", 3)))
		return -1;
	*i += k == 3 ? 3 : 0;
	return 0;
}

int rx_schema_date_parse(rx_schema_date *out, const char *s, size_t len)
{
	size_t i = 0;
	int y, m, d;

	if (len == 5)
		return excel_serial(out, s, len);
	if ((y = digits(s, len, &i, 4, 4)) < 0)
		return -1;
	if (len == 8 && i == 4 && s[4] >= '0' && s[4] <= '9') { /* 20100305 */
		m = digits(s, len, &i, 2, 2);
		d = digits(s, len, &i, 2, 2);
	} else if (month_day(s, len, &i, &m, &d) < 0) {
		return -1;
	}
	if (i != len || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	out->year = y;
	out->month = m;
	out->day = d;
	return 0;
}

int rx_schema_date_word(rx_schema_date *out, const char *s, rx_schema_date today)
{
	static const struct { const char *w; int back; } words[] = {
		{ "today", 0 }, { "今天", 0 }, { "今日", 0 }, { "yesterday", 1 }, { "昨天", 1 },
		{ "昨日", 1 } };
	rx_schema_span v = rx_schema_span_trim((rx_schema_span){ s, strlen(s) });

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (rx_schema_span_eq(v, words[i].w)) {
			*out = rx_schema_date_from_days(rx_schema_date_days(today) - words[i].back);
			return 0;
		}
	return -1;
}

/* Names of a bit from the groups file (schema/groups/default.groups). */
const char *rx_schema_flag_name(unsigned i)
{
	const rx_schema_group *g = rx_schema_group_by_bit(rx_schema_groups_default(), i);

	return g ? g->zh : "?";
}

const char *rx_schema_flag_name_en(unsigned i)
{
	const rx_schema_group *g = rx_schema_group_by_bit(rx_schema_groups_default(), i);

	return g ? g->code : "?";
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
	int bit = rx_schema_group_find(rx_schema_groups_default(), w.p, w.len);

	if (bit < 0)
		return -1;
	*out |= 1u << bit;
	return 0;
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
	/* 1 and 2 are the codes of the student registry (学籍) */
	static const char *const male[] = { "男", "男性", "m", "male", "1" };
	static const char *const female[] = { "女", "女性", "f", "female", "2" };

	for (size_t i = 0; i < sizeof(male) / sizeof(male[0]); i++) {
		if (rx_schema_span_eq(v, male[i]))
			return *out = RX_SCHEMA_GENDER_MALE, 0;
		if (rx_schema_span_eq(v, female[i]))
			return *out = RX_SCHEMA_GENDER_FEMALE, 0;
	}
	return -1;
}

/* Drop the prefix w from *v if it is there; true if it was. */
static bool cut_prefix(rx_schema_span *v, const char *w)
{
	size_t n = strlen(w);

	if (v->len < n || memcmp(v->p, w, n))
		return false;
	v->p += n;
	v->len -= n;
	return true;
}

static bool cut_suffix(rx_schema_span *v, const char *w)
{
	size_t n = strlen(w);

	if (v->len < n || memcmp(v->p + v->len - n, w, n))
		return false;
	v->len -= n;
	return true;
}

/* A Chinese numeral 1..99: 三, 十, 十二, 二十, 二十三. 0 or -1. */
int rx_schema_cn_number(rx_schema_span v, int *out)
{
	static const char *const dig[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	int tens = 0, ones = 0, d;
	rx_schema_span s = v;

	for (d = 0; d < 9 && !cut_prefix(&s, dig[d]); d++)
		;
	if (cut_prefix(&s, "十")) {
		tens = d < 9 ? d + 1 : 1;
		for (d = 0; d < 9 && !cut_prefix(&s, dig[d]); d++)
			;
		ones = d < 9 ? d + 1 : 0;
	} else if (d < 9) {
		ones = d + 1;
	}
	if (s.len || (!tens && !ones))
		return -1;
	*out = tens * 10 + ones;
	return 0;
}

/* A number 1..99 in Arabic (one or two digits) or Chinese numerals. */
static int small_number(rx_schema_span v, int *out)
{
	if (v.len && v.p[0] >= '0' && v.p[0] <= '9')
		return v.len <= 2 && rx_schema_span_int(v, 1, 99, out) == 0 ? 0 : -1;
	return rx_schema_cn_number(v, out);
}

int rx_schema_grade_parse(int *out, rx_schema_span v)
{
	static const struct { const char *w; int base, max; } stage[] = {
		{ "初中", 6, 3 }, { "初", 6, 3 }, { "高中", 9, 3 }, { "高", 9, 3 },
		{ "小学", 0, 6 }, { "", 0, 12 } };
	int n;

	if (cut_suffix(&v, "年级") && !v.len)
		return -1;
	for (size_t i = 0; i < sizeof(stage) / sizeof(stage[0]); i++) {
		rx_schema_span s = v;

		if (!cut_prefix(&s, stage[i].w))
			continue;
		if (small_number(s, &n) < 0 || n > stage[i].max)
			return -1;
		*out = stage[i].base + n;
		return 0;
	}
	return -1;
}

static bool all_digits(rx_schema_span v)
{
	for (size_t i = 0; i < v.len; i++)
		if (v.p[i] < '0' || v.p[i] > '9')
			return false;
	return v.len > 0;
}

int rx_schema_class_parse(char *dst, size_t cap, rx_schema_span v, int *form)
{
	rx_schema_span s = v;
	int n, ban = cut_suffix(&s, "班");

	*form = ban ? RX_SCHEMA_CLASS_BAN : RX_SCHEMA_CLASS_NUMBER;
	if (s.len >= 2 && s.p[0] == '(' && s.p[s.len - 1] == ')') {
		s.p++, s.len -= 2;
		*form = RX_SCHEMA_CLASS_PAREN;
	}
	while (s.len > 2 && s.p[0] == '0' && all_digits(s))
		s.p++, s.len--; /* 003 -> 3 */
	if (small_number(s, &n) == 0) {
		if (!all_digits(s))
			*form = RX_SCHEMA_CLASS_CN;
		snprintf(dst, cap, "%d", n);
		return 0;
	}
	*form = RX_SCHEMA_CLASS_TEXT;
	return all_digits(s) || all_digits(v) ? -1 : 1;
}

int rx_schema_grade_norm(char out[static 4], const char *s)
{
	int g;

	if (rx_schema_grade_parse(&g, rx_schema_span_trim((rx_schema_span){ s, strlen(s) })) < 0)
		return -1;
	snprintf(out, 4, "%d", g);
	return 0;
}

int rx_schema_class_norm(char out[static 33], const char *s)
{
	rx_schema_span v = rx_schema_span_trim((rx_schema_span){ s, strlen(s) });
	int form, rc = rx_schema_class_parse(out, 33, v, &form);

	if (rc < 0 || v.len == 0 || v.len > 32)
		return -1;
	if (rc == 1)
		snprintf(out, 33, "%.*s", (int)v.len, v.p);
	return 0;
}
