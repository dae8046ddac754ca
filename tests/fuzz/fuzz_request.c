/* libFuzzer target: enrolment requests (rx_crypto_request_parse, armored and self-signed). */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crypto/cert.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rx_crypto_request req;
	rx_error err = { 0 };
	char id[RX_NODE_ID_LEN + 1];
	int rc;

	if (sodium_init() < 0)
		abort();
	rc = rx_crypto_request_parse(&req, (const char *)data, size, &err);
	if (rc < 0) {
		if (rc != RX_ESECURITY || strchr(err.msg, '\n'))
			abort();
		return 0;
	}
	/* a request that passes is self-signed: its node id is its key's */
	rx_crypto_node_id(id, req.sign_pk);
	if (strcmp(id, req.node) != 0 || !rx_crypto_role_name(req.role) ||
	    !rx_crypto_utf8_valid(req.name, strlen(req.name), 1))
		abort();
	return 0;
}
