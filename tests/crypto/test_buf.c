/* rx_buf and rx_error basics. */
#include "crypto/buf.h"
#include "tests/harness.h"

static void test_put_and_printf(void)
{
	rx_buf b = RX_BUF_INIT;
	rx_error err = { 0 };

	CHECK_EQ(rx_buf_puts(&b, "ab", &err), 0);
	CHECK_EQ(rx_buf_printf(&b, &err, "%d-%s", 12, "x"), 0);
	CHECK_STR((char *)b.data, "ab12-x");
	CHECK_EQ(b.len, 6);
	CHECK_EQ(rx_buf_put_sshstr(&b, "q", 1, &err), 0);
	CHECK_EQ(b.len, 11);
	CHECK_EQ(b.data[9], 1);
	rx_buf_free(&b);
	CHECK(b.data == NULL);
}

/* rx_buf_cstr writes the NUL at len, whatever the byte there was (fuzz_zstd). */
static void test_cstr_terminates(void)
{
	rx_buf b = RX_BUF_INIT;
	rx_error err = { 0 };

	REQUIRE(rx_buf_puts(&b, "abcdef", &err) == 0);
	b.len = 2; /* as a writer that filled data directly sets it */
	CHECK_EQ(rx_buf_cstr(&b, &err), 0);
	CHECK_EQ(b.data[2], '\0');
	CHECK_STR((char *)b.data, "ab");
	rx_buf_free(&b);
}

static void test_error_first_wins(void)
{
	rx_error err = { 0 };

	CHECK_EQ(rx_error_set(&err, RX_EINPUT, "first %d", 1), RX_EINPUT);
	rx_error_set(&err, RX_ESECURITY, "second\nline");
	CHECK_STR(err.msg, "first 1");
	CHECK_EQ(rx_error_exit_code(err.code), 2);
	rx_error_clear(&err);
	rx_error_set(&err, RX_ESECURITY, "a\nb");
	CHECK_STR(err.msg, "a b");
	CHECK_EQ(rx_error_exit_code(RX_ESECURITY), 3);
	CHECK_EQ(rx_error_exit_code(-99), 5);
}

int main(void)
{
	RUN(test_put_and_printf);
	RUN(test_cstr_terminates);
	RUN(test_error_first_wins);
	return rx_test_done();
}
