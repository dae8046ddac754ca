/* libFuzzer target: branch ref names, refs/runxin/<branch>/<author> (rx_sync_branch_parse). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/verify.h"

#define REF_MAX 1024 /* git ref names from a remote are short; cap the copy */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char ref[REF_MAX + 1], back[REF_MAX + 1];
	rx_sync_branch b;
	rx_error err = { 0 };
	uint64_t id;

	if (size > REF_MAX)
		return 0;
	memcpy(ref, data, size);
	ref[size] = '\0';
	if (rx_sync_branch_parse(&b, ref, "refs/runxin/", &err) < 0) {
		if (err.code != RX_ESECURITY)
			abort();
		return 0;
	}
	/* what parses names one of the four branches and a node id (two for xfer), and nothing else */
	if (rx_crypto_node_id_u64(&id, b.author) < 0 ||
	    (strcmp(b.branch, "nodes") && strcmp(b.branch, "dir") &&
	     strcmp(b.branch, "checkpoints") && strcmp(b.branch, "xfer")) ||
	    (!strcmp(b.branch, "xfer") != (rx_crypto_node_id_u64(&id, b.to) == 0)))
		abort();
	if (b.to[0])
		snprintf(back, sizeof(back), "refs/runxin/%s/%s/%s", b.branch, b.to, b.author);
	else
		snprintf(back, sizeof(back), "refs/runxin/%s/%s", b.branch, b.author);
	if (strcmp(back, ref) != 0)
		abort();
	return 0;
}
