/* The schema module: scales, warning rules, CSV reading and import rows. */
#ifndef RX_SCHEMA_H
#define RX_SCHEMA_H

#include "schema/builtin.h"
#include "schema/csv.h"
#include "schema/import.h"
#include "schema/rules.h"
#include "schema/scale.h"

#endif
