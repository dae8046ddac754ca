/* libFuzzer target: policy payloads (rx_ops_policy_decode), then each file through its kind's checks. */
#include <stdlib.h>
#include <string.h>

#include "ops/policy/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rx_ops_policy p;
	rx_error err = { 0 };
	int rc;

	memset(&p, 0, sizeof(p));
	rc = rx_ops_policy_decode(&p, data, size, &err);
	if (rc < 0) {
		if (rc != RX_ESECURITY || strchr(err.msg, '\n') || p.f || p.n)
			abort();
		return 0;
	}
	if (p.n == 0 || p.n > RX_POLICY_FILES_MAX)
		abort();
	for (size_t i = 0; i < p.n; i++) {
		rx_error e = { 0 };
		if (p.f[i].len == 0 || p.f[i].len > RX_POLICY_FILE_MAX || p.f[i].data[p.f[i].len])
			abort();
		rx_ops_policy_check_file(&p.f[i], "fuzz", &e);
		rx_error_clear(&e);
		rx_ops_policy_allowed(RX_ROLE_COUNTY, &p.f[i],
			rx_schema_builtin_find("compliance", "default"), &e);
	}
	rx_ops_policy_clear(&p);
	return 0;
}
