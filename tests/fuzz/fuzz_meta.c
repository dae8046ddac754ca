/* libFuzzer target: change-set meta (rx_sync_meta_parse); what parses names a node id and re-formats to the input. */
#include <stdlib.h>
#include <string.h>

#include "sync/meta.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rx_cs_meta m;
	rx_buf back = RX_BUF_INIT;
	rx_error err = { 0 };
	uint64_t id;

	if (rx_sync_meta_parse(&m, data, size, &err) < 0) {
		if (err.code != RX_ESECURITY || strchr(err.msg, '\n'))
			abort();
		return 0;
	}
	/* only the canonical form: one text per meta, the author a node id */
	if (rx_crypto_node_id_u64(&id, m.author) < 0 ||
	    m.nrcpt > RX_CS_MAX_RCPT ||
	    rx_sync_meta_format(&back, &m, &err) < 0 || back.len != size ||
	    memcmp(back.data, data, size) != 0)
		abort();
	rx_buf_free(&back);
	return 0;
}
