/* A re-wrapped copy of a change-set we hold: same signed bytes, another commit, not canonical. */
#include <string.h>

#include "crypto/sshsig.h"
#include "sync/syncint.h"

int sync_copy_of(git_repository *repo, const git_oid *local, const git_oid *other,
	git_oid *genuine)
{
	rx_cs theirs, mine;
	rx_error e = { 0 };
	git_oid at;
	int found = 0;

	if (git_oid_equal(local, other) || rx_sync_cs_load(&theirs, repo, other, &e) < 0)
		return 0;
	if (rx_crypto_sshsig_canonical(theirs.sig.ptr, theirs.sig.size, &e) == 0) {
		rx_sync_cs_free(&theirs);
		return 0; /* the genuine encoding: ours may be the copy */
	}
	git_oid_cpy(&at, local);
	while (!found && rx_sync_cs_load(&mine, repo, &at, &e) == 0) {
		int more = mine.has_parent && mine.meta.seq > theirs.meta.seq;
		if (mine.meta.seq == theirs.meta.seq) {
			found = !git_oid_equal(&mine.id, other) &&
				rx_crypto_sshsig_canonical(mine.sig.ptr, mine.sig.size, &e) == 0 &&
				mine.signed_data.size == theirs.signed_data.size &&
				!memcmp(mine.signed_data.ptr, theirs.signed_data.ptr,
					mine.signed_data.size);
			if (found && genuine)
				git_oid_cpy(genuine, &mine.id);
		}
		if (more)
			git_oid_cpy(&at, &mine.parent);
		rx_sync_cs_free(&mine);
		if (!more)
			break;
	}
	rx_sync_cs_free(&theirs);
	return found;
}
