/* zstd helpers: bounded compression level, and streaming decompression with a running output cap. */
#include <stdlib.h>
#include <zstd.h>

#include "sync/op.h"

/* Levels 1..19 use windows of at most 8 MiB; the decoder accepts up to 16 MiB. */
#define RX_ZSTD_WINDOW_LOG_MAX 24

int rx_sync_zstd_compress(rx_buf *out, const uint8_t *in, size_t len,
	int level, rx_error *err)
{
	size_t bound = ZSTD_compressBound(len), n;
	ZSTD_CCtx *cc;
	int rc;

	if (level < 1 || level > 19)
		return rx_error_set(err, RX_EUSAGE, "zstd: level must be 1..19");
	if (ZSTD_isError(bound))
		return rx_error_set(err, RX_EINPUT, "zstd: input too large");
	if ((rc = rx_buf_reserve(out, bound, err)) < 0)
		return rc;
	if (!(cc = ZSTD_createCCtx()))
		return rx_error_nomem(err);
	/* The checksum makes a corrupt frame an error rather than other bytes. */
	n = ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, level);
	if (!ZSTD_isError(n))
		n = ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, 1);
	if (!ZSTD_isError(n))
		n = ZSTD_compress2(cc, out->data + out->len, bound, in, len);
	ZSTD_freeCCtx(cc);
	if (ZSTD_isError(n))
		return rx_error_set(err, RX_EINTERNAL, "zstd: %s",
			ZSTD_getErrorName(n));
	out->len += n;
	out->data[out->len] = '\0';
	return 0;
}

/* Room for n more bytes, growing by doubling but never past limit bytes. */
static int grow(rx_buf *out, size_t n, size_t limit, rx_error *err)
{
	size_t cap = out->cap ? out->cap : 4096;
	uint8_t *p;

	if (out->len + n + 1 <= out->cap)
		return 0;
	while (cap < out->len + n + 1)
		cap *= 2;
	if (cap > limit)
		cap = limit > out->len + n + 1 ? limit : out->len + n + 1;
	if (!(p = realloc(out->data, cap)))
		return rx_error_nomem(err);
	out->data = p;
	out->cap = cap;
	return 0;
}

/* Feed the whole input through ds; stop as soon as output passes max_out. */
static int stream(ZSTD_DStream *ds, rx_buf *out, size_t len0,
	const uint8_t *in, size_t len, size_t max_out, rx_error *err)
{
	ZSTD_inBuffer ib = { in, len, 0 };
	size_t chunk = ZSTD_DStreamOutSize(), r = 1;
	int rc;

	while (r != 0) {
		size_t have = out->len - len0;
		size_t room = max_out - have + 1; /* one byte over proves a bomb */
		if ((rc = grow(out, room < chunk ? room : chunk,
		    len0 + max_out + 2, err)) < 0)
			return rc;
		ZSTD_outBuffer ob = { out->data + out->len,
			room < chunk ? room : chunk, 0 };
		r = ZSTD_decompressStream(ds, &ob, &ib);
		if (ZSTD_isError(r))
			return rx_error_set(err, RX_EINPUT, "zstd: %s",
				ZSTD_getErrorName(r));
		out->len += ob.pos;
		if (out->len - len0 > max_out)
			return rx_error_set(err, RX_ESECURITY,
				"zstd: output exceeds %zu bytes", max_out);
		if (r != 0 && ib.pos == ib.size && ob.pos < ob.size)
			return rx_error_set(err, RX_EINPUT, "zstd: truncated frame");
	}
	if (ib.pos != ib.size)
		return rx_error_set(err, RX_EINPUT, "zstd: trailing bytes");
	return 0;
}

int rx_sync_zstd_decompress(rx_buf *out, const uint8_t *in, size_t len,
	size_t max_out, rx_error *err)
{
	ZSTD_DStream *ds;
	size_t len0 = out->len;
	int rc;

	if (max_out == SIZE_MAX)
		max_out--;
	if (!(ds = ZSTD_createDStream()))
		return rx_error_nomem(err);
	if (ZSTD_isError(ZSTD_DCtx_setParameter(ds, ZSTD_d_windowLogMax,
	    RX_ZSTD_WINDOW_LOG_MAX)))
		rc = rx_error_set(err, RX_EINTERNAL, "zstd: cannot cap window");
	else
		rc = stream(ds, out, len0, in, len, max_out, err);
	ZSTD_freeDStream(ds);
	if (rc < 0) {
		out->len = len0;
		if (out->data)
			out->data[len0] = '\0';
	} else {
		rc = rx_buf_cstr(out, err);
	}
	return rc;
}
