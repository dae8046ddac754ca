/* runxin bench: a fleet school's year written as archive change-sets into its own bare repo, and its sync. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "ops/bench/benchInt.h"
#include "sync/hlc.h"
#include "sync/op.h"
#include "sync/remote.h"

#define FIELD_CAP 16
#define TEXT_CAP 48

/* One change-set's ops with their strings: roster (part 0) or an administration (1..4). */
typedef struct opset {
	rx_sync_op *ops;
	char (*id)[TEXT_CAP], (*val)[TEXT_CAP];
	size_t n, cap;
} opset;

static const char *const scales[4] = { "phq9", "phq9", "gad7", "gad7" };
static const int items[4] = { 9, 9, 7, 7 };

static void put(opset *s, const char *kind, const char *id, const char *field,
	const char *val, uint64_t hlc, uint64_t node)
{
	rx_sync_op *op = &s->ops[s->n];

	snprintf(s->id[s->n], TEXT_CAP, "%s", id);
	snprintf(s->val[s->n], TEXT_CAP, "%s", val);
	op->kind = kind, op->id = s->id[s->n], op->field = field;
	op->value = (const uint8_t *)s->val[s->n], op->value_len = strlen(s->val[s->n]);
	op->hlc = hlc, op->node = node;
	s->n++;
}

static uint32_t next(uint64_t *x)
{
	*x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
	return (uint32_t)(*x >> 11);
}

static void student(opset *s, const char *node, size_t k, uint64_t *x, uint64_t hlc,
	uint64_t nid)
{
	static const char *const fields[6] = { "n", "g", "b", "gr", "c", "f" };
	char id[TEXT_CAP], v[6][TEXT_CAP];
	unsigned gr = 4 + next(x) % 9;

	snprintf(id, sizeof(id), "%.16s/%06zu", node, k + 1);
	snprintf(v[0], TEXT_CAP, "学生%05u", next(x) % 100000);
	snprintf(v[1], TEXT_CAP, "%c", next(x) % 2 ? 'm' : 'f');
	snprintf(v[2], TEXT_CAP, "%u-%02u-%02u", 2018 - gr, 1 + next(x) % 12,
		1 + next(x) % 28);
	snprintf(v[3], TEXT_CAP, "%u", gr);
	snprintf(v[4], TEXT_CAP, "%u", 1 + next(x) % 8);
	snprintf(v[5], TEXT_CAP, "%s", next(x) % 5 ? "" : "lb");
	for (int i = 0; i < 6; i++)
		put(s, "st", id, fields[i], v[i], hlc, nid);
}

static void screening(opset *s, const char *node, size_t k, int a, uint64_t *x,
	uint64_t hlc, uint64_t nid)
{
	static const char *const q[9] = { "q1", "q2", "q3", "q4", "q5", "q6", "q7",
		"q8", "q9" };
	char id[TEXT_CAP], v[TEXT_CAP];
	unsigned total = 0, it;

	snprintf(id, sizeof(id), "%.16s/%06zu/%s/1/%d", node, k + 1, scales[a],
		1 + a % 2);
	for (int i = 0; i < items[a]; i++) {
		it = next(x) % 8 ? next(x) % 2 : next(x) % 4;
		total += it;
		snprintf(v, sizeof(v), "%u", it);
		put(s, "sc", id, q[i], v, hlc, nid);
	}
	snprintf(v, sizeof(v), "2024-%02d-%02u", a % 2 ? 11 : 9, 1 + next(x) % 28);
	put(s, "sc", id, "d", v, hlc, nid);
	snprintf(v, sizeof(v), "%u", total);
	put(s, "sc", id, "t", v, hlc, nid);
}

static int opset_fill(opset *s, const bench_school *sc, size_t students, int part,
	uint64_t seed, uint64_t hlc, rx_error *err)
{
	uint64_t x = seed * 0x9e3779b97f4a7c15ull + (uint64_t)part + 1, nid;
	size_t per = part == 0 ? 6 : (size_t)items[part - 1] + 2;

	if (rx_crypto_node_id_u64(&nid, sc->cert.node) < 0)
		return rx_error_set(err, RX_EINTERNAL, "bad bench node id");
	s->n = 0;
	if (students * per > s->cap) {
		free(s->ops), free(s->id), free(s->val);
		s->cap = students * per;
		s->ops = calloc(s->cap, sizeof(*s->ops));
		s->id = calloc(s->cap, sizeof(*s->id));
		s->val = calloc(s->cap, sizeof(*s->val));
		if (!s->ops || !s->id || !s->val)
			return rx_error_nomem(err);
	}
	for (size_t k = 0; k < students; k++) {
		if (part == 0)
			student(s, sc->cert.node, k, &x, hlc, nid);
		else
			screening(s, sc->cert.node, k, part - 1, &x, hlc, nid);
	}
	return 0;
}

