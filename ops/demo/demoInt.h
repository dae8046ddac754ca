/* Internals of the demo: a city tree of node homes driven through the command line. */
#ifndef RX_OPS_DEMO_INT_H
#define RX_OPS_DEMO_INT_H

#include "crypto/buf.h"

#define DEMO_COUNTIES 2
#define DEMO_SCHOOLS 3
#define DEMO_STUDENTS 400

typedef struct demo_node {
	const char *slug;  /* directory name under the demo dir */
	const char *name;  /* display name */
	const char *role;
	int parent;        /* index of the parent node, -1 for the city */
} demo_node;

typedef struct demo {
	char *exe;         /* this program */
	char *dir;         /* the demo directory */
	char *log;         /* children's stderr */
	int step, steps;
	int year;          /* the school year the data is for */
	char today[16];    /* "d=YYYY-MM-DD" for records made today */
	char today_sd[16]; /* "sd=YYYY-MM-DD" */
	size_t students;
	size_t csv_bytes;  /* CSV files the schools imported */
	size_t left;       /* students marked left by a complete roster */
	size_t transferred; /* students transferred between schools, accepted */
	size_t kib_pushed; /* what the syncs pushed */
	struct rx_ops_server *daemon, *http; /* Baoying's git daemon, the city's HTTP */
	char *git_url, *http_url;
	char usb[512];     /* Gaoyou's USB stick */
	char audit[32];    /* the city's audit verdict */
} demo;

/* Run `runxin -C DIR/home args...` (NULL-ended); stdout into out (may be NULL). */
int demo_rx(demo *d, rx_buf *out, const char *home, rx_error *err, ...);

/* Write data to DIR/name. */
int demo_put(demo *d, const char *name, const rx_buf *data, rx_error *err);

/* Progress line on stderr: "[step/steps] what". */
void demo_progress(demo *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The fixed tree: city, counties, schools, devices; *n set. */
const demo_node *demo_tree(size_t *n);

/* Enrol every node of the tree under the city. */
int demo_enrol_all(demo *d, rx_error *err);

/* A school (tree index) imports nstudents and four screenings, then cares. */
int demo_school_data(demo *d, size_t school, size_t nstudents, rx_error *err);

/* Hub hooks, Baoying's git daemon and the city's HTTP server; stop frees them. */
int demo_servers_start(demo *d, rx_error *err);
void demo_servers_stop(demo *d);

/* Schools to counties (git daemon, USB) with receipts, counties to the city (HTTP). */
int demo_sync(demo *d, rx_error *err);

/* Every school up to its county (and Gaoyou's county from the stick). */
int demo_sync_all(demo *d, rx_error *err);

/* `runxin -C home sync url`, counting what it pushed. */
int demo_sync_to(demo *d, const char *home, const char *url, rx_error *err);

/* Each county countersigns the complete review reports of its schools. */
int demo_countersign(demo *d, rx_error *err);

/* One pupil transferred from a Gaoyou school to a Baoying one, and accepted there. */
int demo_transfer(demo *d, rx_error *err);

/* Statistics published and reported, the city's audit; paths into d. */
int demo_reports(demo *d, rx_error *err);

/* Confirm, notify, refer, plan, visit; with_incident adds an incident and its review. */
int demo_care(demo *d, const char *home, int with_incident, rx_error *err);

/*
 * Write a school's year of records (lines of rx_ops_synth_year) at home, in
 * process, as one archive change-set; *records written.
 */
int demo_year_write(demo *d, const char *home, const rx_buf *lines, size_t *records,
	rx_error *err);

#endif
