/* SSHSIG and OpenSSH key parsing, checked against the stock ssh-keygen. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>

#include "crypto/sshsig.h"
#include "tests/harness.h"

#define SIG_LABEL "SSH SIGNATURE"
#define KEY_LABEL "OPENSSH PRIVATE KEY"

static char dir[PATH_MAX / 2];
static uint8_t sk[64];
static const uint8_t *pk = sk + 32;

/* Run a shell command inside dir; its exit status, or -1. */
static int sh(const char *fmt, ...)
{
	char cmd[2048];
	int n, st;
	va_list ap;

	n = snprintf(cmd, sizeof(cmd), "cd '%s' && ", dir);
	va_start(ap, fmt);
	vsnprintf(cmd + n, sizeof(cmd) - (size_t)n, fmt, ap);
	va_end(ap);
	st = system(cmd);
	return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void path(char *out, const char *name)
{
	if (snprintf(out, PATH_MAX, "%s/%s", dir, name) >= PATH_MAX)
		out[0] = '\0';
}

static int write_file(const char *name, const void *p, size_t n)
{
	char fn[PATH_MAX];
	FILE *f;
	int ok;

	path(fn, name);
	if (!(f = fopen(fn, "wb")))
		return -1;
	ok = fwrite(p, 1, n, f) == n;
	return fclose(f) == 0 && ok ? 0 : -1;
}

static int read_file(rx_buf *out, const char *name)
{
	char fn[PATH_MAX], chunk[4096];
	rx_error err = { 0 };
	size_t n;
	FILE *f;

	path(fn, name);
	rx_buf_reset(out);
	if (!(f = fopen(fn, "rb")))
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (rx_buf_put(out, chunk, n, &err) < 0)
			break;
	fclose(f);
	return err.code ? -1 : rx_buf_cstr(out, &err);
}

/* Armor a blob the way OpenSSH does (base64 wrapped at 70). */
static void armor(rx_buf *out, const char *label, const uint8_t *blob,
	size_t n)
{
	size_t b64len = sodium_base64_ENCODED_LEN(n,
		sodium_base64_VARIANT_ORIGINAL);
	char *b64 = malloc(b64len);
	rx_error err = { 0 };

	sodium_bin2base64(b64, b64len, blob, n, sodium_base64_VARIANT_ORIGINAL);
	rx_buf_reset(out);
	rx_buf_printf(out, &err, "-----BEGIN %s-----\n", label);
	for (size_t i = 0; i < b64len - 1; i += 70)
		rx_buf_printf(out, &err, "%.70s\n", b64 + i);
	rx_buf_printf(out, &err, "-----END %s-----\n", label);
	free(b64);
}

/* The blob inside an armor, without checks (the test knows its input). */
static size_t unarmor(uint8_t *blob, size_t cap, const rx_buf *a)
{
	const char *body = strchr((const char *)a->data, '\n') + 1;
	const char *end = strstr(body, "-----END");
	size_t n = 0;

	if (sodium_base642bin(blob, cap, body, (size_t)(end - body), "\r\n",
	    &n, NULL, sodium_base64_VARIANT_ORIGINAL) != 0)
		return 0;
	return n;
}

static int verify(const rx_buf *sig, const uint8_t *key, const char *ns,
	const void *msg, size_t len, rx_error *err)
{
	rx_error_clear(err);
	return rx_crypto_sshsig_verify((const char *)sig->data, sig->len, key,
		ns, msg, len, err);
}

static int sign(rx_buf *out, const char *ns, const void *msg, size_t len)
{
	rx_error err = { 0 };

	rx_buf_reset(out);
	return rx_crypto_sshsig_sign(out, sk, ns, msg, len, &err);
}

static int setup(void)
{
	rx_buf text = RX_BUF_INIT;
	rx_error err = { 0 };
	const char *tmp = getenv("TMPDIR");
	int rc = -1;

	snprintf(dir, sizeof(dir), "%s/rx-sshsig-XXXXXX", tmp ? tmp : "/tmp");
	if (!mkdtemp(dir) ||
	    sh("ssh-keygen -q -t ed25519 -N '' -C someone -f key") != 0 ||
	    read_file(&text, "key") < 0)
		goto out;
	rc = rx_crypto_sshkey_parse(sk, (char *)text.data, text.len, &err);
	if (rc < 0)
		fprintf(stderr, "sshkey_parse: %s\n", err.msg);
out:
	rx_buf_free(&text);
	return rc;
}

static uint8_t *big_message(size_t n)
{
	static const uint8_t seed[randombytes_SEEDBYTES];
	uint8_t *p = malloc(n);

	if (p)
		randombytes_buf_deterministic(p, n, seed);
	return p;
}

static const char commit_msg[] =
	"tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
	"author node-7 <node-7@runxin> 1700000000 +0800\n"
	"committer node-7 <node-7@runxin> 1700000000 +0800\n\nchange-set 1\n";

static void test_key_matches_pub_file(void)
{
	rx_buf pub = RX_BUF_INIT, line = RX_BUF_INIT;
	rx_error err = { 0 };

	REQUIRE(read_file(&pub, "key.pub") == 0);
	CHECK_EQ(rx_crypto_ssh_pubkey_line(&line, pk, &err), 0);
	/* key.pub is "ssh-ed25519 AAAA... someone\n" */
	CHECK_EQ(pub.len, line.len + strlen(" someone\n"));
	CHECK(pub.len > line.len && memcmp(pub.data, line.data, line.len) == 0);
	CHECK(strncmp((char *)line.data, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5", 32)
		== 0);
	rx_buf_free(&pub);
	rx_buf_free(&line);
}

static void sign_both(const char *ns, const void *msg, size_t len)
{
	rx_buf ours = RX_BUF_INIT, theirs = RX_BUF_INIT;

	CHECK(write_file("msg", msg, len) == 0);
	sh("rm -f msg.sig");
	CHECK_EQ(sh("ssh-keygen -Y sign -n '%s' -f key msg 2>/dev/null", ns), 0);
	CHECK_EQ(read_file(&theirs, "msg.sig"), 0);
	CHECK_EQ(sign(&ours, ns, msg, len), 0);
	CHECK_EQ(ours.len, theirs.len);
	CHECK(ours.len == theirs.len &&
		memcmp(ours.data, theirs.data, ours.len) == 0);
	rx_buf_free(&ours);
	rx_buf_free(&theirs);
}

static void test_sign_identical_to_ssh_keygen(void)
{
	uint8_t *big = big_message(1 << 20);

	REQUIRE(big != NULL);
	sign_both("git", commit_msg, strlen(commit_msg));
	sign_both("git", "", 0);
	sign_both("file", big, 1 << 20);
	sign_both("runxin-checkpoint@runxin", "x", 1);
	free(big);
}

static int keygen_verify(const char *ns, const char *sig, const char *msg)
{
	return sh("ssh-keygen -Y verify -f allowed_signers -I someone@runxin "
		"-n %s -s %s < %s >/dev/null 2>&1", ns, sig, msg);
}

static int write_allowed_signers(void)
{
	rx_buf b = RX_BUF_INIT;
	rx_error err = { 0 };
	int rc;

	rx_buf_puts(&b, "someone@runxin namespaces=\"git\" ", &err);
	rx_crypto_ssh_pubkey_line(&b, pk, &err);
	rx_buf_puts(&b, "\n", &err);
	rc = err.code ? -1 : write_file("allowed_signers", b.data, b.len);
	rx_buf_free(&b);
	return rc;
}

static void keygen_verifies(const void *msg, size_t len)
{
	rx_buf sig = RX_BUF_INIT;
	uint8_t *other = malloc(len + 1);

	REQUIRE(other != NULL);
	CHECK_EQ(sign(&sig, "git", msg, len), 0);
	CHECK_EQ(write_file("ours.sig", sig.data, sig.len), 0);
	CHECK_EQ(write_file("msg", msg, len), 0);
	CHECK_EQ(keygen_verify("git", "ours.sig", "msg"), 0);
	/* Controls: the same command refuses when it should. */
	if (len)
		memcpy(other, msg, len);
	other[len ? len - 1 : 0] ^= 1;
	CHECK_EQ(write_file("msg2", other, len ? len : 1), 0);
	CHECK(keygen_verify("git", "ours.sig", "msg2") != 0);
	CHECK(keygen_verify("file", "ours.sig", "msg") != 0);
	free(other);
	rx_buf_free(&sig);
}

static void test_ssh_keygen_verifies_ours(void)
{
	uint8_t *big = big_message(1 << 20);

	REQUIRE(big != NULL);
	REQUIRE(write_allowed_signers() == 0);
	keygen_verifies(commit_msg, strlen(commit_msg));
	keygen_verifies("", 0);
	keygen_verifies(big, 1 << 20);
	free(big);
}

static void ours_verifies(const void *msg, size_t len)
{
	rx_buf sig = RX_BUF_INIT, crlf = RX_BUF_INIT;
	rx_error err = { 0 };
	uint8_t signer[32] = { 0 };

	CHECK_EQ(write_file("msg", msg, len), 0);
	sh("rm -f msg.sig");
	CHECK_EQ(sh("ssh-keygen -Y sign -n git -f key msg 2>/dev/null"), 0);
	REQUIRE(read_file(&sig, "msg.sig") == 0);
	CHECK_EQ(verify(&sig, pk, "git", msg, len, &err), 0);
	CHECK_STR(err.msg, "");
	CHECK_EQ(rx_crypto_sshsig_signer(signer, (char *)sig.data, sig.len,
		&err), 0);
	CHECK(memcmp(signer, pk, 32) == 0);
	/* As in a git gpgsig header: no final newline. */
	sig.len--;
	CHECK_EQ(verify(&sig, pk, "git", msg, len, &err), 0);
	for (size_t i = 0; i < sig.len; i++) {
		if (sig.data[i] == '\n')
			rx_buf_puts(&crlf, "\r", &err);
		rx_buf_put(&crlf, sig.data + i, 1, &err);
	}
	CHECK_EQ(verify(&crlf, pk, "git", msg, len, &err), 0);
	rx_buf_free(&sig);
	rx_buf_free(&crlf);
}

static void test_ours_verifies_ssh_keygen(void)
{
	uint8_t *big = big_message(1 << 20);

	REQUIRE(big != NULL);
	ours_verifies(commit_msg, strlen(commit_msg));
	ours_verifies("", 0);
	ours_verifies(big, 1 << 20);
	free(big);
}

static void test_refuse_flipped_message_and_context(void)
{
	rx_buf sig = RX_BUF_INIT, osig = RX_BUF_INIT;
	uint8_t opk[32], osk[64], msg[sizeof(commit_msg)];
	size_t len = strlen(commit_msg);
	rx_error err = { 0 };

	memcpy(msg, commit_msg, sizeof(msg));
	REQUIRE(sign(&sig, "git", msg, len) == 0);
	CHECK_EQ(verify(&sig, pk, "git", msg, len, &err), 0);
	msg[7] ^= 0x20;
	CHECK_EQ(verify(&sig, pk, "git", msg, len, &err), RX_ESECURITY);
	CHECK_STR(err.msg, "bad signature");
	msg[7] ^= 0x20;
	CHECK_EQ(verify(&sig, pk, "git", msg, len - 1, &err), RX_ESECURITY);
	CHECK_EQ(verify(&sig, pk, "file", msg, len, &err), RX_ESECURITY);
	CHECK_STR(err.msg, "signature made for another namespace");
	CHECK_EQ(verify(&sig, pk, "gi", msg, len, &err), RX_ESECURITY);
	CHECK_EQ(verify(&sig, pk, "", msg, len, &err), RX_EUSAGE);
	crypto_sign_keypair(opk, osk);
	CHECK_EQ(verify(&sig, opk, "git", msg, len, &err), RX_ESECURITY);
	CHECK_STR(err.msg, "signature made by another key");
	CHECK_EQ(rx_crypto_sshsig_sign(&osig, osk, "git", msg, len, &err), 0);
	CHECK_EQ(verify(&osig, pk, "git", msg, len, &err), RX_ESECURITY);
	CHECK_EQ(verify(&osig, opk, "git", msg, len, &err), 0);
	sodium_memzero(osk, sizeof(osk));
	rx_buf_free(&sig);
	rx_buf_free(&osig);
}

/* Every single-byte change of the decoded blob is refused. */
static void test_refuse_every_flipped_blob_byte(void)
{
	rx_buf sig = RX_BUF_INIT, bad = RX_BUF_INIT;
	uint8_t blob[1024];
	rx_error err = { 0 };
	size_t n, accepted = 0;

	REQUIRE(sign(&sig, "git", "m", 1) == 0);
	REQUIRE((n = unarmor(blob, sizeof(blob) - 1, &sig)) > 100);
	for (size_t i = 0; i < n; i++) {
		for (int bit = 0; bit < 8; bit += 7) {
			blob[i] ^= 1 << bit;
			armor(&bad, SIG_LABEL, blob, n);
			accepted += verify(&bad, pk, "git", "m", 1, &err) == 0;
			blob[i] ^= 1 << bit;
		}
	}
	CHECK_EQ(accepted, 0);
	blob[n - 1] ^= 1; /* inside the Ed25519 signature bytes */
	armor(&bad, SIG_LABEL, blob, n);
	CHECK_EQ(verify(&bad, pk, "git", "m", 1, &err), RX_ESECURITY);
	CHECK_STR(err.msg, "bad signature");
	blob[n - 1] ^= 1;
	armor(&bad, SIG_LABEL, blob, n);
	CHECK_EQ(verify(&bad, pk, "git", "m", 1, &err), 0);
	blob[n] = 0; /* trailing garbage */
	armor(&bad, SIG_LABEL, blob, n + 1);
	CHECK_EQ(verify(&bad, pk, "git", "m", 1, &err), RX_ESECURITY);
	armor(&bad, SIG_LABEL, blob, n - 1);
	CHECK_EQ(verify(&bad, pk, "git", "m", 1, &err), RX_ESECURITY);
	rx_buf_free(&sig);
	rx_buf_free(&bad);
}

/* Every single-character change of the armor text is refused. */
static void test_refuse_every_changed_armor_char(void)
{
	rx_buf sig = RX_BUF_INIT;
	rx_error err = { 0 };
	size_t accepted = 0;
	const char repl[] = "AB\0\r =-";

	REQUIRE(sign(&sig, "git", "m", 1) == 0);
	for (size_t i = 0; i < sig.len; i++) {
		uint8_t c = sig.data[i];

		for (size_t k = 0; k < sizeof(repl) - 1; k++) {
			if ((uint8_t)repl[k] == c)
				continue;
			sig.data[i] = (uint8_t)repl[k];
			accepted += verify(&sig, pk, "git", "m", 1, &err) == 0;
		}
		sig.data[i] = c;
	}
	CHECK_EQ(accepted, 0);
	CHECK_EQ(verify(&sig, pk, "git", "m", 1, &err), 0);
	rx_buf_free(&sig);
}

static int verify_text(const char *text, rx_error *err)
{
	rx_error_clear(err);
	return rx_crypto_sshsig_verify(text, strlen(text), pk, "git",
		(const uint8_t *)"m", 1, err);
}

static void test_refuse_truncated_garbage_oversized(void)
{
	rx_buf sig = RX_BUF_INIT, big = RX_BUF_INIT;
	uint8_t junk[1000], *blob = calloc(1, 9000);
	rx_error err = { 0 };
	size_t accepted = 0;

	REQUIRE(blob != NULL && sign(&sig, "git", "m", 1) == 0);
	for (size_t n = 0; n + 1 < sig.len; n++)
		accepted += rx_crypto_sshsig_verify((char *)sig.data, n, pk,
			"git", (const uint8_t *)"m", 1, &err) == 0;
	CHECK_EQ(accepted, 0);
	randombytes_buf(junk, sizeof(junk));
	CHECK_EQ(rx_crypto_sshsig_verify((char *)junk, sizeof(junk), pk, "git",
		(const uint8_t *)"m", 1, &err), RX_ESECURITY);
	CHECK_EQ(rx_crypto_sshsig_verify(NULL, 0, pk, "git",
		(const uint8_t *)"m", 1, &err), RX_EUSAGE);
	CHECK_EQ(verify_text("", &err), RX_ESECURITY);
	CHECK_EQ(verify_text("-----BEGIN SSH SIGNATURE-----\n"
		"-----END SSH SIGNATURE-----\n", &err), RX_ESECURITY);
	CHECK_EQ(verify_text("-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n"
		"-----END SSH SIGNATURE-----\n", &err), RX_ESECURITY);
	CHECK_STR(err.msg, "unsupported SSHSIG version");
	CHECK_EQ(verify_text("-----BEGIN SSH SIGNATURE-----\n\nU1NIU0lH\n"
		"-----END SSH SIGNATURE-----\n", &err), RX_ESECURITY);
	CHECK_STR(err.msg, "malformed line in armor");
	/* A leading blank line or space is refused too. */
	rx_buf_puts(&big, " ", &err);
	rx_buf_put(&big, sig.data, sig.len, &err);
	CHECK_EQ(verify(&big, pk, "git", "m", 1, &err), RX_ESECURITY);
	armor(&big, SIG_LABEL, blob, 9000);
	CHECK_EQ(verify(&big, pk, "git", "m", 1, &err), RX_ESECURITY);
	CHECK_STR(err.msg, "armor longer than 8192 bytes");
	free(blob);
	rx_buf_free(&sig);
	rx_buf_free(&big);
}

static void test_refuse_sha256(void)
{
	rx_buf sig = RX_BUF_INIT;
	rx_error err = { 0 };
	size_t len = strlen(commit_msg);

	REQUIRE(write_allowed_signers() == 0);
	CHECK_EQ(write_file("msg", commit_msg, len), 0);
	sh("rm -f msg.sig");
	CHECK_EQ(sh("ssh-keygen -Y sign -O hashalg=sha256 -n git -f key msg "
		"2>/dev/null"), 0);
	/* Valid for OpenSSH, so our refusal is about the algorithm alone. */
	CHECK_EQ(keygen_verify("git", "msg.sig", "msg"), 0);
	REQUIRE(read_file(&sig, "msg.sig") == 0);
	CHECK_EQ(verify(&sig, pk, "git", commit_msg, len, &err), RX_ESECURITY);
	CHECK_STR(err.msg, "signature hash algorithm is not sha512");
	rx_buf_free(&sig);
}

static int parse_key(const rx_buf *text, rx_error *err)
{
	uint8_t out[64];
	int rc;

	memset(out, 0xAA, sizeof(out));
	rx_error_clear(err);
	rc = rx_crypto_sshkey_parse(out, (char *)text->data, text->len, err);
	if (rc < 0)
		CHECK(sodium_is_zero(out, sizeof(out))); /* wiped on failure */
	if (rc == 0)
		CHECK(memcmp(out, sk, 64) == 0);
	sodium_memzero(out, sizeof(out));
	return rc;
}

/* Every byte flip outside the (unauthenticated) comment is refused. */
static void key_flips(const uint8_t *blob0, size_t n)
{
	rx_buf bad = RX_BUF_INIT;
	uint8_t blob[1024];
	rx_error err = { 0 };
	size_t accepted = 0, com;

	memcpy(blob, blob0, n);
	REQUIRE(n < sizeof(blob));
	for (com = 0; com + 7 <= n && memcmp(blob + com, "someone", 7); com++)
		;
	REQUIRE(com + 7 <= n);
	for (size_t i = 0; i < n; i++) {
		if (i >= com && i < com + 7)
			continue;
		blob[i] ^= 0x01;
		armor(&bad, KEY_LABEL, blob, n);
		accepted += parse_key(&bad, &err) == 0;
		blob[i] ^= 0x01;
	}
	CHECK_EQ(accepted, 0);
	blob[com] = 'S';
	armor(&bad, KEY_LABEL, blob, n);
	CHECK_EQ(parse_key(&bad, &err), 0);
	rx_buf_free(&bad);
}

/* Add v to the big-endian u32 at off (a length field of the test's blob). */
static void bump_u32(uint8_t *blob, size_t off, int v)
{
	uint32_t x = (uint32_t)blob[off] << 24 | (uint32_t)blob[off + 1] << 16 |
		(uint32_t)blob[off + 2] << 8 | blob[off + 3];

	x += (uint32_t)v;
	blob[off] = x >> 24;
	blob[off + 1] = x >> 16;
	blob[off + 2] = x >> 8;
	blob[off + 3] = x;
}

/* Insert a zero byte at `at`, growing the string whose length is at off. */
static size_t insert_zero(uint8_t *blob, size_t n, size_t at, size_t off)
{
	memmove(blob + at + 1, blob + at, n - at);
	blob[at] = 0;
	bump_u32(blob, off, 1);
	return n + 1;
}

/* Well-formed outer strings around ill-formed key and signature blobs. */
static void test_refuse_nested_trailing_bytes(void)
{
	rx_buf sig = RX_BUF_INIT, bad = RX_BUF_INIT;
	uint8_t blob[1024], copy[1024];
	rx_error err = { 0 };
	size_t n, m;

	REQUIRE(sign(&sig, "git", "m", 1) == 0);
	REQUIRE((n = unarmor(blob, sizeof(blob) - 1, &sig)) > 100);
	/* magic 6, version 4, then string(pubkey blob of 51 bytes) at 10 */
	REQUIRE(blob[13] == 51 && blob[65 + 3] == 3);
	memcpy(copy, blob, n);
	m = insert_zero(copy, n, 65, 10);
	armor(&bad, SIG_LABEL, copy, m);
	CHECK_EQ(verify(&bad, pk, "git", "m", 1, &err), RX_ESECURITY);
	CHECK_STR(err.msg, "signer key is not an Ed25519 key");
	/* string(signature blob of 83 bytes) closes the blob */
	REQUIRE(blob[n - 84] == 83);
	memcpy(copy, blob, n);
	m = insert_zero(copy, n, n, n - 87);
	armor(&bad, SIG_LABEL, copy, m);
	CHECK_EQ(verify(&bad, pk, "git", "m", 1, &err), RX_ESECURITY);
	CHECK_STR(err.msg, "malformed Ed25519 signature");
	rx_buf_free(&sig);
	rx_buf_free(&bad);
}

static void test_refuse_long_armor_lines(void)
{
	rx_buf sig = RX_BUF_INIT, wide = RX_BUF_INIT;
	rx_error err = { 0 };
	size_t i = 0;

	REQUIRE(sign(&sig, "git", "m", 1) == 0);
	/* Join the first two body lines: 140 characters on one line. */
	while (i < sig.len && sig.data[i] != '\n')
		i++;
	for (i++; i < sig.len && sig.data[i] != '\n'; i++)
		;
	rx_buf_put(&wide, sig.data, i, &err);
	rx_buf_put(&wide, sig.data + i + 1, sig.len - i - 1, &err);
	CHECK_EQ(verify(&wide, pk, "git", "m", 1, &err), RX_ESECURITY);
	CHECK_STR(err.msg, "malformed line in armor");
	rx_buf_free(&sig);
	rx_buf_free(&wide);
}

/* The private section: its length, padding and what follows it. */
static void key_section_checks(const uint8_t *blob0, size_t n)
{
	rx_buf bad = RX_BUF_INIT;
	uint8_t blob[1024];
	rx_error err = { 0 };
	size_t pad;

	/* string(private section) at 94 runs to the end of the blob */
	REQUIRE(n + 8 <= sizeof(blob) && n > 98 && blob0[96] == 0 &&
		(size_t)(blob0[96] << 8 | blob0[97]) == n - 98);
	memcpy(blob, blob0, n);
	memset(blob + n, 0, 8);
	armor(&bad, KEY_LABEL, blob, n + 8);
	CHECK_EQ(parse_key(&bad, &err), RX_EINPUT);
	pad = blob[n - 1];
	REQUIRE(pad > 0 && pad < 8);
	bump_u32(blob, 94, -(int)pad);
	armor(&bad, KEY_LABEL, blob, n - pad);
	CHECK_EQ(parse_key(&bad, &err), RX_EINPUT);
	bump_u32(blob, 94, 8);
	armor(&bad, KEY_LABEL, blob, n - pad + 8);
	CHECK_EQ(parse_key(&bad, &err), RX_EINPUT);
	rx_buf_free(&bad);
}

static void test_key_refusals(void)
{
	rx_buf text = RX_BUF_INIT;
	uint8_t blob[1024];
	rx_error err = { 0 };
	size_t n, accepted = 0;

	REQUIRE(read_file(&text, "key") == 0);
	CHECK_EQ(parse_key(&text, &err), 0);
	REQUIRE((n = unarmor(blob, sizeof(blob), &text)) > 200);
	key_flips(blob, n);
	key_section_checks(blob, n);
	for (size_t k = 0; k + 1 < text.len; k++) {
		size_t len = text.len;

		text.len = k;
		accepted += parse_key(&text, &err) == 0;
		text.len = len;
	}
	CHECK_EQ(accepted, 0);
	CHECK_EQ(sh("ssh-keygen -q -t ed25519 -N 'a pass' -f enc"), 0);
	REQUIRE(read_file(&text, "enc") == 0);
	CHECK_EQ(parse_key(&text, &err), RX_EINPUT);
	CHECK_STR(err.msg, "encrypted OpenSSH keys are not supported");
	CHECK_EQ(sh("ssh-keygen -q -t ecdsa -N '' -f ec"), 0);
	REQUIRE(read_file(&text, "ec") == 0);
	CHECK_EQ(parse_key(&text, &err), RX_EINPUT);
	CHECK_STR(err.msg, "OpenSSH key is not an Ed25519 key");
	rx_buf_free(&text);
}

int main(void)
{
	if (sodium_init() < 0 || setup() < 0) {
		fprintf(stderr, "setup failed\n");
		if (dir[0])
			sh("cd / && rm -rf '%s'", dir);
		return 1;
	}
	RUN(test_key_matches_pub_file);
	RUN(test_sign_identical_to_ssh_keygen);
	RUN(test_ssh_keygen_verifies_ours);
	RUN(test_ours_verifies_ssh_keygen);
	RUN(test_refuse_flipped_message_and_context);
	RUN(test_refuse_every_flipped_blob_byte);
	RUN(test_refuse_every_changed_armor_char);
	RUN(test_refuse_nested_trailing_bytes);
	RUN(test_refuse_long_armor_lines);
	RUN(test_refuse_truncated_garbage_oversized);
	RUN(test_refuse_sha256);
	RUN(test_key_refusals);
	sh("cd / && rm -rf '%s'", dir);
	return rx_test_done();
}
