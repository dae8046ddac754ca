/* The recovery key's paper text: round trip, typing slack, checksum, length. */
#include <sodium.h>

#include "crypto/recovery.h"
#include "tests/harness.h"

static const char school[] = "3f2a9c0d1e2b4a55";

static void test_round_trip(void)
{
	uint8_t sec[32], back[32];
	char text[RX_RECOVERY_TEXT_MAX], id[RX_NODE_ID_LEN + 1];
	rx_error err = { 0 };

	randombytes_buf(sec, 32);
	REQUIRE_ZERO(rx_crypto_recovery_format(text, school, sec, &err));
	CHECK_EQ(strlen(text), 68 + 16);
	CHECK_EQ(rx_crypto_recovery_parse(id, back, text, strlen(text), &err), 0);
	CHECK_STR(id, school);
	CHECK(memcmp(back, sec, 32) == 0);
}

/* Lower case, spaces, line ends, O for 0 and l for 1 are what people type. */
static void test_typing_slack(void)
{
	uint8_t sec[32] = { 0 }, back[32];
	char text[RX_RECOVERY_TEXT_MAX], id[RX_NODE_ID_LEN + 1], typed[200];
	rx_error err = { 0 };
	size_t o = 0;

	REQUIRE_ZERO(rx_crypto_recovery_format(text, school, sec, &err));
	for (size_t i = 0; text[i]; i++) {
		char c = text[i];
		typed[o++] = c == '-' ? ' ' : c == '0' ? 'o' : c == '1' ? 'l' :
			(c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
		if (i == 40)
			typed[o++] = '\n';
	}
	typed[o] = 0;
	CHECK_EQ(rx_crypto_recovery_parse(id, back, typed, o, &err), 0);
	CHECK(memcmp(back, sec, 32) == 0);
}

/* One character changed anywhere is caught by the checksum (or the padding). */
static void test_one_typo_refused(void)
{
	uint8_t sec[32], back[32];
	char text[RX_RECOVERY_TEXT_MAX], id[RX_NODE_ID_LEN + 1];
	rx_error err = { 0 };
	int refused = 0, tried = 0;

	randombytes_buf(sec, 32);
	REQUIRE_ZERO(rx_crypto_recovery_format(text, school, sec, &err));
	for (size_t i = 0; text[i]; i++) {
		char keep = text[i];
		if (keep == '-')
			continue;
		text[i] = keep == 'Z' ? 'Y' : keep == '9' ? 'A' : (char)(keep + 1);
		if (text[i] == 'I' || text[i] == 'L' || text[i] == 'O' || text[i] == 'U')
			text[i]++;
		tried++;
		refused += rx_crypto_recovery_parse(id, back, text, strlen(text), &err) == RX_EINPUT;
		text[i] = keep;
	}
	CHECK_EQ(refused, tried);
	CHECK(strstr(err.msg, "recovery key") != NULL);
}

static void test_bad_lengths_and_chars(void)
{
	uint8_t sec[32] = { 1 }, back[32];
	char text[RX_RECOVERY_TEXT_MAX], id[RX_NODE_ID_LEN + 1];
	rx_error err = { 0 };

	REQUIRE_ZERO(rx_crypto_recovery_format(text, school, sec, &err));
	CHECK_EQ(rx_crypto_recovery_parse(id, back, text, strlen(text) - 1, &err), RX_EINPUT);
	CHECK_EQ(rx_crypto_recovery_parse(id, back, "", 0, &err), RX_EINPUT);
	text[3] = 'U';
	CHECK_EQ(rx_crypto_recovery_parse(id, back, text, strlen(text), &err), RX_EINPUT);
}

/* The pair is a function of the secret alone; another secret, another pair. */
static void test_box_pair(void)
{
	uint8_t s1[32] = { 1 }, s2[32] = { 2 }, pk[32], sk[32], pk2[32], sk2[32], chk[32];

	rx_crypto_recovery_box(pk, sk, s1);
	rx_crypto_recovery_box(pk2, sk2, s1);
	CHECK(memcmp(pk, pk2, 32) == 0);
	crypto_scalarmult_base(chk, sk);
	CHECK(memcmp(chk, pk, 32) == 0);
	rx_crypto_recovery_box(pk2, sk2, s2);
	CHECK(memcmp(pk, pk2, 32) != 0);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	RUN(test_round_trip);
	RUN(test_typing_slack);
	RUN(test_one_typo_refused);
	RUN(test_bad_lengths_and_chars);
	RUN(test_box_pair);
	return rx_test_done();
}
