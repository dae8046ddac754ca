/* The files in force on a date: the embedded ones, replaced or added to by accepted policies. */
#include <stdlib.h>
#include <string.h>

#include "ops/policy/policyInt.h"

const rx_ops_policy_file *rx_ops_policy_pick(const rx_ops_policy_set *s, int max_depth,
	const char *kind, const char *name, const char *date, const rx_ops_policy **from)
{
	const rx_ops_policy_file *best = NULL;
	const rx_ops_policy *bp = NULL;

	for (size_t i = 0; i < s->n; i++) {
		const rx_ops_policy *p = &s->p[i];
		if (p->refused || p->depth > max_depth || strcmp(p->effective, date) > 0)
			continue;
		/* a nearer author wins; of one author the later version */
		if (bp && (p->depth < bp->depth || (p->depth == bp->depth &&
		    p->version < bp->version)))
			continue;
		for (size_t j = 0; j < p->n; j++)
			if (!strcmp(p->f[j].kind, kind) && !strcmp(p->f[j].name, name))
				best = &p->f[j], bp = p;
	}
	if (from)
		*from = bp;
	return best;
}

const rx_schema_builtin *rx_ops_policy_city_file(rx_schema_builtin *out,
	const rx_ops_policy_set *s, const char *kind, const char *name, const char *date)
{
	const rx_ops_policy *from;
	const rx_ops_policy_file *f = rx_ops_policy_pick(s, 0, kind, name, date, &from);
	size_t n;
	const rx_schema_builtin *t = rx_schema_builtin_embedded(&n);

	if (f) {
		*out = (rx_schema_builtin){ f->kind, f->name, (const unsigned char *)f->data,
			f->len, from->origin };
		return out;
	}
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].kind, kind) && !strcmp(t[i].name, name))
			return &t[i];
	return NULL;
}

/* Put f (from p) in the table: in place of the entry of its kind and name, else added. */
static void put(rx_ops_policy_set *s, const rx_ops_policy_file *f, const rx_ops_policy *p)
{
	size_t i;

	for (i = 0; i < s->ntable; i++)
		if (!strcmp(s->table[i].kind, f->kind) && !strcmp(s->table[i].name, f->name))
			break;
	s->table[i] = (rx_schema_builtin){ f->kind, f->name, (const unsigned char *)f->data,
		f->len, p->origin };
	if (i == s->ntable)
		s->ntable++;
}

int rx_ops_policy_in_force(rx_ops_policy_set *s, const char *date, rx_error *err)
{
	size_t ne, cap = 0;
	const rx_schema_builtin *emb = rx_schema_builtin_embedded(&ne);

	for (size_t i = 0; i < s->n; i++)
		cap += s->p[i].n;
	free(s->table);
	s->ntable = 0;
	if (!(s->table = calloc(ne + cap + 1, sizeof(*s->table))))
		return rx_error_nomem(err);
	memcpy(s->table, emb, ne * sizeof(*emb));
	s->ntable = ne;
	for (size_t i = 0; i < s->n; i++)
		for (size_t j = 0; j < s->p[i].n; j++) {
			const rx_ops_policy *from;
			const rx_ops_policy_file *f = rx_ops_policy_pick(s, 1, s->p[i].f[j].kind,
				s->p[i].f[j].name, date, &from);
			if (f)
				put(s, f, from);
		}
	return 0;
}

size_t rx_ops_policy_current(const rx_ops_policy **out, size_t max,
	const rx_ops_policy_set *s, const char *date)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++) {
		const rx_ops_policy *p = &s->p[i];
		if (p->refused || strcmp(p->effective, date) > 0)
			continue;
		if (n && !strcmp(out[n - 1]->author, p->author))
			out[n - 1] = p; /* an author's policies are in version order */
		else if (n < max)
			out[n++] = p;
	}
	return n;
}

void rx_ops_policy_set_free(rx_ops_policy_set *s)
{
	for (size_t i = 0; s && i < s->n; i++)
		rx_ops_policy_clear(&s->p[i]);
	if (s) {
		free(s->p);
		free(s->table);
		memset(s, 0, sizeof(*s));
	}
}
