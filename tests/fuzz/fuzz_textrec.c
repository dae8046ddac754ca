/* libFuzzer target: the "key: value" record reader under every record kind (rx_textrec_parse). */
/*
 * Input: one byte choosing the record's magic line, then the text. The
 * key order and base64 readers run on whatever parses.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crypto/textrec.h"

static const char *const magics[] = { "runxin-cert 1", "runxin-revocation 2",
	"runxin-request 1", "runxin-datakey 1" };
static const char *const order[] = { "node", "role", "name", "sign-key",
	"box-key", "signature", NULL };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rx_textrec *rec;
	rx_error err = { 0 };
	uint8_t bin[64];
	size_t used = 0;
	int rc;

	if (size < 1 || sodium_init() < 0)
		return 0;
	if (!(rec = malloc(sizeof(*rec))))
		return 0;
	rc = rx_textrec_parse(rec, magics[data[0] % 4], (const char *)data + 1,
		size - 1, &used, "record", &err);
	if (rc < 0) {
		if (rc != RX_ESECURITY || strchr(err.msg, '\n'))
			abort();
		free(rec);
		return 0;
	}
	if (used == 0 || used > size - 1 || rec->n == 0 ||
	    rec->n > RX_TEXTREC_MAX_FIELDS ||
	    strcmp(rec->key[rec->n - 1], "signature") != 0)
		abort();
	for (size_t i = 0; i < rec->n; i++) {
		if (strlen(rec->val[i]) > RX_TEXTREC_VALUE_MAX ||
		    rx_textrec_get(rec, rec->key[i]) == NULL)
			abort();
		rx_textrec_b64_get(bin, 32, rec->val[i]);
		rx_textrec_b64_get(bin, 64, rec->val[i]);
	}
	rx_error_clear(&err);
	rx_textrec_expect(rec, order, "record", &err);
	free(rec);
	return 0;
}
