/* Records in memory: checked, normalised field values, ids and the ops that write them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/buf.h"
#include "crypto/cert.h"
#include "schema/fieldsInt.h"
#include "schema/groups.h"
#include "schema/record.h"
#include "schema/rules.h"

static int items_base(const rx_schema_type *t)
{
	return (int)t->nfields;
}

int rx_schema_field_find(const rx_schema_type *t, const char *name)
{
	for (size_t i = 0; i < t->nfields; i++) {
		const rx_schema_fdef *f = &t->fields[i];

		if (!strcmp(f->name, name) || !strcmp(f->zh, name) || !strcmp(f->en, name))
			return (int)i;
	}
	if (t->items && (name[0] == 'q' || name[0] == 'Q')) {
		int q = 0;

		if (rx_schema_span_int((rx_schema_span){ name + 1, strlen(name + 1) },
			1, RX_SCHEMA_ITEMS_MAX, &q) == 0 && name[1] != '0' &&
		    name[1] != '+' && name[1] != '-')
			return items_base(t) + q - 1;
	}
	return -1;
}

const char *rx_schema_field_name(const rx_schema_type *t, int i)
{
	static const char *const q[] = {
		"q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11",
		"q12", "q13", "q14", "q15", "q16", "q17", "q18", "q19", "q20", "q21",
		"q22", "q23", "q24", "q25", "q26", "q27", "q28", "q29", "q30", "q31",
		"q32", "q33", "q34", "q35", "q36", "q37", "q38", "q39", "q40", "q41",
		"q42", "q43", "q44", "q45", "q46", "q47", "q48", "q49", "q50", "q51",
		"q52", "q53", "q54", "q55", "q56", "q57", "q58", "q59", "q60", "q61",
		"q62", "q63", "q64" };

	if (i < items_base(t))
		return t->fields[i].name;
	return q[i - items_base(t)];
}

void rx_schema_rec_init(rx_schema_rec *r, const rx_schema_type *t)
{
	memset(r, 0, sizeof(*r));
	r->type = t;
}

void rx_schema_rec_clear(rx_schema_rec *r)
{
	free(r->id);
	for (size_t i = 0; i < RX_SCHEMA_REC_FIELDS_MAX; i++)
		free(r->val[i]);
	rx_schema_rec_init(r, r->type);
}

int rx_schema_no_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 32)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		      (c >= 'A' && c <= 'Z') || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

const char *rx_schema_enum_label(const rx_schema_fdef *f, const char *code)
{
	for (const rx_schema_enumval *e = f->enums; e && e->code; e++)
		if (!strcmp(e->code, code))
			return e->zh;
	return code;
}

static int text_ok(const char *v, size_t len, int key)
{
	if (!rx_schema_utf8_valid(v, len) || rx_crypto_text_spoofed(v, len))
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];

		if ((c < 0x20 && (key || (c != '\n' && c != '\t'))) || c == 0x7f)
			return 0;
		if (key && c == '/')
			return 0;
	}
	return 1;
}

static int bad(rx_error *err, const rx_schema_fdef *f, const char *v, const char *want)
{
	char ex[64];

	rx_schema_span_excerpt(ex, sizeof(ex), (rx_schema_span){ v, strlen(v) });
	return rx_error_set(err, RX_EINPUT, "%s (%s) '%s' 无效 (应为 %s)", f->zh,
		f->name, ex, want);
}

/* An unknown key group: the message names every group of the groups file. */
static int bad_group(rx_error *err, const rx_schema_fdef *f, const char *v)
{
	const rx_schema_groups *g = rx_schema_groups_default();
	char all[320];

	rx_schema_groups_names(g, g ? g->bits : 0, all, sizeof(all));
	return bad(err, f, v, all);
}

/* An unknown value of an enum: the message lists the allowed ones, Chinese first. */
static int bad_enum(rx_error *err, const rx_schema_fdef *f, const char *v)
{
	char all[400];
	size_t at = 0;

	all[0] = 0;
	for (const rx_schema_enumval *e = f->enums; e->code && at < sizeof(all); e++)
		at += (size_t)snprintf(all + at, sizeof(all) - at, "%s%s", at ? "、" : "", e->zh);
	return bad(err, f, v, all);
}

static int norm_enum(char *out, size_t cap, const rx_schema_fdef *f,
	const char *v, rx_error *err)
{
	for (const rx_schema_enumval *e = f->enums; e->code; e++)
		if (!strcmp(v, e->code) || !strcmp(v, e->zh) ||
		    rx_schema_span_eq((rx_schema_span){ v, strlen(v) }, e->en)) {
			snprintf(out, cap, "%s", e->code);
			return 0;
		}
	return bad_enum(err, f, v);
}

