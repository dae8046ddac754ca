/* The local web interface (runxin ui): a small server on 127.0.0.1 over the archive's library calls. */
#ifndef RX_OPS_UI_H
#define RX_OPS_UI_H

#include "crypto/error.h"
#include "ops/home/home.h"

typedef struct rx_ui_opts {
	rx_home_opts home;   /* the home; its passphrase comes from the login page */
	unsigned port;       /* 0: any free port */
	/* called once the server listens, with its URL (print it, open a browser) */
	void (*ready)(void *ctx, const char *url);
	void *ctx;
} rx_ui_opts;

/*
 * Serve the web interface on 127.0.0.1:port until SIGINT or SIGTERM. The
 * keystore is unlocked by the login page and the keys stay in this process
 * (guarded sodium_malloc memory) until every session has ended. 0 on a
 * clean stop; RX_ETRANSPORT when the port cannot be bound.
 */
int rx_ui_serve(const rx_ui_opts *o, rx_error *err);

#endif
