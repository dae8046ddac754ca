/* Text for teachers: display width, aligned tables, and field values in Chinese. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/archive/render.h"
#include "schema/builtin.h"
#include "schema/groups.h"
#include "schema/import.h"
#include "schema/rules.h"

/* One code point at s (len bytes left) into *cp; its length, or 1 for a bad byte (cp -1). */
static size_t utf8_next(const unsigned char *s, size_t len, long *cp)
{
	size_t n = s[0] < 0x80 ? 1 : s[0] >= 0xf0 && s[0] < 0xf5 ? 4 : s[0] >= 0xe0 ? 3 :
		s[0] >= 0xc2 && s[0] < 0xe0 ? 2 : 0;
	long v;

	if (n == 1 || n == 0 || n > len) {
		*cp = n == 1 ? s[0] : -1;
		return 1;
	}
	v = s[0] & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = -1;
			return 1;
		}
		v = v << 6 | (s[i] & 0x3f);
	}
	*cp = v;
	return n;
}

/* East Asian Wide and Fullwidth ranges (Unicode EastAsianWidth W/F), as teachers' text uses them. */
static int cp_width(long c)
{
	static const long wide[][2] = {
		{ 0x1100, 0x115f }, { 0x2e80, 0x303e }, { 0x3041, 0x33ff }, { 0x3400, 0x4dbf },
		{ 0x4e00, 0x9fff }, { 0xa000, 0xa4cf }, { 0xac00, 0xd7a3 }, { 0xf900, 0xfaff },
		{ 0xfe30, 0xfe4f }, { 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x1f300, 0x1f64f },
		{ 0x20000, 0x2fffd }, { 0x30000, 0x3fffd } };

	if ((c >= 0x300 && c <= 0x36f) || c == 0x200b || (c >= 0xfe00 && c <= 0xfe0f))
		return 0;
	for (size_t i = 0; i < sizeof(wide) / sizeof(wide[0]); i++)
		if (c >= wide[i][0] && c <= wide[i][1])
			return 2;
	return 1;
}

size_t rx_text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), w = 0;
	long c;

	for (size_t i = 0; i < len;) {
		i += utf8_next(p + i, len - i, &c);
		w += c < 0 ? 1 : (size_t)cp_width(c);
	}
	return w;
}

int rx_table_init(rx_table *t, size_t ncols, const char *const *header, rx_error *err)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	if (rx_table_row(t, err) < 0)
		return RX_EINTERNAL;
	for (size_t c = 0; c < ncols; c++)
		if (rx_table_set(t, c, header[c], err) < 0)
			return RX_EINTERNAL;
	return 0;
}

int rx_table_row(rx_table *t, rx_error *err)
{
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **c = realloc(t->cell, cap * t->ncols * sizeof(*c));

		if (!c)
			return rx_error_nomem(err);
		t->cell = c;
		t->cap = cap;
	}
	memset(t->cell + t->nrows * t->ncols, 0, t->ncols * sizeof(*t->cell));
	t->nrows++;
	return 0;
}

/* Copy v with newlines and tabs as spaces, cut to maxw columns with "…". */
static char *cell_copy(const char *v, size_t maxw)
{
	size_t len = strlen(v), w = 0, o = 0;
	int cut = maxw && rx_text_width(v) > maxw;
	char *out = malloc(len + 4);
	long c;

	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		size_t n = utf8_next((const unsigned char *)v + i, len - i, &c);
		size_t cw = c < 0 ? 1 : (size_t)cp_width(c);

		if (cut && w + cw > maxw - 1) {
			memcpy(out + o, "…", 3);
			o += 3;
			break;
		}
		if (c == '\n' || c == '\t' || c == '\r')
			out[o++] = ' ';
		else
			memcpy(out + o, v + i, n), o += n;
		w += cw;
		i += n;
	}
	out[o] = 0;
	return out;
}

int rx_table_set(rx_table *t, size_t col, const char *v, rx_error *err)
{
	char **slot = &t->cell[(t->nrows - 1) * t->ncols + col];

	free(*slot);
	*slot = NULL;
	if (!v || !*v)
		return 0;
	if (!(*slot = cell_copy(v, t->nrows > 1 ? t->maxw : 0)))
		return rx_error_nomem(err);
	return 0;
}