static int norm_bool(char *out, const rx_schema_fdef *f, const char *v,
	rx_error *err)
{
	static const char *const yes[] = { "1", "是", "yes", "true", "y" };
	static const char *const no[] = { "0", "否", "no", "false", "n" };
	rx_schema_span s = { v, strlen(v) };

	for (size_t i = 0; i < 5; i++) {
		if (rx_schema_span_eq(s, yes[i]))
			return strcpy(out, "1"), 0;
		if (rx_schema_span_eq(s, no[i]))
			return strcpy(out, "0"), 0;
	}
	return bad(err, f, v, "是/否");
}

/* Check v for f; a short normalised form goes to out[64], NULL-out means keep v. */
static int normalise(char out[64], const rx_schema_fdef *f, const char *v,
	rx_error *err)
{
	rx_schema_span s = { v, strlen(v) };
	rx_schema_date d;
	rx_schema_level l;
	uint32_t bits;
	const char *bt;
	size_t bl;
	int x;

	out[0] = 0;
	switch (f->type) {
	case RX_SCHEMA_F_TEXT:
		if (s.len == 0 || s.len > (size_t)f->max || !text_ok(v, s.len, f->key))
			return bad(err, f, v, f->key ? "不含 / 的文字" : "不超长、无控制字符、双向控制符或零宽字符的文字");
		return 0;
	case RX_SCHEMA_F_NO:
		return rx_schema_no_valid(v) ? 0 : bad(err, f, v, "1–32 个字母、数字、- 或 _");
	case RX_SCHEMA_F_INT:
		if (rx_schema_span_int(s, f->min, f->max, &x) < 0)
			return bad(err, f, v, "范围内的整数");
		snprintf(out, 64, "%d", x);
		return 0;
	case RX_SCHEMA_F_DATE:
		if (rx_schema_date_parse(&d, v, s.len) < 0 || d.year < 1980 || d.year > 2099)
			return bad(err, f, v, "YYYY-MM-DD 的真实日期");
		snprintf(out, 64, "%04d-%02d-%02d", d.year, d.month, d.day);
		return 0;
	case RX_SCHEMA_F_ENUM:
		return norm_enum(out, 64, f, v, err);
	case RX_SCHEMA_F_LEVEL:
		if (rx_schema_level_parse(&l, v, NULL) < 0 || l < 0)
			return bad(err, f, v, "无/黄/橙/红 或 none/yellow/orange/red");
		snprintf(out, 64, "%d", (int)l);
		return 0;
	case RX_SCHEMA_F_GENDER:
		if (rx_schema_gender_parse(&x, s) < 0)
			return bad(err, f, v, "男/女");
		snprintf(out, 64, "%d", x);
		return 0;
	case RX_SCHEMA_F_FLAGS:
		if (rx_schema_flags_parse(&bits, v, s.len, &bt, &bl) < 0)
			return bad_group(err, f, v);
		snprintf(out, 64, "%u", (unsigned)bits);
		return 0;
	case RX_SCHEMA_F_BOOL:
		return norm_bool(out, f, v, err);
	}
	return bad(err, f, v, "?");
}

static const rx_schema_fdef item_def = {
	"q", "答案", "answer", RX_SCHEMA_F_INT, 0, 0, 0, 100, NULL
};

static const rx_schema_fdef *fdef(const rx_schema_type *t, int i)
{
	return i < items_base(t) ? &t->fields[i] : &item_def;
}

static int put(rx_schema_rec *r, int i, const char *v, size_t len, rx_error *err)
{
	char *c = malloc(len + 1);

	if (!c)
		return rx_error_nomem(err);
	memcpy(c, v, len);
	c[len] = 0;
	free(r->val[i]);
	r->val[i] = c;
	return 0;
}

int rx_schema_rec_set(rx_schema_rec *r, const char *name, const char *value,
	rx_error *err)
{
	int i = rx_schema_field_find(r->type, name);
	char out[64];
	int rc;

	if (i < 0)
		return rx_error_set(err, RX_EINPUT, "%s 没有字段 '%s' (unknown field)",
			r->type->zh, name);
	if ((rc = normalise(out, fdef(r->type, i), value, err)) < 0)
		return rc;
	return out[0] ? put(r, i, out, strlen(out), err)
		      : put(r, i, value, strlen(value), err);
}

