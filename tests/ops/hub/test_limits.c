/* Hub door limits: receive.maxInputSize is set; objects no updated ref reaches are counted. */
#include <git2.h>

#include "ops/hub/hub.h"
#include "tests/harness.h"

/* A bare repo with one commit (tree: meta -> blob); *stray_mib MiB of unreferenced blob if asked. */
static git_repository *make(const char *path, git_oid *commit, size_t stray_mib)
{
	git_repository *r = NULL;
	git_treebuilder *tb = NULL;
	git_signature *sig = NULL;
	git_tree *tree = NULL;
	git_oid blob, tid;

	if (git_repository_init(&r, path, 1) < 0 ||
	    git_blob_create_from_buffer(&blob, r, "meta", 4) < 0 ||
	    git_treebuilder_new(&tb, r, NULL) < 0 ||
	    git_treebuilder_insert(NULL, tb, "meta", &blob, GIT_FILEMODE_BLOB) < 0 ||
	    git_treebuilder_write(&tid, tb) < 0 || git_tree_lookup(&tree, r, &tid) < 0 ||
	    git_signature_now(&sig, "t", "t@x") < 0 ||
	    git_commit_create(commit, r, NULL, sig, sig, NULL, "cs", tree, 0, NULL) < 0)
		return NULL;
	if (stray_mib) {
		size_t len = stray_mib << 20;
		char *big = malloc(len);
		for (size_t i = 0; big && i < len; i++)
			big[i] = (char)(i * 2654435761u >> 13);
		if (!big || git_blob_create_from_buffer(&blob, r, big, len) < 0)
			r = NULL;
		free(big);
	}
	git_treebuilder_free(tb);
	git_tree_free(tree);
	git_signature_free(sig);
	return r;
}

static void test_stray(void)
{
	git_repository *clean, *dirty;
	git_oid c1, c2, zero = { { 0 } };
	size_t stray = 9, commits = 9;
	rx_error err = { 0 };

	REQUIRE((clean = make("clean.git", &c1, 0)) != NULL);
	REQUIRE((dirty = make("dirty.git", &c2, 3)) != NULL);
	CHECK_EQ(rx_hub_stray_objects(&stray, &commits, clean, "clean.git/objects", &c1, &zero, 1, &err), 0);
	CHECK_EQ(stray, 0);
	CHECK_EQ(commits, 1);
	/* a 3 MiB blob that the pushed commit does not reach */
	CHECK_EQ(rx_hub_stray_objects(&stray, &commits, dirty, "dirty.git/objects", &c2, &zero, 1, &err), 0);
	CHECK_EQ(stray, 1);
	/* nothing pushed reaches anything: every object is stray */
	CHECK_EQ(rx_hub_stray_objects(&stray, &commits, clean, "clean.git/objects", &zero, &zero, 1, &err), 0);
	CHECK_EQ(stray, 3);
	git_repository_free(clean);
	git_repository_free(dirty);
}

static void test_max_input(void)
{
	git_repository *r = NULL;
	git_config *cfg = NULL;
	git_oid c;
	int64_t v = 0;
	rx_error err = { 0 };

	REQUIRE((r = make("limits.git", &c, 0)) != NULL);
	CHECK_EQ(rx_hub_set_limits(r, &err), 0);
	REQUIRE_ZERO(git_repository_config(&cfg, r));
	CHECK_EQ(git_config_get_int64(&v, cfg, "receive.maxInputSize"), 0);
	CHECK_EQ(v, RX_HUB_MAX_PUSH_BYTES);
	git_config_free(cfg);
	git_repository_free(r);
}

int main(void)
{
	char dir[] = "/tmp/rx-limits-XXXXXX";

	git_libgit2_init();
	if (!mkdtemp(dir) || chdir(dir) < 0)
		return 1;
	RUN(test_stray);
	RUN(test_max_input);
	git_libgit2_shutdown();
	if (chdir("/") == 0) {
		char cmd[64];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return rx_test_done();
}
