/* runxin init: create this node's keys and home; a city also creates the root. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "node/args.h"
#include "node/commands.h"
#include "node/qr.h"
#include "ops/archive/recovery.h"
#include "ops/home/home.h"

static void print_done(const rx_crypto_request *q)
{
	char fp[30];

	printf("initialised %s %s (%s)\n", rx_crypto_role_name(q->role), q->node, q->name);
	if (q->role == RX_ROLE_CITY) {
		rx_crypto_fingerprint(fp, q->sign_pk);
		printf("root fingerprint: %s\n", fp);
	} else {
		printf("next: give the output of 'runxin identity' to your %s, then "
			"run 'runxin join BUNDLE'\n", rx_crypto_role_name(q->role - 1));
	}
}

/* A school's recovery key, shown this once: on paper it restores the school (docs/lifecycle.md). */
static int recovery_key(rx_home *h, const char *school, rx_error *err)
{
	char text[RX_RECOVERY_TEXT_MAX];
	int rc;

	if ((rc = rx_archive_recovery_new(text, h, school, err)) < 0)
		return rc;
	printf("\n恢复密钥 (recovery key): %s\n", text);
	rx_node_qr_print(stdout, text);
	printf("请把这串恢复密钥抄在纸上或打印, 封存于校长室保险柜; 它只显示这一次。"
		"本机丢失时, 凭它和县中心地址可恢复全校档案 (runxin restore --recovery-key-file). "
		"(Write this recovery key on paper and lock it away: it is shown only now. "
		"With it and the county hub's address the school's archive can be restored.)\n\n");
	sodium_memzero(text, sizeof(text));
	return 0;
}

int rx_cmd_init(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *role_s = NULL, *name = NULL;
	const rx_argopt opts[] = { { "--role", &role_s, NULL },
		{ "--name", &name, NULL }, { NULL, NULL, NULL } };
	rx_crypto_request q;
	rx_home *h = NULL;
	rx_role role;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, NULL, 0, 0, err)) < 0)
		return rc;
	if (!(role = rx_crypto_role_parse(role_s)))
		return rx_error_set(err, RX_EUSAGE,
			"--role must be city, county, school or device");
	if (name && (strlen(name) == 0 || strlen(name) > RX_NAME_MAX ||
	    !rx_crypto_utf8_valid(name, strlen(name), 1)))
		return rx_error_set(err, RX_EUSAGE,
			"--name 须为 1 到 %d 字节的一行文字, 不含控制字符、双向控制符或零宽字符 "
			"(--name must be 1 to %d bytes of UTF-8 on one line, with no control, "
			"bidi or zero-width characters)", RX_NAME_MAX, RX_NAME_MAX);
	if ((rc = rx_home_create(&h, o->home.path, err)) < 0)
		return rc;
	if ((rc = rx_home_identity_init(&q, h, &o->home, role, name, err)) == 0 &&
	    (role != RX_ROLE_SCHOOL || (rc = recovery_key(h, q.node, err)) == 0))
		print_done(&q);
	rx_home_close(h);
	return rc;
}
