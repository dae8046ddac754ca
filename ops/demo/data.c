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

int demo_school_data(demo *d, size_t school, size_t nstudents, rx_error *err)
{
	size_t n;
	const demo_node *t = demo_tree(&n);
	const char *home = writer(t, n, school);
	rx_ops_synth_opts so;
	rx_buf roster = RX_BUF_INIT;
	char name[128], path[512], code[8];
	int rc;

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
	    (rc = demo_care(d, home, school == 3, err)) < 0)
		goto out;
	d->csv_bytes += roster.len;
	d->students += nstudents;
	demo_progress(d, "%s: %zu students, 4 screenings, care records", t[school].name,
		nstudents);
out:
	rx_buf_free(&roster);
	return rc;
}
