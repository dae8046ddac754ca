/* Key hygiene: the passphrase variable taken out of the environment, no core dumps, a strength rule. */
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <sodium.h>

#include "crypto/keystore.h"
#include "ops/home/home.h"

#define PASS_ENV "RUNXIN_PASSPHRASE"

int rx_home_opts_take_env(rx_home_opts *o, rx_error *err)
{
	char *v = getenv(PASS_ENV);
	size_t n;

	if (!v)
		return 0;
	if (sodium_init() < 0)
		return rx_error_set(err, RX_EINTERNAL, "libsodium failed to start");
	n = strlen(v);
	if (!(o->passphrase = sodium_malloc(n + 1)))
		return rx_error_nomem(err);
	memcpy(o->passphrase, v, n + 1);
	/* the value lives in the environment block: wipe it there, then drop the name */
	sodium_memzero(v, n);
	unsetenv(PASS_ENV);
	return 0;
}

void rx_home_opts_free(rx_home_opts *o)
{
	sodium_free(o->passphrase);
	o->passphrase = NULL;
}

void rx_home_harden(void)
{
	struct rlimit none = { 0, 0 };

	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	setrlimit(RLIMIT_CORE, &none);
}

int rx_home_passphrase_strong(const char *pass, size_t len, rx_error *err)
{
	size_t chars;
	double bits = rx_crypto_passphrase_bits(pass, len, &chars);

	if (chars >= RX_PASS_MIN_CHARS && bits >= RX_PASS_MIN_BITS)
		return 0;
	return rx_error_set(err, RX_EINPUT, "口令太弱: 至少 %d 个字符, 估计强度至少 %d 位 "
		"(现在 %zu 个字符, 约 %.0f 位); 重复或连续的字符 (aaa, abc, 123) 几乎不算数, "
		"请用一句话或几个不相关的词, 混合字母、数字、符号或汉字 (passphrase too weak: "
		"at least %d characters and an estimated %d bits)", RX_PASS_MIN_CHARS,
		RX_PASS_MIN_BITS, chars, bits, RX_PASS_MIN_CHARS, RX_PASS_MIN_BITS);
}

int rx_home_kdf_test_mode(void)
{
	const char *v = getenv("RUNXIN_TEST_WEAK_KDF");

	return v && !strcmp(v, "1");
}
