/* Demo step two: every school imports a synthetic roster and four screenings, then cares for its students. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ops/demo/demoInt.h"
#include "ops/synth/synth.h"

static int put_file(demo *d, const char *name, const rx_buf *b, char *path,
	size_t cap, rx_error *err)
{
	snprintf(path, cap, "%s/%s", d->dir, name);
	return demo_put(d, name, b, err);
}

/* The home that writes a school's records: its first device if it has one. */
static const char *writer(const demo_node *t, size_t n, size_t school)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].parent == (int)school && !strcmp(t[i].role, "device"))
			return t[i].slug;
	return t[school].slug;
}

static int screenings(demo *d, const char *home, const rx_buf *roster,
	const rx_ops_synth_opts *so, const char *slug, rx_error *err)
{
	static const char *scales[] = { "phq9", "gad7" };
	char name[128], path[512], round[16];
	int rc = 0;

	snprintf(round, sizeof(round), "%d-1", so->year);
	for (int s = 0; s < 2 && rc == 0; s++)
		for (int a = 1; a <= 2 && rc == 0; a++) {
			rx_ops_synth_screening_opts o = { so->seed, scales[s], 1, a, so->year };
			rx_buf csv = RX_BUF_INIT;
			snprintf(name, sizeof(name), "data/%s-%s-%d.csv", slug, scales[s], a);
			if ((rc = rx_ops_synth_screening(&csv, roster->data, roster->len,
				&o, err)) == 0 &&
			    (rc = put_file(d, name, &csv, path, sizeof(path), err)) == 0)
				rc = demo_rx(d, NULL, home, err, "import", "screening",
					"--scale", scales[s], "--round", round, path, NULL);
			d->csv_bytes += csv.len;
			rx_buf_free(&csv);
		}
	return rc;
}

/*
 * In November the school imports its roster again, complete: the last two
 * pupils are no longer on it (they left) and are marked left; their
 * archive is kept. *left set.
 */
static int leavers(demo *d, const char *home, const rx_buf *roster, const char *slug,
	size_t *left, rx_error *err)
{
	rx_buf now = RX_BUF_INIT;
	char name[128], path[512];
	size_t len = roster->len, cut = 0;
	int rc;

	/* drop the last two lines (the roster ends with a newline) */
	while (len && cut < 3)
		cut += roster->data[--len] == '\n';
	if (cut < 3)
		return 0;
	snprintf(name, sizeof(name), "data/%s-roster-11.csv", slug);
	if ((rc = rx_buf_put(&now, roster->data, len + 1, err)) == 0 &&
	    (rc = put_file(d, name, &now, path, sizeof(path), err)) == 0 &&
	    (rc = demo_rx(d, NULL, home, err, "import", "roster", "--complete", path, NULL)) == 0)
		*left = 2;
	rx_buf_free(&now);
	return rc;
}

/* What each school is and the shortfalls it really has (docs/synthetic.md). */
typedef struct profile {
	const char *slug, *type;  /* school type: a setting of the school */
	int full, part;           /* psychology teachers */
	int short_room, short_lessons, short_committee;
	int size_div;             /* students / size_div: the village school is small */
} profile;

static const profile profiles[] = {
	{ "school-bycz", "城区", 1, 1, 0, 0, 0, 1 },
	{ "school-bysx", "城区", 1, 1, 0, 1, 0, 1 },   /* a class missed a fortnight's lesson */
	{ "school-byzx", "城区", 0, 2, 0, 0, 0, 1 },   /* a senior high school, part-time only */
	{ "school-gydy", "城区", 1, 1, 1, 0, 0, 1 },   /* the room short one week */
	{ "school-gywz", "乡镇中心", 1, 0, 0, 0, 1, 1 }, /* a committee without a girl */
	{ "school-gygj", "村小", 0, 1, 0, 0, 0, 4 },   /* small, one part-time teacher: enough */
};

static const profile *profile_of(const char *slug)
{
	for (size_t i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++)
		if (!strcmp(profiles[i].slug, slug))
			return &profiles[i];
	return &profiles[0];
}

/* The school's type, then its year of staff, classes, room hours, lessons and meetings. */
static int school_year(demo *d, const char *home, const profile *p, const rx_buf *roster,
	const rx_ops_synth_opts *so, size_t *records, rx_error *err)
{
	rx_ops_synth_year_opts yo = { so->seed, so->year, 0, p->full, p->part,
		p->short_room, p->short_lessons, p->short_committee };
	rx_buf lines = RX_BUF_INIT;
	char type[32];
	int y = 0, m = 0, day = 0, rc;

	sscanf(d->today + 2, "%d-%d-%d", &y, &m, &day);
	yo.today = rx_ops_days_from_civil(y, m, day);
	snprintf(type, sizeof(type), "type=%s", p->type);
	if ((rc = demo_rx(d, NULL, home, err, "stats", "setting", type, NULL)) == 0 &&
	    (rc = rx_ops_synth_year(&lines, roster->data, roster->len, &yo, err)) == 0)
		rc = demo_year_write(d, home, &lines, records, err);
	rx_buf_free(&lines);
	return rc;
}

int demo_school_data(demo *d, size_t school, size_t nstudents, rx_error *err)
{
	size_t n;
	const demo_node *t = demo_tree(&n);
	const char *home = writer(t, n, school);
	rx_ops_synth_opts so;
	rx_buf roster = RX_BUF_INIT;
	const profile *p = profile_of(t[school].slug);
	char name[128], path[512], code[8];
	size_t records = 0, left = 0;
	int rc;

	nstudents = nstudents / (size_t)p->size_div < 20 ? 20 : nstudents / (size_t)p->size_div;
	rx_ops_synth_opts_init(&so);
	so.seed = 1000 + school;
	so.students = nstudents;
	snprintf(code, sizeof(code), "%zu", 3100 + school);
	so.school_code = code;
	so.type = strstr(t[school].name, "小学") ? RX_OPS_SCHOOL_PRIMARY :
		strstr(t[school].name, "县中学") || strstr(t[school].name, "第一中学") ?
		RX_OPS_SCHOOL_SENIOR : RX_OPS_SCHOOL_JUNIOR;
	so.year = d->year;
	snprintf(name, sizeof(name), "data/%s-roster.csv", t[school].slug);
	if ((rc = rx_ops_synth_roster(&roster, &so, err)) < 0 ||
	    (rc = put_file(d, name, &roster, path, sizeof(path), err)) < 0 ||
	    (rc = demo_rx(d, NULL, home, err, "import", "roster", path, NULL)) < 0 ||
	    (rc = screenings(d, home, &roster, &so, t[school].slug, err)) < 0 ||
	    (rc = demo_care(d, home, school == 3 || school == 6, err)) < 0 ||
	    (rc = school_year(d, home, p, &roster, &so, &records, err)) < 0 ||
	    (rc = leavers(d, home, &roster, t[school].slug, &left, err)) < 0)
		goto out;
	d->csv_bytes += roster.len;
	d->students += nstudents;
	d->left += left;
	demo_progress(d, "%s: %zu students, 4 screenings, care records, %zu records of "
		"the year (staff, classes, room hours, lessons, meetings), %zu left", t[school].name,
		nstudents, records, left);
out:
	rx_buf_free(&roster);
	return rc;
}
