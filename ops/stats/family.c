/* The published view of a county (suppressed family of schools + aggregate) and the city total. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/disclosure/disclosure.h"
#include "ops/stats/stats.h"

/* Students one student can touch in a table (L1 sensitivity): a student is in up to 7 key groups and owes up to 11 kinds. */
static const int sensitivity[RX_STATS_NTABLES] = { 1, 7, 1, 11, 1 };

static void free_tables(rx_ops_table **tt, size_t n)
{
	for (size_t i = 0; tt && i < n; i++)
		rx_ops_table_free(tt[i]);
	free(tt);
}

static int load_tables(rx_ops_table ***out, const rx_ops_stats *schools, size_t n,
	rx_ops_stats_tab t, rx_error *err)
{
	int rows = rx_ops_stats_rows(t), cols = rx_ops_stats_cols(t), rc = 0;
	rx_ops_table **tt = calloc(n + 1, sizeof(*tt));

	if (!tt)
		return rx_error_nomem(err);
	for (size_t k = 0; k < n && rc == 0; k++) {
		if (!(tt[k] = rx_ops_table_new(rows, cols)))
			rc = rx_error_nomem(err);
		for (int i = 0; i < rows && rc == 0; i++)
			for (int j = 0; j < cols && rc == 0; j++)
				rc = rx_ops_table_set(tt[k], i, j,
					rx_ops_stats_get(&schools[k], t, i, j), err);
	}
	if (rc < 0) {
		free_tables(tt, n + 1);
		return rc;
	}
	*out = tt;
	return 0;
}

/* The working figures of table t (exact, or noisy when dp): schools and their sum into w[0..n]. */
static int work_table(rx_ops_stats *w, const rx_ops_stats *schools, size_t n,
	rx_ops_stats_tab t, const rx_ops_stats_pubopts *o, rx_ops_dp *dp, rx_error *err)
{
	int rows = rx_ops_stats_rows(t), cols = rx_ops_stats_cols(t);
	rx_ops_table **tt = NULL;
	int rc;

	if ((rc = load_tables(&tt, schools, n, t, err)) < 0)
		return rc;
	if (dp) {
		if (!(tt[n] = rx_ops_table_new(rows, cols)))
			rc = rx_error_nomem(err);
		else
			rc = rx_ops_dp_tables(dp, tt, n, tt[n],
				o->epsilon / sensitivity[t], err);
	} else {
		rc = rx_ops_table_sum(&tt[n], tt, n, err);
	}
	for (size_t k = 0; rc == 0 && k <= n; k++)
		for (int i = 0; i <= rows; i++)
			for (int j = 0; j <= cols; j++)
				w[k].v[t][i * (cols + 1) + j] = rx_ops_table_get(tt[k], i, j);
	free_tables(tt, n + 1);
	return rc;
}

/*
 * Suppress table t of the family w[0..n] (n schools, then the aggregate)
 * into the masks of view; with keep, entries view already hides stay hidden.
 */
static int suppress_table(rx_ops_stats *view, const rx_ops_stats *w, size_t n,
	rx_ops_stats_tab t, int64_t thr, int keep, rx_error *err)
{
	int rows = rx_ops_stats_rows(t), cols = rx_ops_stats_cols(t), rc = 0;
	rx_ops_suppress_opts so = { thr, keep };
	rx_ops_table **tt = calloc(n + 1, sizeof(*tt));

	if (!tt)
		return rx_error_nomem(err);
	for (size_t k = 0; k <= n && rc == 0; k++) {
		if (!(tt[k] = rx_ops_table_new(rows, cols)))
			rc = rx_error_nomem(err);
		for (int i = 0; i < rows && rc == 0; i++)
			for (int j = 0; j < cols && rc == 0; j++)
				rc = rx_ops_table_set(tt[k], i, j, w[k].v[t][i * (cols + 1) + j], err);
		for (int i = 0; keep && i <= rows && rc == 0; i++)
			for (int j = 0; j <= cols && rc == 0; j++)
				if (view[k].hidden[t][i * (cols + 1) + j])
					rc = rx_ops_table_hide(tt[k], i, j, 1, err);
	}
	if (rc == 0)
		rc = rx_ops_suppress(tt, n, tt[n], &so, err);
	for (size_t k = 0; rc == 0 && k <= n; k++)
		for (int i = 0; i <= rows; i++)
			for (int j = 0; j <= cols; j++)
				view[k].hidden[t][i * (cols + 1) + j] =
					(uint8_t)rx_ops_table_hidden(tt[k], i, j);
	free_tables(tt, n + 1);
	return rc;
}

#define WIDEN_ROUNDS 64

/*
 * Suppress every table, then attack the whole round (all tables, the county
 * sums, the relations between tables) and hide more until no hidden entry
 * has fewer feasible values than the protection (docs/disclosure.md).
 */
static int suppress_linked(rx_ops_stats *view, const rx_ops_stats *w, size_t n,
	const rx_ops_stats_pubopts *o, rx_error *err)
{
	int64_t thr = o ? o->threshold : 0;
	int64_t prot = o && o->protection ? o->protection : RX_OPS_PROTECTION_DEFAULT;
	size_t added = 1;
	int rc = 0;

	for (int t = 0; t < RX_STATS_NTABLES && rc == 0; t++)
		rc = suppress_table(view, w, n, t, thr, 0, err);
	for (int round = 0; rc == 0 && added && !(o && o->cross_off) &&
	     round < WIDEN_ROUNDS; round++) {
		if ((rc = rx_ops_stats_widen(&added, view, w, n + 1, prot, err)) < 0)
			break;
		for (int t = 0; added && t < RX_STATS_NTABLES && rc == 0; t++)
			rc = suppress_table(view, w, n, t, thr, 1, err);
	}
	for (size_t k = 0; rc == 0 && k <= n; k++)
		for (int t = 0; t < RX_STATS_NTABLES; t++)
			for (int e = 0; e < RX_OPS_STATS_ENTRIES; e++)
				if (view[k].hidden[t][e])
					view[k].v[t][e] = 0;
	return rc;
}

