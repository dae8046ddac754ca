/* The table of embedded data files, written at build time by cmake/embed.cmake. */
#ifndef RX_SCHEMA_BUILTIN_INT_H
#define RX_SCHEMA_BUILTIN_INT_H

#include "schema/builtin.h"

extern const rx_schema_builtin rx_schema_builtin_table[];
extern const size_t rx_schema_builtin_table_len;

#endif
