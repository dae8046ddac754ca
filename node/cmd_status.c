/* runxin status: who this node is, where it stands in the chain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "node/args.h"
#include "node/commands.h"
#include "sync/directory.h"
#include "ops/home/home.h"
#include "ops/util/util.h"
#include "ops/hub/hub.h"

static void print_receipts(rx_home *h)
{
	rx_receipt *r = NULL;
	rx_error e = { 0 };
	size_t n = 0;
	char t[21];

	if (rx_node_receipts(&r, &n, h, &e) < 0)
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

int rx_cmd_status(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	int json = o->json;
	const rx_argopt opts[] = { { "--json", NULL, &json }, { NULL, NULL, NULL } };
	rx_crypto_request self;
	rx_crypto_cert chain[4];
	rx_error verr = { 0 };
	rx_home *h = NULL;
	uint8_t root[32];
	char fp[30] = "";
	size_t n = 0;
	int rc, joined, valid;

	if ((rc = rx_node_args(argc, argv, opts, NULL, 0, 0, err)) < 0 ||
	    (rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if ((rc = rx_directory_self(h->db, &self, err)) < 0)
		goto out;
	joined = rx_directory_chain(h->db, h->node, chain, &n, &verr) == 0;
	if (rx_directory_root_key(h->db, root, &verr) == 0)
		rx_crypto_fingerprint(fp, root);
	rx_error_clear(&verr);
	valid = joined && rx_directory_verify(h->db, h->node, (int64_t)time(NULL), &verr) == 0;
	if (json) {
		rx_json j = RX_JSON_INIT(stdout);
		rx_json_obj_begin(&j, NULL);
		rx_json_str(&j, "node", self.node);
		rx_json_str(&j, "role", rx_crypto_role_name(self.role));
		rx_json_str(&j, "name", self.name);
		rx_json_bool(&j, "joined", joined);
		rx_json_bool(&j, "valid", valid);
		rx_json_str(&j, "root_fingerprint", fp);
		rx_json_obj_end(&j);
		goto out;
	}
	printf("node:   %s\nrole:   %s\nname:   %s\n", self.node,
		rx_crypto_role_name(self.role), self.name);
	if (!joined)
		printf("chain:  not joined yet (run 'runxin join BUNDLE')\n");
	for (size_t i = 1; i < n; i++)
		printf("%s %s %s (%s)\n", i == 1 ? "chain: " : "       ",
			rx_crypto_role_name(chain[i].role), chain[i].name, chain[i].node);
	if (joined)
		printf("valid:  %s\n", valid ? "yes" : verr.msg);
	if (fp[0])
		printf("root fingerprint: %s\n", fp);
	print_receipts(h);
out:
	rx_home_close(h);
	return rc;
}
