/* Incidents: the students involved and the classmates named, checked on adding, and what they owe. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/archive/archive.h"

#define NOS_MAX 64 /* students in one list */

/* Separators between student numbers: ; , space, and their full-width forms, 、 */
static size_t sep_len(const char *p)
{
	static const char *const seps[] = { ";", ",", " ", "\t", "；", "，", "、", "　" };

	for (size_t i = 0; i < sizeof(seps) / sizeof(seps[0]); i++)
		if (!strncmp(p, seps[i], strlen(seps[i])))
			return strlen(seps[i]);
	return 0;
}

/* The next token of p: *tok and *len; NULL at the end. */
static const char *token(const char *p, const char **tok, size_t *len)
{
	size_t k;

	while (*p && (k = sep_len(p)))
		p += k;
	if (!*p)
		return NULL;
	*tok = p;
	while (*p && !sep_len(p))
		p++;
	*len = (size_t)(p - *tok);
	return p;
}

const char *rx_archive_nos_next(const char *p, char out[static 33])
{
	const char *tok;
	size_t n;

	if (!(p = token(p, &tok, &n)))
		return NULL;
	n = n > 32 ? 32 : n; /* a longer one is never stored (rx_archive_nos_norm) */
	memcpy(out, tok, n);
	out[n] = 0;
	return p;
}

int rx_archive_nos_has(const char *list, const char *no)
{
	char x[33];

	for (const char *p = list; p && (p = rx_archive_nos_next(p, x));)
		if (!strcmp(x, no))
			return 1;
	return 0;
}

int rx_archive_nos_norm(char **list, const char *label, rx_error *err)
{
	char nos[NOS_MAX][33], *out;
	const char *tok;
	size_t n = 0, len, at = 0;

	for (const char *p = *list; (p = token(p, &tok, &len));) {
		size_t i;

		if (len > 32 || (memcpy(nos[n], tok, len), nos[n][len] = 0,
		    !rx_schema_no_valid(nos[n]))) {
			size_t cut = len > 40 ? 40 : len;

			while (cut < len && cut > 0 && ((unsigned char)tok[cut] & 0xc0) == 0x80)
				cut--;
			return rx_error_set(err, RX_EINPUT, "%s '%.*s' 不是学号 (not a student number)",
				label, (int)cut, tok);
		}
		for (i = 0; i < n && strcmp(nos[i], nos[n]); i++)
			;
		if (i == n && ++n == NOS_MAX)
			return rx_error_set(err, RX_EINPUT, "%s 最多 %d 人 (at most %d students)",
				label, NOS_MAX - 1, NOS_MAX - 1);
	}
	if (n == 0) {
		free(*list);
		*list = NULL;
		return 0;
	}
	if (!(out = malloc(n * 33 + 1)))
		return rx_error_nomem(err);
	out[0] = 0;
	for (size_t i = 0; i < n; i++)
		at += (size_t)sprintf(out + at, "%s%s", i ? ";" : "", nos[i]);
	free(*list);
	*list = out;
	return 0;
}

/* Each student of the list in field f of r must be on the roster. */
static int check_listed(rx_archive *a, const rx_schema_rec *r, const char *f, rx_error *err)
{
	const rx_schema_type *st = rx_schema_type_find("st");
	const char *list = rx_schema_rec_get(r, f);
	rx_schema_rec x;
	char no[33];
	int found, rc = 0;

	for (const char *p = list; rc == 0 && p && (p = rx_archive_nos_next(p, no));) {
		rc = rx_rec_get(&x, a, st, no, &found, err);
		rx_schema_rec_clear(&x);
		if (rc == 0 && !found)
			rc = rx_error_set(err, RX_EINPUT, "%s %s 不在花名册中 (unknown student)",
				r->type->fields[rx_schema_field_find(r->type, f)].zh, no);
	}
	return rc;
}

/* A student is either involved (st) or a classmate to follow up (cm), never both. */
static int check_disjoint(const rx_schema_rec *r, rx_error *err)
{
	const char *cm = rx_schema_rec_get(r, "cm");
	char no[33];

	for (const char *p = rx_schema_rec_get(r, "st"); p && (p = rx_archive_nos_next(p, no));)
		if (rx_archive_nos_has(cm, no))
			return rx_error_set(err, RX_EINPUT, "学生 %s 既是涉及学生又是需随访同学: 请只填在一处 "
				"(a student cannot be both involved and a classmate to follow up)", no);
	return 0;
}

