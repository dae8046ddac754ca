/* runxin bench: bytes on the wire for one school year against zstd -19 and a CouchDB-style body; the apply rate. */
#include <git2.h>
#include <stdio.h>
#include <string.h>

#include "ops/bench/benchInt.h"

#define WIRE_STUDENTS 1200
#define WIRE_SEED 2024

static size_t obj_size(git_odb *odb, const git_oid *id)
{
	size_t len = 0;
	git_object_t t;

	return git_odb_read_header(&len, &t, odb, id) == 0 ? len : 0;
}

/* Split the raw object bytes of every change-set into payload and the rest. */
static void tally_commit(bench_wire *w, git_repository *repo, git_odb *odb,
	const git_oid *id)
{
	git_commit *c = NULL;
	git_tree *t = NULL;

	if (git_commit_lookup(&c, repo, id) < 0 || git_commit_tree(&t, c) < 0)
		goto out;
	w->changesets++;
	w->overhead += obj_size(odb, id) + obj_size(odb, git_tree_id(t));
	for (size_t i = 0; i < git_tree_entrycount(t); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(t, i);
		size_t n = obj_size(odb, git_tree_entry_id(e));
		if (!strcmp(git_tree_entry_name(e), "payload"))
			w->payload += n;
		else
			w->overhead += n;
	}
out:
	git_tree_free(t);
	git_commit_free(c);
}

static int tally(bench_wire *w, const char *path, rx_error *err)
{
	git_repository *repo = NULL;
	git_revwalk *walk = NULL;
	git_odb *odb = NULL;
	git_oid id;
	int rc = 0;

	if (git_repository_open_bare(&repo, path) < 0 ||
	    git_repository_odb(&odb, repo) < 0 ||
	    git_revwalk_new(&walk, repo) < 0 ||
	    git_revwalk_push_glob(walk, "refs/runxin/*") < 0) {
		rc = rx_error_set(err, RX_EINTERNAL, "reading %s", path);
		goto out;
	}
	while (git_revwalk_next(&id, walk) == 0)
		tally_commit(w, repo, odb, &id);
out:
	git_revwalk_free(walk);
	git_odb_free(odb);
	git_repository_free(repo);
	return rc;
}

static int baselines(bench_wire *w, rx_buf csv[5], rx_error *err)
{
	rx_ops_baseline_screening s[4] = {
		{ csv[1].data, csv[1].len, "phq9", 1, 1 }, { csv[2].data, csv[2].len, "phq9", 1, 2 },
		{ csv[3].data, csv[3].len, "gad7", 1, 1 }, { csv[4].data, csv[4].len, "gad7", 1, 2 },
	};
	rx_ops_baseline_year y = { csv[0].data, csv[0].len, s, 4, WIRE_SEED };
	rx_ops_couch_size cs;
	rx_buf all = RX_BUF_INIT;
	int rc = 0;

	for (int i = 0; i < 5 && rc == 0; i++)
		rc = rx_buf_put(&all, csv[i].data, csv[i].len, err);
	if (rc == 0)
		rc = rx_ops_baseline_zstd19(&w->zstd19, all.data, all.len, err);
	if (rc == 0 && (rc = rx_ops_baseline_couch(&cs, &y, err)) == 0)
		w->couch_raw = cs.raw, w->couch_gzip = cs.gzip, w->couch_docs = cs.docs;
	w->csv = all.len;
	rx_buf_free(&all);
	return rc;
}

/* A second device of the school takes in the year from the USB repo. */
static int apply_rate(bench *b, const char *usb, rx_error *err)
{
	double t0;
	int rc;

	if ((rc = bench_node(b, "wire-dev", "device", "wire", err)) < 0)
		return rc;
	t0 = bench_now();
	if ((rc = bench_rx(b, NULL, "wire-dev", err, "sync", usb, NULL)) < 0)
		return rc;
	b->r.apply_secs = bench_now() - t0;
	b->r.apply_ops = b->r.wire.field_ops;
	return 0;
}

int bench_wire_run(bench *b, rx_error *err)
{
	rx_buf csv[5] = { RX_BUF_INIT, RX_BUF_INIT, RX_BUF_INIT, RX_BUF_INIT, RX_BUF_INIT };
	bench_wire *w = &b->r.wire;
	char usb[512], objs[560];
	int rc;

	bench_say(b, "bytes on the wire: a school year of %d students", WIRE_STUDENTS);
	snprintf(usb, sizeof(usb), "%s/usb.git", b->dir);
	snprintf(objs, sizeof(objs), "%s/objects", usb);
	w->students = WIRE_STUDENTS;
	if ((rc = bench_node(b, "wire", "school", "county", err)) < 0 ||
	    (rc = bench_school_year(b, "wire", WIRE_STUDENTS, WIRE_SEED, csv,
		&w->field_ops, err)) < 0 ||
	    (rc = baselines(w, csv, err)) < 0 ||
	    (rc = bench_rx(b, NULL, "wire", err, "sync", usb, "--create", NULL)) < 0)
		goto out;
	w->runxin = bench_du(objs);
	if ((rc = tally(w, usb, err)) < 0)
		goto out;
	bench_say(b, "apply rate: a second device syncs the year from the USB repo");
	rc = apply_rate(b, usb, err);
out:
	for (int i = 0; i < 5; i++)
		rx_buf_free(&csv[i]);
	return rc;
}
