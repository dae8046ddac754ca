/* Files of the node's home: bounded reads, atomic private writes. */
#ifndef RX_NODE_FSUTIL_H
#define RX_NODE_FSUTIL_H

#include "crypto/buf.h"

/* Read a whole file of at most max bytes into out (appended). */
int rx_node_read_file(rx_buf *out, const char *path, size_t max, rx_error *err);

/* Write data to path via a temporary file, fsync and rename; mode 0600. */
int rx_node_write_file(const char *path, const void *data, size_t len,
	rx_error *err);

/* path = dir "/" name, malloc'ed; NULL on failure. */
char *rx_node_path(const char *dir, const char *name);

#endif
