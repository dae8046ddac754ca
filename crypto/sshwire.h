/* SSH wire-format reading and PEM-style armor decoding, internal to crypto/. */
#ifndef RX_CRYPTO_SSHWIRE_H
#define RX_CRYPTO_SSHWIRE_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/error.h"

/* Longest armored text (signature or key file) we look at, in bytes. */
#define RX_SSH_ARMOR_MAX 8192
/* Longest decoded blob an armor of RX_SSH_ARMOR_MAX bytes can hold. */
#define RX_SSH_BLOB_MAX (RX_SSH_ARMOR_MAX / 4 * 3)

/* A cursor over untrusted bytes; every read checks what is left first. */
typedef struct rx_sshrd {
	const uint8_t *p;
	size_t left;
} rx_sshrd;

/*
 * Readers: 0 on success, -1 when the input is short or does not match.
 * On -1 the cursor is in an unspecified position: stop parsing.
 */
int rx_sshrd_bytes(rx_sshrd *r, const uint8_t **p, size_t n);
int rx_sshrd_u32(rx_sshrd *r, uint32_t *v);
int rx_sshrd_str(rx_sshrd *r, const uint8_t **p, size_t *n);
/* A string that must hold exactly n bytes. */
int rx_sshrd_str_n(rx_sshrd *r, const uint8_t **p, size_t n);
/* A string that must equal the C string s. */
int rx_sshrd_str_eq(rx_sshrd *r, const char *s);
/*
 * A string holding exactly string("ssh-ed25519") || string(key of n bytes):
 * the form of an Ed25519 public key blob (n = 32) and signature blob (n = 64).
 */
int rx_sshrd_ed25519(rx_sshrd *r, const uint8_t **key, size_t n);

/*
 * Decode "-----BEGIN <label>-----" lines of base64 "-----END <label>-----"
 * into out (cap bytes), *outlen set to the decoded size. Strict: the text
 * starts with the BEGIN line, lines end in "\n" or "\r\n", body lines hold
 * 1 to 76 base64 characters with canonical padding, nothing follows the END
 * line but an optional line end, and text_len is at most RX_SSH_ARMOR_MAX.
 * Returns 0 or `code` with a one-line reason in err.
 */
int rx_ssh_armor_decode(uint8_t *out, size_t cap, size_t *outlen,
	const char *text, size_t text_len, const char *label,
	int code, rx_error *err);

#endif
