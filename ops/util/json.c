/* JSON output with comma tracking per nesting level. */
#include <string.h>

#include "ops/util/util.h"

void rx_json_put_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static void key(rx_json *j, const char *k)
{
	if (j->depth > 0 && j->comma[j->depth])
		fputc(',', j->f);
	j->comma[j->depth] = 1;
	if (k) {
		rx_json_put_str(j->f, k);
		fputc(':', j->f);
	}
}

static void open_(rx_json *j, const char *k, int c)
{
	key(j, k);
	fputc(c, j->f);
	if (j->depth < 31)
		j->comma[++j->depth] = 0;
}

static void close_(rx_json *j, int c)
{
	fputc(c, j->f);
	if (j->depth > 0)
		j->depth--;
	if (j->depth == 0)
		fputc('\n', j->f);
}

void rx_json_obj_begin(rx_json *j, const char *k) { open_(j, k, '{'); }
void rx_json_obj_end(rx_json *j) { close_(j, '}'); }
void rx_json_arr_begin(rx_json *j, const char *k) { open_(j, k, '['); }
void rx_json_arr_end(rx_json *j) { close_(j, ']'); }

void rx_json_str(rx_json *j, const char *k, const char *v)
{
	key(j, k);
	rx_json_put_str(j->f, v ? v : "");
}

void rx_json_int(rx_json *j, const char *k, long long v)
{
	key(j, k);
	fprintf(j->f, "%lld", v);
}

void rx_json_bool(rx_json *j, const char *k, int v)
{
	key(j, k);
	fputs(v ? "true" : "false", j->f);
}
