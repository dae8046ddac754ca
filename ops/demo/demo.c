/* runxin demo: a whole city on one machine, driven through the command line. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ops/demo/demoInt.h"
#include "ops/demo/demo.h"
#include "ops/archive/archive.h"
#include "ops/util/util.h"

static int make_dir(demo *d, const char *dir, rx_error *err)
{
	char name[64], sub[512];

	if (!dir) {
		snprintf(name, sizeof(name), "runxin-demo-%ld-%d",
			(long)time(NULL), (int)getpid());
		dir = name;
	}
	if (mkdir(dir, 0700) < 0)
		return rx_error_set(err, RX_EUSAGE, "cannot create %s: %s (give a new "
			"directory)", dir, strerror(errno));
	if (!(d->dir = realpath(dir, NULL)))
		return rx_error_nomem(err);
	snprintf(sub, sizeof(sub), "%s/exchange", d->dir);
	mkdir(sub, 0700);
	snprintf(sub, sizeof(sub), "%s/data", d->dir);
	mkdir(sub, 0700);
	snprintf(sub, sizeof(sub), "%s/demo.log", d->dir);
	d->log = strdup(sub);
	return d->log ? 0 : rx_error_nomem(err);
}

/* Students per school: DEMO_STUDENTS, or $RUNXIN_DEMO_STUDENTS (tests: fewer). */
static size_t students(void)
{
	const char *v = getenv("RUNXIN_DEMO_STUDENTS");
	long n = v ? strtol(v, NULL, 10) : 0;

	return n >= 20 && n <= 5000 ? (size_t)n : DEMO_STUDENTS;
}

/* The school year of today (Sept 1 on), and today's date for new records ($RUNXIN_TODAY in tests). */
static int set_dates(demo *d, rx_error *err)
{
	rx_schema_date t;
	int rc = rx_rec_today(&t, err);

	if (rc < 0)
		return rc;
	d->year = t.year - (t.month < 9 ? 1 : 0);
	snprintf(d->today, sizeof(d->today), "d=%04d-%02d-%02d", t.year, t.month, t.day);
	snprintf(d->today_sd, sizeof(d->today_sd), "sd=%04d-%02d-%02d", t.year, t.month, t.day);
	return 0;
}

/* "levels" totals of the city from its report: what the city may show. */
static void city_levels(demo *d)
{
	static const char *levels[] = { "red", "orange", "yellow", "none" };
	char path[600], line[512], want[64];
	FILE *f;

	snprintf(path, sizeof(path), "%s/reports/city.csv", d->dir);
	if (!(f = fopen(path, "r")))
		return;
	printf("warnings at the city (counts 1-4 and what would reveal them: *):");
	for (int i = 0; i < 4; i++) {
		snprintf(want, sizeof(want), ",levels,total,total,,,%s,,", levels[i]);
		rewind(f);
		while (fgets(line, sizeof(line), f)) {
			char *p = strstr(line, want);
			if (p && strstr(line, "\"全市合计\"")) {
				p += strlen(want);
				p[strcspn(p, "\r\n")] = '\0';
				printf(" %s %s", levels[i], p);
				break;
			}
		}
	}
	printf("\n");
	fclose(f);
}

/* The number of change-sets the city's audit verified. */
static long audited(demo *d)
{
	char path[600], line[512], *p;
	long n = -1;
	FILE *f;

	snprintf(path, sizeof(path), "%s/reports/city-audit.txt", d->dir);
	if (!(f = fopen(path, "r")))
		return -1;
	while (n < 0 && fgets(line, sizeof(line), f))
		if ((p = strstr(line, "change-sets verified: ")))
			n = strtol(p + 22, NULL, 10);
	fclose(f);
	return n;
}

/* The compliance line of the city's audit ("已核查 N 所学校 …：M 项不达标 …"). */
static void compliance(demo *d)
{
	char path[600], line[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/reports/city-audit.txt", d->dir);
	if (!(f = fopen(path, "r")))
		return;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "项不达标")) {
			printf("compliance at the city: %s", line + strspn(line, " \t"));
			break;
		}
	fclose(f);
}

/* Incidents, review reports and countersignatures as the city reads them (inbox). */
static void care_figures(demo *d)
{
	rx_buf out = RX_BUF_INIT;
	rx_error err = { 0 };
	size_t inc = 0, sent = 0, sig = 0;

	if (demo_rx(d, &out, "city", &err, "inbox", "--json", NULL) == 0 && out.data)
		for (char *p = (char *)out.data; (p = strstr(p, "{\"id\":\"")); p++) {
			char *end = strchr(p, '}');
			if (!end)
				break;
			*end = '\0';
			inc++;
			sent += strstr(p, "\"submitted\":\"\"") == NULL;
			sig += strstr(p, "\"countersigned\":true") != NULL;
			p = end;
		}
	rx_buf_free(&out);
	printf("care: %zu incidents (parents phoned the same day, assessed, referred, a care "
		"plan, classmates seen); %zu review reports sent up, %zu countersigned at the "
		"county; %zu students left (absent from a complete roster); %zu transferred to "
		"another county's school and accepted there\n", inc, sent, sig, d->left,
		d->transferred);
}

static void summary(demo *d, double secs)
{
	size_t n;

	demo_tree(&n);
	printf("runxin demo: %zu nodes (1 city, %d counties, %d schools, %zu devices)"
		" in %.1f s\n", n, DEMO_COUNTIES, DEMO_COUNTIES * DEMO_SCHOOLS,
		n - 1 - DEMO_COUNTIES - DEMO_COUNTIES * DEMO_SCHOOLS, secs);
	printf("%zu students, %zu KiB of CSV imported, %zu KiB pushed by all syncs\n",
		d->students, d->csv_bytes / 1024, d->kib_pushed);
	printf("%ld change-sets at the city, every one verified; audit %s\n",
		audited(d), d->audit);
	city_levels(d);
	care_figures(d);
	compliance(d);
	printf("reports: %s/reports/ (county-*.csv|html, city.csv|html, "
		"city-audit.txt|html)\n", d->dir);
	printf("homes and reports under %s\n", d->dir);
}

int rx_ops_demo(const char *dir, rx_error *err)
{
	demo d = { 0 };
	struct timespec t0, t1;
	size_t n;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	demo_tree(&n);
	d.steps = (int)n + DEMO_COUNTIES * DEMO_SCHOOLS + 8;
	setenv("RUNXIN_PASSPHRASE", "runxin-demo-演示口令", 1); /* demo homes only */
	setenv("RUNXIN_TEST_WEAK_KDF", "1", 1); /* throwaway homes: test-strength keystores */
	if (!(d.exe = rx_ops_self_exe()))
		return rx_error_set(err, RX_EINTERNAL, "cannot find this program");
	if ((rc = set_dates(&d, err)) < 0 ||
	    (rc = make_dir(&d, dir, err)) < 0 ||
	    (rc = demo_enrol_all(&d, err)) < 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(demo_tree(&n)[i].role, "school") &&
		    (rc = demo_school_data(&d, i, students(), err)) < 0)
			goto out;
	if ((rc = demo_servers_start(&d, err)) < 0 ||
	    (rc = demo_sync(&d, err)) < 0 ||
	    (rc = demo_countersign(&d, err)) < 0 ||
	    (rc = demo_transfer(&d, err)) < 0 ||
	    (rc = demo_reports(&d, err)) < 0)
		goto out;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	summary(&d, (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
out:
	demo_servers_stop(&d);
	free(d.exe);
	free(d.dir);
	free(d.log);
	return rc;
}
