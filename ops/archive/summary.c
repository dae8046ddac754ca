/* Per-student summaries: screening rounds combined, assessments, and care facts. */
#include <stdlib.h>
#include <string.h>

#include "ops/archive/archive.h"
#include "ops/archive/screeningInt.h"

static long days(rx_schema_date d)
{
	return d.year ? rx_schema_date_days(d) : -1000000;
}

static void later(rx_schema_date *keep, rx_schema_date d)
{
	if (d.year && days(d) > days(*keep))
		*keep = d;
}

static void add_screening(const rx_screening_ctx *c, rx_summary *s,
	const rx_schema_rec *r)
{
	rx_sc_entry *e;
	const char *lv = rx_schema_rec_get(r, "lv");

	if (s->nsc == RX_SUMMARY_SC_MAX) {
		/* keep the newest: drop the oldest */
		size_t old = 0;
		for (size_t i = 1; i < s->nsc; i++)
			if (days(s->sc[i].d) < days(s->sc[old].d))
				old = i;
		s->sc[old] = s->sc[--s->nsc];
	}
	e = &s->sc[s->nsc++];
	snprintf(e->round, sizeof(e->round), "%s", rx_schema_rec_get(r, "r"));
	snprintf(e->scale, sizeof(e->scale), "%s", rx_schema_rec_get(r, "s"));
	e->adm = atoi(rx_schema_rec_get(r, "a"));
	e->d = rx_rec_date(rx_schema_rec_get(r, "d"));
	e->lv = lv ? (rx_schema_level)atoi(lv) : RX_SCHEMA_LEVEL_NONE;
	later(&s->screened_last, e->d);
	rx_screening_entry_score(c, e, r);
}

static void add_assessment(rx_summary *s, const rx_schema_rec *r)
{
	rx_schema_date d = rx_rec_date(rx_schema_rec_get(r, "d"));
	const char *lv = rx_schema_rec_get(r, "lv");

	if (lv && d.year) {
		size_t k = s->nconf;
		if (k == RX_SUMMARY_SC_MAX) /* keep the newest: drop the oldest */
			for (size_t i = k = 0; i < s->nconf; i++)
				if (days(s->conf_d[i]) < days(s->conf_d[k]))
					k = i;
		s->conf_d[k] = d, s->conf_lv[k] = (rx_schema_level)atoi(lv);
		s->nconf += k == s->nconf;
	}
	if (!lv || (s->ob.assessed.year && days(d) < days(s->ob.assessed)))
		return;
	s->ob.assessed = d;
	s->confirmed = (rx_schema_level)atoi(lv);
	snprintf(s->assessed_round, sizeof(s->assessed_round), "%s",
		rx_schema_rec_get(r, "r") ? rx_schema_rec_get(r, "r") : "");
}

/* The first confirmation of the latest run of the confirmed level (docs/rules.md §1). */
static void care_since(rx_summary *s)
{
	long brk = -2000000, first = 0;

	for (size_t i = 0; i < s->nconf; i++)
		if (s->conf_lv[i] != s->confirmed && days(s->conf_d[i]) > brk)
			brk = days(s->conf_d[i]);
	s->ob.care_since = (rx_schema_date){ 0, 0, 0 };
	for (size_t i = 0; i < s->nconf; i++)
		if (s->conf_lv[i] == s->confirmed && days(s->conf_d[i]) > brk &&
		    (!first || days(s->conf_d[i]) < days(s->ob.care_since)))
			s->ob.care_since = s->conf_d[i], first = 1;
}

/* Effective level: a confirmation after the proposal decides; else the higher. */
static void settle(rx_summary *s)
{
	rx_schema_oblig_student *o = &s->ob;
	const char *f = rx_schema_rec_get(s->st, "f");

	o->key_group = f && atoi(f) != 0;
	o->confirmed = s->confirmed;
	care_since(s);
	/* confirmed against an earlier round: settles nothing of this one, same day or not */
	o->assessed_stale = o->assessed.year && s->round[0] &&
		strcmp(s->assessed_round, s->round) != 0;
	o->level = RX_SCHEMA_LEVEL_NONE;
	if (s->confirmed >= 0) {
		o->level = s->confirmed;
		o->level_since = o->care_since.year ? o->care_since : o->assessed;
	}
	if (s->proposed > RX_SCHEMA_LEVEL_NONE &&
	    (s->confirmed < 0 || days(o->assessed) < days(o->proposed_since) ||
	     (days(o->assessed) == days(o->proposed_since) && o->assessed_stale)) &&
	    s->proposed > (s->confirmed < 0 ? RX_SCHEMA_LEVEL_NONE : s->confirmed)) {
		o->level = s->proposed;
		o->level_since = o->proposed_since;
	}
}

