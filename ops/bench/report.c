/* runxin bench: the figures as a table or as JSON. */
#include <stdio.h>

#include "ops/bench/benchInt.h"

static double ratio(size_t a, size_t b)
{
	return b ? (double)a / (double)b : 0.0;
}

static double rate(size_t n, double secs)
{
	return secs > 0 ? (double)n / secs : 0.0;
}

static void table_wire(const bench_results *r, FILE *f)
{
	const bench_wire *w = &r->wire;

	fprintf(f, "Bytes on the wire: one school year, %zu students (roster, 2x PHQ-9, "
		"2x GAD-7; CSV %zu bytes)\n", w->students, w->csv);
	fprintf(f, "  runxin first sync (pack bytes)  %9zu\n", w->runxin);
	fprintf(f, "  zstd -19 of the CSV              %9zu   runxin/zstd  = %.2fx "
		"(target <= 1.25x)\n", w->zstd19, ratio(w->runxin, w->zstd19));
	fprintf(f, "  CouchDB-style JSON, gzip         %9zu   couch/runxin = %.1fx "
		"(raw %zu, %zu docs)\n", w->couch_gzip, ratio(w->couch_gzip, w->runxin),
		w->couch_raw, w->couch_docs);
	fprintf(f, "  where: %zu change-sets, payload %zu, commit+tree+meta+keys %zu "
		"(raw object bytes)\n\n", w->changesets, w->payload, w->overhead);
}

static void table_rates(const bench_results *r, FILE *f)
{
	const bench_ingest *c = &r->county;

	fprintf(f, "Hub ingest: %zu schools x %zu students over git daemon, hook installed "
		"(schools made in process)\n", c->schools, c->students);
	fprintf(f, "  wall %.2f s, %zu change-sets (%.0f/s), %zu field ops (%.0f/s)\n",
		c->secs, c->changesets, rate(c->changesets, c->secs), c->field_ops,
		rate(c->field_ops, c->secs));
	fprintf(f, "  hub peak RSS: %.1f MiB (all hub processes), %.1f MiB (largest one)\n",
		c->rss_sum_kib / 1024.0, c->rss_max_kib / 1024.0);
	fprintf(f, "  pre-receive hook: %zu pushes, %.2f s (%.0f change-sets/s at the door)\n",
		c->pushes, c->hook_secs, rate(c->changesets, c->hook_secs));
	fprintf(f, "Verify rate (in process, all node branches): %zu change-sets in %.3f s"
		" = %.0f/s (target >= 2000/s)\n", r->verify_cs, r->verify_secs,
		rate(r->verify_cs, r->verify_secs));
	fprintf(f, "Apply rate (a device syncs the year): %zu field ops in %.2f s = %.0f/s"
		" (target >= 50000/s)\n\n", r->apply_ops, r->apply_secs,
		rate(r->apply_ops, r->apply_secs));
}

static void table_links(const bench_results *r, FILE *f)
{
	fprintf(f, "Round trips per sync (connections / client turns / bytes)\n");
	fprintf(f, "  nothing changed   %zu / %zu / %zu\n", r->same.conns, r->same.turns,
		r->same.bytes);
	fprintf(f, "  one record added  %zu / %zu / %zu\n", r->one.conns, r->one.turns,
		r->one.bytes);
	fprintf(f, "Nothing changed against a hub of N schools (%d branches each; "
		"connections / client turns / bytes)\n", 3);
	fprintf(f, "  schools  branches   via the school's view   whole repository\n");
	for (size_t k = 0; k < r->nhubsize; k++) {
		const bench_hubsize *h = &r->hubsize[k];
		fprintf(f, "  %7zu  %8zu   %3zu / %2zu / %8zu    %3zu / %2zu / %8zu\n", h->schools,
			h->branches, h->view.conns, h->view.turns, h->view.bytes,
			h->whole.conns, h->whole.turns, h->whole.bytes);
	}
	fprintf(f, "Cut link: %zu first syncs cut at random points then retried: mean %.0f,"
		" max %zu bytes vs %zu uncut (%.2fx mean); %zu incomplete\n", r->cuts,
		rate(r->cut_total_sum, (double)r->cuts), r->cut_total_max, r->cut_uncut,
		ratio(r->cut_total_sum, r->cuts * r->cut_uncut), r->cut_failed);
	fprintf(f, "Slow link (64 kbit/s, 300 ms one way, 2 %% loss; %s): a term of %zu "
		"students, first sync\n", r->slow_how, r->slow_students);
	fprintf(f, "  %.1f s for %zu bytes, %zu round trips (%zu segments lost); lower "
		"bound %.1f s = bytes/8,000 + 0.6 s per round trip (%.2fx)\n", r->slow_secs,
		r->slow_bytes, r->slow_turns, r->slow_lost, r->slow_bound_secs,
		r->slow_bound_secs > 0 ? r->slow_secs / r->slow_bound_secs : 0.0);
	if (r->slow_why[0])
		fprintf(f, "  (not netem: %s)\n", r->slow_why);
}

static void table_scale(const bench_results *r, FILE *f)
{
	fprintf(f, "\nScale: schools of %zu students each sync to a fresh hub, one after "
		"another\n", r->nscale ? r->scale[0].students : 0);
	fprintf(f, "  schools   wall s  s/school  hook s/push  change-sets  cs/s   "
		"field ops/s  hub peak RSS MiB\n");
	for (size_t i = 0; i < r->nscale; i++) {
		const bench_ingest *s = &r->scale[i];
		fprintf(f, "  %7zu %8.2f  %8.3f  %11.3f  %11zu %5.0f  %11.0f  %6.1f\n",
			s->schools, s->secs, s->secs / (double)s->schools,
			s->pushes ? s->hook_secs / (double)s->pushes : 0.0, s->changesets,
			rate(s->changesets, s->secs), rate(s->field_ops, s->secs),
			s->rss_sum_kib / 1024.0);
	}
	for (size_t i = 1; i < r->nscale; i++)
		fprintf(f, "  growth %zu -> %zu schools (x%.0f): time x%.2f, memory x%.2f\n",
			r->scale[i - 1].schools, r->scale[i].schools,
			ratio(r->scale[i].schools, r->scale[i - 1].schools),
			r->scale[i].secs / r->scale[i - 1].secs,
			ratio(r->scale[i].rss_sum_kib, r->scale[i - 1].rss_sum_kib));
}

void bench_report(const bench *b, FILE *f, int json)
{
	if (json) {
		bench_report_json(b, f);
		return;
	}
	fprintf(f, "runxin bench%s\n\n", b->o->quick ? " --quick" : "");
	table_wire(&b->r, f);
	table_rates(&b->r, f);
	table_links(&b->r, f);
	table_scale(&b->r, f);
}
