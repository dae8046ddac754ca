/* The audit report in the format asked for: the entry that calls each writer. */
#include <stdio.h>
#include <string.h>

#include "ops/audit/auditInt.h"

int rx_ops_audit_format_parse(const char *s)
{
	return !strcmp(s, "text") ? RX_AUDIT_TEXT : !strcmp(s, "json") ?
		RX_AUDIT_JSON : !strcmp(s, "html") ? RX_AUDIT_HTML : -1;
}

int rx_ops_audit_write(const rx_ops_audit *a, rx_ops_audit_format fmt, FILE *f,
	const rx_ops_audit_extra *extra, rx_error *err)
{
	int rc = fmt == RX_AUDIT_JSON ? audit_write_json(a, f, extra) :
		fmt == RX_AUDIT_HTML ? audit_write_html(a, f, extra) :
		audit_write_text(a, f, extra);

	if (rc < 0 || fflush(f) != 0 || ferror(f))
		return rx_error_set(err, RX_EINTERNAL, "writing the audit report failed");
	return 0;
}
