/* Hub duties: the pre-receive hook, checkpoints, and the receipts a school reads from them. */
#ifndef RX_OPS_HUB_H
#define RX_OPS_HUB_H

#include <stdint.h>

#include "ops/home/home.h"

/* -- Hub duties: the pre-receive hook and checkpoints. -- */

/* Install HOME/repo.git/hooks/pre-receive calling this program's hub-hook. */
int rx_hub_install(rx_home *h, rx_error *err);

/* -- Receipts: which of this node's change-sets a hub's checkpoint covers. -- */

typedef struct rx_receipt {
	char hub[RX_NODE_ID_LEN + 1];
	char hub_name[RX_NAME_MAX + 1];
	int64_t time;        /* when the hub signed the checkpoint */
	uint64_t covered;    /* own change-sets the checkpoint holds */
	uint64_t own;        /* own change-sets here */
} rx_receipt;

/*
 * The newest checkpoint of each ancestor hub held here, against this node's
 * own data branch. *out malloc'ed, *n entries.
 */
int rx_node_receipts(rx_receipt **out, size_t *n, rx_home *h, rx_error *err);

#endif
