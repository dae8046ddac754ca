/* A school's recovery key: paper text with a checksum, and its X25519 pair. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "crypto/recovery.h"

#define RAW 42   /* 8 id + 32 secret + 2 check */
#define CHARS 68 /* ceil(42 * 8 / 5) */

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static void check(uint8_t out[2], const uint8_t raw[40])
{
	uint8_t h[32];
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	crypto_generichash_update(&st, (const uint8_t *)"runxin-recovery-1", 17);
	crypto_generichash_update(&st, raw, 40);
	crypto_generichash_final(&st, h, sizeof(h));
	memcpy(out, h, 2);
}

int rx_crypto_recovery_format(char out[static RX_RECOVERY_TEXT_MAX],
	const char school[static RX_NODE_ID_LEN + 1], const uint8_t secret[static 32],
	rx_error *err)
{
	uint8_t raw[RAW];
	size_t idlen = 0, o = 0;

	if (strlen(school) != RX_NODE_ID_LEN ||
	    sodium_hex2bin(raw, 8, school, RX_NODE_ID_LEN, NULL, &idlen, NULL) != 0 ||
	    idlen != 8)
		return rx_error_set(err, RX_EINTERNAL, "not a node id: %s", school);
	memcpy(raw + 8, secret, 32);
	check(raw + 40, raw);
	for (size_t c = 0; c < CHARS; c++) {
		unsigned v = 0;
		for (size_t k = 5 * c; k < 5 * c + 5; k++) /* bits past the end are 0 */
			v = (v << 1) | (k < 8 * RAW ? (raw[k / 8] >> (7 - k % 8)) & 1u : 0);
		if (c && c % 4 == 0)
			out[o++] = '-';
		out[o++] = alphabet[v];
	}
	out[o] = 0;
	sodium_memzero(raw, sizeof(raw));
	return 0;
}

static int value(int ch)
{
	const char *p;

	if (ch >= 'a' && ch <= 'z')
		ch -= 32;
	if (ch == 'O')
		ch = '0';
	if (ch == 'I' || ch == 'L')
		ch = '1';
	p = ch ? strchr(alphabet, ch) : NULL;
	return p ? (int)(p - alphabet) : -1;
}

int rx_crypto_recovery_parse(char school[static RX_NODE_ID_LEN + 1],
	uint8_t secret[static 32], const char *text, size_t len, rx_error *err)
{
	uint8_t raw[RAW], want[2];
	size_t n = 0, o = 0;
	unsigned acc = 0, bits = 0;
	int bad = 0;

	for (size_t i = 0; i < len && !bad; i++) {
		int v, ch = (unsigned char)text[i];
		if (ch == ' ' || ch == '-' || ch == '\n' || ch == '\r' || ch == '\t')
			continue;
		if ((v = value(ch)) < 0 || n >= CHARS) {
			bad = 1;
			break;
		}
		n++;
		acc = (acc << 5) | (unsigned)v;
		bits += 5;
		if (bits >= 8) {
			raw[o++] = (uint8_t)(acc >> (bits - 8));
			bits -= 8;
		}
		acc &= (1u << bits) - 1;
	}
	if (bad || n != CHARS || o != RAW || acc != 0)
		return rx_error_set(err, RX_EINPUT, "恢复密钥格式不对: 应为 68 个字符 (0-9, A-Z), "
			"请对照纸上重新输入 (the recovery key must be 68 characters; "
			"type it again from the paper)");
	check(want, raw);
	if (sodium_memcmp(want, raw + 40, 2) != 0) {
		sodium_memzero(raw, sizeof(raw));
		return rx_error_set(err, RX_EINPUT, "恢复密钥校验码不符, 有字符抄错了, "
			"请对照纸上逐组核对 (the recovery key's checksum does not match: "
			"a character was mistyped; check it group by group)");
	}
	sodium_bin2hex(school, RX_NODE_ID_LEN + 1, raw, 8);
	memcpy(secret, raw + 8, 32);
	sodium_memzero(raw, sizeof(raw));
	return 0;
}

void rx_crypto_recovery_box(uint8_t pk[static 32], uint8_t sk[static 32],
	const uint8_t secret[static 32])
{
	uint8_t seed[32];

	crypto_kdf_derive_from_key(seed, sizeof(seed), 1, "rxrecov1", secret);
	crypto_box_seed_keypair(pk, sk, seed);
	sodium_memzero(seed, sizeof(seed));
}
