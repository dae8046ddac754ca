/* libFuzzer target: a letter template (rx_schema_letter_render) filled for each level; no placeholder survives. */
#include <stdlib.h>
#include <string.h>

#include "schema/letter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const sections[] = { "red", "orange", "yellow" };
	static const rx_schema_letter_var vars[] = {
		{ "school", "城关中学" }, { "name", "<\x7f>&'\"" }, { "class", "8年级3班" },
		{ "level", "红色" }, { "date", "2024年10月20日" }, { "contact", NULL },
		{ "head_teacher", "" },
	};

	for (size_t i = 0; i < 3; i++) {
		rx_schema_letter l = { (const char *)data, size, vars, 7, sections[i] };
		rx_buf out = RX_BUF_INIT;
		rx_error err = { 0 };

		if (rx_schema_letter_render(&out, &l, &err) < 0) {
			if (err.code != RX_EINPUT || strchr(err.msg, '\n'))
				abort();
		} else if (out.len && memmem(out.data, out.len, "<\x7f>", 3) &&
		    !memmem(data, size, "<\x7f>", 3)) {
			abort(); /* a value left unescaped */
		}
		rx_buf_free(&out);
	}
	return 0;
}
