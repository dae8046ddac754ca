/* A school's statistics computed from its archive (docs/stats.md). */
#ifndef RX_NODE_STATS_H
#define RX_NODE_STATS_H

#include "node/archive.h"
#include "ops/stats.h"
#include "schema/import.h"

/*
 * The figures of school `school` for the school year holding today and the
 * given round (NULL: the round of the latest screening): counts only, no
 * name, no student number, no free text.
 */
int rx_node_stats_compute(rx_ops_stats *out, rx_archive *a, const char *school,
	const char *round, rx_schema_date today, rx_error *err);


#include "node/home.h"

/* A county or city hub opened for statistics: its keys, repository and what it holds. */
typedef struct rx_node_hub {
	rx_home *h;
	rx_secrets *s;
	git_repository *repo;
	uint8_t box_pk[32], box_sk[32];
	rx_ops_stats_set set;
	int year;        /* the school year and round reported on */
	char round[17];
} rx_node_hub;

/* Unlock a county or city home and collect the stats it can open; year/round NULL/0: latest. */
int rx_node_hub_open(rx_node_hub *hub, rx_home *h, const rx_opts *o, int year,
	const char *round, rx_error *err);
void rx_node_hub_close(rx_node_hub *hub);

/* The county's published view: its schools then its aggregate (*n records, malloc'ed). */
int rx_node_stats_county_view(rx_ops_stats **out, size_t *n, rx_node_hub *hub,
	const rx_ops_stats_pubopts *po, double *eps, rx_error *err);

/* The threshold setting (stats.threshold), default RX_OPS_THRESHOLD_DEFAULT. */
int rx_node_stats_threshold(rx_home *h);

/* Render the report of a county or the city to path (NULL: stdout). */
int rx_node_stats_report(rx_home *h, const rx_opts *o, int year, const char *round,
	const rx_ops_stats_pubopts *po, rx_ops_stats_format f, const char *path,
	rx_error *err);

#endif
