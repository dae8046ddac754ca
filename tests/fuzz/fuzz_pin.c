/* libFuzzer target: ssh host-key pins (rx_sync_transport_pin_parse): fingerprints, key lines, known_hosts lines. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "sync/transport.h"

#define PIN_MAX 16384 /* past the parser's own cap, so its refusal is reached */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t h[32], h2[32];
	char *text, fp[RX_SYNC_PIN_TEXT_MAX];
	rx_error err = { 0 };
	int rc;

	if (size > PIN_MAX || sodium_init() < 0 || !(text = malloc(size + 1)))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	rc = rx_sync_transport_pin_parse(h, text, &err);
	free(text);
	if (rc < 0) {
		if (rc != RX_EUSAGE || strchr(err.msg, '\n'))
			abort();
		return 0;
	}
	/* the fingerprint as printed parses back to the same hash */
	rx_sync_transport_pin_format(fp, h);
	if (rx_sync_transport_pin_parse(h2, fp, &err) < 0 || memcmp(h, h2, 32) != 0)
		abort();
	return 0;
}
