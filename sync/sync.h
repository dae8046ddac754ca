/* The replicated store and its op encoding: the public header of sync/. */
#ifndef RX_SYNC_H
#define RX_SYNC_H

#include "sync/hlc.h"
#include "sync/op.h"
#include "sync/store.h"

#endif
