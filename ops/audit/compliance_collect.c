/* The audit's compliance section: schools' published figures against the settings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ops/audit/audit.h"
#include "ops/util/util.h"
#include "ops/stats/stats.h"
#include "schema/obligation.h"
#include "sync/directory.h"

/* Compliance needs the hub's own key (statistics are sealed to it), never a school's. */
static int can_unlock(rx_home *h, const rx_home_opts *o)
{
	char *ks = rx_ops_path_join(h->path, "keystore");
	int yes = ks && access(ks, R_OK) == 0 &&
		(o->passphrase_file || o->passphrase || getenv("RUNXIN_PASSPHRASE") || isatty(0));

	free(ks);
	return yes;
}

static int add_line(rx_ops_compliance_lines *c, const char *line, rx_error *err)
{
	char **p = realloc(c->lines, (c->n + 1) * sizeof(*p));

	if (!p)
		return rx_error_nomem(err);
	c->lines = p;
	if (!(p[c->n] = strdup(line)))
		return rx_error_nomem(err);
	c->n++;
	return 0;
}

static void school_name(rx_home *h, const char *node, char *out, size_t cap)
{
	rx_crypto_cert c;
	rx_error e = { 0 };

	if (rx_directory_get_cert(h->db, node, &c, &e) == 0)
		snprintf(out, cap, "%s (%s)", c.name, node);
	else
		snprintf(out, cap, "%s", node);
}

/* At the city: only what counties published (suppressed); a school's own figures never count. */
static void county_views_only(rx_ops_stats_set *set)
{
	size_t k = 0;

	for (size_t i = 0; i < set->n; i++) {
		if (set->pub[i].role == RX_ROLE_COUNTY)
			set->pub[k++] = set->pub[i];
		else
			free(set->pub[i].recs);
	}
	set->n = k;
}

/* The city re-runs the attack on every county's published view; a leaky one is a finding. */
static int reverify(rx_ops_compliance_lines *c, rx_home *h, const rx_ops_stats_set *set,
	rx_error *err)
{
	int64_t prot = rx_ops_stats_protection(h);
	char line[512], name[200];
	int rc = 0;

	for (size_t i = 0; i < set->n && rc == 0; i++) {
		const rx_ops_stats_pub *p = &set->pub[i];
		rx_ops_stats_leak lk;
		rx_error e = { 0 };

		if (p->role != RX_ROLE_COUNTY)
			continue;
		school_name(h, p->author, name, sizeof(name));
		if (rx_ops_stats_attack(&lk, NULL, p->recs, NULL, p->n, prot, &e) < 0)
			snprintf(line, sizeof(line), "%s: 公布的统计自相矛盾，无法复核 (published "
				"figures contradict each other: %.200s) [leak_check]", name, e.msg);
		else if (lk.narrow)
			snprintf(line, sizeof(line), "%s: 公布的统计中 %zu 个隐藏数字可被推算出或范围窄于 %lld "
				"个值 (%zu hidden counts can be worked out or narrowed below the "
				"protection) [leak]", name, lk.narrow, (long long)prot, lk.narrow);
		else
			continue;
		c->findings++;
		rc = add_line(c, line, err);
	}
	return rc;
}

static int check(rx_ops_compliance_lines *c, rx_home *h, rx_ops_stats_hub *hub, rx_error *err)
{
	rx_ops_compliance_cfg cfg;
	rx_ops_stats *schools = NULL;
	rx_ops_shortfall *s = NULL;
	size_t n = 0, ns = 0;
	char *ratio = rx_home_get(h, "compliance.ratio"), line[1024], name[200];
	rx_schema_date today;
	int rc;

	if ((rc = rx_ops_compliance_cfg_init(&cfg, err)) < 0 ||
	    (rc = rx_rec_today(&today, err)) < 0)
		goto out;
	cfg.today = rx_schema_date_days(today);
	if (ratio && atoi(ratio) > 0)
		cfg.students_per_teacher = atoi(ratio);
	if (h->role == RX_ROLE_CITY)
		county_views_only(&hub->set);
	if ((rc = rx_ops_stats_schools(&schools, &n, &hub->set, err)) < 0 ||
	    (rc = rx_ops_compliance_check(&s, &ns, schools, n, &cfg, err)) < 0)
		goto out;
	snprintf(line, sizeof(line), "已核查 %zu 所学校（专兼职师生比 1:%d，辅导室每周 %d 小时，"
		"每班每两周 %d 课时）：%zu 项不达标 (%zu schools checked: %zu shortfalls)", n,
		cfg.students_per_teacher, cfg.room_hours, cfg.lessons, ns, n, ns);
	if ((rc = add_line(c, line, err)) < 0)
		goto out;
	for (size_t i = 0; i < ns && rc == 0; i++) {
		school_name(h, s[i].school, name, sizeof(name));
		snprintf(line, sizeof(line), "%s: %s [%s]", name, s[i].text,
			rx_ops_shortfall_code(s[i].kind));
		rc = add_line(c, line, err);
	}
	c->findings += ns;
	c->checked = 1;
	if (rc == 0 && h->role == RX_ROLE_CITY)
		rc = reverify(c, h, &hub->set, err);
out:
	free(ratio);
	free(schools);
	free(s);
	return rc;
}

int rx_ops_compliance_collect(rx_ops_compliance_lines *c, rx_home *h,
	const rx_home_opts *o, rx_error *err)
{
	rx_ops_stats_hub hub;
	int rc;

	memset(c, 0, sizeof(*c));
	if (!can_unlock(h, o))
		return add_line(c, "compliance not checked: the statistics are sealed "
			"to this hub's key; run with its passphrase to include them "
			"(合规检查需解锁本级密钥)", err);
	if ((rc = rx_ops_stats_hub_open(&hub, h, o, 0, NULL, err)) == 0)
		rc = check(c, h, &hub, err);
	rx_ops_stats_hub_close(&hub);
	return rc;
}

void rx_ops_compliance_lines_free(rx_ops_compliance_lines *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->lines[i]);
	free(c->lines);
}
