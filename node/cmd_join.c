/* runxin join: verify an enrolment bundle made for this node and install it. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "crypto/bundle.h"
#include "node/args.h"
#include "node/commands.h"
#include "ops/util/util.h"
#include "ops/home/home.h"
#include "ops/home/epochs.h"
#include "ops/archive/recovery.h"

/*
 * Without --root-fingerprint the root named by the bundle is trusted only by
 * a person at a terminal who compared its fingerprint with the city's
 * (`runxin identity --fingerprint` there) and typed yes; a script must pass it.
 */
static int confirm_root(const rx_crypto_bundle *b, rx_error *err)
{
	const rx_crypto_cert *root = &b->chain[b->n - 1];
	char fp[30], line[16] = "";

	rx_crypto_fingerprint(fp, root->sign_pk);
	if (!isatty(STDIN_FILENO))
		return rx_error_set(err, RX_ESECURITY, "未核对根证书指纹, 不入网: 入网包的根 (%s) "
			"指纹为 %s; 与市级 runxin identity --fingerprint 电话核对一致后, 用 "
			"--root-fingerprint \"%s\" 再运行 (join needs --root-fingerprint)",
			root->name, fp, fp);
	fprintf(stderr, "根证书 (root): %s\n指纹 (fingerprint): %s\n请与市教育局电话核对 "
		"(runxin identity --fingerprint); 一致请输入 yes (type yes if it matches): ",
		root->name, fp);
	if (!fgets(line, sizeof(line), stdin) || strcmp(line, "yes\n") != 0)
		return rx_error_set(err, RX_ESECURITY,
			"根证书指纹未确认, 不入网 (root fingerprint not confirmed)");
	return 0;
}

/* A school that joined seals its recovery material to its recovery key (docs/lifecycle.md). */
static int seal_recovery(rx_home *h, const rx_home_opts *o, rx_error *err)
{
	rx_archive *a = NULL;
	uint8_t pk[32];
	int rc;

	if (!rx_archive_recovery_pk(pk, h))
		return 0;
	if ((rc = rx_archive_open(&a, h, o, err)) == 0)
		rc = rx_archive_recovery_seal(a, err);
	rx_archive_close(a);
	return rc;
}

int rx_cmd_join(const rx_opts *o, int argc, char **argv, rx_error *err)
{
	const char *pos[1], *fp_s = NULL;
	const rx_argopt opts[] = { { "--root-fingerprint", &fp_s, NULL },
		{ NULL, NULL, NULL } };
	rx_crypto_bundle b;
	rx_buf text = RX_BUF_INIT;
	rx_home *h = NULL;
	char fp[30], *ep;
	size_t blen;
	int rc;

	if ((rc = rx_node_args(argc, argv, opts, pos, 1, 1, err)) < 0 ||
	    (rc = rx_home_open(&h, &o->home, err)) < 0)
		return rc;
	if ((rc = rx_ops_file_read(&text, pos[0], 64 * 1024, err)) < 0)
		goto out;
	/* a device's bundle may end with the school's key epochs */
	ep = memmem(text.data, text.len, RX_EPOCHS_BEGIN, strlen(RX_EPOCHS_BEGIN));
	blen = ep ? (size_t)(ep - (char *)text.data) : text.len;
	if ((rc = rx_crypto_bundle_parse(&b, (char *)text.data, blen, err)) < 0 ||
	    (!fp_s && (rc = confirm_root(&b, err)) < 0) ||
	    (ep && b.chain[0].role != RX_ROLE_DEVICE &&
		(rc = rx_error_set(err, RX_ESECURITY, "only a device's bundle carries key epochs")) < 0) ||
	    (rc = rx_home_bundle_join(h, &o->home, &b, fp_s, err)) < 0 ||
	    (ep && (rc = rx_home_epochs_join(h, &o->home, ep, text.len - blen,
		b.chain[1].sign_pk, err)) < 0))
		goto out;
	if (b.chain[0].role == RX_ROLE_SCHOOL && (rc = seal_recovery(h, &o->home, err)) < 0)
		goto out;
	rx_crypto_fingerprint(fp, b.chain[b.n - 1].sign_pk);
	printf("joined: %s %s under %s (%s)\n", rx_crypto_role_name(b.chain[0].role),
		b.chain[0].name, b.chain[1].name, rx_crypto_role_name(b.chain[1].role));
	printf("root fingerprint: %s (%s)%s\n", fp, b.chain[b.n - 1].name,
		fp_s ? ", as given" : ", confirmed at the terminal");
out:
	sodium_memzero(&b, sizeof(b));
	rx_buf_free(&text);
	rx_home_close(h);
	return rc;
}
