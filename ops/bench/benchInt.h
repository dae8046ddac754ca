/* Internals of the benchmarks shared by their files, and the baselines they are measured against. */
#ifndef RX_OPS_BENCH_INT_H
#define RX_OPS_BENCH_INT_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "crypto/buf.h"
#include "crypto/cert.h"
#include "crypto/error.h"
#include "ops/bench/bench.h"

/* -- Internals of runxin bench: the run context, the results and the measuring helpers. -- */

#define BENCH_SCALE_MAX 4
#define BENCH_CUTS_MAX 20

typedef struct bench_wire {
	size_t students, csv, runxin, zstd19, couch_raw, couch_gzip, couch_docs;
	size_t changesets, payload, overhead;  /* blob bytes of payloads; the rest */
	size_t field_ops;
} bench_wire;

typedef struct bench_ingest {
	size_t schools, students, changesets, field_ops;
	double secs;
	size_t rss_sum_kib, rss_max_kib;       /* hub process group: sum, one process */
	double hook_secs;                      /* time inside the pre-receive hook */
	size_t pushes;
} bench_ingest;

typedef struct bench_trips {
	size_t conns, turns, bytes;
	size_t lost;                           /* segments the link emulator lost */
} bench_trips;

/* A school's sync with nothing changed against a hub of many schools: through its view, and the whole repository. */
#define BENCH_HUBSIZE_MAX 3
typedef struct bench_hubsize {
	size_t schools, branches;
	bench_trips view, whole;
} bench_hubsize;

typedef struct bench bench;

typedef struct bench_results {
	bench_wire wire;
	size_t apply_ops;
	double apply_secs;
	size_t verify_cs;
	double verify_secs;
	bench_ingest county;
	bench_ingest scale[BENCH_SCALE_MAX];
	size_t nscale;
	bench_trips same, one;
	size_t cuts, cut_uncut, cut_total_sum, cut_total_max, cut_failed;
	char slow_why[200];                    /* why netem was not used */
	const char *slow_how;                  /* "netem" or "emulator" */
	size_t slow_students;
	double slow_secs, slow_bound_secs;
	size_t slow_bytes, slow_turns, slow_lost;
	bench_hubsize hubsize[BENCH_HUBSIZE_MAX];
	size_t nhubsize;
} bench_results;


/* A school made in this process: certificate, and what its year holds. */
typedef struct bench_school {
	rx_crypto_cert cert;
	size_t students, field_ops;
} bench_school;

/* Schools made in process; their secret signing keys in one guarded block. */
typedef struct bench_fleet {
	bench_school *s;
	size_t n;
	uint8_t *sk;      /* n x 64 bytes, sodium_malloc'ed */
	sqlite3 *db;      /* a copy of the county's directory the schools sync with */
} bench_fleet;

struct bench {
	const rx_ops_bench_opts *o;
	char *exe, *dir, *log;
	size_t county_schools, students;       /* the county figure */
	size_t scale[BENCH_SCALE_MAX], nscale; /* schools per scale step, ascending */
	size_t scale_students;                 /* per scale school */
	bench_fleet fleet;
	bench_results r;
};

/* Run `runxin -C DIR/home args...` (NULL-ended) with stdout into out (may be NULL). */
int bench_rx(bench *b, rx_buf *out, const char *home, rx_error *err, ...);

/* Run any program (NULL-ended argv); nonzero exit is an error. */
int bench_sh(bench *b, rx_error *err, ...);

/* Seconds on the monotonic clock. */
double bench_now(void);

