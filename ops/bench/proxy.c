/* runxin bench: a TCP proxy on 127.0.0.1 that counts connections, turns and bytes, and can cut the link. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ops/bench/benchInt.h"

struct bench_proxy {
	pthread_t thread;
	int lfd, up_port, port;
	atomic_int stop;
	pthread_mutex_t mu;
	bench_trips t;        /* since the last take */
	size_t cut, carried;  /* cut once carried reaches cut (0: never) */
};

/* How much of n bytes may pass; *cut set when the link breaks after them. */
static size_t allow(bench_proxy *p, size_t n, int from_client, int *last, int *cut)
{
	pthread_mutex_lock(&p->mu);
	*cut = 0;
	if (p->cut && p->carried + n >= p->cut) {
		n = p->cut - p->carried;
		p->cut = 0, p->carried = 0;  /* one cut, then the link is whole again */
		*cut = 1;
	} else if (p->cut) {
		p->carried += n;
	}
	if (from_client && *last != 1)
		p->t.turns++;
	*last = from_client ? 1 : 2;
	p->t.bytes += n;
	pthread_mutex_unlock(&p->mu);
	return n;
}

/* Relay one chunk from a to b; 0 to go on, -1 when the connection ends. */
static int relay(bench_proxy *p, int a, int b, int from_client, int *last)
{
	char buf[16384];
	ssize_t n = read(a, buf, sizeof(buf));
	size_t ok, off = 0;
	int cut;

	if (n <= 0)
		return -1;
	ok = allow(p, (size_t)n, from_client, last, &cut);
	while (off < ok) {
		ssize_t w = write(b, buf + off, ok - off);
		if (w <= 0)
			return -1;
		off += (size_t)w;
	}
	return cut ? -1 : 0;
}

static void serve(bench_proxy *p, int c)
{
	int u = bench_dial(p->up_port), last = 0;
	struct pollfd f[2] = { { c, POLLIN, 0 }, { u, POLLIN, 0 } };

	pthread_mutex_lock(&p->mu);
	p->t.conns++;
	pthread_mutex_unlock(&p->mu);
	while (u >= 0 && !atomic_load(&p->stop)) {
		if (poll(f, 2, 100) < 0 && errno != EINTR)
			break;
		if ((f[0].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    relay(p, c, u, 1, &last) < 0)
			break;
		if ((f[1].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    relay(p, u, c, 0, &last) < 0)
			break;
	}
	if (u >= 0)
		close(u);
	close(c);
}

static void serve_one(void *ctx, int c)
{
	serve(ctx, c);
}

static void *run(void *arg)
{
	bench_proxy *p = arg;

	bench_accept_loop(p->lfd, &p->stop, serve_one, p);
	return NULL;
}

int bench_proxy_start(bench_proxy **out, int upstream_port, rx_error *err)
{
	bench_proxy *p = calloc(1, sizeof(*p));

	if (!p)
		return rx_error_nomem(err);
	pthread_mutex_init(&p->mu, NULL);
	p->up_port = upstream_port;
	if (bench_relay_start(&p->lfd, &p->port, &p->thread, run, p) < 0) {
		pthread_mutex_destroy(&p->mu);
		free(p);
		return rx_error_set(err, RX_EINTERNAL, "cannot start the proxy: %s",
			strerror(errno));
	}
	*out = p;
	return 0;
}

int bench_proxy_port(const bench_proxy *p)
{
	return p->port;
}

void bench_proxy_cut(bench_proxy *p, size_t bytes)
{
	pthread_mutex_lock(&p->mu);
	p->cut = bytes, p->carried = 0;
	pthread_mutex_unlock(&p->mu);
}

void bench_proxy_take(bench_proxy *p, bench_trips *t)
{
	pthread_mutex_lock(&p->mu);
	*t = p->t;
	memset(&p->t, 0, sizeof(p->t));
	pthread_mutex_unlock(&p->mu);
}

void bench_proxy_stop(bench_proxy *p)
{
	if (!p)
		return;
	atomic_store(&p->stop, 1);
	pthread_join(p->thread, NULL);
	close(p->lfd);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
