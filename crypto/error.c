/* One-line error messages and the exit-code mapping. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

int rx_error_set(rx_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err || err->code != 0)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	/* A message is one line: fold any newline a caller passed in. */
	for (char *p = err->msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return code;
}

int rx_error_nomem(rx_error *err)
{
	return rx_error_set(err, RX_EINTERNAL, "out of memory");
}

void rx_error_clear(rx_error *err)
{
	if (err) {
		err->code = 0;
		err->msg[0] = '\0';
	}
}

int rx_error_is_full(const char *msg)
{
	return msg && (strstr(msg, "No space left on device") || strstr(msg, "File too large") ||
		strstr(msg, "database or disk is full"));
}

int rx_error_exit_code(int rc)
{
	if (rc >= 0)
		return 0;
	if (rc < RX_EINTERNAL)
		return 5;
	return -rc;
}
