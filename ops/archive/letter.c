/* A letter to a student's parents (知情书, 建议书) as printable HTML: the facts filled into a template, logged. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ops/archive/archive.h"
#include "schema/builtin.h"
#include "schema/letter.h"

/* What goes into a letter, owned here. */
typedef struct facts {
	char school[RX_NAME_MAX + 1], klass[64], level[16], date[32];
	const char *basis; /* what the level rests on, as the letter says it */
	char *contact, *head_teacher; /* malloc'ed or NULL */
} facts;

/* The school's name: this node's (certified, else its own), or its parent's for a device. */
static int school_name(char *out, size_t cap, rx_archive *a, rx_error *err)
{
	rx_home_status st;
	int rc;

	out[0] = 0;
	if ((rc = rx_home_status_get(&st, a->h, err)) < 0)
		return rc;
	for (size_t i = 0; i < st.n; i++)
		if (st.chain[i].role == RX_ROLE_SCHOOL) {
			snprintf(out, cap, "%s", st.chain[i].name);
			break;
		}
	/* a school not yet enrolled still has its own name */
	if (!out[0] && st.self.role == RX_ROLE_SCHOOL)
		snprintf(out, cap, "%s", st.self.name);
	return 0;
}

/* The school's psychology teachers (full-time, then part-time), else the operator. */
static int contact(char **out, rx_archive *a, rx_error *err)
{
	static const char *const roles[] = { "fp", "pp" };
	rx_recset sf;
	rx_buf b = RX_BUF_INIT;
	int rc;

	if ((rc = rx_recset_load(&sf, a, rx_schema_type_find("sf"), NULL, err)) < 0)
		return rc;
	for (int k = 0; k < 2 && rc == 0; k++)
		for (size_t i = 0; i < sf.n && rc == 0; i++) {
			const char *ro = rx_schema_rec_get(&sf.r[i], "ro");
			const char *n = rx_schema_rec_get(&sf.r[i], "n");

			if (ro && n && !strcmp(ro, roles[k]))
				rc = rx_buf_printf(&b, err, "%s%s", b.len ? "、" : "心理健康教师 ", n);
		}
	rx_recset_free(&sf);
	if (rc == 0 && (rc = rx_buf_cstr(&b, err)) == 0)
		*out = b.len ? (char *)b.data : rx_home_get(a->h, "operator");
	if (rc < 0 || !b.len)
		rx_buf_free(&b);
	return rc;
}

static int head_teacher(char **out, rx_archive *a, const rx_schema_rec *st, rx_error *err)
{
	char id[48];
	rx_schema_rec cl;
	int found = 0, rc;
	const char *ht;

	snprintf(id, sizeof(id), "%s/%s", rx_schema_rec_get(st, "gr"), rx_schema_rec_get(st, "c"));
	if ((rc = rx_rec_get(&cl, a, rx_schema_type_find("cl"), id, &found, err)) == 0 &&
	    found && (ht = rx_schema_rec_get(&cl, "ht")) && !(*out = strdup(ht)))
		rc = rx_error_nomem(err);
	rx_schema_rec_clear(&cl);
	return rc;
}

static long day(rx_schema_date d)
{
	return d.year ? rx_schema_date_days(d) : -1;
}

/*
 * What led to the confirmed level: the latest screening that proposed a
 * warning, incident or observer's report dated on or before the level's
 * first confirmation (docs/rules.md section 4); a teacher's own assessment
 * when none did. A classmate who reported is never named.
 */
static const char *basis(const rx_summary *s)
{
	const rx_schema_oblig_student *o = &s->ob;
	long start = day(o->care_since.year ? o->care_since : o->assessed), scr = -1, obs = -1;
	long inc = day(o->incident) <= start ? day(o->incident) : -1;

	for (size_t i = 0; i < s->nsc; i++)
		if (s->sc[i].lv > RX_SCHEMA_LEVEL_NONE && day(s->sc[i].d) <= start &&
		    day(s->sc[i].d) > scr)
			scr = day(s->sc[i].d);
	if (s->observed_lv > RX_SCHEMA_LEVEL_NONE && day(s->observed) <= start)
		obs = day(s->observed);
	if (inc >= 0 && inc >= obs && inc >= scr)
		return "根据学校了解到的孩子近期发生的情况和心理健康教师的一对一专业评估";
	if (obs >= 0 && obs >= scr)
		return !strcmp(s->observed_ro, "ht") || !strcmp(s->observed_ro, "te") ||
			!strcmp(s->observed_ro, "pt") ?
			"根据老师在校的日常观察和心理健康教师的一对一专业评估" :
			"根据学校的日常观察和心理健康教师的一对一专业评估";
	if (scr >= 0)
		return "根据学校心理健康测评和心理健康教师的一对一专业评估";
	return "根据学校心理健康教师的一对一专业评估";
}

