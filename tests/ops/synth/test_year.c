/* A synthetic school year: same options same bytes, valid records, nothing dated today or later, the planted shortfalls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/buf.h"
#include "ops/synth/synth.h"
#include "schema/record.h"
#include "schema/schema.h"
#include "tests/harness.h"

static int year_of(rx_buf *out, const rx_buf *roster, const rx_ops_synth_year_opts *o)
{
	rx_error err = { 0 };
	int rc = rx_ops_synth_year(out, roster->data, roster->len, o, &err);

	if (rc < 0)
		fprintf(stderr, "year: %s\n", err.msg);
	return rc == 0 && rx_buf_cstr(out, &err) == 0 ? 0 : -1;
}

static size_t count(const char *text, const char *what)
{
	size_t n = 0;

	for (const char *p = text; (p = strstr(p, what)); p++)
		n++;
	return n;
}

/* Every line is a valid record of its type; no date is today or later. */
static int all_valid(char *text, const char *today)
{
	char *save = NULL;

	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *s2 = NULL, *tok = strtok_r(line, " ", &s2);
		rx_schema_rec r;
		rx_error err = { 0 };
		int rc = 0;
		rx_schema_rec_init(&r, rx_schema_type_find(tok));
		while (rc == 0 && (tok = strtok_r(NULL, " ", &s2))) {
			char *eq = strchr(tok, '=');
			*eq = '\0';
			if (!strcmp(tok, "d") && strcmp(eq + 1, today) >= 0)
				rc = -1;
			else
				rc = rx_schema_rec_set(&r, tok, eq + 1, &err);
		}
		if (rc == 0 && r.type->idform == RX_SCHEMA_ID_COUNTER)
			rc = rx_schema_rec_make_id(&r, "abcdef", 1, &err);
		else if (rc == 0)
			rc = rx_schema_rec_make_id(&r, NULL, 0, &err);
		if (rc == 0)
			rc = rx_schema_rec_validate(&r, &err);
		rx_schema_rec_clear(&r);
		if (rc < 0)
			return fprintf(stderr, "bad line: %s (%s)\n", line, err.msg), 0;
	}
	return 1;
}

static void test_year(void)
{
	rx_ops_synth_opts so;
	rx_ops_synth_year_opts yo = { 7, 2026, 0, 1, 2, 0, 0, 0 };
	rx_buf roster = RX_BUF_INIT, a = RX_BUF_INIT, b = RX_BUF_INIT, c = RX_BUF_INIT;
	rx_error err = { 0 };
	size_t lessons;

	rx_ops_synth_opts_init(&so);
	so.students = 200, so.type = RX_OPS_SCHOOL_PRIMARY, so.year = 2026;
	REQUIRE(rx_ops_synth_roster(&roster, &so, &err) == 0);
	yo.today = rx_ops_days_from_civil(2026, 11, 30);
	REQUIRE(year_of(&a, &roster, &yo) == 0 && year_of(&b, &roster, &yo) == 0);
	CHECK(a.len == b.len && !memcmp(a.data, b.data, a.len));
	/* 200 pupils in grades 4-6: one class each; 1 + 2 teachers, principal, secretary, 3 head teachers */
	CHECK_EQ(count((char *)a.data, "\nclass "), 3);
	CHECK_EQ(count((char *)a.data, "ro=fp") + count((char *)a.data, "ro=pp"), 3);
	CHECK_EQ(count((char *)a.data, "ro=ht"), 3);
	CHECK_EQ(count((char *)a.data, "cmb=1 cmg=1"), 3);
	/* Sept 1 - Nov 29, 2026: 64 weekdays, 5 of them in Oct 1-7 */
	CHECK_EQ(count((char *)a.data, "k=or h=2"), 59);
	lessons = count((char *)a.data, "k=ls");
	CHECK(lessons >= 33 && lessons <= 39); /* about 12 weeks x 3 classes */
	CHECK(count((char *)a.data, "k=pm") == 3 && count((char *)a.data, "k=cc") == 3);
	/* the planted shortfalls */
	yo.short_room_week = yo.short_lessons = yo.short_committee = 1;
	REQUIRE(year_of(&c, &roster, &yo) == 0);
	CHECK_EQ(count((char *)c.data, "k=or h=2"), 59 - 3);
	CHECK_EQ(count((char *)c.data, "k=ls"), lessons - 2);
	/* the last class (grade 6, Wednesdays) has no lesson in Sept 15-28 */
	CHECK(strstr((char *)a.data, "d=2026-09-16 k=ls gr=6 c=1") != NULL);
	CHECK(strstr((char *)a.data, "d=2026-09-23 k=ls gr=6 c=1") != NULL);
	CHECK(strstr((char *)c.data, "d=2026-09-16 k=ls gr=6 c=1") == NULL);
	CHECK(strstr((char *)c.data, "d=2026-09-23 k=ls gr=6 c=1") == NULL);
	CHECK_EQ(count((char *)c.data, "cmb=2 cmg=0"), 1);
	CHECK(all_valid((char *)a.data, "2026-11-30"));
	CHECK(all_valid((char *)c.data, "2026-11-30"));
	rx_buf_free(&roster);
	rx_buf_free(&a);
	rx_buf_free(&b);
	rx_buf_free(&c);
}

int main(void)
{
	RUN(test_year);
	return rx_test_done();
}
