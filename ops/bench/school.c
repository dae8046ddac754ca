/* runxin bench: a school year from ops/synth imported through the command line. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/bench/benchInt.h"
#include "ops/synth/synth.h"

static const struct { const char *scale; int admin; } admins[4] = {
	{ "phq9", 1 }, { "phq9", 2 }, { "gad7", 1 }, { "gad7", 2 },
};

/* The number of changed fields from import's summary line (0 if absent). */
static size_t fields_changed(const rx_buf *out)
{
	const char *s = out->data ? (const char *)out->data : "";
	const char *p = strstr(s, "被拒绝, ");

	return p ? (size_t)strtoul(p + strlen("被拒绝, "), NULL, 10) : 0;
}

static int import(bench *b, const char *slug, const char *file, int i,
	size_t *ops, rx_error *err)
{
	rx_buf out = RX_BUF_INIT;
	char adm[4];
	int rc;

	snprintf(adm, sizeof(adm), "%d", i < 0 ? 0 : admins[i].admin);
	if (i < 0)
		rc = bench_rx(b, &out, slug, err, "import", "roster", file, NULL);
	else
		rc = bench_rx(b, &out, slug, err, "import", "screening", "--scale",
			admins[i].scale, "--round", "1", "--administration", adm, file,
			NULL);
	if (rc == 0 && out.len && rx_buf_put(&out, "", 1, err) == 0)
		*ops += fields_changed(&out);
	rx_buf_free(&out);
	return rc;
}

static int make_csv(rx_buf *csv, const rx_ops_synth_opts *so, const rx_buf *roster,
	int i, rx_error *err)
{
	rx_ops_synth_screening_opts s = { so->seed, admins[i].scale, 1,
		admins[i].admin, so->year };

	return rx_ops_synth_screening(csv, roster->data, roster->len, &s, err);
}

int bench_school_year(bench *b, const char *slug, size_t n, uint64_t seed,
	rx_buf csv[5], size_t *ops, rx_error *err)
{
	rx_buf own[5] = { RX_BUF_INIT, RX_BUF_INIT, RX_BUF_INIT, RX_BUF_INIT, RX_BUF_INIT };
	rx_buf *c = csv ? csv : own;
	rx_ops_synth_opts so;
	char code[16], name[200], path[512];
	int rc = 0;

	rx_ops_synth_opts_init(&so);
	snprintf(code, sizeof(code), "%" PRIu64, 3100 + seed % 900000);
	so.seed = seed, so.students = n, so.school_code = code;
	*ops = 0;
	for (int i = -1; i < 4 && rc == 0; i++) {
		rx_buf *f = &c[i + 1];
		if ((rc = i < 0 ? rx_ops_synth_roster(f, &so, err)
				: make_csv(f, &so, &c[0], i, err)) < 0)
			break;
		snprintf(name, sizeof(name), "%s.%d.csv", slug, i + 1);
		snprintf(path, sizeof(path), "%s/%s", b->dir, name);
		if ((rc = bench_put(b, name, f, err)) == 0)
			rc = import(b, slug, path, i, ops, err);
	}
	for (int i = 0; i < 5; i++)
		rx_buf_free(&own[i]);
	return rc;
}
