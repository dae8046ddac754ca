/* The compliance policy file: thresholds, terms and holidays, and the weeks they judge. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/stats/stats.h"
#include "schema/builtin.h"
#include "schema/obligation.h"

static const char *const types[][3] = { { "", "", "" }, { "urban", "城区", "城区学校" },
	{ "township", "乡镇中心", "乡镇中心学校" }, { "village", "村小", "农村小规模学校" } };
static const char *const stages[][3] = { { "", "", "" }, { "primary", "小学", "小学" },
	{ "junior", "初中", "初中" }, { "senior", "高中", "高中" } };

static int find(const char *const tab[][3], int n, const char *s, size_t len)
{
	for (int i = 1; i < n; i++)
		for (int k = 0; k < 3; k++)
			if (strlen(tab[i][k]) == len && !strncmp(tab[i][k], s, len))
				return i;
	return 0;
}

int rx_ops_school_type_parse(const char *s)
{
	return s ? find(types, 4, s, strlen(s)) : 0;
}

int rx_ops_school_stage_parse(const char *s)
{
	return s ? find(stages, 4, s, strlen(s)) : 0;
}

const char *rx_ops_school_type_zh(int t)
{
	return t > 0 && t < 4 ? types[t][2] : "学校类型未设置";
}

const char *rx_ops_school_stage_zh(int s)
{
	return s > 0 && s < 4 ? stages[s][1] : "未知";
}

/* "MM-DD MM-DD" into four ints. */
static int span(int out[4], const char *v)
{
	return sscanf(v, "%d-%d %d-%d", &out[0], &out[1], &out[2], &out[3]) == 4 &&
		out[0] >= 1 && out[0] <= 12 && out[2] >= 1 && out[2] <= 12 &&
		out[1] >= 1 && out[1] <= 31 && out[3] >= 1 && out[3] <= 31;
}

/* Space-separated school types into a bit set; -1 on an unknown word. */
static long type_set(const char *v)
{
	long bits = 0;

	while (*v) {
		size_t n = strcspn(v, " \t");
		int t = n ? find(types, 4, v, n) : 0;
		if (n && !t)
			return -1;
		bits |= t ? 1L << t : 0;
		v += n + strspn(v + n, " \t");
	}
	return bits;
}

static int number(int *out, const char *v, long lo, long hi)
{
	char *end;
	long x = strtol(v, &end, 10);

	if (end == v || *end || x < lo || x > hi)
		return 0;
	*out = (int)x;
	return 1;
}

static int apply(rx_ops_compliance_cfg *c, const char *k, const char *v)
{
	long b;

	if (!strcmp(k, "ratio"))
		return number(&c->students_per_teacher, v, 100, 5000);
	if (!strcmp(k, "full_time_from"))
		return (c->full_time_from = rx_ops_school_stage_parse(v)) != 0;
	if (!strcmp(k, "full_time_types") || !strcmp(k, "part_time_types")) {
		if ((b = type_set(v)) < 0)
			return 0;
		*(k[0] == 'f' ? &c->full_time_types : &c->part_time_types) = (unsigned)b;
		return 1;
	}
	if (!strcmp(k, "room_hours"))
		return number(&c->room_hours, v, 0, 168);
	if (!strcmp(k, "lessons"))
		return number(&c->lessons, v, 0, 20);
	if (!strcmp(k, "committee_from_grade"))
		return number(&c->committee_from_grade, v, 1, 13);
	if (!strcmp(k, "committee_min"))
		return number(&c->committee_min, v, 0, 20);
	if (!strcmp(k, "coverage_pct") || !strcmp(k, "visit_pct"))
		return number(k[0] == 'c' ? &c->coverage_pct : &c->visit_pct, v, 0, 100);
	if (!strcmp(k, "autumn_term") || !strcmp(k, "spring_term"))
		return span(c->term[k[0] == 'a' ? 0 : 1], v);
	if (!strcmp(k, "disclosure_threshold"))
		return number(&c->disclosure_threshold, v, 1, 100);
	if (!strcmp(k, "disclosure_protection"))
		return number(&c->disclosure_protection, v, 1, 100);
	if (!strcmp(k, "holiday"))
		return c->nholidays < RX_OPS_COMPLIANCE_HOLIDAYS &&
			span(c->holiday[c->nholidays++], v);
	return 0;
}

/* Trim spaces and a trailing comment in place. */
static char *trim(char *s)
{
	char *e;

	s[strcspn(s, "#")] = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int rx_ops_compliance_cfg_parse(rx_ops_compliance_cfg *c, const char *text, size_t len,
	rx_error *err)
{
	size_t at = 0;
	int line = 0;

	memset(c, 0, sizeof(*c));
	c->disclosure_threshold = RX_OPS_THRESHOLD_DEFAULT;
	c->disclosure_protection = RX_OPS_PROTECTION_DEFAULT;
	while (at < len) {
		char buf[256], *k, *eq;
		size_t n = 0;
		line++;
		while (at + n < len && text[at + n] != '\n')
			n++;
		if (n >= sizeof(buf))
			return rx_error_set(err, RX_EINPUT, "compliance line %d: too long", line);
		memcpy(buf, text + at, n);
		buf[n] = '\0';
		at += n + 1;
		k = trim(buf);
		if (!*k)
			continue;
		if (!(eq = strchr(k, '=')))
			return rx_error_set(err, RX_EINPUT, "compliance line %d: expected key = value", line);
		*eq = '\0';
		if (!apply(c, trim(k), trim(eq + 1)))
			return rx_error_set(err, RX_EINPUT, "compliance line %d: bad '%.40s'", line, trim(k));
	}
	if (!c->students_per_teacher || !c->term[0][0] || !c->term[1][0])
		return rx_error_set(err, RX_EINPUT, "compliance: ratio and both terms are required");
	return 0;
}

int rx_ops_compliance_cfg_init(rx_ops_compliance_cfg *c, rx_error *err)
{
	const rx_schema_builtin *b = rx_schema_builtin_find("compliance", "default");

	if (!b)
		return rx_error_set(err, RX_EINTERNAL, "no built-in default.compliance");
	return rx_ops_compliance_cfg_parse(c, (const char *)b->data, b->len, err);
}

static long day_of(int year, int month, int day)
{
	return rx_schema_date_days((rx_schema_date){ year, month, day });
}

/* Days of [from, from + len) inside a holiday of the school year. */
static int holiday_days(const rx_ops_compliance_cfg *c, int year, long from, int len)
{
	int n = 0;

	for (int d = 0; d < len; d++)
		for (int h = 0; h < c->nholidays; h++) {
			const int *x = c->holiday[h];
			int y = x[0] >= 9 ? year : year + 1;
			long a = day_of(y, x[0], x[1]), b = day_of(x[2] >= x[0] ? y : y + 1, x[2], x[3]);
			if (from + d >= a && from + d <= b) {
				n++;
				break;
			}
		}
	return n;
}

size_t rx_ops_compliance_blocks(long *starts, size_t max, const rx_ops_compliance_cfg *c,
	int year, int len, long today)
{
	size_t n = 0;

	for (int t = 0; t < 2; t++) {
		const int *x = c->term[t];
		int y = t == 0 ? year : year + 1;
		long first = day_of(y, x[0], x[1]);
		long last = day_of(x[2] >= x[0] ? y : y + 1, x[2], x[3]);
		for (long s = first; s + len - 1 <= last && s + len - 1 < today; s += len) {
			if (holiday_days(c, year, s, len) > 0)
				continue;
			if (n < max)
				starts[n] = s;
			n++;
		}
	}
	return n;
}
