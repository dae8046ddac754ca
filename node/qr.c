/* A QR code in the terminal: two module rows per text line, dark modules drawn as spaces on light blocks. */
#include <qrencode.h>

#include "node/qr.h"

#define QUIET 2

/* Is module (x, y) dark? Outside the symbol (the quiet zone) it is light. */
static int dark(const QRcode *q, int x, int y)
{
	if (x < 0 || y < 0 || x >= q->width || y >= q->width)
		return 0;
	return q->data[y * q->width + x] & 1;
}

int rx_node_qr_print(FILE *f, const char *text)
{
	/* light on top and bottom, as a phone reads a dark-on-light code */
	static const char *cell[4] = { "█", "▄", "▀", " " };
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);

	if (!q)
		return -1;
	for (int y = -QUIET; y < q->width + QUIET; y += 2) {
		for (int x = -QUIET; x < q->width + QUIET; x++)
			fputs(cell[dark(q, x, y) * 2 + dark(q, x, y + 1)], f);
		fputc('\n', f);
	}
	QRcode_free(q);
	return 0;
}
