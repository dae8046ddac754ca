/* runxin confirm STUDENT --level L [--reason T]: the teacher's decision after a one-to-one assessment. */
#include <stdio.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/archive/archive.h"

int rx_cmd_confirm(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *level = NULL, *reason = NULL, *pos[1];
	const rx_argopt opts[] = { { "--level", &level, NULL }, { "--reason", &reason, NULL },
		{ NULL, NULL, NULL } };
	rx_schema_level lv;
	rx_archive_confirm c = { 0 };
	rx_archive_confirmed done = { 0 };
	rx_archive *a = NULL;
	rx_home *h = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 1, err)) < 0)
		return rc;
	if (!level || rx_schema_level_parse(&lv, level, NULL) < 0 || lv < 0)
		return rx_error_set(err, RX_EUSAGE, "--level 应为 无、黄、橙、红 "
			"(none/yellow/orange/red)");
	if (!rx_schema_no_valid(pos[0]))
		return rx_error_set(err, RX_EUSAGE, "STUDENT 应为学号 (a student number)");
	c.no = pos[0], c.level = lv, c.reason = reason;
	if ((rc = rx_home_open(&h, &o->home, err)) == 0 &&
	    (rc = rx_archive_open(&a, h, &o->home, err)) == 0 &&
	    (rc = rx_archive_level_confirm(&done, a, &c, err)) == 0)
		printf("已确认 %s 为%s (建议等级 %s; confirmed, record %s)\n", c.no,
			rx_schema_level_name_zh(done.level), rx_schema_level_name_zh(done.proposed),
			done.id);
	rx_archive_close(a);
	rx_home_close(h);
	return rc;
}
