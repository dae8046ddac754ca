/* One-line errors set where a failure is found and passed up unchanged. */
#ifndef RX_ERROR_H
#define RX_ERROR_H

/*
 * Return codes. Each maps to the command line's exit code by negation:
 * -RX_EINPUT == 2, and so on (see DESIGN.md, "Command-line contract").
 */
enum {
	RX_OK = 0,
	RX_EUSAGE = -1,    /* bad command line */
	RX_EINPUT = -2,    /* invalid input: some lines refused */
	RX_ESECURITY = -3, /* verification or security failure */
	RX_ETRANSPORT = -4, /* transport failure, safe to retry */
	RX_EINTERNAL = -5  /* internal error, out of memory, I/O */
};

#define RX_ERROR_MSG_MAX 512

typedef struct rx_error {
	int code;
	char msg[RX_ERROR_MSG_MAX];
} rx_error;

/*
 * Record the first failure in err (later calls do not overwrite it, so the
 * message stays the one set where the failure was found). Returns code, so
 * callers can write `return rx_error_set(err, RX_EINPUT, "...")`.
 * err may be NULL.
 */
int rx_error_set(rx_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Shorthand for an allocation failure. */
int rx_error_nomem(rx_error *err);

/* Forget a recorded failure (after it was reported and handled). */
void rx_error_clear(rx_error *err);

/*
 * 1 if a lower library's message says a disk is full: ENOSPC, EFBIG (a file
 * size limit, with SIGXFSZ ignored), sqlite's "database or disk is full".
 * Callers then say so in their one line, with RX_ERROR_FULL_TODO.
 */
int rx_error_is_full(const char *msg);
#define RX_ERROR_FULL_TODO "free space on that disk (or USB stick) and run the command again"

/* Map a return code to the exit code of the command line. */
int rx_error_exit_code(int rc);

#endif