/* Parent letters (知情书 signed, 建议书 sent), parent contact, the latest referral's feedback. */
static void add_letters_feedback(rx_schema_oblig_student *o, const rx_schema_type *t,
	const rx_schema_rec *r, rx_schema_date d)
{
	const char *k = rx_schema_rec_get(r, "t"), *sg = rx_schema_rec_get(r, "sg");
	const char *gc = rx_schema_rec_get(r, "gc"), *fd = rx_schema_rec_get(r, "fd");
	static const rx_schema_date none = { 0, 0, 0 };

	if (!strcmp(t->code, "pn") || !strcmp(t->code, "hv"))
		later(&o->parent_contact, d);
	if (!strcmp(t->code, "pn") && k && !strcmp(k, "sug"))
		later(&o->suggestion, d);
	if (!strcmp(t->code, "pn") && k && !strcmp(k, "inf") && sg && !strcmp(sg, "1"))
		later(&o->notice, d);
	if (!strcmp(t->code, "rf") && days(d) >= days(o->referral)) {
		o->feedback = fd ? rx_rec_date(fd) : rx_schema_rec_get(r, "fb") ? d : none;
		o->referral_green = gc && !strcmp(gc, "1");
	}
}

/* An observation report (哨点/观察员): the latest one and the level it proposes. */
static void observation(rx_summary *s, const rx_schema_rec *r, rx_schema_date d)
{
	const char *lv = rx_schema_rec_get(r, "lv");

	if (!lv || (s->observed.year && days(d) < days(s->observed)))
		return;
	s->observed = d;
	s->observed_lv = (rx_schema_level)atoi(lv);
	snprintf(s->observed_ro, sizeof(s->observed_ro), "%s",
		rx_schema_rec_get(r, "ro") ? rx_schema_rec_get(r, "ro") : "");
}

/*
 * A report after the latest assessment proposes its level when higher than
 * the screenings': the one-to-one assessment of that level is then owed
 * from the report's date.
 */
static void observed_proposal(rx_summary *s)
{
	if (!s->observed.year || s->observed_lv <= RX_SCHEMA_LEVEL_NONE ||
	    s->observed_lv <= s->proposed ||
	    (s->ob.assessed.year && days(s->ob.assessed) >= days(s->observed)))
		return;
	s->proposed = s->ob.proposed = s->observed_lv;
	s->ob.proposed_since = s->observed;
	snprintf(s->why, sizeof(s->why), "观察报告 %04d-%02d-%02d 建议%s (an observer's report)",
		s->observed.year, s->observed.month, s->observed.day,
		rx_schema_level_name_zh(s->observed_lv));
}

static void add_care(rx_summary *s, const rx_schema_type *t, const rx_schema_rec *r,
	rx_schema_date ys)
{
	rx_schema_date d = rx_rec_date(rx_schema_rec_get(r, "d"));
	rx_schema_oblig_student *o = &s->ob;

	add_letters_feedback(o, t, r, d);
	/* contact with the family (S4 #4: 家访、家长会、电话、提醒函), not a talk with the student */
	if (!strcmp(t->code, "hv") || !strcmp(t->code, "pn"))
		later(&s->contacted, d);
	if (!strcmp(t->code, "ob"))
		observation(s, r, d);
	else if (!strcmp(t->code, "rf"))
		later(&o->referral, d);
	else if (!strcmp(t->code, "cs"))
		later(&o->session, d);
	else if (!strcmp(t->code, "cp")) {
		later(&o->care_plan, d);
		s->mentor |= rx_schema_rec_get(r, "mt") != NULL;
		if (rx_schema_rec_get(r, "mt") && rx_schema_rec_get(r, "pp")) {
			rx_schema_date g = rx_rec_date(rx_schema_rec_get(r, "gd"));
			later(&o->growth_group, g.year ? g : d);
		}
	} else if (!strcmp(t->code, "hv") && days(d) >= days(ys)) {
		later(&o->visit, d);
		o->visit_on_site |= !strcmp(rx_schema_rec_get(r, "m"), "os");
	}
}

rx_summary *rx_summaries_find(const rx_summaries *ss, const char *no)
{
	rx_schema_rec *r = rx_recset_find(&ss->students, no);

	return r ? &ss->s[r - ss->students.r] : NULL;
}

