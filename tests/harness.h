/* A small test harness: CHECK macros and a runner that CTest drives. */
#ifndef RX_TEST_HARNESS_H
#define RX_TEST_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Every test starts from the same machine, whatever this one holds: a git
 * identity and no user or system git config, HOME an empty folder of its
 * own (libgit2 and ssh read it), UTC, a UTF-8 locale, umask 022. Runs before
 * main in each test program that includes this header.
 */
__attribute__((constructor)) static void rx_test_hermetic(void)
{
	static char home[4096];

	setenv("GIT_AUTHOR_NAME", "runxin test", 1);
	setenv("GIT_AUTHOR_EMAIL", "test@runxin.invalid", 1);
	setenv("GIT_COMMITTER_NAME", "runxin test", 1);
	setenv("GIT_COMMITTER_EMAIL", "test@runxin.invalid", 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	setenv("TZ", "UTC", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("RUNXIN_TEST_WEAK_KDF", "1", 1); /* test-strength keystores (docs/keystore.md) */
	umask(022);
	snprintf(home, sizeof(home), "%s/rx-test-home-XXXXXX",
		getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(home))
		setenv("HOME", home, 1);
}

static int rx_test_failures;
static int rx_test_checks;

#define CHECK(cond) do { \
	rx_test_checks++; \
	if (!(cond)) { \
		rx_test_failures++; \
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", \
			__FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECK_EQ(a, b) do { \
	long long rx_a_ = (long long)(a), rx_b_ = (long long)(b); \
	rx_test_checks++; \
	if (rx_a_ != rx_b_) { \
		rx_test_failures++; \
		fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %lld, %s == %lld\n", \
			__FILE__, __LINE__, #a, rx_a_, #b, rx_b_); \
	} \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *rx_a_ = (a), *rx_b_ = (b); \
	rx_test_checks++; \
	if (!rx_a_ || !rx_b_ || strcmp(rx_a_, rx_b_) != 0) { \
		rx_test_failures++; \
		fprintf(stderr, "%s:%d: CHECK_STR failed: \"%s\" != \"%s\"\n", \
			__FILE__, __LINE__, rx_a_ ? rx_a_ : "(null)", \
			rx_b_ ? rx_b_ : "(null)"); \
	} \
} while (0)

/* Stop the test now: for preconditions without which the rest is moot. */
#define REQUIRE(cond) do { \
	int rx_ok_ = (cond) ? 1 : 0; \
	CHECK(rx_ok_ && #cond); \
	if (!rx_ok_) return; \
} while (0)

/* Stop the test unless a call returns 0. */
#define REQUIRE_ZERO(call) do { \
	long long rx_rc_ = (long long)(call); \
	REQUIRE(rx_rc_ == 0); \
} while (0)

#define RUN(fn) do { \
	int rx_before_ = rx_test_failures; \
	fn(); \
	printf("%s %s\n", rx_test_failures == rx_before_ ? "ok  " : "FAIL", #fn); \
	fflush(stdout); \
} while (0)

static inline int rx_test_done(void)
{
	const char *home = getenv("HOME");

	if (home && strstr(home, "/rx-test-home-"))
		rmdir(home); /* empty unless a test left something: then kept to look at */
	printf("%d checks, %d failed\n", rx_test_checks, rx_test_failures);
	return rx_test_failures ? 1 : 0;
}

#endif
