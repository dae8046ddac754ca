/* The payload of a policy change-set: canonical text, decoded strictly and within bounds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/policy/policyInt.h"

static const char *const kinds[] = { "scale", "rules", "due", "groups", "calendar",
	"compliance", "transfer", NULL };

int rx_ops_policy_kind_known(const char *kind)
{
	for (size_t i = 0; kinds[i]; i++)
		if (!strcmp(kind, kinds[i]))
			return 1;
	return 0;
}

int rx_ops_policy_name_ok(const char *s, size_t len)
{
	if (len == 0 || len > RX_POLICY_NAME_MAX)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '-' || s[i] == '_'))
			return 0;
	return 1;
}

int rx_ops_policy_date_ok(const char *s, size_t len)
{
	static const char shape[] = "dddd-dd-dd";

	if (len != 10)
		return 0;
	for (size_t i = 0; i < 10; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != '-')
			return 0;
	int m = (s[5] - '0') * 10 + s[6] - '0', d = (s[8] - '0') * 10 + s[9] - '0';
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

int rx_ops_policy_encode(rx_buf *out, const char *effective,
	const rx_ops_policy_file *f, size_t n, rx_error *err)
{
	int rc;

	if ((rc = rx_buf_printf(out, err, "runxin-policy 1\neffective %s\nfiles %zu\n",
		effective, n)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		if ((rc = rx_buf_printf(out, err, "file %s %s %zu\n", f[i].kind, f[i].name,
			f[i].len)) < 0 || (rc = rx_buf_put(out, f[i].data, f[i].len, err)) < 0 ||
		    (rc = rx_buf_put(out, "\n", 1, err)) < 0)
			return rc;
	return 0;
}

/* The next line at *at (without its LF), at most max bytes; 0 if none. */
static int next_line(const char **line, size_t *len, const uint8_t *t, size_t n,
	size_t *at, size_t max)
{
	const uint8_t *lf;

	if (*at >= n || !(lf = memchr(t + *at, '\n', n - *at)) ||
	    (size_t)(lf - (t + *at)) > max)
		return 0;
	*line = (const char *)t + *at, *len = (size_t)(lf - (t + *at));
	*at += *len + 1;
	return 1;
}

#define BAD(...) rx_error_set(err, RX_ESECURITY, "policy payload: " __VA_ARGS__)

/* "file KIND NAME LEN": kind known, name well formed, length bounded. */
static int file_head(rx_ops_policy_file *f, const char *s, size_t len, rx_error *err)
{
	char line[96], kind[16], name[RX_POLICY_NAME_MAX + 2], tail;
	unsigned long n;

	if (len >= sizeof(line))
		return BAD("file line too long");
	memcpy(line, s, len), line[len] = 0;
	if (sscanf(line, "file %15s %33s %lu%c", kind, name, &n, &tail) != 3 ||
	    !rx_ops_policy_kind_known(kind) || !rx_ops_policy_name_ok(name, strlen(name)) ||
	    n == 0 || n > RX_POLICY_FILE_MAX)
		return BAD("bad file line '%.60s'", line);
	/* the canonical form only: re-format and compare */
	char again[128];
	snprintf(again, sizeof(again), "file %s %s %lu", kind, name, n);
	if (strcmp(again, line))
		return BAD("file line not canonical");
	memcpy(f->kind, kind, strlen(kind) + 1);
	memcpy(f->name, name, strlen(name) + 1); /* name_ok: at most RX_POLICY_NAME_MAX */
	f->len = n;
	return 0;
}

static int take_file(rx_ops_policy *p, const uint8_t *t, size_t n, size_t *at,
	const char *line, size_t len, rx_error *err)
{
	rx_ops_policy_file *f = &p->f[p->n];
	int rc;

	memset(f, 0, sizeof(*f));
	if ((rc = file_head(f, line, len, err)) < 0)
		return rc;
	if (n - *at < f->len + 1 || t[*at + f->len] != '\n')
		return BAD("%s.%s: truncated", f->name, f->kind);
	if (memchr(t + *at, 0, f->len) || !rx_crypto_utf8_valid((const char *)t + *at, f->len, 0))
		return BAD("%s.%s: not UTF-8 text", f->name, f->kind);
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->f[i].kind, f->kind) && !strcmp(p->f[i].name, f->name))
			return BAD("%s.%s twice", f->name, f->kind);
	if (!(f->data = malloc(f->len + 1)))
		return rx_error_nomem(err);
	memcpy(f->data, t + *at, f->len), f->data[f->len] = 0;
	*at += f->len + 1;
	p->n++;
	return 0;
}

int rx_ops_policy_decode(rx_ops_policy *p, const uint8_t *t, size_t n, rx_error *err)
{
	const char *line;
	size_t len, at = 0, want;
	int rc = 0;

	p->f = NULL, p->n = 0;
	if (!next_line(&line, &len, t, n, &at, 32) || len != 15 ||
	    memcmp(line, "runxin-policy 1", 15))
		return BAD("not a runxin-policy 1 text");
	if (!next_line(&line, &len, t, n, &at, 32) || len != 20 ||
	    memcmp(line, "effective ", 10) || !rx_ops_policy_date_ok(line + 10, 10))
		return BAD("bad effective date");
	memcpy(p->effective, line + 10, 10), p->effective[10] = 0;
	/* the count first: a payload cut at a file's end is still refused */
	if (!next_line(&line, &len, t, n, &at, 32) || len < 7 || len > 8 ||
	    memcmp(line, "files ", 6) || line[6] < '1' || line[6] > '9' ||
	    (len == 8 && (line[7] < '0' || line[7] > '9')) ||
	    (want = (size_t)atoi(line + 6)) > RX_POLICY_FILES_MAX)
		return BAD("bad files line");
	if (!(p->f = calloc(RX_POLICY_FILES_MAX, sizeof(*p->f))))
		return rx_error_nomem(err);
	while (rc == 0 && at < n) {
		if (p->n == want)
			rc = BAD("more than %zu files", want);
		else if (!next_line(&line, &len, t, n, &at, 95))
			rc = BAD("bad file line");
		else
			rc = take_file(p, t, n, &at, line, len, err);
	}
	if (rc == 0 && p->n != want)
		rc = BAD("%zu files, not %zu", p->n, want);
	if (rc < 0)
		rx_ops_policy_clear(p);
	return rc;
}

void rx_ops_policy_clear(rx_ops_policy *p)
{
	for (size_t i = 0; p->f && i < p->n; i++)
		free(p->f[i].data);
	free(p->f);
	p->f = NULL, p->n = 0;
}
