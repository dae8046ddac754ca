/* Change-sets as signed git commits: write one, load one, check it, open it. */
#ifndef RX_SYNC_CHANGESET_H
#define RX_SYNC_CHANGESET_H

#include <git2.h>

#include "crypto/envelope.h"
#include "sync/meta.h"

#define RX_CS_COMMIT_MAX (16u << 10) /* bytes of a change-set commit object */
#define RX_CS_TREE_MAX 256           /* bytes of its tree: keys, meta, payload */

/* What a new change-set holds; see docs/changeset.md. */
typedef struct rx_cs_write {
	const char *author;            /* this node's id */
	const uint8_t *sign_sk;        /* its Ed25519 secret key (64 bytes) */
	rx_cs_kind kind;
	int64_t time;                  /* signing time */
	uint64_t hlc_min, hlc_max;
	const uint8_t *plain;          /* encoded ops, or directory/checkpoint text */
	size_t plain_len;
	const rx_crypto_recipient *rcpt; /* sealed kinds only */
	size_t nrcpt;
	const char *to;                /* transfer only: the receiving school (docs/changeset.md) */
	/* tests only: force a sequence number and parent (0 / NULL: the tip's) */
	uint64_t force_seq;
	const git_oid *force_parent;
} rx_cs_write;

/* The branch of an author for a kind: refs/runxin/<branch>/<author>. */
int rx_sync_cs_ref(char *out, size_t cap, const char *author, rx_cs_kind kind);

/* A transfer chain: refs/runxin/xfer/<to>/<author>. -1 when to is not a node id. */
int rx_sync_xfer_ref(char *out, size_t cap, const char *to, const char *author);

/*
 * Append a change-set to the author's branch: zstd, envelope (sealed
 * kinds), meta, tree, commit signed with SSHSIG in gpgsig, then move the
 * branch from its old tip to the new commit (compare-and-swap).
 */
int rx_sync_cs_create(git_oid *out, git_repository *repo, const rx_cs_write *w,
	rx_error *err);

/* A change-set read back from the repository, sizes and hashes checked. */
typedef struct rx_cs {
	git_oid id;
	rx_cs_meta meta;
	rx_buf payload;
	rx_buf keys;
	int has_parent;
	git_oid parent;
	git_buf sig;         /* the gpgsig armor */
	git_buf signed_data; /* the commit without it */
} rx_cs;

/*
 * Load a change-set: bounded sizes (commit, meta, payload, keys), tree shape
 * (exactly keys, meta, payload), canonical meta, payload/keys length and
 * hash, commit author and message canonical, at most one parent.
 * RX_ESECURITY with the reason on any mismatch.
 */
int rx_sync_cs_load(rx_cs *cs, git_repository *repo, const git_oid *id,
	rx_error *err);

/* Is object id there, of type want and at most max bytes? RX_ESECURITY if not. */
int rx_sync_object_check(git_odb *odb, const git_oid *id, git_object_t want,
	size_t max, rx_error *err);

/* Check the SSHSIG signature against the author's signing key. */
int rx_sync_cs_check_sig(const rx_cs *cs, const uint8_t sign_pk[static 32],
	rx_error *err);

/*
 * The plaintext: decrypt (sealed kinds, with this recipient key pair) and
 * decompress, capped at RX_CS_PLAIN_MAX. Appends to plain.
 */
int rx_sync_cs_open(rx_buf *plain, const rx_cs *cs,
	const uint8_t box_pk[static 32], const uint8_t box_sk[static 32],
	rx_error *err);

void rx_sync_cs_free(rx_cs *cs);

/* Does the meta name this X25519 key among the recipients? */
int rx_sync_cs_sealed_to(const rx_cs *cs, const uint8_t box_pk[static 32]);

/* Called with each change-set rx_sync_cs_each finds; < 0 stops the walk. */
typedef int (*rx_sync_cs_fn)(void *ctx, const rx_cs *cs, rx_error *err);

/*
 * Walk every node branch (refs/runxin/nodes/...), newest first, and call fn
 * with each change-set of kind sealed to box_pk. Others are passed over by
 * their commit message, their payload never read. One of kind that does not
 * load is counted in *bad (may be NULL) and passed over. 0, or fn's failure.
 */
int rx_sync_cs_each(git_repository *repo, rx_cs_kind kind, const uint8_t box_pk[static 32],
	rx_sync_cs_fn fn, void *ctx, size_t *bad, rx_error *err);

/* The envelope's associated data: binds a payload to author, seq and kind. */
void rx_sync_cs_ad(uint8_t ad[static 48], size_t *len, const char *author,
	uint64_t seq, rx_cs_kind kind);

/* The canonical commit message, "runxin KIND #SEQ\n". */
void rx_sync_cs_message(char *out, size_t cap, rx_cs_kind kind, uint64_t seq);

/* One-line message of the last libgit2 error, set into err with code. */
int rx_sync_git_error(rx_error *err, int code, const char *what);

/*
 * Initialise libgit2 for runxin (safe to call again): fsync of everything
 * under a .git folder on, so a power cut never leaves a ref naming a
 * truncated object. -1 if libgit2 refuses.
 */
int rx_sync_git_init(void);

/*
 * Times never go back on a branch: *time (now) becomes last (the branch
 * tip's time) when the clock is behind it by at most RX_SYNC_CLOCK_AHEAD_DEFAULT
 * (a clock that ran ahead and was set right); further behind, the clock is
 * wrong: RX_EINPUT, one Chinese-first line, nothing written.
 */
int rx_sync_clock_after(int64_t *time, int64_t last, rx_error *err);

#endif
