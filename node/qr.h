/* A QR code drawn in the terminal with Unicode half blocks (libqrencode). */
#ifndef RX_NODE_QR_H
#define RX_NODE_QR_H

#include <stdio.h>

/* Draw text as a QR code (level M, a quiet zone of 2) on f. 0, or -1 if it cannot be encoded. */
int rx_node_qr_print(FILE *f, const char *text);

#endif
