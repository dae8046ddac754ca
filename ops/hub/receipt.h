/* Receipts: which of this node's change-sets a hub's checkpoint covers. */
#ifndef RX_NODE_RECEIPT_H
#define RX_NODE_RECEIPT_H

#include <stdint.h>

#include "node/home.h"

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
