/* runxin status: who this node is, where it stands in the chain. */
#include <stdio.h>
#include <stdlib.h>

#include "crypto/keystore.h"
#include "node/args.h"
#include "node/commands.h"
#include "ops/policy/policy.h"
#include "ops/home/home.h"
#include "ops/util/util.h"
#include "ops/hub/hub.h"

static void print_receipts(rx_home *h)
{
	rx_receipt *r = NULL;
	rx_error e = { 0 };
	size_t n = 0;
	char t[21];

	if (rx_hub_receipts(&r, &n, h, &e) < 0)
		return;
	for (size_t i = 0; i < n; i++) {
		rx_crypto_time_format(t, r[i].time);
		if (r[i].covered >= r[i].own)
			printf("receipt: safe at %s as of %s (all %llu change-sets) "
				"已安全备份\n", r[i].hub_name, t,
				(unsigned long long)r[i].own);
		else
			printf("receipt: %s holds %llu of %llu change-sets as of %s; "
				"sync again\n", r[i].hub_name,
				(unsigned long long)r[i].covered,
				(unsigned long long)r[i].own, t);
	}
	free(r);
}

static void print_json(const rx_home_status *st)
{
	rx_json j = RX_JSON_INIT(stdout);

	rx_json_obj_begin(&j, NULL);
	rx_json_str(&j, "node", st->self.node);
	rx_json_str(&j, "role", rx_crypto_role_name(st->self.role));
	rx_json_str(&j, "name", st->self.name);
	rx_json_bool(&j, "joined", st->joined);
	rx_json_bool(&j, "valid", st->valid);
	rx_json_str(&j, "root_fingerprint", st->root_fp);
	rx_json_obj_end(&j);
}

static void print_text(const rx_home_status *st)
{
	printf("node:   %s\nrole:   %s\nname:   %s\n", st->self.node,
		rx_crypto_role_name(st->self.role), st->self.name);
	if (!st->joined)
		printf("chain:  not joined yet (run 'runxin join BUNDLE')\n");
	for (size_t i = 1; i < st->n; i++)
		printf("%s %s %s (%s)\n", i == 1 ? "chain: " : "       ",
			rx_crypto_role_name(st->chain[i].role), st->chain[i].name,
			st->chain[i].node);
	if (st->joined)
		printf("valid:  %s\n", st->valid ? "yes" : st->why.msg);
	if (st->root_fp[0])
		printf("root fingerprint: %s\n", st->root_fp);
}

/* The keystore's Argon2id limits, and whether they are the test-only ones. */
static void print_keystore(rx_home *h)
{
	char *path = rx_ops_path_join(h->path, "keystore");
	rx_buf img = RX_BUF_INIT;
	rx_error e = { 0 };
	uint32_t ops, memkib;
	int weak;

	if (path && rx_ops_file_read(&img, path, 64 * 1024, &e) == 0 &&
	    (weak = rx_crypto_keystore_limits(&ops, &memkib, img.data, img.len)) >= 0)
		printf("keystore: Argon2id %u 轮 (passes), %u MiB%s\n", (unsigned)ops,
			(unsigned)(memkib / 1024), weak ? " - 弱, 仅供测试; 请运行 runxin passwd "
			"(weak, test only: run runxin passwd)" : "");
	rx_buf_free(&img);
	free(path);
}

int rx_cmd_status(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	int json = o->json;
	const rx_argopt opts[] = { { "--json", NULL, &json }, { NULL, NULL, NULL } };
	rx_home_status st;
	rx_home *h = NULL;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, NULL, 0, 0, err)) < 0 ||
	    (rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if ((rc = rx_home_status_get(&st, h, err)) < 0)
		goto out;
	if (json) {
		print_json(&st);
		goto out;
	}
	print_text(&st);
	print_keystore(h);
	print_receipts(h);
	rx_ops_policy_status(stdout, h, NULL);
out:
	rx_home_close(h);
	return rc;
}