/* "[bench] ..." on stderr when progress is on. */
void bench_say(bench *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Bytes of every file under path (recursively), less pack indexes (not sent). */
size_t bench_du(const char *path);

/* Write data to DIR/name. */
int bench_put(bench *b, const char *name, const rx_buf *data, rx_error *err);

/* Write data to a file at path. */
int bench_write(const char *path, const rx_buf *data, rx_error *err);

/* Create home `slug` with role, enrolled by home `parent` (NULL: the city root). */
int bench_node(bench *b, const char *slug, const char *role, const char *parent,
	rx_error *err);

/*
 * Give school home `slug` a synthetic school year (roster, two PHQ-9 and two
 * GAD-7 administrations) of n students; CSV bytes into csv when not NULL.
 * *ops gets the field ops written.
 */
int bench_school_year(bench *b, const char *slug, size_t n, uint64_t seed,
	rx_buf csv[5], size_t *ops, rx_error *err);

/* A hub: a copy of the county home (never synced itself) with the hook installed. */
int bench_hub_make(bench *b, const char *hub, rx_error *err);

/* Change-sets on node branches of a bare repo. */
size_t bench_count_cs(const char *repo_path);

/*
 * n new school identities, certified by the county (its key unlocked through
 * the caller's hook), put into the county's directory and published on its
 * directory branch; hubs copied from the county afterwards know them all.
 */
int bench_fleet_enrol(bench *b, bench_fleet *f, size_t n, rx_error *err);
void bench_fleet_free(bench_fleet *f);

/* School i's year (roster, 2x PHQ-9, 2x GAD-7: 5 archive change-sets) in DIR/fleet/NNNN.git. */
int bench_fleet_year(bench *b, bench_fleet *f, size_t i, size_t students,
	rx_error *err);
void bench_fleet_repo(char *out, size_t cap, const bench *b, size_t i);

/* School i runs rx_sync_run against url, in this process. */
int bench_fleet_sync(bench *b, bench_fleet *f, size_t i, const char *url,
	rx_error *err);

/* The figures, one file each. */
int bench_wire_run(bench *b, rx_error *err);
int bench_ingest_run(bench *b, rx_error *err);
int bench_link_run(bench *b, rx_error *err);
int bench_slow_run(bench *b, rx_error *err);
void bench_report(const bench *b, FILE *f, int json);
void bench_report_json(const bench *b, FILE *f);

/* Peak resident memory of a process group, sampled in a thread. */
typedef struct bench_rss bench_rss;
int bench_rss_start(bench_rss **out, pid_t pgid, rx_error *err);
void bench_rss_stop(bench_rss *s, size_t *sum_kib, size_t *max_kib);

/* A TCP proxy on 127.0.0.1 in front of port: counts, and cuts after cut bytes. */
/* Loopback sockets (sock.c): a listener on a free port of 127.0.0.1, a dial, an accept loop. */
int bench_listen_any(int *port);
int bench_dial(int port);
void bench_accept_loop(int lfd, atomic_int *stop, void (*serve)(void *ctx, int fd),
	void *ctx);
/* Listen on a free loopback port and run fn(ctx) on a new thread; -1 (errno) on failure. */
int bench_relay_start(int *lfd, int *port, pthread_t *thread,
	void *(*fn)(void *), void *ctx);

typedef struct bench_proxy bench_proxy;
int bench_proxy_start(bench_proxy **out, int upstream_port, rx_error *err);
int bench_proxy_port(const bench_proxy *p);
/* Cut the next connections once they carried this many bytes (0: never). */
void bench_proxy_cut(bench_proxy *p, size_t bytes);
/* Counters since the last reset: connections, client turns, bytes both ways. */
void bench_proxy_take(bench_proxy *p, bench_trips *t);
void bench_proxy_stop(bench_proxy *p);

/* Nothing changed against hubs of 10, 200 and 2,000 schools, via views and without. */
int bench_hubsize_run(bench *b, bench_proxy *p, rx_error *err);

/* A slow link in user space (see docs/BENCHMARKS.md for the model). */
typedef struct bench_shape_link {
	double rate_bps;   /* bytes per second, each direction */
	double delay_s;    /* one-way delay, each direction */
	double loss;       /* probability a segment is lost */
	double rto_s;      /* what a lost segment costs: the retransmission timeout */
} bench_shape_link;
typedef struct bench_shape bench_shape;
int bench_shape_start(bench_shape **out, int upstream_port,
	const bench_shape_link *link, rx_error *err);
int bench_shape_port(const bench_shape *p);
/* Counters since the last take: connections, round trips (the server answers
 * after the client spoke: in turns), bytes both ways, lost segments. */
void bench_shape_take(bench_shape *p, bench_trips *t);
void bench_shape_stop(bench_shape *p);

/* -- Baselines for the bytes-on-the-wire benchmark: zstd -19 of CSV, a CouchDB-style body. -- */

/* Compressed size of len bytes at zstd level 19 (one frame, as `zstd -19`). */
int rx_ops_baseline_zstd19(size_t *out, const uint8_t *csv, size_t len,
			   rx_error *err);

/* One screening CSV and what names its records. */
typedef struct rx_ops_baseline_screening {
	const uint8_t *csv;
	size_t len;
	const char *scale;   /* a built-in scale id: phq9, phqa, gad7 */
	int round;
	int administration;
} rx_ops_baseline_screening;

/* A school year as CSV: the roster and its screening administrations. */
typedef struct rx_ops_baseline_year {
	const uint8_t *roster;
	size_t roster_len;
	const rx_ops_baseline_screening *screening;
	size_t n;            /* number of screening CSVs */
	uint64_t seed;       /* makes the _rev values */
} rx_ops_baseline_year;

typedef struct rx_ops_couch_size {
	size_t docs;  /* JSON documents in the body */
	size_t raw;   /* bytes of the JSON body */
	size_t gzip;  /* bytes of the body gzip-compressed (zlib level 6) */
} rx_ops_couch_size;

/*
 * Append to json the body a CouchDB replication would carry for the year
 * (`{"new_edits":false,"docs":[`, one document per line, `]}`): a student
 * document per roster row and a screening document per screening row, each
 * with its _id and a "1-<32 hex>" _rev derived from seed. *docs (may be
 * NULL) gets the number of documents. 0, RX_EINPUT if a CSV does not
 * import cleanly (err names the line), RX_EINTERNAL.
 */
int rx_ops_baseline_couch_body(rx_buf *json, size_t *docs,
			       const rx_ops_baseline_year *y, rx_error *err);

/* The size of that body, raw and gzip-compressed. 0 or as above. */
int rx_ops_baseline_couch(rx_ops_couch_size *out, const rx_ops_baseline_year *y,
			  rx_error *err);

/* Size of len bytes as one gzip member at zlib's default level (6). */
int rx_ops_baseline_gzip(size_t *out, const uint8_t *data, size_t len,
			 rx_error *err);

#endif
