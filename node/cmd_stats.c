/* runxin stats publish | report | setting: a school's figures, a county's suppressed view, reports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/stats/stats.h"

static void print_published(const rx_ops_stats_published *p,
	const rx_ops_stats_pubopts *po)
{
	if (p->unchanged)
		printf("统计 stats: %s %s, school year %d, round %s: unchanged since the last "
			"publication, nothing new to publish (统计未变, 无需重新发布)\n",
			p->scope == RX_OPS_STATS_SCHOOL ? "school" : "county", p->unit, p->year,
			p->round);
	else if (p->scope == RX_OPS_STATS_SCHOOL)
		printf("统计 stats: school %s, school year %d, round %s: %lld students published\n",
			p->unit, p->year, p->round, (long long)p->count);
	else
		printf("统计 stats: county %s, school year %d, round %s: %zu schools published "
			"(suppressed, threshold %lld%s)\n", p->unit, p->year, p->round,
			(size_t)p->count, (long long)po->threshold, p->epsilon > 0 ? ", with noise" : "");
}

static int parse_format(rx_ops_stats_format *f, const char *s, rx_error *err)
{
	if (!s || !strcmp(s, "csv"))
		*f = RX_STATS_CSV;
	else if (!strcmp(s, "json"))
		*f = RX_STATS_JSON;
	else if (!strcmp(s, "html"))
		*f = RX_STATS_HTML;
	else
		return rx_error_set(err, RX_EUSAGE, "--format csv|json|html");
	return 0;
}

static int parse_opts(rx_ops_stats_pubopts *po, int *year, const char *eps_s,
	const char *year_s, rx_home *h, rx_error *err)
{
	char *end = NULL;

	memset(po, 0, sizeof(*po));
	po->threshold = rx_ops_stats_threshold(h);
	po->protection = rx_ops_stats_protection(h);
	*year = year_s ? atoi(year_s) : 0;
	if (year_s && (*year < 2000 || *year > 2099))
		return rx_error_set(err, RX_EUSAGE, "--year must be 2000..2099");
	if (eps_s) {
		po->epsilon = strtod(eps_s, &end);
		if (!end || *end || !(po->epsilon > 0 && po->epsilon <= 20))
			return rx_error_set(err, RX_EUSAGE, "--epsilon must be in (0, 20]");
	}
	return 0;
}

int rx_cmd_stats(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *pos[2] = { NULL, NULL }, *fmt = NULL, *eps_s = NULL, *out = NULL;
	const char *round = NULL, *year_s = NULL, *lang = NULL;
	int no_bom = 0;
	const rx_argopt opts[] = { { "--format", &fmt, NULL }, { "--epsilon", &eps_s, NULL },
		{ "--out", &out, NULL }, { "--round", &round, NULL }, { "--year", &year_s, NULL },
		{ "--lang", &lang, NULL }, { "--no-bom", NULL, &no_bom }, { NULL, NULL, NULL } };
	rx_ops_stats_published pub;
	rx_ops_stats_pubopts po;
	rx_ops_stats_format f = RX_STATS_CSV;
	rx_home *h = NULL;
	int rc, year;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 2, err)) < 0 ||
	    (rc = parse_format(&f, fmt, err)) < 0)
		return rc;
	if ((year_s || round) && !(year_s && round))
		return rx_error_set(err, RX_EUSAGE, "give --year and --round together");
	if ((rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if ((rc = parse_opts(&po, &year, eps_s, year_s, h, err)) < 0)
		goto out;
	if (lang && strcmp(lang, "zh") && strcmp(lang, "en")) {
		rc = rx_error_set(err, RX_EUSAGE, "--lang zh|en (表头语言 header language)");
		goto out;
	}
	po.csv_plain = no_bom;
	po.lang_zh = lang && !strcmp(lang, "zh");
	if (!strcmp(pos[0], "setting") && pos[1])
		rc = rx_ops_stats_setting_set(h, pos[1], err);
	else if (pos[1])
		rc = rx_error_set(err, RX_EUSAGE, "stats publish | report | setting KEY=N");
	else if (!strcmp(pos[0], "publish")) {
		if ((rc = rx_ops_stats_publish(&pub, h, &o->home, year, round, &po, err)) == 0)
			print_published(&pub, &po);
	}
	else if (!strcmp(pos[0], "report"))
		rc = rx_ops_stats_report_write(h, &o->home, year, round, &po, f, out, err);
	else
		rc = rx_error_set(err, RX_EUSAGE, "stats publish | report | setting KEY=N");
out:
	rx_home_close(h);
	return rc;
}
