/* runxin bench: many schools made in this process, enrolled by the county with the crypto API. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops/bench/benchInt.h"
#include "sync/directory.h"
#include "sync/dirsync.h"

#define CERTS_PER_CS 200   /* certificates per directory change-set */
#define CERT_DAYS 365

/* A fresh identity for school i, certified by the county. */
static int school_new(bench_fleet *f, size_t i, const rx_crypto_cert *county,
	const uint8_t county_sk[static 64], rx_error *err)
{
	bench_school *s = &f->s[i];
	rx_crypto_cert *c = &s->cert;
	uint8_t box_sk[32];
	int64_t now = (int64_t)time(NULL);

	crypto_sign_keypair(c->sign_pk, f->sk + 64 * i);
	crypto_box_keypair(c->box_pk, box_sk);
	sodium_memzero(box_sk, sizeof(box_sk)); /* the hub never opens a payload */
	rx_crypto_node_id(c->node, c->sign_pk);
	memcpy(c->parent, county->node, sizeof(c->parent));
	c->role = RX_ROLE_SCHOOL;
	snprintf(c->name, sizeof(c->name), "bench school %zu", i + 1);
	c->not_before = now - 300;
	c->not_after = now + CERT_DAYS * 86400;
	if (c->not_after > county->not_after)
		c->not_after = county->not_after;
	return rx_crypto_cert_sign(c, county_sk, err);
}

/* Certificates i0..i1 into the county's directory and onto its directory branch. */
static int publish(bench_fleet *f, sqlite3 *db, git_repository *repo,
	const char *county, const uint8_t county_sk[static 64], size_t i0,
	size_t i1, rx_error *err)
{
	rx_buf text = RX_BUF_INIT;
	int rc = 0;

	for (size_t i = i0; i < i1 && rc == 0; i++)
		if ((rc = rx_directory_put_cert(db, &f->s[i].cert, err)) == 0)
			rc = rx_crypto_cert_format(&text, &f->s[i].cert, err);
	if (rc == 0)
		rc = rx_sync_dir_publish(repo, county, county_sk, (char *)text.data,
			text.len, err);
	rx_buf_free(&text);
	return rc;
}

static int open_county(bench *b, sqlite3 **db, git_repository **repo,
	rx_crypto_cert *county, rx_error *err)
{
	char path[600];
	rx_crypto_request self;
	int rc;

	snprintf(path, sizeof(path), "%s/county/node.db", b->dir);
	if (sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return rx_error_set(err, RX_EINTERNAL, "cannot open %s", path);
	snprintf(path, sizeof(path), "%s/county/repo.git", b->dir);
	if (git_repository_open_bare(repo, path) < 0)
		return rx_sync_git_error(err, RX_EINTERNAL, "opening the county's repo");
	if ((rc = rx_directory_self(*db, &self, err)) < 0)
		return rc;
	return rx_directory_get_cert(*db, self.node, county, err);
}

/* The schools sync with a copy of the county's directory (certificates and root key). */
static int open_copy(bench *b, bench_fleet *f, rx_error *err)
{
	char from[600], to[600];
	int rc;

	snprintf(from, sizeof(from), "%s/county/node.db", b->dir);
	snprintf(to, sizeof(to), "%s/fleet.db", b->dir);
	if ((rc = bench_sh(b, err, "/bin/cp", from, to, NULL)) < 0)
		return rc;
	if (sqlite3_open_v2(to, &f->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return rx_error_set(err, RX_EINTERNAL, "cannot open %s", to);
	return 0;
}

int bench_fleet_enrol(bench *b, bench_fleet *f, size_t n, rx_error *err)
{
	sqlite3 *db = NULL;
	git_repository *repo = NULL;
	rx_crypto_cert county;
	uint8_t *csk = sodium_malloc(64);
	char home[560];
	int rc;

	memset(f, 0, sizeof(*f));
	if (!csk || !(f->s = calloc(n, sizeof(*f->s))) ||
	    !(f->sk = sodium_malloc(64 * n))) {
		rc = rx_error_nomem(err);
		goto out;
	}
	f->n = n;
	snprintf(home, sizeof(home), "%s/county", b->dir);
	if ((rc = b->o->unlock_sign(csk, home, err)) < 0 ||
	    (rc = open_county(b, &db, &repo, &county, err)) < 0)
		goto out;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = school_new(f, i, &county, csk, err);
	for (size_t i = 0; i < n && rc == 0; i += CERTS_PER_CS)
		rc = publish(f, db, repo, county.node, csk, i,
			i + CERTS_PER_CS < n ? i + CERTS_PER_CS : n, err);
out:
	if (csk)
		sodium_free(csk);
	git_repository_free(repo);
	sqlite3_close(db);
	return rc < 0 ? rc : open_copy(b, f, err);
}

void bench_fleet_free(bench_fleet *f)
{
	if (f->sk)
		sodium_free(f->sk);
	free(f->s);
	sqlite3_close(f->db);
	memset(f, 0, sizeof(*f));
}
