/* Internal field parsers shared by the roster and screening rows. */
#ifndef RX_SCHEMA_FIELDS_INT_H
#define RX_SCHEMA_FIELDS_INT_H

#include "schema/import.h"
#include "schema/textInt.h"

/* 男/女, 男性/女性, M/F, male/female (ASCII without case), 1/2 (学籍 codes). 0 or -1. */
int rx_schema_gender_parse(int *out, rx_schema_span v);

/*
 * 1..12 in Arabic or Chinese numerals, with an optional 年级 (7年级, 七年级),
 * 初/初中 + 1..3 (7..9), 高/高中 + 1..3 (10..12), 小学 + 1..6. 0 or -1.
 */
int rx_schema_grade_parse(int *out, rx_schema_span v);

/* A Chinese numeral 1..99 (三, 十, 十二, 二十三). 0 or -1. */
int rx_schema_cn_number(rx_schema_span v, int *out);

/*
 * A class 1..99 as written 1, 01, 1班, (1)班, (1), 一班 (full-width forms
 * already folded): its number into dst, the form into *form, 0. A class
 * that is not a number: 1 (the caller keeps the text). A number out of
 * 1..99: -1.
 */
int rx_schema_class_parse(char *dst, size_t cap, rx_schema_span v, int *form);

#endif
