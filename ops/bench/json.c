/* runxin bench: the figures as one JSON object (numbers only, fixed keys). */
#include <stdio.h>

#include "ops/bench/benchInt.h"

static double per(double n, double secs)
{
	return secs > 0 ? n / secs : 0.0;
}

static void ingest(FILE *f, const bench_ingest *c)
{
	fprintf(f, "{\"schools\":%zu,\"students_per_school\":%zu,\"seconds\":%.3f,"
		"\"changesets\":%zu,\"changesets_per_s\":%.1f,\"field_ops\":%zu,"
		"\"field_ops_per_s\":%.1f,\"peak_rss_kib\":%zu,\"peak_rss_process_kib\":%zu,"
		"\"pushes\":%zu,\"hook_seconds\":%.3f}", c->schools, c->students, c->secs,
		c->changesets, per((double)c->changesets, c->secs), c->field_ops,
		per((double)c->field_ops, c->secs), c->rss_sum_kib, c->rss_max_kib,
		c->pushes, c->hook_secs);
}

static void wire(FILE *f, const bench_wire *w)
{
	fprintf(f, "\"wire\":{\"students\":%zu,\"csv_bytes\":%zu,\"runxin_bytes\":%zu,"
		"\"zstd19_bytes\":%zu,\"couch_raw_bytes\":%zu,\"couch_gzip_bytes\":%zu,"
		"\"couch_docs\":%zu,\"ratio_to_zstd19\":%.3f,\"couch_gzip_over_runxin\":%.2f,"
		"\"changesets\":%zu,\"payload_bytes\":%zu,\"overhead_bytes\":%zu,"
		"\"field_ops\":%zu},\n", w->students, w->csv, w->runxin, w->zstd19,
		w->couch_raw, w->couch_gzip, w->couch_docs,
		w->zstd19 ? (double)w->runxin / (double)w->zstd19 : 0.0,
		w->runxin ? (double)w->couch_gzip / (double)w->runxin : 0.0,
		w->changesets, w->payload, w->overhead, w->field_ops);
}

static void trips(FILE *f, const char *key, const bench_trips *t)
{
	fprintf(f, "\"%s\":{\"connections\":%zu,\"turns\":%zu,\"bytes\":%zu}", key,
		t->conns, t->turns, t->bytes);
}

static void links(FILE *f, const bench_results *r)
{
	fprintf(f, "\"round_trips\":{");
	trips(f, "unchanged", &r->same);
	fputc(',', f);
	trips(f, "one_change", &r->one);
	fprintf(f, "},\n\"hub_size\":[");
	for (size_t k = 0; k < r->nhubsize; k++) {
		fprintf(f, "%s{\"hub_schools\":%zu,\"hub_branches\":%zu,", k ? "," : "",
			r->hubsize[k].schools, r->hubsize[k].branches);
		trips(f, "view", &r->hubsize[k].view);
		fputc(',', f);
		trips(f, "whole", &r->hubsize[k].whole);
		fputc('}', f);
	}
	fprintf(f, "],\n\"cut_link\":{\"cuts\":%zu,\"uncut_bytes\":%zu,\"mean_total_bytes\":"
		"%.0f,\"max_total_bytes\":%zu,\"incomplete\":%zu},\n", r->cuts, r->cut_uncut,
		r->cuts ? (double)r->cut_total_sum / (double)r->cuts : 0.0,
		r->cut_total_max, r->cut_failed);
	fprintf(f, "\"slow_link\":{\"emulation\":\"%s\",\"students\":%zu,\"seconds\":"
		"%.2f,\"bytes\":%zu,\"trips\":%zu,\"lost_segments\":%zu,"
		"\"lower_bound_seconds\":%.2f,\"ratio\":%.2f},\n", r->slow_how,
		r->slow_students, r->slow_secs, r->slow_bytes, r->slow_turns,
		r->slow_lost, r->slow_bound_secs, r->slow_bound_secs > 0 ?
		r->slow_secs / r->slow_bound_secs : 0.0);
}

void bench_report_json(const bench *b, FILE *f)
{
	const bench_results *r = &b->r;

	fprintf(f, "{\"quick\":%s,\n", b->o->quick ? "true" : "false");
	wire(f, &r->wire);
	fprintf(f, "\"hub_ingest\":");
	ingest(f, &r->county);
	fprintf(f, ",\n\"verify\":{\"changesets\":%zu,\"seconds\":%.4f,\"changesets_per_s\":"
		"%.1f},\n", r->verify_cs, r->verify_secs,
		per((double)r->verify_cs, r->verify_secs));
	fprintf(f, "\"apply\":{\"field_ops\":%zu,\"seconds\":%.3f,\"field_ops_per_s\":%.1f},\n",
		r->apply_ops, r->apply_secs, per((double)r->apply_ops, r->apply_secs));
	links(f, r);
	fprintf(f, "\"scale\":[");
	for (size_t i = 0; i < r->nscale; i++) {
		fputs(i ? ",\n  " : "\n  ", f);
		ingest(f, &r->scale[i]);
	}
	fprintf(f, "]}\n");
}
