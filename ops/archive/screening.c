/* A student's screenings: the latest round combined, what made the proposal, which scales fit. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/archive/screeningInt.h"
#include "schema/builtin.h"

int rx_screening_ctx_open(rx_screening_ctx *c, rx_error *err)
{
	size_t n;
	const rx_schema_builtin *b = rx_schema_builtin_list(&n);
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = rx_schema_oblig_default(&c->cfg, err)) < 0)
		return rc;
	for (size_t i = 0; i < n && c->n < RX_SCREENING_SCALES_MAX; i++)
		if (!strcmp(b[i].kind, "scale") &&
		    (rc = rx_schema_builtin_scale(&c->scale[c->n++], b[i].name, err)) < 0)
			return rc;
	return 0;
}

void rx_screening_ctx_close(rx_screening_ctx *c)
{
	for (size_t i = 0; i < c->n; i++)
		rx_schema_scale_free(c->scale[i]);
	memset(c, 0, sizeof(*c));
}

static const rx_schema_scale *find_scale(const rx_screening_ctx *c, const char *id)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->scale[i] && !strcmp(rx_schema_scale_id(c->scale[i]), id))
			return c->scale[i];
	return NULL;
}

void rx_screening_entry_score(const rx_screening_ctx *c, rx_sc_entry *e,
	const rx_schema_rec *r)
{
	const rx_schema_scale *sc = find_scale(c, e->scale);
	int answers[RX_SCHEMA_ITEMS_MAX];
	rx_schema_score score;
	size_t n;

	e->total = -1, e->band = -1, e->crit = 0, e->std = 0, e->voided = 0;
	if (!sc)
		return;
	n = rx_schema_scale_items_all(sc);
	for (size_t i = 0; i < n; i++) {
		char q[24];
		const char *v;

		snprintf(q, sizeof(q), "q%zu", i + 1);
		v = rx_schema_rec_get(r, q);
		answers[i] = v ? atoi(v) : RX_SCHEMA_UNANSWERED;
	}
	if (rx_schema_scale_score(sc, answers, n, &score, NULL) < 0)
		return;
	e->total = score.has_standard ? score.standard : score.total;
	e->std = (unsigned char)score.has_standard;
	e->voided = (unsigned char)score.voided;
	/* norm tables need grade and sex: the standard score kept at import */
	if (rx_schema_scale_needs_who(sc) && rx_schema_rec_get(r, "ss")) {
		e->total = atoi(rx_schema_rec_get(r, "ss"));
		e->voided = 0;
		score.band = rx_schema_scale_band_of(sc, e->total);
	}
	e->band = e->voided ? -1 : (signed char)score.band;
	e->crit = (unsigned char)score.critical;
}

static long days(rx_schema_date d)
{
	return d.year ? rx_schema_date_days(d) : -1000000;
}

