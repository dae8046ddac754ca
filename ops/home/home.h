/* The node's home: directory, state database, keystore, git repository, and its identity (init, enrol, join, revoke, status). */
#ifndef RX_OPS_HOME_H
#define RX_OPS_HOME_H

#include <git2.h>
#include <sqlite3.h>
#include <stdint.h>

#include "crypto/bundle.h"
#include "crypto/cert.h"

/* Where a home is and where its passphrase comes from: what every front end fills in. */
typedef struct rx_home_opts {
	const char *path;            /* the home directory (-C HOME or $RUNXIN_HOME) */
	const char *passphrase_file; /* NULL: $RUNXIN_PASSPHRASE, else the terminal */
	/* a passphrase held in memory (the web interface's login page), first if set */
	const char *pass;
	size_t passlen;
	char *passphrase;            /* $RUNXIN_PASSPHRASE taken by rx_home_opts_take_env */
} rx_home_opts;

/* -- Key hygiene (hygiene.c; docs/keystore.md) -- */

/*
 * Move $RUNXIN_PASSPHRASE into o->passphrase (sodium_malloc memory), wipe the
 * value in the environment block and unset it, so no child process ever
 * receives it. Call once, first thing; rx_home_opts_free releases it.
 */
int rx_home_opts_take_env(rx_home_opts *o, rx_error *err);
void rx_home_opts_free(rx_home_opts *o);

/* No core dumps and no ptrace by the same user: for a process that holds keys. */
void rx_home_harden(void);

/* The rule for a new passphrase: RX_EINPUT with a Chinese explanation if weak. */
#define RX_PASS_MIN_CHARS 10
#define RX_PASS_MIN_BITS 50
int rx_home_passphrase_strong(const char *pass, size_t len, rx_error *err);

/*
 * RUNXIN_TEST_WEAK_KDF=1: keystores are created at Argon2id INTERACTIVE
 * (tests and throwaway demo/bench homes); without it such a keystore is
 * refused at unlock (except by `runxin passwd`, which re-seals it).
 */
int rx_home_kdf_test_mode(void);

typedef struct rx_home {
	char *path;
	sqlite3 *db;
	char node[RX_NODE_ID_LEN + 1]; /* this node's id */
	rx_role role;
	int lock_fd;                   /* HOME/lock, held shared while open; -1 */
} rx_home;

/* Secrets after unlock, in sodium_malloc memory (rx_home_secrets_free wipes). */
typedef struct rx_secrets {
	uint8_t sign_sk[64];
	uint8_t box_sk[32];
	uint8_t master[32];
	int has_master;
} rx_secrets;

/* Create a new home (0700) with its database; refuses an initialised one. */
int rx_home_create(rx_home **out, const char *path, rx_error *err);

/* Open an initialised home. RX_EUSAGE if HOME is unset or not initialised. */
int rx_home_open(rx_home **out, const rx_home_opts *o, rx_error *err);
void rx_home_close(rx_home *h);

/* The school a school node or a device works for: itself, or its certificate's parent. */
int rx_home_school(char out[RX_NODE_ID_LEN + 1], rx_home *h, rx_error *err);

/*
 * Hold HOME/lock shared while the home is open (rx_home_open does). The
 * process that finds no other runxin process on this home first removes,
 * at a school or device, the git lock files a power cut left in repo.git
 * (each named on stderr). 0, or RX_EINTERNAL.
 */
int rx_home_lock(rx_home *h, rx_error *err);

/* Settings (non-secret, text). get returns a malloc'ed copy or NULL. */
int rx_home_set(rx_home *h, const char *key, const char *value, rx_error *err);
char *rx_home_get(rx_home *h, const char *key);

/* Open (creating if missing) the bare repository HOME/repo.git; the caller frees it. */
int rx_home_repo(git_repository **out, rx_home *h, rx_error *err);

/* Run a statement without results; RX_EINTERNAL with sqlite's message. */
int rx_home_exec(rx_home *h, const char *sql, rx_error *err);

/* Keystore: seal the secrets under a passphrase, or unlock them. */
int rx_home_keystore_write(rx_home *h, const rx_secrets *s, const char *pass,
	size_t passlen, rx_error *err);
int rx_home_unlock(rx_secrets **out, rx_home *h, const rx_home_opts *o,
	rx_error *err);
/* As rx_home_unlock, also of a test-strength keystore: for `runxin passwd` only. */
int rx_home_unlock_upgrade(rx_secrets **out, rx_home *h, const rx_home_opts *o,
	rx_error *err);
