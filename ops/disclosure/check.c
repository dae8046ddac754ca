/* The checker: which hidden entries an attacker can work out from everything published. */
#include <stdlib.h>
#include <string.h>

#include "ops/disclosure/disclosureInt.h"

#define VARS_MAX ((size_t)1 << 26)

rx_ops_lsys *rx_ops_lsys_new(size_t nvars)
{
	rx_ops_lsys *s;

	if (nvars == 0 || nvars > VARS_MAX || !(s = calloc(1, sizeof(*s))))
		return NULL;
	s->nvars = nvars;
	s->known = calloc(nvars, 1);
	s->det = calloc(nvars, 1);
	s->val = calloc(nvars, sizeof(*s->val));
	s->lo = calloc(nvars, sizeof(*s->lo));
	s->hi = calloc(nvars, sizeof(*s->hi));
	s->start = calloc(1, sizeof(*s->start));
	if (!s->known || !s->det || !s->val || !s->lo || !s->hi || !s->start) {
		rx_ops_lsys_free(s);
		return NULL;
	}
	return s;
}

void rx_ops_lsys_free(rx_ops_lsys *s)
{
	if (!s)
		return;
	free(s->known);
	free(s->det);
	free(s->val);
	free(s->lo);
	free(s->hi);
	free(s->start);
	free(s->tvar);
	free(s->tcoef);
	free(s);
}

void rx_ops_lsys_known(rx_ops_lsys *s, size_t var, int64_t value)
{
	if (var < s->nvars) {
		s->known[var] = 1;
		s->val[var] = value;
	}
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 64;
	void *q;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	if (!(q = realloc(*p, n * size)))
		return -1;
	*p = q;
	*cap = n;
	return 0;
}

int rx_ops_lsys_equation(rx_ops_lsys *s, const size_t *vars, const int8_t *coef,
	size_t n, rx_error *err)
{
	if (n == 0 || n > s->nvars)
		return rx_error_set(err, RX_EUSAGE, "an equation needs 1..%zu terms",
			s->nvars);
	for (size_t m = 0; m < n; m++)
		if (vars[m] >= s->nvars || (coef[m] != 1 && coef[m] != -1))
			return rx_error_set(err, RX_EUSAGE, "bad term %zu in equation", m);
	if (grow((void **)&s->start, &s->cap_start, s->neq + 2, sizeof(*s->start)) ||
	    grow((void **)&s->tvar, &s->cap_var, s->nterm + n, sizeof(*s->tvar)) ||
	    grow((void **)&s->tcoef, &s->cap_coef, s->nterm + n, 1))
		return rx_error_nomem(err);
	memcpy(s->tvar + s->nterm, vars, n * sizeof(*vars));
	memcpy(s->tcoef + s->nterm, coef, n);
	s->nterm += n;
	s->start[++s->neq] = s->nterm;
	return 0;
}

int rx_ops_lsys_determined(const rx_ops_lsys *s, size_t var)
{
	return var < s->nvars ? s->det[var] : 0;
}

void rx_ops_lsys_bounds(const rx_ops_lsys *s, size_t var, int64_t *lo, int64_t *hi)
{
	*lo = var < s->nvars ? s->lo[var] : 0;
	*hi = var < s->nvars ? s->hi[var] : 0;
}

int rx_ops_lsys_solve_bounds(rx_ops_lsys *s, int64_t lower, rx_error *err)
{
	memset(s->det, 0, s->nvars);
	return rx_ops_check_bounds(s, lower, err);
}

int rx_ops_lsys_solve(rx_ops_lsys *s, int64_t lower, rx_error *err)
{
	int rc;

	if ((rc = rx_ops_lsys_solve_bounds(s, lower, err)) < 0)
		return rc;
	return rx_ops_check_linear(s, err);
}

/* The equations of one table: every row and every column adds up to its total. */
static int table_equations(rx_ops_lsys *s, size_t base, int nr, int nc,
	size_t *vars, int8_t *coef, rx_error *err)
{
	int rc;

	for (int i = 0; i < nr; i++) {
		for (int j = 0; j < nc; j++) {
			vars[j] = base + (size_t)i * (size_t)nc + (size_t)j;
			coef[j] = j == nc - 1 ? -1 : 1;
		}
		if ((rc = rx_ops_lsys_equation(s, vars, coef, (size_t)nc, err)) < 0)
			return rc;
	}
	for (int j = 0; j < nc; j++) {
		for (int i = 0; i < nr; i++) {
			vars[i] = base + (size_t)i * (size_t)nc + (size_t)j;
			coef[i] = i == nr - 1 ? -1 : 1;
		}
		if ((rc = rx_ops_lsys_equation(s, vars, coef, (size_t)nr, err)) < 0)
			return rc;
	}
	return 0;
}

/* The equations that link a family: every aggregate entry is the sum of its sub-tables' entries. */
static int family_equations(rx_ops_lsys *s, size_t n, size_t cells, size_t *vars,
	int8_t *coef, rx_error *err)
{
	int rc;

	for (size_t x = 0; x < cells; x++) {
		for (size_t k = 0; k <= n; k++) {
			vars[k] = k * cells + x;
			coef[k] = k == n ? -1 : 1;
		}
		if ((rc = rx_ops_lsys_equation(s, vars, coef, n + 1, err)) < 0)
			return rc;
	}
	return 0;
}

static void publish(rx_ops_lsys *s, const rx_ops_table *t, size_t base, size_t cells)
{
	for (size_t x = 0; x < cells; x++)
		if (!t->hide[x])
			rx_ops_lsys_known(s, base + x, t->v[x]);
}

int rx_ops_lsys_from_tables(rx_ops_lsys **out, rx_ops_table *const *tables,
	size_t n, const rx_ops_table *agg, rx_error *err)
{
	int nr = tables[0]->rows + 1, nc = tables[0]->cols + 1, rc = 0;
	size_t cells = (size_t)nr * (size_t)nc, nk = n + (agg != NULL);
	size_t width = (size_t)(nr > nc ? nr : nc) + n + 1;
	size_t *vars = malloc(width * sizeof(*vars));
	int8_t *coef = malloc(width);
	rx_ops_lsys *s = NULL;

	*out = NULL;
	if (!vars || !coef || !(s = rx_ops_lsys_new(nk * cells))) {
		rc = rx_error_nomem(err);
		goto out;
	}
	for (size_t k = 0; k < nk && rc == 0; k++) {
		const rx_ops_table *t = k < n ? tables[k] : agg;

		if (t->rows != nr - 1 || t->cols != nc - 1) {
			rc = rx_error_set(err, RX_EINPUT, "table %zu has another shape", k);
			break;
		}
		publish(s, t, k * cells, cells);
		rc = table_equations(s, k * cells, nr, nc, vars, coef, err);
	}
	if (rc == 0 && agg)
		rc = family_equations(s, n, cells, vars, coef, err);
out:
	free(vars);
	free(coef);
	if (rc < 0)
		rx_ops_lsys_free(s);
	else
		*out = s;
	return rc;
}

int rx_ops_check_tables(size_t *determined, rx_ops_table *const *tables,
	size_t n, const rx_ops_table *agg, int64_t lower, rx_error *err)
{
	rx_ops_lsys *s;
	int rc;

	*determined = 0;
	if ((rc = rx_ops_lsys_from_tables(&s, tables, n, agg, err)) < 0)
		return rc;
	if ((rc = rx_ops_lsys_solve(s, lower, err)) == 0)
		for (size_t v = 0; v < s->nvars; v++)
			*determined += s->det[v] != 0;
	rx_ops_lsys_free(s);
	return rc;
}
