/* The compressed sizes behind the baselines: zstd level 19 and gzip. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "ops/bench/benchInt.h"

int rx_ops_baseline_zstd19(size_t *out, const uint8_t *csv, size_t len,
			   rx_error *err)
{
	size_t cap = ZSTD_compressBound(len), n;
	void *dst = malloc(cap ? cap : 1);
	int rc = 0;

	if (!dst)
		return rx_error_nomem(err);
	n = ZSTD_compress(dst, cap, csv, len, 19);
	if (ZSTD_isError(n))
		rc = rx_error_set(err, RX_EINTERNAL, "zstd: %s", ZSTD_getErrorName(n));
	else
		*out = n;
	free(dst);
	return rc;
}

int rx_ops_baseline_gzip(size_t *out, const uint8_t *data, size_t len,
			 rx_error *err)
{
	z_stream zs;
	uint8_t *dst = NULL;
	uLong cap;
	int rc = 0, zrc;

	memset(&zs, 0, sizeof(zs));
	/* windowBits 15 + 16: a gzip header and trailer, as Content-Encoding: gzip. */
	if (len > UINT32_MAX || deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED,
					     15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return rx_error_set(err, RX_EINTERNAL, "zlib: cannot compress %zu bytes",
				    len);
	cap = deflateBound(&zs, (uLong)len);
	if (!(dst = malloc(cap))) {
		rc = rx_error_nomem(err);
		goto out;
	}
	zs.next_in = (Bytef *)(uintptr_t)data;
	zs.avail_in = (uInt)len;
	zs.next_out = dst;
	zs.avail_out = (uInt)cap;
	if ((zrc = deflate(&zs, Z_FINISH)) != Z_STREAM_END)
		rc = rx_error_set(err, RX_EINTERNAL, "zlib: deflate returned %d", zrc);
	else
		*out = zs.total_out;
out:
	deflateEnd(&zs);
	free(dst);
	return rc;
}

int rx_ops_baseline_couch(rx_ops_couch_size *out, const rx_ops_baseline_year *y,
			  rx_error *err)
{
	rx_buf json = RX_BUF_INIT;
	int rc;

	if ((rc = rx_ops_baseline_couch_body(&json, &out->docs, y, err)) == 0 &&
	    (rc = rx_ops_baseline_gzip(&out->gzip, json.data, json.len, err)) == 0)
		out->raw = json.len;
	rx_buf_free(&json);
	return rc;
}