/* As rx_home_unlock, and hand the passphrase over (to re-seal the keystore). */
int rx_home_unlock_pass(rx_secrets **out, char **pass, size_t *passlen,
	rx_home *h, const rx_home_opts *o, rx_error *err);

/*
 * runxin passwd: unlock with the passphrase `old` names, ask `new_src` for a
 * new one (the strength rule applies; a terminal asks twice) and replace the
 * keystore atomically (temporary file, fsync, rename). The new keystore is
 * sealed at full strength unless in test mode (rx_home_kdf_test_mode).
 */
int rx_home_passwd(rx_home *h, const rx_home_opts *old, const rx_home_opts *new_src,
	rx_error *err);
int rx_home_secrets_new(rx_secrets **out, rx_error *err);
void rx_home_secrets_free(rx_secrets *s);

/*
 * The passphrase: --passphrase-file, $RUNXIN_PASSPHRASE, or a prompt on the
 * terminal (twice when confirm is set). *pass is sodium_malloc'ed.
 */
int rx_home_passphrase(char **pass, size_t *len, const rx_home_opts *o,
	int confirm, rx_error *err);
void rx_home_passphrase_free(char *pass, size_t len);

/*
 * Give a new home (rx_home_create) its identity: keys for role, the signed
 * enrolment request, and for a city the root certificate; the secrets are
 * sealed under a new passphrase (asked twice). name: NULL for "<role> <id>",
 * else 1 to RX_NAME_MAX bytes of UTF-8 on one line (the caller checks).
 * On success *self is the new node's public identity.
 */
int rx_home_identity_init(rx_crypto_request *self, rx_home *h,
	const rx_home_opts *o, rx_role role, const char *name, rx_error *err);

/*
 * As a parent, certify a child's request q for days (1 to 7300, the caller
 * checks; cut at the parent's own expiry): record the certificate, publish
 * it on this node's directory branch, and append the bundle to *bundle (a
 * device's carries the school's data key, sealed to it). Unlocks the
 * keystore. RX_ESECURITY if this node's role cannot enrol q's. The caller
 * frees *bundle.
 */
int rx_home_child_enrol(rx_buf *bundle, rx_home *h, const rx_home_opts *o,
	const rx_crypto_request *q, int days, rx_error *err);

/*
 * Join with a parsed bundle b made for this node: its chain must verify up
 * to its root, whose fingerprint must match expect_fp (if not NULL; spaces
 * and dashes ignored) and the root this node trusts (if any). A device
 * takes the school's data key into its keystore (unlocking it). Then the
 * chain, the root key and the parent are stored. RX_ESECURITY on a mismatch.
 */
int rx_home_bundle_join(rx_home *h, const rx_home_opts *o,
	const rx_crypto_bundle *b, const char *expect_fp, rx_error *err);

/*
 * As an ancestor of node, revoke it from now on for reason (1 to
 * RX_REASON_MAX bytes; the caller checks): sign the revocation (unlocking
 * the keystore), record it and publish it on this node's directory branch.
 * *text is reset and holds the record. RX_ESECURITY if this node is not an
 * ancestor of node. The caller frees *text.
 */
int rx_home_node_revoke(rx_buf *text, rx_home *h, const rx_home_opts *o,
	const char *node, const char *reason, rx_error *err);

/* What a node knows of itself (rx_home_status_get). */
typedef struct rx_home_status {
	rx_crypto_request self;  /* this node's identity */
	rx_crypto_cert chain[4]; /* chain[0] is this node, up to the root */
	size_t n;                /* certificates found, even if the chain is broken */
	int joined;              /* the chain reaches a root */
	int valid;               /* ... and verifies now */
	char root_fp[30];        /* the root's fingerprint, "" if none is known */
	rx_error why;            /* why not valid, when joined */
} rx_home_status;

/* Fill *out with this node's status; fails only if the home holds no identity. */
int rx_home_status_get(rx_home_status *out, rx_home *h, rx_error *err);

/*
 * Append one allowed_signers line per known node key to *out
 * ("NODE@runxin namespaces="git" ssh-ed25519 ..."). On failure *out holds
 * the whole lines made before it. The caller frees *out.
 */
int rx_home_signers_format(rx_buf *out, rx_home *h, rx_error *err);

/* Publish certificate c on author's directory branch of h's repository, signed with sign_sk, to travel by sync. */
int rx_home_publish_cert(rx_home *h, const char *author, const uint8_t sign_sk[static 64],
	const rx_crypto_cert *c, rx_error *err);

#endif
