/* libFuzzer target: .xlsx workbooks (ZIP, shared strings, worksheet XML) into the roster import. */
#include <stddef.h>
#include <stdint.h>

#include "schema/schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rx_schema_xlsx *x = NULL;
	rx_schema_csv *csv = NULL;
	rx_schema_import *im = NULL;
	rx_schema_student st;
	rx_error err = { 0 };
	int rc;

	if (rx_schema_xlsx_open_mem(&x, data, size, &err) < 0)
		return 0;
	if (rx_schema_csv_open(&csv, rx_schema_xlsx_read, x, &err) == 0 &&
	    rx_schema_import_open(&im, csv, NULL, &err) == 0)
		do {
			rx_error_clear(&err);
			rc = rx_schema_import_roster_next(im, &st, &err);
		} while (rc > 0 || rc == RX_EINPUT);
	rx_schema_import_free(im);
	rx_schema_csv_free(csv);
	rx_schema_xlsx_free(x);
	return 0;
}
