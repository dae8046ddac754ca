/* Passphrase input and the keystore file: seal and unlock a node's secrets. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "crypto/keystore.h"
#include "ops/util/util.h"
#include "ops/home/home.h"

#define PASS_MAX 1024
enum { TAG_SIGN = 1, TAG_BOX = 2, TAG_MASTER = 3 };

static int pass_from(char **pass, size_t *len, const char *src, size_t n,
	rx_error *err)
{
	while (n && (src[n - 1] == '\n' || src[n - 1] == '\r'))
		n--;
	if (n == 0)
		return rx_error_set(err, RX_EUSAGE, "the passphrase is empty");
	if (n > PASS_MAX)
		return rx_error_set(err, RX_EUSAGE, "the passphrase is too long");
	if (!(*pass = sodium_malloc(n + 1)))
		return rx_error_nomem(err);
	memcpy(*pass, src, n);
	(*pass)[n] = '\0';
	*len = n;
	return 0;
}

static int read_tty_line(char *buf, size_t cap, const char *prompt)
{
	struct termios old, quiet;
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	ssize_t n = -1;

	if (fd < 0)
		return -1;
	if (write(fd, prompt, strlen(prompt)) < 0 || tcgetattr(fd, &old) < 0)
		goto out;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(fd, TCSAFLUSH, &quiet);
	n = read(fd, buf, cap - 1);
	tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0)
		n = -1;
out:
	close(fd);
	return (int)n;
}

static int pass_from_tty(char **pass, size_t *len, int confirm, rx_error *err)
{
	char *a = sodium_malloc(PASS_MAX + 2), *b = sodium_malloc(PASS_MAX + 2);
	int na, nb, rc;

	if (!a || !b) {
		rc = rx_error_nomem(err);
		goto out;
	}
	na = read_tty_line(a, PASS_MAX + 2, "口令 (passphrase): ");
	if (na < 0) {
		rc = rx_error_set(err, RX_EUSAGE, "no passphrase: set RUNXIN_PASSPHRASE,"
			" use --passphrase-file, or run on a terminal");
		goto out;
	}
	if (confirm) {
		nb = read_tty_line(b, PASS_MAX + 2, "再输一次 (again): ");
		if (nb != na || sodium_memcmp(a, b, (size_t)na) != 0) {
			rc = rx_error_set(err, RX_EUSAGE, "the two passphrases differ");
			goto out;
		}
	}
	rc = pass_from(pass, len, a, (size_t)na, err);
out:
	sodium_free(a);
	sodium_free(b);
	return rc;
}

int rx_home_passphrase(char **pass, size_t *len, const rx_home_opts *o,
	int confirm, rx_error *err)
{
	const char *env = getenv("RUNXIN_PASSPHRASE");
	rx_buf f = RX_BUF_INIT;
	int rc;

	*pass = NULL;
	if (o->pass)
		return pass_from(pass, len, o->pass, o->passlen, err);
	if (o->passphrase_file) {
		if ((rc = rx_ops_file_read(&f, o->passphrase_file, PASS_MAX + 2, err)) == 0) {
			char *nl = memchr(f.data, '\n', f.len);
			rc = pass_from(pass, len, (char *)f.data,
				nl ? (size_t)(nl - (char *)f.data) : f.len, err);
		}
		sodium_memzero(f.data, f.cap);
		rx_buf_free(&f);
		return rc;
	}
	if (env)
		return pass_from(pass, len, env, strlen(env), err);
	return pass_from_tty(pass, len, confirm, err);
}

void rx_home_passphrase_free(char *pass, size_t len)
{
	sodium_free(pass);
}

int rx_home_secrets_new(rx_secrets **out, rx_error *err)
{
	if (!(*out = sodium_malloc(sizeof(**out))))
		return rx_error_nomem(err);
	sodium_memzero(*out, sizeof(**out));
	return 0;
}

void rx_home_secrets_free(rx_secrets *s)
{
	sodium_free(s);
}

static void put_tlv(uint8_t *p, size_t *at, int tag, const uint8_t *v, size_t n)
{
	p[(*at)++] = (uint8_t)tag;
	p[(*at)++] = (uint8_t)n;
	memcpy(p + *at, v, n);
	*at += n;
}

int rx_home_keystore_write(rx_home *h, const rx_secrets *s, const char *pass,
	size_t passlen, rx_error *err)
{
	uint8_t *blob = sodium_malloc(256);
	rx_buf img = RX_BUF_INIT;
	char *path = rx_ops_path_join(h->path, "keystore");
	size_t n = 0;
	int rc;

	if (!blob || !path) {
		rc = rx_error_nomem(err);
		goto out;
	}
	put_tlv(blob, &n, TAG_SIGN, s->sign_sk, 64);
	put_tlv(blob, &n, TAG_BOX, s->box_sk, 32);
	if (s->has_master)
		put_tlv(blob, &n, TAG_MASTER, s->master, 32);
	if ((rc = rx_crypto_keystore_seal(&img, blob, n, pass, passlen, err)) == 0)
		rc = rx_ops_file_write(path, img.data, img.len, err);
out:
	sodium_free(blob);
	rx_buf_free(&img);
	free(path);
	return rc;
}

static int parse_blob(rx_secrets *s, const uint8_t *p, size_t n, rx_error *err)
{
	size_t at = 0;
	int seen = 0;

	while (at + 2 <= n) {
		int tag = p[at], len = p[at + 1];
		uint8_t *dst = tag == TAG_SIGN ? s->sign_sk : tag == TAG_BOX ?
			s->box_sk : tag == TAG_MASTER ? s->master : NULL;
		size_t want = tag == TAG_SIGN ? 64 : 32;
		if (!dst || (size_t)len != want || at + 2 + want > n)
			return rx_error_set(err, RX_ESECURITY, "keystore is damaged: bad entry");
		memcpy(dst, p + at + 2, want);
		seen |= 1 << tag;
		at += 2 + want;
	}
	if (at != n || (seen & 6) != 6)
		return rx_error_set(err, RX_ESECURITY, "keystore is damaged: missing keys");
	s->has_master = (seen >> TAG_MASTER) & 1;
	return 0;
}

int rx_home_unlock(rx_secrets **out, rx_home *h, const rx_home_opts *o, rx_error *err)
{
	return rx_home_unlock_pass(out, NULL, NULL, h, o, err);
}

int rx_home_unlock_pass(rx_secrets **out, char **pass_out, size_t *passlen_out,
	rx_home *h, const rx_home_opts *o, rx_error *err)
{
	char *path = rx_ops_path_join(h->path, "keystore"), *pass = NULL;
	rx_buf img = RX_BUF_INIT;
	uint8_t *blob = NULL;
	size_t passlen = 0, n = 0;
	int rc;

	*out = NULL;
	if (!path)
		return rx_error_nomem(err);
	if (rx_ops_file_read(&img, path, 64 * 1024, err) < 0) {
		err->code = rc = RX_ESECURITY;
		goto out;
	}
	if ((rc = rx_home_passphrase(&pass, &passlen, o, 0, err)) < 0 ||
	    (rc = rx_crypto_keystore_open(&blob, &n, img.data, img.len, pass,
		passlen, err)) < 0 ||
	    (rc = rx_home_secrets_new(out, err)) < 0)
		goto out;
	if ((rc = parse_blob(*out, blob, n, err)) < 0) {
		rx_home_secrets_free(*out);
		*out = NULL;
	}
out:
	sodium_free(blob);
	if (rc == 0 && pass_out) {
		*pass_out = pass, *passlen_out = passlen;
		pass = NULL;
	}
	rx_home_passphrase_free(pass, passlen);
	rx_buf_free(&img);
	free(path);
	return rc;
}
