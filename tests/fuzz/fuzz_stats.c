/* libFuzzer target: the stats payload decoder on arbitrary bytes; what decodes must re-encode to the same bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ops/stats/stats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rx_ops_stats *recs = NULL;
	rx_buf b = RX_BUF_INIT;
	rx_error err = { 0 };
	size_t n = 0;

	if (rx_ops_stats_decode(&recs, &n, data, size, &err) < 0)
		return 0;
	/* canonical: one encoding per value */
	if (rx_ops_stats_encode(&b, recs, n, &err) < 0 || b.len != size ||
	    memcmp(b.data, data, size) != 0)
		abort();
	rx_buf_free(&b);
	free(recs);
	return 0;
}
