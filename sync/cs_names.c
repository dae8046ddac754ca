/* What writing and loading a change-set agree on: branch names, commit messages, the payload's bound data, git's errors. */
#include <inttypes.h>
#include <stdio.h>

#include "sync/changeset.h"

int rx_sync_git_error(rx_error *err, int code, const char *what)
{
	const git_error *e = git_error_last();
	const char *m = e && e->message ? e->message : "git failed";

	if (rx_error_is_full(m))
		return rx_error_set(err, RX_EINTERNAL, "disk full (磁盘已满): %s: %s; "
			RX_ERROR_FULL_TODO, what, m);
	return rx_error_set(err, code, "%s: %s", what, m);
}

int rx_sync_cs_ref(char *out, size_t cap, const char *author, rx_cs_kind kind)
{
	int n = snprintf(out, cap, "refs/runxin/%s/%s", rx_sync_kind_branch(kind),
		author);

	return n > 0 && (size_t)n < cap ? 0 : -1;
}

int rx_sync_xfer_ref(char *out, size_t cap, const char *to, const char *author)
{
	uint64_t x;
	int n;

	if (!to || rx_crypto_node_id_u64(&x, to) < 0)
		return -1;
	n = snprintf(out, cap, "refs/runxin/xfer/%s/%s", to, author);
	return n > 0 && (size_t)n < cap ? 0 : -1;
}

/* The additional data binding a payload to its author, place and kind. */
void rx_sync_cs_ad(uint8_t ad[static 48], size_t *len, const char *author,
	uint64_t seq, rx_cs_kind kind)
{
	*len = (size_t)snprintf((char *)ad, 48, "runxin-cs 1 %s %" PRIu64 " %d",
		author, seq, (int)kind);
}

/* The canonical commit message: no student data, only kind and number. */
void rx_sync_cs_message(char *out, size_t cap, rx_cs_kind kind, uint64_t seq)
{
	snprintf(out, cap, "runxin %s #%" PRIu64 "\n", rx_sync_kind_name(kind), seq);
}
