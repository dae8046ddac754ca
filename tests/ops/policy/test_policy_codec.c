/* The policy payload: round trip, and every malformed form refused; the county's allowance. */
#include <string.h>

#include "ops/policy/policy.h"
#include "tests/harness.h"

static int decode(const char *text, size_t len)
{
	rx_ops_policy p;
	rx_error err = { 0 };
	int rc;

	memset(&p, 0, sizeof(p));
	rc = rx_ops_policy_decode(&p, (const uint8_t *)text, len, &err);
	rx_ops_policy_clear(&p);
	return rc;
}

static void test_roundtrip(void)
{
	rx_ops_policy_file f[2] = { { "compliance", "default", "ratio = 800\n", 12 },
		{ "scale", "sds", "id = sds\n", 9 } };
	rx_buf b = RX_BUF_INIT;
	rx_ops_policy p;
	rx_error err = { 0 };

	memset(&p, 0, sizeof(p));
	CHECK_EQ(rx_ops_policy_encode(&b, "2026-09-01", f, 2, &err), 0);
	CHECK_EQ(rx_ops_policy_decode(&p, b.data, b.len, &err), 0);
	CHECK_STR(p.effective, "2026-09-01");
	CHECK_EQ(p.n, 2);
	CHECK_STR(p.f[1].kind, "scale");
	CHECK_STR(p.f[1].name, "sds");
	CHECK(p.f[0].len == 12 && !memcmp(p.f[0].data, "ratio = 800\n", 12));
	/* every strict prefix is refused: truncation */
	for (size_t n = 0; n < b.len; n++)
		CHECK_EQ(decode((const char *)b.data, n), RX_ESECURITY);
	rx_ops_policy_clear(&p);
	rx_buf_free(&b);
}

#define H "runxin-policy 1\neffective 2026-09-01\nfiles 1\n"

static void test_malformed(void)
{
	static const char *const bad[] = {
		"runxin-policy 2\neffective 2026-09-01\nfiles 1\nfile rules default 2\nx\n\n",
		"runxin-policy 1\neffective 2026-13-01\nfiles 1\nfile rules default 2\nx\n\n",
		"runxin-policy 1\neffective 26-09-01\nfiles 1\nfile rules default 2\nx\n\n",
		"runxin-policy 1\neffective 2026-09-01\nfiles 2\nfile rules default 2\nx\n\n", /* fewer than said */
		"runxin-policy 1\neffective 2026-09-01\nfiles 01\nfile rules default 2\nx\n\n",
		H,                                          /* no file */
		H "file secret default 2\nx\n\n",           /* unknown kind */
		H "file rules Default 2\nx\n\n",            /* name not lowercase */
		H "file rules ../x 2\nx\n\n",               /* a path */
		H "file rules default 02\nx\n\n",           /* not canonical */
		H "file rules default  2\nx\n\n",
		H "file rules default 2 \nx\n\n",
		H "file rules default 0\n\n",               /* empty */
		H "file rules default 999999999\nx\n",      /* over the cap */
		H "file rules default 3\nx\n\n",            /* length past the end */
		H "file rules default 2\nxyz\n",            /* no LF after the bytes */
		"runxin-policy 1\neffective 2026-09-01\nfiles 2\nfile rules default 2\nx\n\nfile rules default 2\ny\n\n", /* twice */
		H "file rules default 2\nx\n\ntrailing\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		int rc = decode(bad[i], strlen(bad[i]));
		CHECK_EQ(rc, RX_ESECURITY);
		if (rc != RX_ESECURITY)
			fprintf(stderr, "  case %zu accepted\n", i);
	}
	/* a NUL or invalid UTF-8 inside a file */
	CHECK_EQ(decode(H "file rules default 2\n\0\n\n", sizeof(H "file rules default 2\n\0\n\n") - 1),
		RX_ESECURITY);
	CHECK_EQ(decode(H "file rules default 2\n\xff\n\n", strlen(H "file rules default 2\n\xff\n\n")),
		RX_ESECURITY);
	CHECK_EQ(decode(H "file rules default 2\nx\n\n", strlen(H "file rules default 2\nx\n\n")), 0);
}

static void test_allowance(void)
{
	size_t n;
	const rx_schema_builtin *city = rx_schema_builtin_find("compliance", "default");
	rx_ops_policy_file low = { "compliance", "default", NULL, 0 };
	rx_ops_policy_file rules = { "rules", "default", "name = x\n", 9 };
	rx_ops_policy_file scale = { "scale", "sds", "id = sds\n", 9 };
	char *text = malloc(city->len + 64);
	rx_error err = { 0 };

	(void)rx_schema_builtin_list(&n);
	CHECK_EQ(rx_ops_policy_allowed(RX_ROLE_SCHOOL, &scale, city, &err), RX_ESECURITY);
	memset(&err, 0, sizeof(err));
	CHECK_EQ(rx_ops_policy_allowed(RX_ROLE_DEVICE, &scale, city, &err), RX_ESECURITY);
	memset(&err, 0, sizeof(err));
	CHECK_EQ(rx_ops_policy_allowed(RX_ROLE_COUNTY, &rules, city, &err), RX_ESECURITY);
	CHECK_EQ(rx_ops_policy_allowed(RX_ROLE_CITY, &rules, city, NULL), 0);
	CHECK_EQ(rx_ops_policy_allowed(RX_ROLE_COUNTY, &scale, city, NULL), 0);
	/* the built-in compliance file with a lower threshold: a county may not, the city may */
	memcpy(text, city->data, city->len);
	text[city->len] = 0;
	char *t = strstr(text, "disclosure_threshold = 4");
	CHECK(t != NULL);
	if (t)
		t[23] = '2';
	low.data = text, low.len = city->len;
	memset(&err, 0, sizeof(err));
	CHECK_EQ(rx_ops_policy_allowed(RX_ROLE_COUNTY, &low, city, &err), RX_ESECURITY);
	CHECK(strstr(err.msg, "disclosure") != NULL);
	CHECK_EQ(rx_ops_policy_allowed(RX_ROLE_CITY, &low, city, NULL), 0);
	if (t)
		t[23] = '6'; /* higher: allowed */
	CHECK_EQ(rx_ops_policy_allowed(RX_ROLE_COUNTY, &low, city, NULL), 0);
	free(text);
}

static void test_check_file(void)
{
	rx_ops_policy_file bad = { "scale", "x", "id = x\nitems = many\n", 20 };
	rx_ops_policy_file other = { "rules", "jiangsu", "name = x\n", 9 };
	rx_error err = { 0 };

	CHECK_EQ(rx_ops_policy_check_file(&bad, "x.scale", &err), RX_EINPUT);
	CHECK(strncmp(err.msg, "x.scale: ", 9) == 0 && strstr(err.msg, "line 2"));
	memset(&err, 0, sizeof(err));
	CHECK_EQ(rx_ops_policy_check_file(&other, "jiangsu.rules", &err), RX_EINPUT);
}

int main(void)
{
	RUN(test_roundtrip);
	RUN(test_malformed);
	RUN(test_allowance);
	RUN(test_check_file);
	return rx_test_done();
}