/* A bare repo borrowing the county's objects, with the county's directory refs, so a sync fetches nothing. */
static int repo_make(bench *b, git_repository **repo, const char *path,
	rx_error *err)
{
	git_repository *county = NULL;
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL, *made = NULL;
	char alt[700], objs[600];
	rx_buf line = RX_BUF_INIT;
	int rc = 0;

	snprintf(objs, sizeof(objs), "%s/county/repo.git", b->dir);
	if (git_repository_init(repo, path, 1) < 0 ||
	    git_repository_open_bare(&county, objs) < 0 ||
	    git_reference_iterator_glob_new(&it, county, "refs/runxin/dir/*") < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "making a bench school repo");
	snprintf(alt, sizeof(alt), "%s/objects/info/alternates", path);
	if ((rc = rx_buf_printf(&line, err, "%s/objects\n", objs)) == 0 &&
	    (rc = bench_write(alt, &line, err)) == 0)
		while (rc == 0 && git_reference_next(&ref, it) == 0) {
			if (git_reference_create(&made, *repo, git_reference_name(ref),
				git_reference_target(ref), 1, NULL) < 0)
				rc = rx_sync_git_error(err, RX_EINTERNAL, "copying a directory ref");
			git_reference_free(made);
			git_reference_free(ref);
		}
	rx_buf_free(&line);
	git_reference_iterator_free(it);
	git_repository_free(county);
	return rc;
}

static int write_part(git_repository *repo, const bench_fleet *f, size_t i,
	const opset *s, uint64_t hlc, rx_error *err)
{
	const bench_school *sc = &f->s[i];
	rx_crypto_recipient r;
	rx_buf plain = RX_BUF_INIT;
	rx_cs_write w = { 0 };
	git_oid id;
	int rc;

	memcpy(r.box_pk, sc->cert.box_pk, 32);
	w.author = sc->cert.node, w.sign_sk = f->sk + 64 * i;
	w.kind = RX_CS_ARCHIVE, w.time = (int64_t)time(NULL);
	w.hlc_min = w.hlc_max = hlc;
	w.rcpt = &r, w.nrcpt = 1;
	if ((rc = rx_sync_ops_encode(&plain, s->ops, s->n, err)) == 0) {
		w.plain = plain.data, w.plain_len = plain.len;
		rc = rx_sync_cs_create(&id, repo, &w, err);
	}
	rx_buf_free(&plain);
	return rc;
}

void bench_fleet_repo(char *out, size_t cap, const bench *b, size_t i)
{
	snprintf(out, cap, "%s/fleet/%04zu.git", b->dir, i + 1);
}

int bench_fleet_year(bench *b, bench_fleet *f, size_t i, size_t students,
	rx_error *err)
{
	git_repository *repo = NULL;
	opset s = { 0 };
	char path[600];
	uint64_t hlc = rx_sync_hlc_make((uint64_t)time(NULL) * 1000, 0);
	int rc;

	snprintf(path, sizeof(path), "%s/fleet", b->dir);
	mkdir(path, 0700);
	bench_fleet_repo(path, sizeof(path), b, i);
	f->s[i].students = students, f->s[i].field_ops = 0;
	if ((rc = repo_make(b, &repo, path, err)) < 0)
		goto out;
	for (int part = 0; part < 5 && rc == 0; part++) {
		if ((rc = opset_fill(&s, &f->s[i], students, part, i + 1, hlc + (uint64_t)part,
			err)) == 0 &&
		    (rc = write_part(repo, f, i, &s, hlc + (uint64_t)part, err)) == 0)
			f->s[i].field_ops += s.n;
	}
out:
	free(s.ops), free(s.id), free(s.val);
	git_repository_free(repo);
	return rc;
}

int bench_fleet_sync(bench *b, bench_fleet *f, size_t i, const char *url,
	rx_error *err)
{
	git_repository *repo = NULL;
	rx_sync_opts o = { 0 };
	rx_sync_report rep = { 0 };
	char path[600];
	int rc;

	bench_fleet_repo(path, sizeof(path), b, i);
	if (git_repository_open_bare(&repo, path) < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "opening a bench school repo");
	o.repo = repo, o.db = f->db, o.role = RX_ROLE_SCHOOL;
	memcpy(o.self, f->s[i].cert.node, sizeof(o.self));
	o.now = (int64_t)time(NULL);
	rc = rx_sync_run(&o, url, &rep, err);
	rx_sync_report_free(&rep);
	git_repository_free(repo);
	return rc;
}
