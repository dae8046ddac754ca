/* libFuzzer target: the op batch decoder (rx_sync_ops_decode); what decodes must re-encode to the same bytes. */
#include <stdlib.h>
#include <string.h>

#include "sync/op.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rx_sync_batch b = { 0 };
	rx_buf back = RX_BUF_INIT;
	rx_error err = { 0 };

	if (rx_sync_ops_decode(&b, data, size, &err) < 0) {
		if ((err.code != RX_EINPUT && err.code != RX_ESECURITY) ||
		    strchr(err.msg, '\n'))
			abort();
		rx_sync_batch_free(&b);
		return 0;
	}
	for (size_t i = 0; i < b.n; i++)
		if (rx_sync_op_check(&b.ops[i], &err) < 0 ||
		    (i && rx_sync_op_cmp(&b.ops[i - 1], &b.ops[i]) >= 0))
			abort();
	/* canonical: the decoded set encodes to exactly the input */
	if (rx_sync_ops_encode(&back, b.ops, b.n, &err) < 0 ||
	    back.len != size || memcmp(back.data, data, size) != 0)
		abort();
	rx_buf_free(&back);
	rx_sync_batch_free(&b);
	return 0;
}
