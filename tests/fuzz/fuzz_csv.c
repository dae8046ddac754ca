/* libFuzzer target: the CSV reader and both imports on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "schema/schema.h"

static void import(const uint8_t *data, size_t size, const rx_schema_scale *scale)
{
	rx_schema_csv *csv = NULL;
	rx_schema_import *im = NULL;
	rx_schema_student st;
	rx_schema_screening_row sr;
	rx_error err = { 0 };
	int rc;

	if (rx_schema_csv_open_mem(&csv, data, size, &err) < 0)
		return;
	if (rx_schema_import_open(&im, csv, scale, &err) == 0)
		do {
			rx_error_clear(&err);
			rc = scale ? rx_schema_import_screening_next(im, &sr, &err)
				   : rx_schema_import_roster_next(im, &st, &err);
		} while (rc > 0 || rc == RX_EINPUT);
	rx_schema_import_free(im);
	rx_schema_csv_free(csv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static rx_schema_scale *phq9;
	rx_error err = { 0 };

	if (!phq9 && rx_schema_builtin_scale(&phq9, "phq9", &err) < 0)
		return 0;
	import(data, size, NULL);
	import(data, size, phq9);
	return 0;
}
