/* Minimal JSON writer for --json output (UTF-8 passed through, escapes done). */
#ifndef RX_OPS_JSON_H
#define RX_OPS_JSON_H

#include <stdio.h>

typedef struct rx_json {
	FILE *f;
	int depth;
	int comma[32]; /* whether the container at each depth has an element */
} rx_json;

#define RX_JSON_INIT(file) { (file), 0, { 0 } }

/* A JSON string literal of s (UTF-8 passed through; quotes, backslashes, controls escaped). */
void rx_json_put_str(FILE *f, const char *s);

void rx_json_obj_begin(rx_json *j, const char *key);
void rx_json_obj_end(rx_json *j);
void rx_json_arr_begin(rx_json *j, const char *key);
void rx_json_arr_end(rx_json *j);
void rx_json_str(rx_json *j, const char *key, const char *v);
void rx_json_int(rx_json *j, const char *key, long long v);
void rx_json_bool(rx_json *j, const char *key, int v);

#endif
