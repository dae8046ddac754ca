/* libgit2 set up the way runxin needs it: initialised, and objects and refs fsynced. */
#include <git2.h>

#include "sync/changeset.h"

int rx_sync_git_init(void)
{
	static int done;

	if (git_libgit2_init() < 0)
		return -1;
	/*
	 * Village schools lose power: a ref must never name an object that a
	 * power cut left truncated, so every object, pack, index and ref file is
	 * fsynced (and its folder) before a rename makes it visible.
	 */
	if (!done && git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1) < 0)
		return -1;
	done = 1;
	return 0;
}
