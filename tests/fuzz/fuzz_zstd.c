/* libFuzzer target: zstd decompression with its running output cap (rx_sync_zstd_decompress). */
/*
 * Input: one byte choosing the cap (1 << (b % 21) bytes, so both small caps
 * that frames overrun and 1 MiB), then the frame. The output buffer starts
 * with a prefix: a failure must leave it exactly as it was.
 */
#include <stdlib.h>
#include <string.h>

#include "sync/op.h"

#define PREFIX "prefix"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rx_buf out = RX_BUF_INIT;
	rx_error err = { 0 };
	size_t cap, pl = strlen(PREFIX);
	int rc;

	if (size < 1)
		return 0;
	cap = (size_t)1 << (data[0] % 21);
	if (rx_buf_puts(&out, PREFIX, &err) < 0)
		abort();
	rc = rx_sync_zstd_decompress(&out, data + 1, size - 1, cap, &err);
	if (rc == 0) {
		if (out.len - pl > cap || out.data[out.len] != '\0')
			abort();
	} else if ((rc != RX_EINPUT && rc != RX_ESECURITY) ||
		   strchr(err.msg, '\n') || out.len != pl || out.data[pl] != '\0') {
		abort();
	}
	if (memcmp(out.data, PREFIX, pl) != 0)
		abort();
	rx_buf_free(&out);
	return 0;
}
