/* Internals of the stats reports shared by the renderers. */
#ifndef RX_OPS_STATSINT_H
#define RX_OPS_STATSINT_H

#include "ops/stats/stats.h"

/* The headline rates of a unit, "*" when a part is hidden. */
typedef struct rx_ops_stats_rates {
	char screened[16]; /* screened twice / enrolled */
	char visited[16];  /* home visit done / enrolled */
	char on_time[16];  /* obligations met on time / due */
} rx_ops_stats_rates;

void rx_ops_stats_rates_of(rx_ops_stats_rates *r, const rx_ops_stats *s);

/* Append s escaped for a JSON string or HTML text (no quotes added). */
int rx_ops_stats_json_esc(rx_buf *b, const char *s, rx_error *err);
int rx_ops_stats_html_esc(rx_buf *b, const char *s, rx_error *err);

int rx_ops_stats_json(rx_buf *b, const rx_ops_stats_report *r, rx_error *err);
int rx_ops_stats_html(rx_buf *b, const rx_ops_stats_report *r, rx_error *err);

#endif