/* Append "; " and a formatted part to s->why (cut short when full). */
static void why_add(rx_summary *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void why_add(rx_summary *s, const char *fmt, ...)
{
	size_t n = strlen(s->why);
	va_list ap;

	if (n + 8 >= sizeof(s->why))
		return;
	if (n)
		n += (size_t)snprintf(s->why + n, sizeof(s->why) - n, "; ");
	va_start(ap, fmt);
	vsnprintf(s->why + n, sizeof(s->why) - n, fmt, ap);
	va_end(ap);
}

/* "PHQ-9 第9题 阳性", and with total "PHQ-9 第9题 阳性, 总分 16 (中重度)". */
static void why_entry(const rx_screening_ctx *c, rx_summary *s, const rx_sc_entry *e,
	int total)
{
	const rx_schema_scale *sc = find_scale(c, e->scale);
	const char *band = sc && e->band >= 0 ? rx_schema_scale_band_zh(sc, (size_t)e->band) : NULL;
	char items[64] = "";
	size_t n = 0;

	for (size_t i = 0; sc && i < rx_schema_scale_critical_count(sc); i++)
		if (((e->crit >> i) & 1) && rx_schema_scale_critical_item(sc, i) &&
		    n + 16 < sizeof(items))
			n += (size_t)snprintf(items + n, sizeof(items) - n, "%s第%zu题",
				n ? "、" : "", rx_schema_scale_critical_item(sc, i));

	if (!sc || (!n && (!total || e->total < 0)))
		return;
	if (total && e->voided)
		why_add(s, "%s %s%s%s无效", rx_schema_scale_short(sc), items,
			n ? " 阳性" : "", n ? ", " : "");
	else if (total && e->total >= 0)
		why_add(s, "%s %s%s%s%s %d (%s)", rx_schema_scale_short(sc), items,
			n ? " 阳性" : "", n ? ", " : "", e->std ? "标准分" : "总分", e->total,
			band ? band : "?");
	else {
		char part[96];

		snprintf(part, sizeof(part), "%s %s 阳性", rx_schema_scale_short(sc), items);
		if (!strstr(s->why, part))
			why_add(s, "%s", part);
	}
}

/* The entries of scale `scale` in round `round`: by administration (1, 2). */
static void round_of(const rx_summary *s, const char *scale, const char *round,
	rx_schema_adm a[3], const rx_sc_entry *e[3])
{
	for (int k = 0; k < 3; k++) {
		a[k] = (rx_schema_adm){ .lv = RX_SCHEMA_LEVEL_MISSING };
		e[k] = NULL;
	}
	for (size_t j = 0; j < s->nsc; j++) {
		const rx_sc_entry *x = &s->sc[j];

		if (strcmp(x->scale, scale) || strcmp(x->round, round) ||
		    (x->adm != 1 && x->adm != 2))
			continue;
		a[x->adm] = (rx_schema_adm){ .lv = x->lv, .d = x->d };
		e[x->adm] = x;
	}
}

/* Administrations of one scale this school year: 2 only when far enough apart. */
static int screened(const rx_summary *s, const char *scale, rx_schema_date ys,
	int min_interval)
{
	long d[3] = { 0, 0, 0 };
	int n[3] = { 0, 0, 0 };

	for (size_t j = 0; j < s->nsc; j++) {
		const rx_sc_entry *x = &s->sc[j];

		if (!strcmp(x->scale, scale) && (x->adm == 1 || x->adm == 2) &&
		    days(x->d) >= days(ys))
			n[x->adm] = 1, d[x->adm] = days(x->d);
	}
	if (n[1] && n[2] && labs(d[1] - d[2]) < min_interval)
		return 1;
	return n[1] + n[2];
}

/* A discordant round of one scale: the facts its assessment needs, and why. */
static void discordant(const rx_screening_ctx *c, rx_summary *s, const rx_schema_round *r,
	const rx_sc_entry *e[3])
{
	rx_schema_oblig_student *o = &s->ob;
	const rx_schema_scale *sc = find_scale(c, (e[1] ? e[1] : e[2])->scale);
	const char *name = sc ? rx_schema_scale_short(sc) : (e[1] ? e[1] : e[2])->scale;

	s->discordant = 1;
	if (!o->discordant_since.year || days(r->since) < days(o->discordant_since))
		o->discordant_since = r->since, o->discordant_start = r->start;
	if (r->worse > o->discordant_level)
		o->discordant_level = r->worse;
	if (r->discordant == 2) {
		why_add(s, "%s 只测了一次, 第二次 %d 天内未测", name, c->cfg.round_window_days);
	} else {
		const rx_sc_entry *x = days(e[1]->d) <= days(e[2]->d) ? e[1] : e[2];
		const rx_sc_entry *y = x == e[1] ? e[2] : e[1];

		if (x->total >= 0 && y->total >= 0)
			why_add(s, "%s 两次等级相差两级以上 (%s → %s; %s %d → %d)", name,
				rx_schema_level_name_zh(x->lv), rx_schema_level_name_zh(y->lv),
				x->std ? "标准分" : "总分", x->total, y->total);
		else
			why_add(s, "%s 两次等级相差两级以上 (%s → %s)", name,
				rx_schema_level_name_zh(x->lv), rx_schema_level_name_zh(y->lv));
	}
}

/* The latest round: the one of the latest screening date. */
static void latest_round(rx_summary *s)
{
	rx_schema_date last = { 0, 0, 0 };

	s->round[0] = '\0';
	for (size_t i = 0; i < s->nsc; i++)
		if (days(s->sc[i].d) >= days(last)) {
			last = s->sc[i].d;
			snprintf(s->round, sizeof(s->round), "%s", s->sc[i].round);
		}
}

/* Whether any scale fits the student's grade and age today. */
static int fits_any(const rx_screening_ctx *c, const rx_summary *s, rx_schema_date today)
{
	const char *gr = rx_schema_rec_get(s->st, "gr");
	int age = rx_schema_age_on(rx_rec_date(rx_schema_rec_get(s->st, "b")), today);

	for (size_t i = 0; i < c->n; i++)
		if (rx_schema_scale_fits(c->scale[i], gr ? atoi(gr) : 0, age))
			return 1;
	return c->n == 0;
}

/* Per scale of the latest round: its proposal, discordance; screened this year. */
static size_t combine(const rx_screening_ctx *c, rx_summary *s, rx_schema_date today,
	rx_schema_level *per)
{
	rx_schema_date ys = rx_schema_school_year_start(today);
	size_t nper = 0;

	for (size_t i = 0; i < s->nsc; i++) {
		rx_schema_adm a[3];
		const rx_sc_entry *e[3];
		rx_schema_round r;
		int seen = 0, n;

		for (size_t j = 0; j < i; j++)
			seen |= !strcmp(s->sc[j].scale, s->sc[i].scale);
		if (seen)
			continue;
		if ((n = screened(s, s->sc[i].scale, ys, c->cfg.min_interval_days)) > s->ob.screened)
			s->ob.screened = n;
		round_of(s, s->sc[i].scale, s->round, a, e);
		rx_schema_round_combine(&r, &a[1], &a[2], c->cfg.round_window_days, today);
		if (r.level == RX_SCHEMA_LEVEL_MISSING)
			continue;
		per[nper++] = r.level;
		if (r.discordant)
			discordant(c, s, &r, e);
	}
	return nper;
}

/* Start of the proposal, the latest critical answer; the entry that made the proposal. */
static const rx_sc_entry *starts(rx_summary *s)
{
	rx_schema_oblig_student *o = &s->ob;
	const rx_sc_entry *made = NULL;

	for (size_t i = 0; i < s->nsc; i++) {
		const rx_sc_entry *e = &s->sc[i];

		if (strcmp(e->round, s->round))
			continue;
		if (s->proposed > RX_SCHEMA_LEVEL_NONE && e->lv >= s->proposed &&
		    (!o->proposed_since.year || days(e->d) < days(o->proposed_since)))
			o->proposed_since = e->d;
		/* each critical answer owes its own same-day assessment: the latest */
		if (e->crit && days(e->d) > days(o->critical_since))
			o->critical_since = e->d;
		if (e->lv == s->proposed && (!made || days(e->d) >= days(made->d)))
			made = e;
	}
	return made;
}

void rx_screening_propose(const rx_screening_ctx *c, rx_summary *s, rx_schema_date today)
{
	rx_schema_level per[RX_SUMMARY_SC_MAX];
	const rx_sc_entry *made;
	size_t nper;

	s->why[0] = '\0';
	latest_round(s);
	nper = combine(c, s, today, per);
	s->proposed = rx_schema_level_combine_scales(per, nper);
	s->ob.proposed = s->proposed;
	s->ob.no_fitting_scale = !fits_any(c, s, today);
	made = starts(s);
	if (made && s->proposed > RX_SCHEMA_LEVEL_NONE) {
		char keep[sizeof(s->why)];

		/* the entry that made the proposal comes first */
		snprintf(keep, sizeof(keep), "%s", s->why);
		s->why[0] = '\0';
		why_entry(c, s, made, 1);
		if (keep[0])
			why_add(s, "%s", keep);
	}
	for (size_t i = 0; i < s->nsc; i++)
		if (!strcmp(s->sc[i].round, s->round) && s->sc[i].crit && &s->sc[i] != made)
			why_entry(c, s, &s->sc[i], 0);
}
