/* What the stats renderers share: headline rates, escaping for JSON strings and HTML text. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ops/stats/statsInt.h"

void rx_ops_stats_rate(char out[static 16], int64_t num, int num_hidden,
	int64_t den, int den_hidden)
{
	if (num_hidden || den_hidden)
		snprintf(out, 16, "*");
	else if (den <= 0)
		snprintf(out, 16, "-");
	else
		snprintf(out, 16, "%.1f%%", 100.0 * (double)num / (double)den);
}

void rx_ops_stats_rates_of(rx_ops_stats_rates *r, const rx_ops_stats *s)
{
	int rows = rx_ops_stats_rows(RX_STATS_COVERAGE), c = RX_STATS_COVERAGE;
	int orow = rx_ops_stats_rows(RX_STATS_OBLIG), ocol = rx_ops_stats_cols(RX_STATS_OBLIG);
	int64_t den = rx_ops_stats_get(s, c, rows, 4);
	int dh = rx_ops_stats_is_hidden(s, c, rows, 4);

	rx_ops_stats_rate(r->screened, rx_ops_stats_get(s, c, rows, 0) +
		rx_ops_stats_get(s, c, rows, 1), rx_ops_stats_is_hidden(s, c, rows, 0) |
		rx_ops_stats_is_hidden(s, c, rows, 1), den, dh);
	rx_ops_stats_rate(r->visited, rx_ops_stats_get(s, c, rows, 0) +
		rx_ops_stats_get(s, c, rows, 2), rx_ops_stats_is_hidden(s, c, rows, 0) |
		rx_ops_stats_is_hidden(s, c, rows, 2), den, dh);
	rx_ops_stats_rate(r->on_time, rx_ops_stats_get(s, RX_STATS_OBLIG, orow, 0),
		rx_ops_stats_is_hidden(s, RX_STATS_OBLIG, orow, 0),
		rx_ops_stats_get(s, RX_STATS_OBLIG, orow, ocol),
		rx_ops_stats_is_hidden(s, RX_STATS_OBLIG, orow, ocol));
}

int rx_ops_stats_json_esc(rx_buf *b, const char *s, rx_error *err)
{
	int rc = 0;

	for (const unsigned char *p = (const unsigned char *)s; rc == 0 && *p; p++) {
		if (*p == '"' || *p == '\\')
			rc = rx_buf_printf(b, err, "\\%c", *p);
		else if (*p < 0x20)
			rc = rx_buf_printf(b, err, "\\u%04x", *p);
		else
			rc = rx_buf_put(b, p, 1, err);
	}
	return rc;
}

int rx_ops_stats_html_esc(rx_buf *b, const char *s, rx_error *err)
{
	int rc = 0;

	for (const char *p = s; rc == 0 && *p; p++)
		switch (*p) {
		case '<': rc = rx_buf_puts(b, "&lt;", err); break;
		case '>': rc = rx_buf_puts(b, "&gt;", err); break;
		case '&': rc = rx_buf_puts(b, "&amp;", err); break;
		case '"': rc = rx_buf_puts(b, "&quot;", err); break;
		default: rc = rx_buf_put(b, p, 1, err);
		}
	return rc;
}

/* A rate in 0..1, or -1 when hidden or undefined. */