static int load_kind(rx_summaries *ss, rx_archive *a, const char *code,
	const char *owner, rx_schema_date today, const rx_screening_ctx *c, rx_error *err)
{
	const rx_schema_type *t = rx_schema_type_find(code);
	rx_schema_date ys = rx_schema_school_year_start(today);
	rx_recset set;
	char no[33];
	int rc;

	if ((rc = rx_recset_load(&set, a, t, owner, err)) < 0)
		return rc;
	for (size_t i = 0; i < set.n; i++) {
		rx_summary *s;

		rx_schema_rec_owner(&set.r[i], no);
		if (!(s = rx_summaries_find(ss, no)))
			continue;
		if (!strcmp(code, "sc"))
			add_screening(c, s, &set.r[i]);
		else if (!strcmp(code, "as"))
			add_assessment(s, &set.r[i]);
		else
			add_care(s, t, &set.r[i], ys);
	}
	rx_recset_free(&set);
	return 0;
}

int rx_summaries_load(rx_summaries *ss, rx_archive *a, const char *owner,
	rx_schema_date today, rx_error *err)
{
	static const char *const kinds[] = { "sc", "as", "pn", "rf", "cs", "cp", "hv", "ob" };
	rx_screening_ctx c;
	int rc;

	memset(ss, 0, sizeof(*ss));
	if ((rc = rx_screening_ctx_open(&c, err)) < 0)
		goto out;
	if ((rc = rx_recset_load(&ss->students, a, rx_schema_type_find("st"), owner,
		err)) < 0)
		goto out;
	if (!(ss->s = calloc(ss->students.n + 1, sizeof(*ss->s)))) {
		rc = rx_error_nomem(err);
		goto out;
	}
	for (size_t i = 0; i < ss->students.n; i++) {
		ss->s[i].st = &ss->students.r[i];
		ss->s[i].ob.ref = i;
		ss->s[i].confirmed = RX_SCHEMA_LEVEL_MISSING;
	}
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if ((rc = load_kind(ss, a, kinds[k], owner, today, &c, err)) < 0)
			goto out;
	if ((rc = rx_summaries_incidents_load(ss, a, owner, err)) < 0)
		goto out;
	for (size_t i = 0; i < ss->students.n; i++) {
		rx_screening_propose(&c, &ss->s[i], today);
		rx_summary_incident_propose(&ss->s[i]);
		observed_proposal(&ss->s[i]);
		settle(&ss->s[i]);
		ss->s[i].left = rx_archive_student_left(ss->s[i].st);
	}
	rc = rx_recset_load(&ss->reviews, a, rx_schema_type_find("rr"), NULL, err);
out:
	rx_screening_ctx_close(&c);
	return rc;
}

void rx_summaries_free(rx_summaries *ss)
{
	rx_recset_free(&ss->students);
	rx_recset_free(&ss->incidents);
	rx_recset_free(&ss->reviews);
	free(ss->s);
	memset(ss, 0, sizeof(*ss));
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

void rx_summary_incident(rx_schema_oblig_incident *out, const rx_schema_rec *in,
	const rx_schema_rec *rr)
{
	static const char *const aspects[] = { "a1", "a2", "a3", "a4" };
	/* cx: the county's countersignature, verified (ops/report); a typed sc no longer counts */
	static const char *const signs[] = { "si", "ss", "sp", "cx" };

	memset(out, 0, sizeof(*out));
	out->date = rx_rec_date(rx_schema_rec_get(in, "d"));
	if (!rr)
		return;
	out->submitted = rx_rec_date(rx_schema_rec_get(rr, "sd"));
	for (int i = 0; i < 4; i++) {
		const char *v = rx_schema_rec_get(rr, aspects[i]);

		out->chars += utf8_chars(v);
		out->aspects += v != NULL;
		out->signatures += rx_schema_rec_get(rr, signs[i]) != NULL;
	}
}

int rx_summaries_load_one(rx_summaries *ss, rx_summary **s,
	rx_schema_date *today, rx_archive *a, const char *no, rx_error *err)
{
	int rc;

	if ((rc = rx_rec_today(today, err)) < 0 ||
	    (rc = rx_summaries_load(ss, a, no, *today, err)) < 0)
		return rc;
	if (!(*s = rx_summaries_find(ss, no)))
		return rx_error_set(err, RX_EINPUT, "学号不在花名册中 (unknown student)");
	return 0;
}
