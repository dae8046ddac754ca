/* Loopback sockets for the bench's relays: listen, dial, accept until told to stop. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ops/bench/benchInt.h"

int bench_listen_any(int *port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(fd, 8) < 0 || getsockname(fd, (struct sockaddr *)&a, &len) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*port = ntohs(a.sin_port);
	return fd;
}

int bench_dial(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((uint16_t)port);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

void bench_accept_loop(int lfd, atomic_int *stop, void (*serve)(void *ctx, int fd),
	void *ctx)
{
	struct pollfd f = { lfd, POLLIN, 0 };

	while (!atomic_load(stop))
		if (poll(&f, 1, 50) > 0) {
			int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
			if (c >= 0)
				serve(ctx, c);
		}
}

int bench_relay_start(int *lfd, int *port, pthread_t *thread,
	void *(*fn)(void *), void *ctx)
{
	if ((*lfd = bench_listen_any(port)) < 0)
		return -1;
	if (pthread_create(thread, NULL, fn, ctx) != 0) {
		close(*lfd);
		*lfd = -1;
		return -1;
	}
	return 0;
}
