/* Students about to leave who carry a warning level or care work still owed: named before they drop out of `due`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/archive/archive.h"

static rx_schema_level level_of(const rx_summary *s)
{
	return s->confirmed != RX_SCHEMA_LEVEL_MISSING ? s->confirmed : s->proposed;
}

int rx_archive_at_risk_load(rx_archive_at_risk *out, rx_archive *a, const char *owner,
	rx_error *err)
{
	rx_summaries ss = { 0 };
	rx_archive_dues ds = { 0 };
	rx_schema_date today;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = rx_rec_today(&today, err)) < 0 ||
	    (rc = rx_summaries_load(&ss, a, owner, today, err)) < 0 ||
	    (rc = rx_archive_dues_load(&ds, &ss, today, err)) < 0)
		goto out;
	if (ss.students.n && !(out->s = calloc(ss.students.n, sizeof(*out->s)))) {
		rc = rx_error_nomem(err);
		goto out;
	}
	for (size_t i = 0; i < ss.students.n; i++) {
		const rx_summary *s = &ss.s[i];
		rx_archive_risk *r = &out->s[out->n];
		const char *name = rx_schema_rec_get(s->st, "n");

		if (s->left)
			continue;
		snprintf(r->no, sizeof(r->no), "%s", s->st->id);
		snprintf(r->name, sizeof(r->name), "%s", name ? name : "");
		r->lv = level_of(s);
		snprintf(r->why, sizeof(r->why), "%s", s->why);
		for (size_t k = 0; k < ds.n; k++)
			r->open += ds.who[ds.d[k].ref] == s->st;
		out->n++;
	}
out:
	rx_archive_dues_free(&ds);
	rx_summaries_free(&ss);
	return rc;
}

const rx_archive_risk *rx_archive_at_risk_find(const rx_archive_at_risk *r, const char *no)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->s[i].no, no))
			return &r->s[i];
	return NULL;
}

void rx_archive_at_risk_warn(FILE *f, const rx_archive_risk *r)
{
	if (r->lv < RX_SCHEMA_LEVEL_YELLOW && !r->open)
		return;
	fprintf(f, "注意: %s %s", r->no, r->name);
	if (r->lv >= RX_SCHEMA_LEVEL_YELLOW)
		fprintf(f, " 为%s色预警", rx_schema_level_name_zh(r->lv));
	if (r->open)
		fprintf(f, "%s有 %zu 项关爱任务未完成", r->lv >= RX_SCHEMA_LEVEL_YELLOW ? ", " : " ",
			r->open);
	fprintf(f, "; 离校后不再列入待办, 请与接收方或家长做好交接 (left with a warning "
		"level or care work owed: hand it over)\n");
}

void rx_archive_at_risk_free(rx_archive_at_risk *r)
{
	free(r->s);
	memset(r, 0, sizeof(*r));
}
