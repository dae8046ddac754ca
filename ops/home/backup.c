/* runxin backup and restore --backup: a node's home in one encrypted, signed file (docs/lifecycle.md). */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "ops/home/backup.h"
#include "ops/util/util.h"
#include "sync/op.h"

#define MAGIC "RXBACKUP"
#define KS_MAX (64 * 1024)
#define PATH_MAX_B 1024

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* The body key: crypto_kdf subkey 2, context "rxbackup", of the signing seed. */
static void body_key(uint8_t key[32], const uint8_t sign_sk[64])
{
	crypto_kdf_derive_from_key(key, 32, 2, "rxbackup", sign_sk);
}

/* -- writing -- */

static rx_buf *walk_out; /* nftw has no context argument */
static const char *walk_root;
static size_t walk_files, walk_bytes;
static rx_error *walk_err;

static int entry(char type, const char *rel, uint32_t mode, const void *data,
	size_t n)
{
	uint8_t h[1 + 2 + 4 + 8];
	size_t pl = strlen(rel);

	if (pl == 0 || pl > PATH_MAX_B || walk_bytes + n > RX_BACKUP_MAX)
		return rx_error_set(walk_err, RX_EINPUT, "the home is too large for a backup "
			"(%s)", rel);
	h[0] = (uint8_t)type;
	h[1] = (uint8_t)pl, h[2] = (uint8_t)(pl >> 8);
	put32(h + 3, mode & 07777);
	put64(h + 7, n);
	walk_files++, walk_bytes += n;
	if (rx_buf_put(walk_out, h, sizeof(h), walk_err) < 0 ||
	    rx_buf_put(walk_out, rel, pl, walk_err) < 0 ||
	    rx_buf_put(walk_out, data, n, walk_err) < 0)
		return RX_EINTERNAL;
	return 0;
}

static int skip(const char *rel)
{
	const char *base = strrchr(rel, '/');

	base = base ? base + 1 : rel;
	return !strcmp(rel, "lock") || !strncmp(rel, "node.db", 7) ||
		strstr(base, ".restoring") || !strcmp(base, "backup.db-copy");
}

static int visit(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	const char *rel = path + strlen(walk_root);
	rx_buf data = RX_BUF_INIT;
	char link[4096];
	ssize_t n;
	int rc;

	(void)f;
	while (*rel == '/')
		rel++;
	if (!*rel || skip(rel))
		return 0;
	if (flag == FTW_D)
		return entry('d', rel, st->st_mode, NULL, 0);
	if (flag == FTW_SL) {
		if ((n = readlink(path, link, sizeof(link))) < 0 || (size_t)n >= sizeof(link))
			return rx_error_set(walk_err, RX_EINTERNAL, "cannot read link %s", path);
		return entry('l', rel, 0777, link, (size_t)n);
	}
	if (flag != FTW_F || !S_ISREG(st->st_mode))
		return 0; /* sockets, fifos: nothing to keep */
	if ((rc = rx_ops_file_read(&data, path, RX_BACKUP_MAX, walk_err)) == 0)
		rc = entry('f', rel, st->st_mode, data.data, data.len);
	rx_buf_free(&data);
	return rc;
}

/* The state database as one consistent copy (VACUUM INTO), whatever else runs. */
static int db_entry(rx_home *h, rx_error *err)
{
	char *copy = rx_ops_path_join(h->path, "backup.db-copy");
	rx_buf data = RX_BUF_INIT, sql = RX_BUF_INIT;
	int rc;

	if (!copy)
		return rx_error_nomem(err);
	unlink(copy);
	{
		char *q = sqlite3_mprintf("VACUUM INTO %Q", copy);
		rc = q ? rx_home_exec(h, q, err) : rx_error_nomem(err);
		sqlite3_free(q);
	}
	if (rc == 0 && (rc = rx_ops_file_read(&data, copy, RX_BACKUP_MAX, err)) == 0)
		rc = entry('f', "node.db", 0600, data.data, data.len);
	unlink(copy);
	sodium_memzero(data.data, data.cap);
	rx_buf_free(&data);
	rx_buf_free(&sql);
	free(copy);
	return rc;
}

