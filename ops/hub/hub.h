/* Hub duties: the pre-receive hook and checkpoints. */
#ifndef RX_NODE_HUB_H
#define RX_NODE_HUB_H

#include "node/home.h"

/* Install HOME/repo.git/hooks/pre-receive calling this program's hub-hook. */
int rx_hub_install(rx_home *h, rx_error *err);

#endif