int rx_archive_incident_prepare(rx_archive *a, rx_schema_rec *r, rx_error *err)
{
	int ino = rx_schema_field_find(r->type, "no"), ist = rx_schema_field_find(r->type, "st");
	int icm = rx_schema_field_find(r->type, "cm");
	int rc;

	if (r->val[ino]) { /* no=S001: one more student involved */
		char *v = malloc(strlen(r->val[ino]) + (r->val[ist] ? strlen(r->val[ist]) : 0) + 2);

		if (!v)
			return rx_error_nomem(err);
		sprintf(v, "%s%s%s", r->val[ist] ? r->val[ist] : "", r->val[ist] ? ";" : "",
			r->val[ino]);
		free(r->val[ist]);
		r->val[ist] = v;
		free(r->val[ino]);
		r->val[ino] = NULL;
	}
	if ((r->val[ist] && (rc = rx_archive_nos_norm(&r->val[ist], "涉及学生", err)) < 0) ||
	    (r->val[icm] && (rc = rx_archive_nos_norm(&r->val[icm], "需随访同学", err)) < 0) ||
	    (rc = check_disjoint(r, err)) < 0 ||
	    (rc = check_listed(a, r, "st", err)) < 0 || (rc = check_listed(a, r, "cm", err)) < 0)
		return rc;
	return 0;
}

/* The students involved: st, or for an incident recorded before st existed, its id's student. */
static const char *involved(const rx_schema_rec *in, char legacy[static 33])
{
	const char *st = rx_schema_rec_get(in, "st");

	if (st || in->id[0] == '@')
		return st;
	legacy[0] = 0;
	sscanf(in->id, "%32[^/]", legacy);
	return legacy;
}

static void later(rx_schema_date *keep, rx_schema_date d)
{
	if (d.year && (!keep->year || rx_schema_date_days(d) > rx_schema_date_days(*keep)))
		*keep = d;
}

/* Mark each student named by in (involved, or a classmate) in the summaries. */
static void mark(rx_summaries *ss, const rx_schema_rec *in)
{
	rx_schema_date d = rx_rec_date(rx_schema_rec_get(in, "d"));
	const char *lists[2] = { NULL, rx_schema_rec_get(in, "cm") };
	char legacy[33], no[33];

	lists[0] = involved(in, legacy);
	for (int k = 0; k < 2; k++)
		for (const char *p = lists[k]; p && (p = rx_archive_nos_next(p, no));) {
			rx_schema_rec *st = rx_recset_find(&ss->students, no);
			rx_schema_oblig_student *o;

			if (!st)
				continue;
			o = &ss->s[st - ss->students.r].ob;
			later(k ? &o->incident_classmate : &o->incident, d);
		}
}

int rx_archive_incident_names(const rx_schema_rec *in, const char *no)
{
	char legacy[33];

	return rx_archive_nos_has(involved(in, legacy), no) ||
		rx_archive_nos_has(rx_schema_rec_get(in, "cm"), no);
}

int rx_summaries_incidents_load(rx_summaries *ss, rx_archive *a, const char *owner,
	rx_error *err)
{
	rx_recset *set = &ss->incidents;
	size_t keep = 0;
	int rc;

	if ((rc = rx_recset_load(set, a, rx_schema_type_find("in"), NULL, err)) < 0)
		return rc;
	for (size_t i = 0; i < set->n; i++) {
		mark(ss, &set->r[i]);
		if (owner && !rx_archive_incident_names(&set->r[i], owner))
			rx_schema_rec_clear(&set->r[i]);
		else
			set->r[keep++] = set->r[i];
	}
	set->n = keep;
	return 0;
}

int rx_archive_incidents_of(rx_recset *out, rx_archive *a, const char *no, rx_error *err)
{
	size_t keep = 0;
	int rc;

	if ((rc = rx_recset_load(out, a, rx_schema_type_find("in"), NULL, err)) < 0)
		return rc;
	for (size_t i = 0; i < out->n; i++)
		if (!rx_archive_incident_names(&out->r[i], no))
			rx_schema_rec_clear(&out->r[i]);
		else
			out->r[keep++] = out->r[i];
	out->n = keep;
	return 0;
}

void rx_summary_incident_propose(rx_summary *s)
{
	rx_schema_oblig_student *o = &s->ob;
	long inc = o->incident.year ? rx_schema_date_days(o->incident) : 0;
	long since = o->proposed_since.year ? rx_schema_date_days(o->proposed_since) : 0;
	long assessed = o->assessed.year ? rx_schema_date_days(o->assessed) : -1;

	if (!o->incident.year)
		return;
	/* a later screening's proposal, after the incident was assessed, stands */
	if (s->proposed > RX_SCHEMA_LEVEL_NONE && since > inc && assessed >= inc)
		return;
	/* an earlier red proposal nobody assessed keeps its earlier clock */
	if (s->proposed == RX_SCHEMA_LEVEL_RED && since && since < inc && assessed < since)
		return;
	s->proposed = o->proposed = RX_SCHEMA_LEVEL_RED;
	o->proposed_since = o->incident;
	snprintf(s->why, sizeof(s->why), "极端事件 %04d-%02d-%02d (an incident)",
		o->incident.year, o->incident.month, o->incident.day);
}
