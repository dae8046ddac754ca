/* SSHSIG signatures (OpenSSH PROTOCOL.sshsig), Ed25519 + sha512, libsodium only. */
#ifndef RX_CRYPTO_SSHSIG_H
#define RX_CRYPTO_SSHSIG_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/buf.h"

/*
 * Sign msg under namespace ns with the Ed25519 secret key sk (libsodium's
 * 64-byte form: seed || public key). Appends to out the armored signature,
 * "-----BEGIN SSH SIGNATURE-----\n" ... "-----END SSH SIGNATURE-----\n",
 * byte-identical to `ssh-keygen -Y sign -n NS` for the same key.
 * ns is 1 to 256 bytes (else RX_EUSAGE). On failure out may hold a
 * partial append.
 */
int rx_crypto_sshsig_sign(rx_buf *out, const uint8_t sk[static 64],
	const char *ns, const uint8_t *msg, size_t len, rx_error *err);

/*
 * Verify an armored signature over msg under namespace ns, made by the
 * Ed25519 public key pk. 0 if valid; RX_ESECURITY with a one-line reason
 * otherwise (malformed armor, other key, other namespace, hash other than
 * sha512, bad signature). Armor longer than 8 KiB is refused unread. Lines
 * may end in CRLF and the armor may lack its final newline (as in a git
 * gpgsig header); nothing may precede or follow it.
 */
int rx_crypto_sshsig_verify(const char *armor, size_t armor_len,
	const uint8_t pk[static 32], const char *ns,
	const uint8_t *msg, size_t len, rx_error *err);

/*
 * Is the armor byte for byte what rx_crypto_sshsig_sign writes for its blob
 * (ssh-keygen's wrapping at 70, LF, nothing more; the final newline may be
 * missing)? RX_ESECURITY if it is another encoding of the same signature.
 */
int rx_crypto_sshsig_canonical(const char *armor, size_t armor_len, rx_error *err);

/* The signer's public key named inside an armored signature (not verified). */
int rx_crypto_sshsig_signer(uint8_t pk[static 32], const char *armor,
	size_t armor_len, rx_error *err);

/* Append "ssh-ed25519 AAAA..." (OpenSSH public key line, no comment). */
int rx_crypto_ssh_pubkey_line(rx_buf *out, const uint8_t pk[static 32],
	rx_error *err);

/*
 * Read an unencrypted OpenSSH Ed25519 private key file's text
 * ("-----BEGIN OPENSSH PRIVATE KEY-----", at most 8 KiB) into sk
 * (seed || public key). Checks the check numbers, padding and that the
 * seed gives the public key; RX_EINPUT with one line otherwise (encrypted
 * keys and other key types included), and then sk is all zeros.
 */
int rx_crypto_sshkey_parse(uint8_t sk[static 64], const char *text,
	size_t len, rx_error *err);

#endif
