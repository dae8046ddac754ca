/*
 * An independent attacker (tests/ops/stats/lp_attack.py: scipy's HiGHS LP
 * and MILP, no code shared with ops/stats) against everything a round
 * publishes: counties of schools drawn by its own generator are suppressed
 * as `stats publish` does, the county and city reports (CSV, JSON) and the
 * city's audit lines are written, and the attacker bounds every hidden count
 * from the published files and the relations of docs/disclosure.md.
 */
#include <stdint.h>
#include <sys/wait.h>

#include "ops/audit/audit.h"
#include "ops/stats/stats.h"
#include "tests/harness.h"

#define NCOUNTY_MAX 4
#define NSCHOOL_MAX 64

static rx_ops_stats sch[NCOUNTY_MAX][NSCHOOL_MAX];
static size_t nsch[NCOUNTY_MAX], ncounty;
static char county_node[NCOUNTY_MAX][RX_NODE_ID_LEN + 1];
static char dir[4096];

static int sh(const char *cmd)
{
	int rc = system(cmd);

	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* Read the generator's schools: "C node", "S node", then "T t v..." (cells only) lines. */
static int load(const char *path)
{
	FILE *f = fopen(path, "r");
	char word[8], node[RX_NODE_ID_LEN + 1];
	rx_ops_stats *s = NULL;

	if (!f)
		return -1;
	ncounty = 0;
	while (fscanf(f, "%7s", word) == 1) {
		if (!strcmp(word, "C") && fscanf(f, "%16s", node) == 1 && ncounty < NCOUNTY_MAX) {
			snprintf(county_node[ncounty], sizeof(county_node[0]), "%s", node);
			nsch[ncounty++] = 0;
		} else if (!strcmp(word, "S") && fscanf(f, "%16s", node) == 1 && ncounty &&
		    nsch[ncounty - 1] < NSCHOOL_MAX) {
			s = &sch[ncounty - 1][nsch[ncounty - 1]++];
			memset(s, 0, sizeof(*s));
			s->scope = RX_OPS_STATS_SCHOOL;
			snprintf(s->node, sizeof(s->node), "%s", node);
			s->year = 2025;
			snprintf(s->round, sizeof(s->round), "2025a");
		} else if (!strcmp(word, "T") && s) {
			int t;
			long long v;
			if (fscanf(f, "%d", &t) != 1 || t < 0 || t >= RX_STATS_NTABLES)
				break;
			for (int i = 0; i < rx_ops_stats_rows(t); i++)
				for (int j = 0; j < rx_ops_stats_cols(t); j++)
					if (fscanf(f, "%lld", &v) == 1)
						*rx_ops_stats_at(s, t, i, j) = v;
			rx_ops_stats_margins(s);
		} else if (!strcmp(word, "F") && s) {
			long long v[3];
			if (fscanf(f, "%lld %lld %lld", &v[0], &v[1], &v[2]) != 3)
				break;
			s->staff.teachers_full = v[0], s->staff.teachers_part = v[1];
			s->staff.school_stage = v[2];
		} else
			break;
	}
	fclose(f);
	return ncounty ? 0 : -1;
}

static void save(const char *name, const rx_buf *b)
{
	char path[4200];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	REQUIRE(f);
	CHECK(fwrite(b->data, 1, b->len, f) == b->len);
	fclose(f);
}

static void report(const char *stem, const rx_ops_stats_unit *total,
	const rx_ops_stats_unit *units, size_t n)
{
	rx_ops_stats_report r = { "测试", 4, 0, total, units, n, 1, 0 }; /* CSV as Excel gets it */
	static const char *const ext[] = { "csv", "json", "html" };
	char name[128];
	rx_error err = { 0 };

	for (int f = RX_STATS_CSV; f <= RX_STATS_HTML; f++) {
		rx_buf b = RX_BUF_INIT;
		REQUIRE(rx_ops_stats_render(&b, &r, (rx_ops_stats_format)f, &err) == 0);
		snprintf(name, sizeof(name), "%s.%s", stem, ext[f]);
		save(name, &b);
		rx_buf_free(&b);
	}
}

/*
 * Publish every county (family suppression, encoded and decoded as the city
 * receives it), write the county reports, the city report and the audit's
 * compliance and re-verification lines. leak_county >= 0: that county
 * publishes one of its hidden counts after suppression (a leaky county).
 */
static void publish_all(int leak_county)
{
	rx_ops_stats *city[NCOUNTY_MAX] = { 0 }, total;
	const rx_ops_stats *cty[NCOUNTY_MAX];
	rx_ops_stats_unit units[NCOUNTY_MAX * (NSCHOOL_MAX + 1)], tu;
	rx_ops_compliance_cfg cfg;
	rx_buf audit = RX_BUF_INIT;
	rx_error err = { 0 };
	size_t nu = 0;
	char stem[32];

	REQUIRE(rx_ops_compliance_cfg_init(&cfg, &err) == 0);
	cfg.today = 0;
	for (size_t c = 0; c < ncounty; c++) {
		rx_ops_stats *view = NULL, *dec = NULL;
		rx_ops_stats_unit cu[NSCHOOL_MAX];
		rx_ops_stats_pubopts po = { 0 };
		rx_ops_shortfall *sf = NULL;
		rx_ops_stats_leak lk;
		rx_buf pay = RX_BUF_INIT;
		size_t n = nsch[c], nd = 0, nsf = 0;

		po.threshold = 4, po.protection = 3;
		REQUIRE(rx_ops_stats_family(&view, sch[c], n, county_node[c], &po, NULL, &err) == 0);
		if ((int)c == leak_county) {
			/* a row of a school's levels shown in full but one hidden count: the row sum gives it */
			int done = 0;
			for (size_t k = 0; k < n && !done; k++)
				for (int i = 0; i < 24 && !done; i++) {
					int hid = 0;
					for (int j = 0; j <= 5; j++)
						hid += view[k].hidden[RX_STATS_LEVELS][i * 6 + j];
					if (hid < 2)
						continue;
					for (int j = 0; j <= 5 && hid > 1; j++)
						if (view[k].hidden[RX_STATS_LEVELS][i * 6 + j]) {
							view[k].hidden[RX_STATS_LEVELS][i * 6 + j] = 0;
							view[k].v[RX_STATS_LEVELS][i * 6 + j] =
								sch[c][k].v[RX_STATS_LEVELS][i * 6 + j];
							hid--;
						}
					done = 1;
				}
			REQUIRE(done);
		}
		for (size_t k = 0; k <= n; k++)
			cu[k].s = &view[k], cu[k].name = k < n ? "学校" : "县", cu[k].parent = NULL;
		snprintf(stem, sizeof(stem), "county%zu", c);
		report(stem, &cu[n], cu, n);
		/* what the city receives: the encoded view, decoded */
		REQUIRE(rx_ops_stats_encode(&pay, view, n + 1, &err) == 0);
		REQUIRE(rx_ops_stats_decode(&dec, &nd, pay.data, pay.len, &err) == 0);
		REQUIRE(nd == n + 1);
		city[c] = dec;
		cty[c] = &dec[nd - 1];
		for (size_t r = 0; r < nd; r++) {
			units[nu].s = &dec[(r + nd - 1) % nd];
			units[nu].name = r ? "学校" : "县";
			units[nu++].parent = r ? "县" : NULL;
		}
		/* the city's audit: compliance on the schools' masked copies, then the re-check */
		REQUIRE(rx_ops_compliance_check(&sf, &nsf, dec, nd - 1, &cfg, &err) == 0);
		REQUIRE(rx_ops_compliance_format(&audit, sf, nsf, &err) == 0);
		REQUIRE(rx_ops_stats_attack(&lk, NULL, dec, NULL, nd, 3, &err) == 0);
		if (lk.narrow)
			REQUIRE(rx_buf_printf(&audit, &err, "%s\tleak\t-\t-\t%zu narrow\n",
				county_node[c], lk.narrow) == 0);
		printf("figure: county %zu: %zu schools, %zu hidden entries; the city's re-check: "
			"%zu narrow\n", c, n, lk.hidden, lk.narrow);
		free(sf);
		free(view);
		rx_buf_free(&pay);
	}
	rx_ops_stats_city_total(&total, cty, ncounty, "00000000000000a1");
	tu.s = &total, tu.name = "全市合计", tu.parent = NULL;
	report("city", &tu, units, nu);
	save("audit.txt", &audit);
	rx_buf_free(&audit);
	for (size_t c = 0; c < ncounty; c++)
		free(city[c]);
}

static char cmd[16384];

/* Debian's python3 (python3-scipy installs there), not one a version manager puts first on PATH. */
static const char *py(void)
{
	return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

static int attack(const char *what)
{
	snprintf(cmd, sizeof(cmd), "%s '%s/tests/ops/stats/lp_attack.py' attack '%s' %zu %s", py(),
		getenv("RX_SOURCE_DIR"), dir, ncounty, what);
	return sh(cmd);
}

static void test_attacker(void)
{
	const char *src = getenv("RX_SOURCE_DIR");
	char gen[4200];

	REQUIRE(src);
	snprintf(dir, sizeof(dir), "%s/lp", getenv("HOME"));
	REQUIRE(mkdir(dir, 0755) == 0);
	snprintf(cmd, sizeof(cmd), "%s -c 'import scipy.optimize' 2>/dev/null", py());
	if (sh(cmd) != 0)
		printf("python3-scipy is missing (.ci/packages): apt-get install python3-scipy\n");
	REQUIRE(sh(cmd) == 0);
	snprintf(gen, sizeof(gen), "%s/gen.txt", dir);
	/* RX_LP_SEEDS="1 2 3" tries more counties; one by default, to stay well under a minute */
	const char *seeds = getenv("RX_LP_SEEDS") ? getenv("RX_LP_SEEDS") : "2";
	for (const char *p = seeds; *p; ) {
		char *end;
		long seed = strtol(p, &end, 10);
		if (end == p)
			break;
		p = end;
		snprintf(cmd, sizeof(cmd), "%s '%s/tests/ops/stats/lp_attack.py' gen %d > '%s'",
			py(), src, (int)seed, gen);
		REQUIRE(sh(cmd) == 0);
		REQUIRE(load(gen) == 0);
		publish_all(-1);
		printf("seed %ld: the attacker on what was published\n", seed);
		CHECK_EQ(attack("expect-safe"), 0);
	}
	/* a leaky county: the attacker (and the city's audit) must see it */
	publish_all(0);
	CHECK_EQ(attack("expect-leak"), 0);
}

int main(void)
{
	RUN(test_attacker);
	return rx_test_done();
}
