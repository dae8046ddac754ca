/* runxin hub check: what is wrong with a served hub, one line each with what to do (docs/hub.md). */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ops/hub/hub.h"
#include "ops/util/util.h"
#include "sync/view.h"

#define SHOWN_PATHS 10   /* files named one by one; the rest in one line */

typedef struct cctx {
	const char *home;
	const rx_hub_user *u;
	size_t n, paths, more;
} cctx;

static void say(cctx *c, const char *what, const char *todo)
{
	printf("问题 (problem): %s; 处理 (do): %s\n", what, todo);
	c->n++;
}

static void bad_path(void *ctx, const char *path, const char *why)
{
	cctx *c = ctx;
	char *what = NULL, *todo = NULL;

	if (c->paths++ >= SHOWN_PATHS) {
		c->more++;
		return;
	}
	if (asprintf(&what, "%s %s", path, why) >= 0 &&
	    asprintf(&todo, "sudo chown -R %s: %s && sudo chmod -R u+rwX %s "
		"(或 sudo runxin -C %s hub setup)", c->u->name, c->home, c->home, c->home) >= 0)
		say(c, what, todo);
	free(what), free(todo);
}

/* The program a hook of ours runs: "exec 'EXE' -C 'HOME' ..."; 0 if the hook is not ours. */
static int hook_target(const char *text, char exe[4096], char home[4096])
{
	const char *p = strstr(text, "exec '"), *q;

	if (!strstr(text, "runxin hub") || !p || !(q = strchr(p += 6, '\'')) || q - p >= 4096)
		return 0;
	memcpy(exe, p, (size_t)(q - p));
	exe[q - p] = '\0';
	if (strncmp(q, "' -C '", 6) || !(p = strchr(q += 6, '\'')) || p - q >= 4096)
		return 0;
	memcpy(home, q, (size_t)(p - q));
	home[p - q] = '\0';
	return 1;
}

static void check_hooks(cctx *c)
{
	static const char *const hooks[] = { "repo.git/hooks/pre-receive",
		"repo.git/hooks/post-receive", "repo.git/" RX_SYNC_VIEW_HOOKS "/pre-receive",
		"repo.git/" RX_SYNC_VIEW_HOOKS "/reference-transaction" };
	char exe[4096], home[4096], what[8400], todo[4400];

	snprintf(todo, sizeof(todo), "sudo runxin -C %s hub setup", c->home);
	for (size_t i = 0; i < sizeof(hooks) / sizeof(*hooks); i++) {
		char *path = rx_ops_path_join(c->home, hooks[i]), *unreach = NULL;
		rx_buf text = RX_BUF_INIT;
		rx_error ignored = { 0 };
		struct stat st;

		if (!path)
			continue;
		if (stat(path, &st) < 0 || !S_ISREG(st.st_mode) || !(st.st_mode & 0100)) {
			snprintf(what, sizeof(what), "钩子 %s 缺失或不可执行 (hook missing or not "
				"executable)", path);
			say(c, what, todo);
		} else if (rx_ops_file_read(&text, path, 1 << 16, &ignored) < 0 ||
			   rx_buf_cstr(&text, &ignored) < 0 ||
			   !hook_target((char *)text.data, exe, home)) {
			snprintf(what, sizeof(what), "钩子 %s 不是 runxin 的 (not runxin's hook)", path);
			say(c, what, todo);
		} else if (strcmp(home, c->home)) {
			snprintf(what, sizeof(what), "钩子 %s 指向另一个目录 %s (the hook names "
				"another home)", path, home);
			say(c, what, todo);
		} else if (access(exe, X_OK) < 0 || (unreach = rx_hub_unreachable(c->u, exe))) {
			snprintf(what, sizeof(what), "钩子 %s 运行的 %s 不存在或 %s 无法运行 (the "
				"program the hook runs is missing or out of reach)", path, exe, c->u->name);
			snprintf(todo, sizeof(todo), "sudo install -m 0755 runxin /usr/local/bin/ && "
				"sudo runxin -C %s hub setup", c->home);
			say(c, what, todo);
			snprintf(todo, sizeof(todo), "sudo runxin -C %s hub setup", c->home);
		}
		free(unreach);
		rx_buf_free(&text);
		free(path);
	}
}

