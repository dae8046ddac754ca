/* Key hygiene: the passphrase variable leaves the environment, no core dumps, the strength rule. */
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <sodium.h>

#include "crypto/keystore.h"
#include "ops/home/home.h"
#include "tests/harness.h"

extern char **environ;

static int environ_holds(const char *needle)
{
	FILE *f = fopen("/proc/self/environ", "r");
	char buf[65536];
	size_t n;
	int found = 0;

	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	for (size_t i = 0; i + strlen(needle) <= n && !found; i++)
		found = !memcmp(buf + i, needle, strlen(needle));
	return found;
}

static void test_env_taken(void)
{
	rx_home_opts o = { 0 };
	rx_error err = { 0 };
	char *argv[] = { "sh", "-c", "test -z \"${RUNXIN_PASSPHRASE+set}\"", NULL };
	pid_t pid;
	int st = -1;

	setenv("RUNXIN_PASSPHRASE", "secret-口令-Zq9", 1);
	REQUIRE_ZERO(rx_home_opts_take_env(&o, &err));
	CHECK(o.passphrase && !strcmp(o.passphrase, "secret-口令-Zq9"));
	CHECK(getenv("RUNXIN_PASSPHRASE") == NULL);
	REQUIRE_ZERO(posix_spawnp(&pid, "sh", NULL, NULL, argv, environ));
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0); /* a child never sees it */
	rx_home_opts_free(&o);
	CHECK(o.passphrase == NULL);
}

/* The variable as the process started with it: wiped in the environment block itself. */
static void test_env_block_wiped(void)
{
	rx_home_opts o = { 0 };
	rx_error err = { 0 };

	if (getenv("RX_HYGIENE_CHILD")) {
		CHECK_EQ(environ_holds("Kx7-startup-口令"), 1);
		REQUIRE_ZERO(rx_home_opts_take_env(&o, &err));
		CHECK_EQ(environ_holds("Kx7-startup-口令"), 0);
		rx_home_opts_free(&o);
	}
}

static void test_no_core(void)
{
	struct rlimit rl;

	rx_home_harden();
	CHECK_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
	CHECK_EQ(getrlimit(RLIMIT_CORE, &rl), 0);
	CHECK_EQ(rl.rlim_cur, 0);
	CHECK_EQ(rl.rlim_max, 0);
}

static void test_strength(void)
{
	static const char *const weak[] = { "a", "password12", "aaaaaaaaaaaaaaaaaaaa",
		"abcdefghijklmnop", "1234567890123", "电池电池电池", "qwertyui" };
	static const char *const strong[] = { "correct-horse-电池", "Tr0ub4dor&3x",
		"我们学校在城关镇东边", "converge-test", "seven random words here" };
	rx_error err = { 0 };

	for (size_t i = 0; i < sizeof(weak) / sizeof(weak[0]); i++) {
		CHECK_EQ(rx_home_passphrase_strong(weak[i], strlen(weak[i]), &err), RX_EINPUT);
		CHECK(strstr(err.msg, "口令太弱") != NULL);
	}
	for (size_t i = 0; i < sizeof(strong) / sizeof(strong[0]); i++)
		CHECK_EQ(rx_home_passphrase_strong(strong[i], strlen(strong[i]), &err), 0);
}

int main(int argc, char **argv)
{
	if (sodium_init() < 0)
		return 1;
	if (argc > 1) { /* re-run with the secret in the initial environment */
		RUN(test_env_block_wiped);
		return rx_test_done();
	}
	RUN(test_env_taken);
	RUN(test_no_core);
	RUN(test_strength);
	{
		char *cargv[] = { argv[0], "child", NULL };
		char *cenv[] = { "RX_HYGIENE_CHILD=1", "RUNXIN_PASSPHRASE=Kx7-startup-口令", NULL };
		pid_t pid;
		int st = -1;

		CHECK_EQ(posix_spawn(&pid, argv[0], NULL, NULL, cargv, cenv), 0);
		waitpid(pid, &st, 0);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	return rx_test_done();
}
