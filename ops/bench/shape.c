/* runxin bench: a user-space slow link on 127.0.0.1 (rate, one-way delay, loss as TCP feels it) for kernels without netem. */
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

#define SEGMENT 1460       /* bytes of one TCP segment on an Ethernet path */
#define LOSS_SEED 0x10550bedu

/* One direction of a connection: segments waiting for their due time. */
typedef struct seg {
	struct seg *next;
	double due;
	size_t len, off;
	char data[SEGMENT];
} seg;

typedef struct lane {
	int from, to;
	seg *head, *tail;
	double free_at;    /* when the emulated wire is free to send again */
	double last_due;   /* TCP delivers in order: no segment before this */
	int eof, shut;
} lane;

struct bench_shape {
	pthread_t thread;
	int lfd, up_port, port;
	atomic_int stop;
	bench_shape_link link;
	uint32_t rng;
	pthread_mutex_t mu;
	bench_trips t;
};

static double uniform(bench_shape *p)
{
	p->rng ^= p->rng << 13, p->rng ^= p->rng >> 17, p->rng ^= p->rng << 5;
	return (double)p->rng / 4294967296.0;
}

/*
 * Schedule one segment: it occupies the wire for len / rate seconds after
 * the previous one (a token bucket one segment deep), arrives delay seconds
 * later, and if lost arrives again one retransmission timeout later (its
 * resend takes the wire once more); nothing overtakes it (in-order delivery).
 */
static double schedule(bench_shape *p, lane *l, size_t len, double now)
{
	const bench_shape_link *k = &p->link;
	double wire = (double)len / k->rate_bps, due;

	l->free_at = (l->free_at > now ? l->free_at : now) + wire;
	due = l->free_at + k->delay_s;
	if (uniform(p) < k->loss) {
		l->free_at += wire;
		due += k->rto_s;
		pthread_mutex_lock(&p->mu);
		p->t.lost++;
		pthread_mutex_unlock(&p->mu);
	}
	if (due < l->last_due)
		due = l->last_due;
	return l->last_due = due;
}

/* Read one segment's worth from the lane's source into its queue; -1 at the end. */
static int take_in(bench_shape *p, lane *l, int from_client, int *last)
{
	seg *s = malloc(sizeof(*s));
	ssize_t n;

	if (!s)
		return -1;
	if ((n = read(l->from, s->data, SEGMENT)) <= 0) {
		free(s);
		l->eof = 1;
		return n < 0 && errno != ECONNRESET ? -1 : 0;
	}
	s->len = (size_t)n, s->off = 0, s->next = NULL;
	s->due = schedule(p, l, s->len, bench_now());
	pthread_mutex_lock(&p->mu);
	/* a round trip: the server answers after the client spoke */
	if (!from_client && *last == 1)
		p->t.turns++;
	*last = from_client ? 1 : 2;
	p->t.bytes += s->len;
	pthread_mutex_unlock(&p->mu);
	if (l->tail)
		l->tail->next = s;
	else
		l->head = s;
	l->tail = s;
	return 0;
}

/* Hand over every segment that is due; shut the far side once the source ended and all is out. */
static int deliver(lane *l, double now)
{
	while (l->head && l->head->due <= now) {
		seg *s = l->head;
		ssize_t w = send(l->to, s->data + s->off, s->len - s->off, MSG_NOSIGNAL);
		if (w <= 0)
			return -1;
		if ((s->off += (size_t)w) < s->len)
			continue;
		if (!(l->head = s->next))
			l->tail = NULL;
		free(s);
	}
	if (l->eof && !l->head && !l->shut) {
		shutdown(l->to, SHUT_WR);
		l->shut = 1;
	}
	return 0;
}

/* Milliseconds until the next segment is due (at most 50, to notice stop). */
static int wait_ms(const lane l[2], double now)
{
	double next = now + 0.05;

	for (int i = 0; i < 2; i++)
		if (l[i].head && l[i].head->due < next)
			next = l[i].head->due;
	return next <= now ? 0 : (int)((next - now) * 1000.0) + 1;
}

static void serve(bench_shape *p, int c)
{
	int u = bench_dial(p->up_port), last = 0, bad = u < 0;
	lane l[2] = { { .from = c, .to = u }, { .from = u, .to = c } };

	pthread_mutex_lock(&p->mu);
	p->t.conns++;
	pthread_mutex_unlock(&p->mu);
	while (!bad && !(l[0].shut && l[1].shut) && !atomic_load(&p->stop)) {
		struct pollfd f[2] = { { l[0].eof ? -1 : c, POLLIN, 0 },
			{ l[1].eof ? -1 : u, POLLIN, 0 } };
		if (poll(f, 2, wait_ms(l, bench_now())) < 0 && errno != EINTR)
			break;
		for (int i = 0; i < 2 && !bad; i++)
			if (f[i].revents & (POLLIN | POLLHUP | POLLERR))
				bad = take_in(p, &l[i], i == 0, &last) < 0;
		for (int i = 0; i < 2 && !bad; i++)
			bad = deliver(&l[i], bench_now()) < 0;
	}
	for (int i = 0; i < 2; i++)
		while (l[i].head) {
			seg *s = l[i].head;
			l[i].head = s->next;
			free(s);
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
	bench_shape *p = arg;

	bench_accept_loop(p->lfd, &p->stop, serve_one, p);
	return NULL;
}

int bench_shape_start(bench_shape **out, int upstream_port,
	const bench_shape_link *link, rx_error *err)
{
	bench_shape *p = calloc(1, sizeof(*p));

	if (!p)
		return rx_error_nomem(err);
	pthread_mutex_init(&p->mu, NULL);
	p->up_port = upstream_port;
	p->link = *link;
	p->rng = LOSS_SEED;
	if (bench_relay_start(&p->lfd, &p->port, &p->thread, run, p) < 0) {
		pthread_mutex_destroy(&p->mu);
		free(p);
		return rx_error_set(err, RX_EINTERNAL, "cannot start the link emulator: %s",
			strerror(errno));
	}
	*out = p;
	return 0;
}

int bench_shape_port(const bench_shape *p)
{
	return p->port;
}

void bench_shape_take(bench_shape *p, bench_trips *t)
{
	pthread_mutex_lock(&p->mu);
	*t = p->t;
	memset(&p->t, 0, sizeof(p->t));
	pthread_mutex_unlock(&p->mu);
}

void bench_shape_stop(bench_shape *p)
{
	if (!p)
		return;
	atomic_store(&p->stop, 1);
	pthread_join(p->thread, NULL);
	close(p->lfd);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