void rx_table_print(FILE *f, const rx_table *t, const char *indent)
{
	size_t *w = calloc(t->ncols + 1, sizeof(*w));
	int *used = calloc(t->ncols + 1, sizeof(*used));

	if (!w || !used || t->nrows < 2)
		goto out;
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = t->cell[r * t->ncols + c];
			size_t cw = v ? rx_text_width(v) : 0;

			if (cw > w[c])
				w[c] = cw;
			used[c] |= r > 0 && v;
		}
	for (size_t r = 0; r < t->nrows; r++) {
		size_t pad = 0, last = 0;

		for (size_t c = 0; c < t->ncols; c++)
			if (used[c] && t->cell[r * t->ncols + c])
				last = c + 1;
		fputs(indent ? indent : "", f);
		for (size_t c = 0; c < last; c++) {
			const char *v = t->cell[r * t->ncols + c];

			if (!used[c])
				continue;
			fprintf(f, "%*s%s", (int)pad, "", v ? v : "");
			pad = w[c] - (v ? rx_text_width(v) : 0) + 2;
		}
		fputc('\n', f);
	}
out:
	free(w);
	free(used);
}

void rx_table_free(rx_table *t)
{
	if (!t->cell)
		return;
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cell[i]);
	free(t->cell);
	memset(t, 0, sizeof(*t));
}

const char *rx_rec_label(const rx_schema_type *t, size_t i, char *buf, size_t cap)
{
	if (i < t->nfields)
		return t->fields[i].zh;
	snprintf(buf, cap, "第%zu题", i - t->nfields + 1);
	return buf;
}

/* Key groups by their Chinese names from the groups file ("留守、困境儿童"). */
static const char *flags_text(const char *v, char *buf, size_t cap)
{
	rx_schema_groups_names(rx_schema_groups_default(), (uint32_t)strtoul(v, NULL, 10),
		buf, cap);
	return buf[0] ? buf : NULL;
}

/* A scale's short name ("PHQ-9") for its id ("phq9"); the id if no built-in scale has it. */
static const char *scale_name(const char *id)
{
	static struct { char id[33]; char name[33]; } seen[8];
	static size_t n;
	rx_schema_scale *sc = NULL;
	rx_error err = { 0 };

	for (size_t i = 0; i < n; i++)
		if (!strcmp(seen[i].id, id))
			return seen[i].name;
	if (n == 8 || strlen(id) >= sizeof(seen[0].id) ||
	    rx_schema_builtin_scale(&sc, id, &err) < 0)
		return id;
	snprintf(seen[n].id, sizeof(seen[n].id), "%s", id);
	snprintf(seen[n].name, sizeof(seen[n].name), "%s", rx_schema_scale_short(sc));
	rx_schema_scale_free(sc);
	return seen[n++].name;
}

/* An access record's "list st" / "delete hv ID: why" as a teacher reads it. */
static const char *access_text(const char *v, char *buf, size_t cap)
{
	static const char *const verbs[][2] = { { "list", "查看列表" }, { "show", "查看档案" },
		{ "due", "查看待办" }, { "delete", "删除" }, { "letter", "打印家长信" } };
	char verb[16], code[8];
	const char *rest = v;
	const rx_schema_type *t;

	if (sscanf(v, "%15s", verb) != 1)
		return v;
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		if (strcmp(verb, verbs[i][0]))
			continue;
		rest = v + strlen(verb);
		rest += strspn(rest, " ");
		if (!strcmp(verb, "letter") && sscanf(rest, "%7s", code) == 1 &&
		    (!strcmp(code, "inf") || !strcmp(code, "sug")))
			rest += strlen(code), rest += strspn(rest, " "),
			snprintf(buf, cap, "%s %s%s%s", verbs[i][1],
				!strcmp(code, "inf") ? "知情书" : "建议书", *rest ? " " : "", rest);
		else if (sscanf(rest, "%7s", code) == 1 && (t = rx_schema_type_find(code)) &&
		    !strcmp(t->code, code))
			rest += strlen(code), rest += strspn(rest, " "),
			snprintf(buf, cap, "%s %s%s%s", verbs[i][1], t->zh, *rest ? " " : "", rest);
		else
			snprintf(buf, cap, "%s%s%s", verbs[i][1], *rest ? " " : "", rest);
		return buf;
	}
	return v;
}