/* County staffing: sums of counts, means of the per-week figures. */
static void sum_staff(rx_ops_stats_staff *out, const rx_ops_stats *s, size_t n)
{
	memset(out, 0, sizeof(*out));
	for (size_t k = 0; k < n; k++) {
		out->teachers_full += s[k].staff.teachers_full;
		out->teachers_part += s[k].staff.teachers_part;
		out->room_hours_x10 += s[k].staff.room_hours_x10;
		out->lessons_x100 += s[k].staff.lessons_x100;
		out->classes_g4 += s[k].staff.classes_g4;
		out->classes_committee += s[k].staff.classes_committee;
		out->room_weeks += s[k].staff.room_weeks;
		out->room_weeks_ok += s[k].staff.room_weeks_ok;
		out->lesson_slots += s[k].staff.lesson_slots;
		out->lesson_slots_ok += s[k].staff.lesson_slots_ok;
	}
	if (n) {
		out->room_hours_x10 /= (int64_t)n;
		out->lessons_x100 /= (int64_t)n;
	}
}

int rx_ops_stats_family(rx_ops_stats **out, const rx_ops_stats *schools, size_t n,
	const char *county, const rx_ops_stats_pubopts *o, double *eps_spent,
	rx_error *err)
{
	rx_ops_stats *v, *w;
	rx_ops_dp *dp = NULL;
	int rc = 0;

	*out = NULL;
	if (eps_spent)
		*eps_spent = 0;
	if (n < 1 || n >= RX_OPS_STATS_RECORDS_MAX || n > RX_OPS_FAMILY_MAX)
		return rx_error_set(err, RX_EUSAGE, "stats: %zu schools in one family", n);
	if (!(v = calloc(n + 1, sizeof(*v))) || !(w = calloc(n + 1, sizeof(*w)))) {
		free(v);
		return rx_error_nomem(err);
	}
	memcpy(v, schools, n * sizeof(*v));
	v[n].scope = RX_OPS_STATS_COUNTY;
	snprintf(v[n].node, sizeof(v[n].node), "%s", county);
	v[n].year = schools[0].year;
	memcpy(v[n].round, schools[0].round, sizeof(v[n].round));
	sum_staff(&v[n].staff, schools, n);
	if (o && o->epsilon > 0 && !(dp = o->dp_seed ? rx_ops_dp_new_seeded(o->dp_seed) :
	    rx_ops_dp_new()))
		rc = rx_error_nomem(err);
	for (size_t k = 0; k < n; k++)
		memset(v[k].hidden, 0, sizeof(v[k].hidden));
	memcpy(w, v, (n + 1) * sizeof(*w));
	for (int t = 0; t < RX_STATS_NTABLES && rc == 0; t++)
		rc = work_table(w, schools, n, t, o, dp, err);
	if (rc == 0) {
		for (size_t k = 0; k <= n; k++)
			memcpy(v[k].v, w[k].v, sizeof(v[k].v));
		rc = suppress_linked(v, w, n, o, err);
	}
	free(w);
	/* each table spends epsilon once (noise scaled by its sensitivity) */
	if (rc == 0 && dp && eps_spent)
		*eps_spent = o->epsilon * RX_STATS_NTABLES;
	rx_ops_dp_free(dp);
	if (rc < 0) {
		free(v);
		return rc;
	}
	*out = v;
	return 0;
}

void rx_ops_stats_city_total(rx_ops_stats *out, const rx_ops_stats *const *counties,
	size_t n, const char *city)
{
	memset(out, 0, sizeof(*out));
	out->scope = RX_OPS_STATS_COUNTY;
	snprintf(out->node, sizeof(out->node), "%s", city);
	if (n) {
		out->year = counties[0]->year;
		memcpy(out->round, counties[0]->round, sizeof(out->round));
	}
	for (size_t k = 0; k < n; k++) {
		for (int t = 0; t < RX_STATS_NTABLES; t++)
			for (int e = 0; e < RX_OPS_STATS_ENTRIES; e++) {
				out->v[t][e] += counties[k]->v[t][e];
				out->hidden[t][e] |= counties[k]->hidden[t][e];
			}
		out->staff.teachers_full += counties[k]->staff.teachers_full;
		out->staff.teachers_part += counties[k]->staff.teachers_part;
		out->staff.room_hours_x10 += counties[k]->staff.room_hours_x10;
		out->staff.lessons_x100 += counties[k]->staff.lessons_x100;
		out->staff.classes_g4 += counties[k]->staff.classes_g4;
		out->staff.classes_committee += counties[k]->staff.classes_committee;
		out->staff.room_weeks += counties[k]->staff.room_weeks;
		out->staff.room_weeks_ok += counties[k]->staff.room_weeks_ok;
		out->staff.lesson_slots += counties[k]->staff.lesson_slots;
		out->staff.lesson_slots_ok += counties[k]->staff.lesson_slots_ok;
	}
	for (int t = 0; t < RX_STATS_NTABLES; t++)
		for (int e = 0; e < RX_OPS_STATS_ENTRIES; e++)
			if (out->hidden[t][e])
				out->v[t][e] = 0;
	if (n) {
		out->staff.room_hours_x10 /= (int64_t)n;
		out->staff.lessons_x100 /= (int64_t)n;
	}
}
