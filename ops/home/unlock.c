/* Passphrase input and the keystore file: seal and unlock a node's secrets. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* A passphrase file others can read is no secret: refuse it, as ssh does a key file. */
static int private_file(const char *path, rx_error *err)
{
	struct stat st;

	if (stat(path, &st) == 0 && (st.st_mode & 077))
		return rx_error_set(err, RX_ESECURITY, "口令文件 %s 其他用户可读写 (权限 %03o); "
			"请先执行 chmod 600 %s (passphrase file is group- or world-accessible)",
			path, (unsigned)(st.st_mode & 0777), path);
	return 0;
}

static int passphrase_get(char **pass, size_t *len, const rx_home_opts *o,
	int confirm, rx_error *err)
{
	const char *env = o->passphrase ? o->passphrase : getenv("RUNXIN_PASSPHRASE");
	rx_buf f = RX_BUF_INIT;
	int rc;

	*pass = NULL;
	rx_home_harden();
	if (o->pass)
		return pass_from(pass, len, o->pass, o->passlen, err);
	if (o->passphrase_file) {
		if ((rc = private_file(o->passphrase_file, err)) == 0 &&
		    (rc = rx_ops_file_read(&f, o->passphrase_file, PASS_MAX + 2, err)) == 0) {
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

int rx_home_passphrase(char **pass, size_t *len, const rx_home_opts *o,
	int confirm, rx_error *err)
{
	int rc = passphrase_get(pass, len, o, confirm, err);

	/* confirm: a new passphrase, so the strength rule applies */
	if (rc == 0 && confirm && (rc = rx_home_passphrase_strong(*pass, *len, err)) < 0) {
		sodium_free(*pass);
		*pass = NULL;
	}
	return rc;
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
	rc = rx_home_kdf_test_mode() ?
		rx_crypto_keystore_seal_weak(&img, blob, n, pass, passlen, err) :
		rx_crypto_keystore_seal(&img, blob, n, pass, passlen, err);
	if (rc == 0)
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

/* A keystore sealed at test-only limits is refused outside test mode. */
static int strong_enough(const rx_buf *img, int allow_weak, rx_error *err)
{
	uint32_t ops, memkib;

	if (allow_weak || rx_home_kdf_test_mode() ||
	    rx_crypto_keystore_limits(&ops, &memkib, img->data, img->len) != 1)
		return 0;
	return rx_error_set(err, RX_ESECURITY, "密钥库只用了测试用的弱参数 (Argon2id %u 轮, "
		"%u MiB), 不能用于真实数据; 请运行 runxin passwd 以完整强度重新加密 "
		"(keystore sealed at test-only strength; re-seal it with runxin passwd)",
		(unsigned)ops, (unsigned)(memkib / 1024));
}

static int unlock_any(rx_secrets **out, char **pass_out, size_t *passlen_out,
	rx_home *h, const rx_home_opts *o, int allow_weak, rx_error *err);

int rx_home_unlock_pass(rx_secrets **out, char **pass_out, size_t *passlen_out,
	rx_home *h, const rx_home_opts *o, rx_error *err)
{
	return unlock_any(out, pass_out, passlen_out, h, o, 0, err);
}

int rx_home_unlock_upgrade(rx_secrets **out, rx_home *h, const rx_home_opts *o,
	rx_error *err)
{
	return unlock_any(out, NULL, NULL, h, o, 1, err);
}

static int unlock_any(rx_secrets **out, char **pass_out, size_t *passlen_out,
	rx_home *h, const rx_home_opts *o, int allow_weak, rx_error *err)
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
	if ((rc = strong_enough(&img, allow_weak, err)) < 0 ||
	    (rc = rx_home_passphrase(&pass, &passlen, o, 0, err)) < 0 ||
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