int rx_schema_rec_put_raw(rx_schema_rec *r, const char *field, const char *v,
	size_t len, rx_error *err)
{
	int i = rx_schema_field_find(r->type, field);

	if (i < 0 || strcmp(rx_schema_field_name(r->type, i), field))
		return 0; /* a field of a later version: kept in the store, not shown */
	return put(r, i, v, len, err);
}

const char *rx_schema_rec_get(const rx_schema_rec *r, const char *name)
{
	int i = rx_schema_field_find(r->type, name);

	return i < 0 ? NULL : r->val[i];
}

int rx_schema_rec_validate(const rx_schema_rec *r, rx_error *err)
{
	const rx_schema_type *t = r->type;

	for (size_t i = 0; i < t->nfields; i++)
		if (t->fields[i].required && !r->val[i])
			return rx_error_set(err, RX_EINPUT, "%s 缺少必填字段 %s (%s)",
				t->zh, t->fields[i].zh, t->fields[i].name);
	if (!strcmp(t->code, "cp") && rx_schema_rec_get(r, "pp")) {
		/* 1+1+3: exactly three peer partners */
		int n = 1;

		for (const char *p = rx_schema_rec_get(r, "pp"); *p; p++)
			n += *p == ';' || !strncmp(p, "、", 3) || *p == ',';
		if (n != 3)
			return rx_error_set(err, RX_EINPUT,
				"成长伙伴应为 3 人, 以 ; 或 、 分隔 (three peer partners)");
	}
	return 0;
}

int rx_schema_rec_make_id(rx_schema_rec *r, const char *tag, unsigned long n,
	rx_error *err)
{
	const rx_schema_type *t = r->type;
	rx_buf b = RX_BUF_INIT;
	int rc = 0, nk = 0;

	if (t->idform == RX_SCHEMA_ID_EXPLICIT)
		return r->id ? 0 : rx_error_set(err, RX_EINPUT, "%s 需要 id=记录号", t->zh);
	for (size_t i = 0; i < t->nfields && rc == 0; i++) {
		if (!t->fields[i].key)
			continue;
		if (!r->val[i])
			return rx_error_set(err, RX_EINPUT, "%s 缺少必填字段 %s (%s)",
				t->zh, t->fields[i].zh, t->fields[i].name);
		rc = rx_buf_printf(&b, err, "%s%s", nk++ ? "/" : "", r->val[i]);
	}
	if (rc == 0 && t->idform == RX_SCHEMA_ID_COUNTER)
		rc = nk ? rx_buf_printf(&b, err, "/%s.%lu", tag, n)
			: rx_buf_printf(&b, err, "@%s/%lu", tag, n);
	if (rc == 0)
		rc = rx_buf_put(&b, "", 1, err);
	if (rc < 0) {
		rx_buf_free(&b);
		return rc;
	}
	free(r->id);
	r->id = (char *)b.data;
	return 0;
}

int rx_schema_rec_keys_from_id(rx_schema_rec *r, rx_error *err)
{
	const rx_schema_type *t = r->type;
	const char *p = r->id;
	int rc;

	for (size_t i = 0; i < t->nfields; i++) {
		const char *e;

		if (!t->fields[i].key)
			continue;
		e = strchr(p, '/');
		if ((rc = put(r, (int)i, p, e ? (size_t)(e - p) : strlen(p), err)) < 0)
			return rc;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

void rx_schema_rec_owner(const rx_schema_rec *r, char out[static 33])
{
	size_t n = 0;

	out[0] = 0;
	if (!r->type->per_student || !r->id)
		return;
	while (r->id[n] && r->id[n] != '/' && n < 32)
		n++;
	memcpy(out, r->id, n);
	out[n] = 0;
}

size_t rx_schema_rec_diff(const rx_schema_rec *r, const rx_schema_rec *old,
	rx_sync_op *ops, size_t cap)
{
	const rx_schema_type *t = r->type;
	size_t n = 0, nf = t->nfields + (t->items ? RX_SCHEMA_ITEMS_MAX : 0);

	for (size_t i = 0; i < nf && n < cap; i++) {
		const char *v = r->val[i];

		if (!v || (i < t->nfields && t->fields[i].key))
			continue;
		if (old && old->val[i] && !strcmp(old->val[i], v))
			continue;
		memset(&ops[n], 0, sizeof(ops[n]));
		ops[n].kind = t->code;
		ops[n].id = r->id;
		ops[n].field = rx_schema_field_name(t, (int)i);
		ops[n].value = (const uint8_t *)v;
		ops[n].value_len = strlen(v);
		n++;
	}
	return n;
}
