/* runxin restore --recovery-key-file F --from URL HOME: a lost school's archive back from its hub on a new machine. */
#include <signal.h>
#include <stdio.h>

#include <sodium.h>

#include "node/args.h"
#include "node/commands.h"
#include "ops/home/backup.h"
#include "ops/remote/remote.h"
#include "ops/util/util.h"

static void print_result(void *ctx, const rx_remote_result *r)
{
	(void)ctx;
	if (r->rep->refused.len)
		fprintf(stderr, "%s", (char *)r->rep->refused.data);
	printf("同步 sync %s: %zu branches updated, %zu refused\n", r->name,
		r->rep->branches_updated, r->rep->branches_refused);
}

int rx_cmd_restore(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *pos[1] = { NULL }, *keyfile = NULL, *url = NULL, *backup = NULL;
	const rx_argopt opts[] = { { "--recovery-key-file", &keyfile, NULL },
		{ "--from", &url, NULL }, { "--backup", &backup, NULL }, { NULL, NULL, NULL } };
	size_t files = 0;
	rx_remote_sync_opts ro = { 0 };
	rx_buf key = RX_BUF_INIT;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 1, err)) < 0)
		return rc;
	if (backup && !keyfile && !url) {
		if ((rc = rx_home_backup_restore(backup, pos[0], &o->home, &files, err)) == 0)
			printf("已从备份恢复到 %s: %zu 个文件 (restored %zu files from the backup into %s)\n",
				pos[0], files, files, pos[0]);
		return rc;
	}
	if (!keyfile || !url || backup)
		return rx_error_set(err, RX_EUSAGE, "restore needs --recovery-key-file F "
			"--from URL HOME, or --backup FILE HOME");
	signal(SIGPIPE, SIG_IGN);
	if ((rc = rx_ops_file_read(&key, keyfile, 4096, err)) < 0)
		return rc;
	ro.report = print_result;
	if ((rc = rx_remote_restore(pos[0], &o->home, (char *)key.data, key.len, url,
		&ro, err)) == 0)
		printf("已恢复到 %s: 本机是学校的新设备, 档案取自 %s (restored into %s as a new "
			"device of the school, its archive taken from %s)\n", pos[0], url, pos[0], url);
	sodium_memzero(key.data, key.cap);
	rx_buf_free(&key);
	return rc;
}