const char *rx_rec_value(const rx_schema_rec *r, size_t i, char *buf, size_t cap)
{
	const rx_schema_type *t = r->type;
	const char *v = i < RX_SCHEMA_REC_FIELDS_MAX ? r->val[i] : NULL;

	if (!v || !*v || i >= t->nfields)
		return v && *v ? v : NULL;
	if (!strcmp(t->code, "rr") && !strcmp(t->fields[i].name, "cx"))
		return "已会签 (县局密钥签名)"; /* the countersignature's change-set id */
	if (!strcmp(t->code, "sc") && !strcmp(t->fields[i].name, "s"))
		return scale_name(v);
	if (!strcmp(t->code, "ax") && !strcmp(t->fields[i].name, "w"))
		return access_text(v, buf, cap);
	switch (t->fields[i].type) {
	case RX_SCHEMA_F_ENUM:
		return rx_schema_enum_label(&t->fields[i], v);
	case RX_SCHEMA_F_LEVEL:
		return rx_schema_level_name_zh((rx_schema_level)atoi(v));
	case RX_SCHEMA_F_GENDER:
		return !strcmp(v, "1") ? "男" : !strcmp(v, "2") ? "女" : v;
	case RX_SCHEMA_F_BOOL:
		return !strcmp(v, "1") ? "是" : "否";
	case RX_SCHEMA_F_FLAGS:
		return flags_text(v, buf, cap);
	default:
		return v;
	}
}

void rx_rec_grade_class(const rx_schema_rec *st, char *buf, size_t cap)
{
	const char *g = rx_schema_rec_get(st, "gr"), *c = rx_schema_rec_get(st, "c");
	size_t n = c ? strspn(c, "0123456789") : 0;

	snprintf(buf, cap, "%s%s%s%s", g ? g : "", g ? "年级" : "", c ? c : "",
		c && n == strlen(c) ? "班" : "");
}

/* The administrations (1, 2) of scale sc in the student's latest round: *l1, *l2 (MISSING if none). */
static void pair(const rx_summary *s, const char *sc, rx_schema_level *l1, rx_schema_level *l2)
{
	*l1 = *l2 = RX_SCHEMA_LEVEL_MISSING;
	for (size_t i = 0; i < s->nsc; i++) {
		const rx_sc_entry *e = &s->sc[i];

		if (strcmp(e->round, s->round) || strcmp(e->scale, sc))
			continue;
		if (e->adm == 1)
			*l1 = e->lv;
		else if (e->adm == 2)
			*l2 = e->lv;
	}
}

int rx_summary_discordant_shown(const rx_summary *s)
{
	rx_schema_level a, b;

	for (size_t i = 0; s->discordant && i < s->nsc; i++) {
		pair(s, s->sc[i].scale, &a, &b);
		if (a != RX_SCHEMA_LEVEL_MISSING && b != RX_SCHEMA_LEVEL_MISSING &&
		    (a - b >= 2 || b - a >= 2))
			return 1;
	}
	return 0;
}

int rx_summary_one_administration(const rx_summary *s)
{
	rx_schema_level a, b;

	for (size_t i = 0; i < s->nsc; i++) {
		if (strcmp(s->sc[i].round, s->round))
			continue;
		pair(s, s->sc[i].scale, &a, &b);
		if ((a == RX_SCHEMA_LEVEL_MISSING) != (b == RX_SCHEMA_LEVEL_MISSING))
			return 1;
	}
	return 0;
}

const char *rx_summary_proposed_text(const rx_summary *s, char *buf, size_t cap)
{
	if (s->proposed == RX_SCHEMA_LEVEL_MISSING)
		return "未测评";
	snprintf(buf, cap, "%s%s", rx_schema_level_name_zh(s->proposed),
		rx_summary_discordant_shown(s) ? " (两次测评不一致)" : "");
	return buf;
}