int rx_home_backup(rx_home *h, const rx_home_opts *o, const char *path,
	size_t *files, size_t *bytes, rx_error *err)
{
	rx_secrets *s = NULL;
	rx_buf plain = RX_BUF_INIT, z = RX_BUF_INIT, out = RX_BUF_INIT, ks = RX_BUF_INIT;
	char *kspath = rx_ops_path_join(h->path, "keystore");
	uint8_t key[32], hd[8], nonce[24];
	unsigned long long clen;
	size_t at;
	int rc;

	if (!kspath)
		return rx_error_nomem(err);
	walk_out = &plain, walk_root = h->path, walk_files = walk_bytes = 0, walk_err = err;
	if ((rc = rx_home_unlock(&s, h, o, err)) < 0 ||
	    (rc = rx_ops_file_read(&ks, kspath, KS_MAX, err)) < 0 ||
	    (rc = db_entry(h, err)) < 0)
		goto out;
	if (nftw(h->path, visit, 16, FTW_PHYS) != 0) {
		rc = err->code ? err->code : rx_error_set(err, RX_EINTERNAL,
			"cannot read %s: %s", h->path, strerror(errno));
		goto out;
	}
	*files = walk_files, *bytes = walk_bytes;
	if ((rc = rx_sync_zstd_compress(&z, plain.data, plain.len, 3, err)) < 0)
		goto out;
	put32(hd, (uint32_t)ks.len);
	if ((rc = rx_buf_put(&out, MAGIC "\1", 9, err)) < 0 ||
	    (rc = rx_buf_put(&out, h->node, RX_NODE_ID_LEN, err)) < 0 ||
	    (rc = rx_buf_put(&out, hd, 4, err)) < 0 ||
	    (rc = rx_buf_put(&out, ks.data, ks.len, err)) < 0)
		goto out;
	randombytes_buf(nonce, sizeof(nonce));
	put64(hd, z.len + crypto_aead_xchacha20poly1305_ietf_ABYTES);
	if ((rc = rx_buf_put(&out, nonce, 24, err)) < 0 ||
	    (rc = rx_buf_put(&out, hd, 8, err)) < 0 ||
	    (rc = rx_buf_reserve(&out, z.len + 16 + 64, err)) < 0)
		goto out;
	at = out.len;
	body_key(key, s->sign_sk);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out.data + at, &clen, z.data, z.len,
		out.data, at, NULL, nonce, key);
	out.len = at + (size_t)clen;
	crypto_sign_detached(out.data + out.len, NULL, out.data, out.len, s->sign_sk);
	out.len += 64;
	rc = rx_ops_file_write(path, out.data, out.len, err);
out:
	sodium_memzero(key, sizeof(key));
	sodium_memzero(plain.data, plain.cap);
	sodium_memzero(z.data, z.cap);
	rx_buf_free(&plain);
	rx_buf_free(&z);
	rx_buf_free(&out);
	rx_buf_free(&ks);
	rx_home_secrets_free(s);
	free(kspath);
	return rc;
}

/* -- reading back -- */

/* A relative path of plain names: no "", ".", ".." component, no leading '/'. */
static int safe_path(const char *p, size_t n)
{
	size_t i = 0;

	if (!n || p[0] == '/' || memchr(p, 0, n))
		return 0;
	while (i <= n) {
		size_t j = i;
		while (j < n && p[j] != '/')
			j++;
		if (j == i || (j - i == 1 && p[i] == '.') ||
		    (j - i == 2 && p[i] == '.' && p[i + 1] == '.'))
			return 0;
		i = j + 1;
	}
	return 1;
}

static int write_file(const char *path, uint32_t mode, const uint8_t *d, size_t n,
	rx_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode & 0777);
	size_t at = 0;

	if (fd < 0)
		return rx_error_set(err, RX_EINTERNAL, "cannot write %s: %s", path, strerror(errno));
	while (at < n) {
		ssize_t w = write(fd, d + at, n - at);
		if (w <= 0) {
			close(fd);
			return rx_error_set(err, RX_EINTERNAL, "cannot write %s: %s", path,
				strerror(errno));
		}
		at += (size_t)w;
	}
	if (fsync(fd) < 0 || close(fd) < 0)
		return rx_error_set(err, RX_EINTERNAL, "cannot write %s: %s", path, strerror(errno));
	return 0;
}

/* Two passes: directories and files, then links (so nothing is written through a link). */
static int unpack(const char *dir, const uint8_t *p, size_t n, size_t *files,
	rx_error *err)
{
	char path[PATH_MAX_B + 4096];

	for (int pass = 0; pass < 2; pass++) {
		size_t at = 0;
		while (at < n) {
			char type;
			size_t pl;
			uint32_t mode;
			uint64_t len;
			if (n - at < 15)
				return rx_error_set(err, RX_ESECURITY, "backup is damaged: bad entry");
			type = (char)p[at];
			pl = p[at + 1] | (size_t)p[at + 2] << 8;
			mode = (uint32_t)p[at + 3] | (uint32_t)p[at + 4] << 8;
			len = get64(p + at + 7);
			at += 15;
			if (pl > n - at || len > n - at - pl || !safe_path((const char *)p + at, pl) ||
			    (type != 'd' && type != 'f' && type != 'l'))
				return rx_error_set(err, RX_ESECURITY, "backup is damaged: bad entry");
			snprintf(path, sizeof(path), "%s/%.*s", dir, (int)pl, (const char *)p + at);
			at += pl;
			if (pass == 0 && type == 'd' && mkdir(path, (mode & 0777) | 0700) < 0)
				return rx_error_set(err, RX_EINTERNAL, "cannot make %s: %s", path,
					strerror(errno));
			if (pass == 0 && type == 'f') {
				int rc = write_file(path, mode, p + at, (size_t)len, err);
				if (rc < 0)
					return rc;
				(*files)++;
			}
			if (pass == 1 && type == 'l') {
				char target[4096];
				if (len >= sizeof(target))
					return rx_error_set(err, RX_ESECURITY, "backup is damaged: bad link");
				memcpy(target, p + at, (size_t)len);
				target[len] = 0;
				if (symlink(target, path) < 0)
					return rx_error_set(err, RX_EINTERNAL, "cannot link %s: %s", path,
						strerror(errno));
			}
			at += (size_t)len;
		}
	}
	return 0;
}