static int gather(facts *f, rx_archive *a, const rx_summary *s, rx_schema_date today,
	const char *contact_given, rx_error *err)
{
	int rc;

	snprintf(f->klass, sizeof(f->klass), "%s年级%s班", rx_schema_rec_get(s->st, "gr"),
		rx_schema_rec_get(s->st, "c"));
	snprintf(f->level, sizeof(f->level), "%s色", rx_schema_level_name_zh(s->confirmed));
	snprintf(f->date, sizeof(f->date), "%d年%d月%d日", today.year, today.month, today.day);
	f->basis = basis(s);
	if ((rc = school_name(f->school, sizeof(f->school), a, err)) < 0 ||
	    (rc = head_teacher(&f->head_teacher, a, s->st, err)) < 0)
		return rc;
	if (contact_given)
		return (f->contact = strdup(contact_given)) ? 0 : rx_error_nomem(err);
	return contact(&f->contact, a, err);
}

/* The school's own template HOME/letters/KIND.html, else the built-in one. */
static int template(rx_buf *out, rx_archive *a, const char *kind, rx_error *err)
{
	const rx_schema_builtin *b = rx_schema_builtin_find("html", kind);
	char name[32];
	char *path;
	struct stat st;
	int rc;

	snprintf(name, sizeof(name), "letters/%s.html", kind);
	if (!(path = rx_ops_path_join(a->h->path, name)))
		return rx_error_nomem(err);
	if (stat(path, &st) == 0)
		rc = rx_ops_file_read(out, path, RX_SCHEMA_LETTER_MAX, err);
	else if (errno != ENOENT)
		rc = rx_error_set(err, RX_EINPUT, "无法读取信函模板 %s: %s (cannot read)", path,
			strerror(errno));
	else
		rc = b ? rx_buf_put(out, b->data, b->len, err) :
			rx_error_set(err, RX_EINTERNAL, "没有内置信函 '%s' (no built-in letter)", kind);
	free(path);
	return rc;
}

static int render(rx_buf *out, const facts *f, const rx_summary *s, const rx_buf *tpl,
	rx_error *err)
{
	static const char *const sections[] = { "", "yellow", "orange", "red" };
	const rx_schema_letter_var vars[] = {
		{ "school", f->school }, { "name", rx_schema_rec_get(s->st, "n") },
		{ "class", f->klass }, { "level", f->level }, { "date", f->date },
		{ "contact", f->contact }, { "head_teacher", f->head_teacher },
		{ "basis", f->basis },
	};
	rx_schema_letter l = { (const char *)tpl->data, tpl->len, vars,
		sizeof(vars) / sizeof(vars[0]), sections[s->confirmed] };

	return rx_schema_letter_render(out, &l, err);
}

int rx_archive_letter_write(rx_buf *out, rx_archive *a, const rx_archive_letter_opts *o,
	rx_error *err)
{
	rx_summaries ss = { 0 };
	rx_summary *s;
	rx_schema_date today;
	rx_buf tpl = RX_BUF_INIT;
	facts f = { 0 };
	char what[64];
	int rc;

	if (strcmp(o->kind, "inf") && strcmp(o->kind, "sug"))
		return rx_error_set(err, RX_EUSAGE, "--kind 为 inf (知情书) 或 sug (建议书)");
	if ((rc = rx_summaries_load_one(&ss, &s, &today, a, o->no, err)) < 0)
		goto out;
	if (s->confirmed <= RX_SCHEMA_LEVEL_NONE || s->confirmed > RX_SCHEMA_LEVEL_RED) {
		rc = rx_error_set(err, RX_EINPUT, "学生 %s 尚无经评估确认的预警等级: 请先一对一评估并用 "
			"confirm 确认 (no confirmed warning level)", o->no);
		goto out;
	}
	if ((rc = gather(&f, a, s, today, o->contact, err)) < 0 ||
	    (rc = template(&tpl, a, o->kind, err)) < 0 ||
	    (rc = render(out, &f, s, &tpl, err)) < 0)
		goto out;
	if (o->contact_blank)
		*o->contact_blank = !f.contact || !f.contact[0];
	snprintf(what, sizeof(what), "letter %s %s", o->kind, o->no);
	rc = rx_rec_access(a, what, err);
out:
	free(f.contact);
	free(f.head_teacher);
	rx_buf_free(&tpl);
	rx_summaries_free(&ss);
	return rc;
}
