/* Change-set meta: the canonical text is accepted, any other author is refused. */
#include <stdio.h>
#include <string.h>

#include "sync/meta.h"
#include "tests/harness.h"

#define HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* A meta text as rx_sync_meta_format writes it, with a chosen author. */
static size_t meta_text(char *out, size_t n, const char *author)
{
	int len = snprintf(out, n, "runxin-changeset 1\nauthor %s\nseq 1\n"
		"kind directory\ntime 1795000000\nhlc 0000000000000001 "
		"0000000000000002\nrecipients\npayload 5 " HASH "\nkeys 0 "
		HASH "\n", author);

	return len < 0 || (size_t)len >= n ? 0 : (size_t)len;
}

static int parse(const char *author, rx_cs_meta *m, rx_error *err)
{
	char text[512];
	size_t len = meta_text(text, sizeof(text), author);

	return len ? rx_sync_meta_parse(m, (const uint8_t *)text, len, err) : -100;
}

static void test_canonical_accepted(void)
{
	rx_cs_meta m;
	rx_error err = { 0 };
	rx_buf back = RX_BUF_INIT;
	char text[512];
	size_t len = meta_text(text, sizeof(text), "0123456789abcdef");

	REQUIRE(len > 0);
	CHECK_EQ(rx_sync_meta_parse(&m, (const uint8_t *)text, len, &err), 0);
	CHECK_STR(m.author, "0123456789abcdef");
	CHECK_EQ(m.kind, RX_CS_DIRECTORY);
	CHECK_EQ(m.seq, 1);
	CHECK_EQ(m.payload_len, 5);
	REQUIRE(rx_sync_meta_format(&back, &m, &err) == 0);
	CHECK(back.len == len && !memcmp(back.data, text, len));
	rx_buf_free(&back);
}

/* The header promises a node id: 16 lowercase hex digits, nothing else. */
static void test_author_not_node_id_refused(void)
{
	static const char *const bad[] = {
		"3", "../../etc", "%n%n", "0123456789abcde", "0123456789abcdef0",
		"0123456789ABCDEF", "0123456789abcdeF", "0123456789abcdeg",
		"................",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		rx_cs_meta m;
		rx_error err = { 0 };
		int rc = parse(bad[i], &m, &err);

		if (rc != RX_ESECURITY)
			fprintf(stderr, "  author \"%s\": rc %d\n", bad[i], rc);
		CHECK_EQ(rc, RX_ESECURITY);
		CHECK(strstr(err.msg, "malformed change-set meta") != NULL);
	}
}

int main(void)
{
	RUN(test_canonical_accepted);
	RUN(test_author_not_node_id_refused);
	return rx_test_done();
}