static int tampered(rx_error *err, const char *path)
{
	return rx_error_set(err, RX_ESECURITY, "备份文件 %s 已损坏或被改动, 没有恢复任何内容 "
		"(backup %s is damaged or was altered; nothing was restored)", path, path);
}

/* Open and check the file into tmp (which exists, empty). */
static int restore_into(const char *tmp, const char *path, const rx_home_opts *o,
	size_t *files, rx_error *err)
{
	rx_buf f = RX_BUF_INIT, z = RX_BUF_INIT, plain = RX_BUF_INIT;
	rx_home fake = { 0 };
	rx_secrets *s = NULL;
	char id[RX_NODE_ID_LEN + 1], ks[4096];
	uint8_t pk[32], key[32];
	size_t k, body;
	uint64_t c;
	unsigned long long mlen;
	int rc;

	if ((rc = rx_ops_file_read(&f, path, RX_BACKUP_MAX + KS_MAX, err)) < 0)
		return rc;
	if (f.len < 29 + 32 + 64 || memcmp(f.data, MAGIC "\1", 9) != 0 ||
	    (k = f.data[25] | (size_t)f.data[26] << 8 | (size_t)f.data[27] << 16 |
		(size_t)f.data[28] << 24) > KS_MAX || f.len < 29 + k + 32 + 64 ||
	    (c = get64(f.data + 29 + k + 24)) != f.len - (29 + k + 32 + 64) || c < 16) {
		rc = tampered(err, path);
		goto out;
	}
	body = 29 + k + 32;
	snprintf(ks, sizeof(ks), "%s/keystore", tmp);
	fake.path = (char *)tmp, fake.lock_fd = -1;
	if ((rc = rx_ops_file_write(ks, f.data + 29, k, err)) < 0 ||
	    (rc = rx_home_unlock(&s, &fake, o, err)) < 0)
		goto out;
	unlink(ks);
	crypto_sign_ed25519_sk_to_pk(pk, s->sign_sk);
	rx_crypto_node_id(id, pk);
	if (memcmp(id, f.data + 9, RX_NODE_ID_LEN) != 0 ||
	    crypto_sign_verify_detached(f.data + f.len - 64, f.data, f.len - 64, pk) != 0 ||
	    (rc = rx_buf_reserve(&z, (size_t)c, err)) < 0) {
		rc = rc < 0 ? rc : tampered(err, path);
		goto out;
	}
	body_key(key, s->sign_sk);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(z.data, &mlen, NULL, f.data + body,
		(size_t)c, f.data, body, f.data + 29 + k, key) != 0) {
		rc = tampered(err, path);
		goto out;
	}
	z.len = (size_t)mlen;
	if ((rc = rx_sync_zstd_decompress(&plain, z.data, z.len, RX_BACKUP_MAX, err)) < 0 ||
	    (rc = unpack(tmp, plain.data, plain.len, files, err)) < 0)
		goto out;
out:
	sodium_memzero(key, sizeof(key));
	sodium_memzero(z.data, z.cap);
	sodium_memzero(plain.data, plain.cap);
	rx_buf_free(&f);
	rx_buf_free(&z);
	rx_buf_free(&plain);
	rx_home_secrets_free(s);
	return rc;
}

int rx_home_backup_restore(const char *path, const char *home,
	const rx_home_opts *o, size_t *files, rx_error *err)
{
	char tmp[4096];
	struct stat st;
	int rc;

	*files = 0;
	if (stat(home, &st) == 0)
		return rx_error_set(err, RX_EUSAGE, "%s 已存在; 恢复只写入新的目录 "
			"(%s exists; restore writes a new folder only)", home, home);
	snprintf(tmp, sizeof(tmp), "%s.restoring", home);
	if (stat(tmp, &st) == 0)
		return rx_error_set(err, RX_EUSAGE, "%s 是上次未完成的恢复, 请先删除它 "
			"(%s is left from an unfinished restore: remove it first)", tmp, tmp);
	if (mkdir(tmp, 0700) < 0)
		return rx_error_set(err, RX_EUSAGE, "cannot make %s: %s", tmp, strerror(errno));
	if ((rc = restore_into(tmp, path, o, files, err)) == 0 && rename(tmp, home) < 0)
		rc = rx_error_set(err, RX_EINTERNAL, "cannot rename %s to %s: %s", tmp, home,
			strerror(errno));
	if (rc < 0)
		rx_ops_rmtree(tmp);
	return rc;
}
