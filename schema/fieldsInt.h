/* Internal field parsers shared by the roster and screening rows. */
#ifndef RX_SCHEMA_FIELDS_INT_H
#define RX_SCHEMA_FIELDS_INT_H

#include "schema/import.h"
#include "schema/textInt.h"

/* 男/女, M/F, male/female (ASCII without case). 0 or -1. */
int rx_schema_gender_parse(int *out, rx_schema_span v);

/* 1..12, "7年级", 一年级..九年级, 初一..初三, 高一..高三. 0 or -1. */
int rx_schema_grade_parse(int *out, rx_schema_span v);

#endif
