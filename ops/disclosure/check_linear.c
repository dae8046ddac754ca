/* Exact linear determinacy of hidden entries: Gauss-Jordan elimination modulo two large primes. */
#include <stdlib.h>
#include <string.h>

#include "ops/disclosure/disclosureInt.h"

#define UNKNOWNS_MAX 3000
#define ENTRIES_MAX ((size_t)8 << 20)

/*
 * No floating point: ranks are computed over F_p. A rank over F_p can fall
 * below the rank over Q only if p divides a minor, so a false verdict would
 * need both primes to do so; any prime's "determined" is taken (the cautious
 * side). Tables' own equations are totally unimodular, so there it is exact.
 */
static const uint64_t primes[2] = { 2305843009213693951ULL, 1000000000000000003ULL };

typedef struct mat {
	uint64_t *m;
	size_t rows, cols;
	size_t *nz; /* scratch: nonzero columns of the pivot row */
} mat;

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t p)
{
	return (uint64_t)((unsigned __int128)a * b % p);
}

static uint64_t powmod(uint64_t a, uint64_t e, uint64_t p)
{
	uint64_t r = 1;

	for (; e; e >>= 1, a = mulmod(a, a, p))
		if (e & 1)
			r = mulmod(r, a, p);
	return r;
}

/* Make row `row` monic at col and clear col from every other row. */
static void pivot(mat *a, size_t row, size_t col, uint64_t p)
{
	uint64_t *pr = a->m + row * a->cols, inv = powmod(pr[col], p - 2, p);
	size_t nnz = 0;

	for (size_t c = col; c < a->cols; c++)
		if (pr[c]) {
			pr[c] = mulmod(pr[c], inv, p);
			a->nz[nnz++] = c;
		}
	for (size_t r = 0; r < a->rows; r++) {
		uint64_t *rr = a->m + r * a->cols, f = rr[col];

		if (r == row || !f)
			continue;
		for (size_t q = 0; q < nnz; q++) {
			size_t c = a->nz[q];
			uint64_t t = mulmod(f, pr[c], p);

			rr[c] = rr[c] >= t ? rr[c] - t : rr[c] + p - t;
		}
	}
}

/* Reduced row echelon form; piv[r] is the pivot column of row r. Returns the rank. */
static size_t rref(mat *a, uint64_t p, size_t *piv)
{
	size_t row = 0;

	for (size_t col = 0; col < a->cols && row < a->rows; col++) {
		size_t r = row;

		while (r < a->rows && !a->m[r * a->cols + col])
			r++;
		if (r == a->rows)
			continue;
		if (r != row)
			for (size_t c = col; c < a->cols; c++) {
				uint64_t t = a->m[r * a->cols + c];

				a->m[r * a->cols + c] = a->m[row * a->cols + c];
				a->m[row * a->cols + c] = t;
			}
		pivot(a, row, col, p);
		piv[row++] = col;
	}
	return row;
}

static void fill(mat *a, const rx_ops_lsys *s, const size_t *colof, uint64_t p)
{
	size_t row = 0;

	memset(a->m, 0, a->rows * a->cols * sizeof(*a->m));
	for (size_t e = 0; e < s->neq; e++) {
		int any = 0;

		for (size_t t = s->start[e]; t < s->start[e + 1]; t++) {
			size_t c = colof[s->tvar[t]];
			uint64_t *x;

			if (c == SIZE_MAX)
				continue;
			x = a->m + row * a->cols + c;
			*x = (*x + (s->tcoef[t] > 0 ? 1 : p - 1)) % p;
			any = 1;
		}
		row += any;
	}
}

/* e_x is in the row space exactly when some reduced row is e_x itself. */
static void mark(rx_ops_lsys *s, const mat *a, size_t rank, const size_t *piv,
	const size_t *varof)
{
	for (size_t r = 0; r < rank; r++) {
		size_t nnz = 0;

		for (size_t c = piv[r]; c < a->cols && nnz < 2; c++)
			nnz += a->m[r * a->cols + c] != 0;
		if (nnz == 1)
			s->det[varof[piv[r]]] |= RX_OPS_DET_LINEAR;
	}
}

static int count_unknowns(const rx_ops_lsys *s, size_t *colof, size_t *varof,
	size_t *nu, size_t *ne)
{
	*nu = *ne = 0;
	for (size_t v = 0; v < s->nvars; v++) {
		colof[v] = s->known[v] ? SIZE_MAX : *nu;
		if (!s->known[v] && *nu < UNKNOWNS_MAX)
			varof[*nu] = v;
		*nu += !s->known[v];
	}
	for (size_t e = 0; e < s->neq; e++)
		for (size_t t = s->start[e]; t < s->start[e + 1]; t++)
			if (!s->known[s->tvar[t]]) {
				(*ne)++;
				break;
			}
	return *nu <= UNKNOWNS_MAX && *nu * *ne <= ENTRIES_MAX ? 0 : -1;
}

int rx_ops_check_linear(rx_ops_lsys *s, rx_error *err)
{
	size_t *colof = malloc(s->nvars * sizeof(*colof));
	size_t *varof = malloc(UNKNOWNS_MAX * sizeof(*varof)), *piv = NULL, nu, ne;
	mat a = { NULL, 0, 0, NULL };
	int rc = 0;

	if (!colof || !varof) {
		rc = rx_error_nomem(err);
		goto out;
	}
	if (count_unknowns(s, colof, varof, &nu, &ne) < 0) {
		rc = rx_error_set(err, RX_EINPUT,
			"%zu hidden entries in %zu equations: too many for the exact check",
			nu, ne);
		goto out;
	}
	if (nu == 0 || ne == 0)
		goto out;
	a = (mat){ malloc(nu * ne * sizeof(uint64_t)), ne, nu,
		malloc(nu * sizeof(size_t)) };
	if (!a.m || !a.nz || !(piv = malloc(ne * sizeof(*piv)))) {
		rc = rx_error_nomem(err);
		goto out;
	}
	for (int q = 0; q < 2; q++) {
		fill(&a, s, colof, primes[q]);
		mark(s, &a, rref(&a, primes[q], piv), piv, varof);
	}
out:
	free(colof);
	free(varof);
	free(piv);
	free(a.m);
	free(a.nz);
	return rc;
}