static void check_config(cctx *c)
{
	static const char *const on[] = { "receive.denyNonFastForwards",
		"receive.denyDeletes", "http.receivepack" };
	char *path = rx_ops_path_join(c->home, "repo.git/config"), what[600], todo[600];
	git_config *cfg = NULL;
	int64_t max = 0;
	int v;

	snprintf(todo, sizeof(todo), "sudo runxin -C %s hub setup", c->home);
	git_libgit2_init();
	if (!path || git_config_open_ondisk(&cfg, path) < 0) {
		const git_error *ge = git_error_last();
		snprintf(what, sizeof(what), "%s 无法读取: %s (cannot read the repository's settings)",
			path ? path : "repo.git/config", ge && ge->message ? ge->message : "?");
		say(c, what, todo);
		git_libgit2_shutdown();
		free(path);
		return;
	}
	for (size_t i = 0; i < sizeof(on) / sizeof(*on); i++)
		if (git_config_get_bool(&v, cfg, on[i]) < 0 || !v) {
			snprintf(what, sizeof(what), "%s: %s 应为 true (should be true)", path, on[i]);
			say(c, what, todo);
		}
	if (git_config_get_int64(&max, cfg, "receive.maxInputSize") < 0 || max <= 0 ||
	    max > RX_HUB_MAX_PUSH_BYTES) {
		snprintf(what, sizeof(what), "%s: receive.maxInputSize 应为 %lld (the push size "
			"limit)", path, (long long)RX_HUB_MAX_PUSH_BYTES);
		say(c, what, todo);
	}
	git_config_free(cfg);
	git_libgit2_shutdown();
	free(path);
}

/* Can this process (the service user) make a file in dir? */
static void check_write(cctx *c, const char *sub)
{
	char *dir = rx_ops_path_join(c->home, sub), *tmp = NULL, what[600], todo[600];
	int fd = -1;

	if (!dir || asprintf(&tmp, "%s/.rx-check-XXXXXX", dir) < 0) {
		free(dir);
		return;
	}
	if ((fd = mkstemp(tmp)) < 0) {
		snprintf(what, sizeof(what), "%s 不能在 %s 中写入: %s (the service user cannot "
			"write there)", c->u->name, dir, strerror(errno));
		snprintf(todo, sizeof(todo), "sudo runxin -C %s hub setup", c->home);
		say(c, what, todo);
	} else {
		close(fd);
		unlink(tmp);
	}
	free(tmp);
	free(dir);
}

/* lighttpd's snippet, where setup wrote it, still serves this home. */
static void check_conf(cctx *c, rx_home *h)
{
	char *dir = rx_home_get(h, "hub.conf_dir"), *path = NULL, what[1200], todo[600];
	rx_buf text = RX_BUF_INIT;
	rx_error ignored = { 0 };

	if (dir && asprintf(&path, "%s/conf-enabled/" RX_HUB_CONF_NAME, dir) >= 0 &&
	    (rx_ops_file_read(&text, path, 1 << 20, &ignored) < 0 ||
	     rx_buf_cstr(&text, &ignored) < 0 ||
	     !strstr((char *)text.data, "\"GIT_PROJECT_ROOT\" => \"") ||
	     strncmp(strstr((char *)text.data, "\"GIT_PROJECT_ROOT\" => \"") + 23, c->home,
		strlen(c->home)))) {
		snprintf(what, sizeof(what), "lighttpd 的 %s 缺失或不服务 %s (lighttpd does not "
			"serve this home)", path, c->home);
		snprintf(todo, sizeof(todo), "sudo runxin -C %s hub setup --conf-dir %s", c->home, dir);
		say(c, what, todo);
	}
	rx_buf_free(&text);
	free(path), free(dir);
}

