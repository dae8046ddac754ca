/* Internals of the demo: a city tree of node homes driven through the command line. */
#ifndef RX_OPS_DEMO_H
#define RX_OPS_DEMO_H

#include "crypto/buf.h"

#define DEMO_COUNTIES 2
#define DEMO_SCHOOLS 3

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

#endif
