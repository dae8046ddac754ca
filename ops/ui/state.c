/* The server's unlocked state: closing the archive (keys wiped) and dropping a waiting upload. */
#include <string.h>

#include <sodium.h>

#include "ops/ui/uiInt.h"

void rx_ui_pending_clear(rx_ui_pending *p)
{
	if (p->data.data)
		sodium_memzero(p->data.data, p->data.cap);
	rx_buf_free(&p->data);
	memset(p, 0, sizeof(*p));
}

void rx_ui_lock(rx_ui *u)
{
	rx_ui_pending_clear(&u->pending);
	rx_archive_close(u->a);
	u->a = NULL;
}