/* As the service user: the home opens, it can write, every school has its view. */
static int as_user(void *ctx, rx_error *err)
{
	cctx *c = ctx;
	rx_home_opts ho = { 0 };
	rx_home *h = NULL;
	rx_hub_school *s = NULL;
	rx_error e = { 0 };
	char what[1200], todo[600];
	size_t n = 0;

	(void)err;
	c->n = 0;
	ho.path = c->home;
	check_write(c, ".");
	check_write(c, "repo.git");
	check_write(c, "repo.git/objects");
	check_write(c, "repo.git/refs");
	if (rx_home_open(&h, &ho, &e) < 0) {
		snprintf(what, sizeof(what), "%s 打不开 %s: %s (the service user cannot open the "
			"home)", c->u->name, c->home, e.msg);
		snprintf(todo, sizeof(todo), "sudo runxin -C %s hub setup", c->home);
		say(c, what, todo);
		return (int)c->n;
	}
	check_conf(c, h);
	check_config(c);
	if (rx_hub_status(&s, &n, h, (int64_t)time(NULL), RX_HUB_SILENT_DAYS, &e) < 0) {
		snprintf(what, sizeof(what), "学校列表读取失败: %s (cannot list the schools)", e.msg);
		snprintf(todo, sizeof(todo), "sudo -u %s runxin -C %s hub status", c->u->name, c->home);
		say(c, what, todo);
	}
	for (size_t i = 0; i < n; i++) {
		char *view = NULL, link[64];
		ssize_t l;
		int ok = asprintf(&view, "%s/repo.git/" RX_SYNC_VIEWS_DIR "/%s.git", c->home,
			s[i].node) >= 0;
		char *hooks = NULL;
		if (ok && asprintf(&hooks, "%s/hooks", view) >= 0) {
			l = readlink(hooks, link, sizeof(link) - 1);
			ok = l > 0 && (link[l] = '\0', !strcmp(link, "../../" RX_SYNC_VIEW_HOOKS)) &&
				access(view, R_OK | W_OK | X_OK) == 0;
		}
		if (!ok) {
			snprintf(what, sizeof(what), "学校 %s 的视图 %s 缺失或不完整 (the school's view "
				"is missing or broken)", s[i].name, view ? view : s[i].node);
			snprintf(todo, sizeof(todo), "sudo -u %s runxin -C %s hub views", c->u->name,
				c->home);
			say(c, what, todo);
		}
		free(hooks), free(view);
	}
	free(s);
	rx_home_close(h);
	return (int)c->n;
}

int rx_hub_check(size_t *problems, const rx_hub_serve_opts *o, rx_error *err)
{
	char *home = realpath(o->home, NULL), *bad = NULL, what[600], todo[600];
	rx_hub_user u;
	cctx c = { 0 };
	size_t ignored;
	struct stat st;
	int rc, inner = 0;

	*problems = 0;
	if (!home)
		return rx_error_set(err, RX_EUSAGE, "%s: %s", o->home, strerror(errno));
	if (o->user)
		rc = rx_hub_user_get(&u, o->user, err);
	else if (stat(home, &st) == 0) {
		/* the owner of the home is the service user unless told otherwise */
		struct passwd *pw = getpwuid(st.st_uid);
		rc = pw ? rx_hub_user_get(&u, pw->pw_name, err) :
			rx_error_set(err, RX_EINPUT, "%s 的所有者 %u 不是本机用户 (the home's owner "
				"is no user here): sudo runxin -C %s hub setup", home,
				(unsigned)st.st_uid, home);
	} else
		rc = rx_error_set(err, RX_EUSAGE, "%s: %s", home, strerror(errno));
	if (rc < 0)
		goto out;
	c.home = home, c.u = &u;
	if ((bad = rx_hub_unreachable(&u, home))) {
		snprintf(what, sizeof(what), "%s 无法进入 %s (the service user cannot reach the home)",
			u.name, bad);
		snprintf(todo, sizeof(todo), "sudo chmod o+x %s", bad);
		say(&c, what, todo);
	}
	if ((rc = rx_hub_walk(&ignored, home, &u, 0, bad_path, &c, err)) < 0)
		goto out;
	if (c.more) {
		snprintf(what, sizeof(what), "另有 %zu 处同样 (and %zu more alike)", c.more, c.more);
		snprintf(todo, sizeof(todo), "sudo runxin -C %s hub setup", home);
		say(&c, what, todo);
	}
	check_hooks(&c);
	*problems = c.n;
	c.n = 0;
	if (geteuid() != 0 && geteuid() != u.uid)
		printf("注意: 以 root 运行才能检查 %s 能否打开和写入 (run as root to test the "
			"service user)\n", u.name);
	else if ((rc = rx_hub_as_user(&inner, &u, as_user, &c, err)) < 0)
		goto out;
	*problems += (size_t)inner;
out:
	free(home), free(bad);
	return rc;
}
