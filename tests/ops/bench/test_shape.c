/* The bench's user-space slow link: rate, delay, loss and its counters, against an echo server on 127.0.0.1. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ops/bench/benchInt.h"
#include "tests/harness.h"

#define SENT 16000

typedef struct echo {
	int lfd, port;
	pthread_t thread;
} echo;

static void *echo_run(void *arg)
{
	echo *e = arg;
	char buf[4096];
	ssize_t n;
	int c = accept(e->lfd, NULL, NULL);

	while (c >= 0 && (n = read(c, buf, sizeof(buf))) > 0)
		if (write(c, buf, (size_t)n) != n)
			break;
	if (c >= 0)
		close(c);
	return NULL;
}

static int echo_start(echo *e)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((e->lfd = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    bind(e->lfd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(e->lfd, 1) < 0 ||
	    getsockname(e->lfd, (struct sockaddr *)&a, &len) < 0)
		return -1;
	e->port = ntohs(a.sin_port);
	return pthread_create(&e->thread, NULL, echo_run, e);
}

static int dial(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((uint16_t)port);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Send SENT bytes through the link to the echo server and read them all back. */
static double round_trip(const bench_shape_link *link, bench_trips *t, int *same)
{
	static char out[SENT], in[SENT];
	bench_shape *sh = NULL;
	rx_error err = { 0 };
	echo e;
	size_t got = 0;
	double t0, secs = -1;
	int fd;

	for (size_t i = 0; i < SENT; i++)
		out[i] = (char)(i * 7 + 3);
	if (echo_start(&e) != 0 || bench_shape_start(&sh, e.port, link, &err) < 0)
		return -1;
	t0 = bench_now();
	if ((fd = dial(bench_shape_port(sh))) >= 0 && write(fd, out, SENT) == SENT) {
		shutdown(fd, SHUT_WR);
		ssize_t n;
		while (got < SENT && (n = read(fd, in + got, SENT - got)) > 0)
			got += (size_t)n;
		secs = bench_now() - t0;
	}
	if (fd >= 0)
		close(fd);
	*same = got == SENT && memcmp(in, out, SENT) == 0;
	pthread_join(e.thread, NULL);
	close(e.lfd);
	usleep(100000); /* let the relay see both ends close and count them */
	bench_shape_take(sh, t);
	bench_shape_stop(sh);
	return secs;
}

static void test_rate_and_delay(void)
{
	const bench_shape_link link = { 16000.0, 0.2, 0.0, 1.0 };
	bench_trips t;
	int same = 0;
	double secs = round_trip(&link, &t, &same);

	CHECK(same);
	/* out and back: each direction carries SENT bytes at 16,000 B/s plus 0.2 s (a figure: no test asserts a duration) */
	printf("figure: round trip %.2f s (model: at least 1.4 s)\n", secs);
	CHECK_EQ(t.bytes, 2 * SENT);
	CHECK_EQ(t.conns, 1);
	CHECK(t.turns >= 1);
	CHECK_EQ(t.lost, 0);
}

static void test_loss_costs_a_timeout(void)
{
	const bench_shape_link link = { 1e9, 0.0, 1.0, 0.25 };
	bench_trips t;
	int same = 0;
	double secs = round_trip(&link, &t, &same);

	CHECK(same);
	CHECK(t.lost >= 2 * (SENT / 1460));
	/* one timeout on the way out, one on the way back: a figure, never a check */
	printf("figure: lossy round trip %.2f s (model: at least 0.5 s)\n", secs);
}

static void test_clear_link_is_transparent(void)
{
	const bench_shape_link link = { 1e12, 0.0, 0.0, 0.0 };
	bench_trips t;
	int same = 0;

	CHECK(round_trip(&link, &t, &same) >= 0);
	CHECK(same);
	CHECK_EQ(t.bytes, 2 * SENT);
	CHECK_EQ(t.lost, 0);
}

int main(void)
{
	RUN(test_rate_and_delay);
	RUN(test_loss_costs_a_timeout);
	RUN(test_clear_link_is_transparent);
	return rx_test_done();
}
