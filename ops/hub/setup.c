/* runxin hub setup: a county or city hub served by lighttpd + git http-backend under its service user (docs/hub.md). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ops/hub/hub.h"
#include "ops/util/util.h"

/* The role a home was made with, read without writing anything into it (it may not be ours yet). */
static rx_role home_role(const char *home)
{
	char *uri = NULL, *v = NULL;
	rx_buf b = RX_BUF_INIT;
	rx_error ignored = { 0 };
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	rx_role role = RX_ROLE_NONE;

	if (rx_buf_printf(&b, &ignored, "file:") < 0)
		return role;
	for (const char *p = home; *p; p++)
		if (strchr("/._-", *p) || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z'))
			rx_buf_printf(&b, &ignored, "%c", *p);
		else
			rx_buf_printf(&b, &ignored, "%%%02X", (unsigned char)*p);
	if (rx_buf_printf(&b, &ignored, "/node.db?immutable=1") < 0 || rx_buf_cstr(&b, &ignored) < 0)
		goto out;
	uri = (char *)b.data;
	if (sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT value FROM settings WHERE key = 'self.role'", -1,
		&st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    (v = (char *)sqlite3_column_text(st, 0)))
		role = rx_crypto_role_parse(v);
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	rx_buf_free(&b);
	return role;
}

typedef struct install_ctx {
	const char *home, *conf_dir, *url_path;
} install_ctx;

/* As the service user: hooks, views, and where setup wrote lighttpd's snippet (for hub check). */
static int install(void *ctx, rx_error *err)
{
	install_ctx *c = ctx;
	rx_home_opts ho = { 0 };
	rx_home *h = NULL;
	int out = dup(STDOUT_FILENO), null = open("/dev/null", O_WRONLY), rc;

	ho.path = c->home;
	fflush(stdout);
	if (null >= 0)
		dup2(null, STDOUT_FILENO);
	if ((rc = rx_home_open(&h, &ho, err)) == 0 &&
	    (rc = rx_hub_install(h, err)) == 0 &&
	    (rc = rx_home_set(h, "hub.conf_dir", c->conf_dir, err)) == 0)
		rc = rx_home_set(h, "hub.url_path", c->url_path, err);
	rx_home_close(h);
	fflush(stdout);
	if (out >= 0)
		dup2(out, STDOUT_FILENO), close(out);
	if (null >= 0)
		close(null);
	return rc;
}

static int conf_text(rx_buf *b, const rx_hub_serve_opts *o, const char *home,
	const char *path, rx_error *err)
{
	int rc = rx_buf_printf(b, err, "# runxin hub: git http-backend serving the hub's home, "
		"written by `runxin -C %s hub setup` (docs/hub.md)\n"
		"server.modules += (\"mod_alias\", \"mod_setenv\", \"mod_cgi\")\n", home);

	if (rc == 0 && o->port)
		rc = rx_buf_printf(b, err, "$SERVER[\"socket\"] == \":%d\" { }\n", o->port);
	if (rc == 0)
		rc = rx_buf_printf(b, err, "alias.url += (\"%s\" => \"" RX_HUB_HTTP_BACKEND "\")\n"
			"$HTTP[\"url\"] =~ \"^%s/\" {\n\tcgi.assign = (\"\" => \"\")\n"
			"\tsetenv.add-environment = (\n\t\t\"GIT_PROJECT_ROOT\" => \"%s\",\n"
			"\t\t\"GIT_HTTP_EXPORT_ALL\" => \"1\"\n\t)\n}\n", path, path, home);
	return rc;
}

/* CONF/conf-available/90-runxin.conf, linked from CONF/conf-enabled (as lighty-enable-mod does). */
static int write_conf(const rx_hub_serve_opts *o, const char *conf_dir, const char *home,
	const char *path, rx_error *err)
{
	char *avail = NULL, *enabled = NULL, link[PATH_MAX];
	rx_buf want = RX_BUF_INIT, have = RX_BUF_INIT;
	rx_error ignored = { 0 };
	ssize_t n;
	int rc;

	if (asprintf(&avail, "%s/conf-available/" RX_HUB_CONF_NAME, conf_dir) < 0 ||
	    asprintf(&enabled, "%s/conf-enabled/" RX_HUB_CONF_NAME, conf_dir) < 0) {
		rc = rx_error_nomem(err);
		goto out;
	}
	if ((rc = conf_text(&want, o, home, path, err)) < 0)
		goto out;
	if (rx_ops_file_read(&have, avail, 1 << 20, &ignored) == 0 && have.len == want.len &&
	    !memcmp(have.data, want.data, want.len))
		printf("配置: %s 未变 (lighttpd snippet unchanged)\n", avail);
	else if ((rc = rx_ops_file_write(avail, want.data, want.len, err)) < 0)
		goto out;
	else {
		chmod(avail, 0644);
		printf("配置: 已写入 %s (lighttpd snippet written)\n", avail);
	}
	n = readlink(enabled, link, sizeof(link) - 1);
	if (n < 0 || (link[n] = '\0', strcmp(link, "../conf-available/" RX_HUB_CONF_NAME))) {
		unlink(enabled);
		if (symlink("../conf-available/" RX_HUB_CONF_NAME, enabled) < 0) {
			rc = rx_error_set(err, RX_EINTERNAL, "%s: %s", enabled, strerror(errno));
			goto out;
		}
		printf("配置: 已启用 %s (enabled)\n", enabled);
	}
out:
	rx_buf_free(&want);
	rx_buf_free(&have);
	free(avail), free(enabled);
	return rc;
}

/* lighttpd -tt on the whole configuration, when CONF/lighttpd.conf is there. */
static int test_conf(const char *conf_dir, rx_error *err)
{
	char *main_conf = NULL;
	rx_buf out = RX_BUF_INIT;
	int st = 0, rc = 0;

	if (asprintf(&main_conf, "%s/lighttpd.conf", conf_dir) < 0)
		return rx_error_nomem(err);
	if (access(main_conf, R_OK) == 0) {
		char *argv[] = { RX_HUB_LIGHTTPD, "-tt", "-f", main_conf, NULL };
		if ((rc = rx_ops_run(&st, argv, NULL, &out, "/dev/null", err)) == 0 && st)
			rc = rx_error_set(err, RX_EINTERNAL, "lighttpd 不接受 %s, 见 lighttpd -tt -f %s "
				"(lighttpd refuses its configuration)", main_conf, main_conf);
		else if (rc == 0)
			printf("配置: lighttpd -tt 通过 (lighttpd accepts it)\n");
	}
	rx_buf_free(&out);
	free(main_conf);
	return rc;
}

static int valid_path(const char *p)
{
	size_t n = strlen(p);

	if (p[0] != '/' || n < 2 || n > 64 || p[n - 1] == '/')
		return 0;
	for (; *p; p++)
		if (!strchr("/_-.", *p) && !(*p >= '0' && *p <= '9') && !((*p | 32) >= 'a' && (*p | 32) <= 'z'))
			return 0;
	return 1;
}

int rx_hub_setup(const rx_hub_serve_opts *o, rx_error *err)
{
	const char *conf_dir = o->conf_dir ? o->conf_dir : RX_HUB_CONF_DIR;
	const char *path = o->url_path ? o->url_path : "/git";
	char *home = realpath(o->home, NULL), *exe = rx_ops_self_exe(), *bad = NULL;
	char *avail = NULL;
	rx_hub_user u;
	struct stat st;
	size_t n = 0, problems = 0;
	int rc, ignored;
	rx_role role;

	if (!home || !exe) {
		rc = home ? rx_error_nomem(err) : rx_error_set(err, RX_EUSAGE, "%s: %s",
			o->home, strerror(errno));
		goto out;
	}
	if ((rc = rx_hub_user_get(&u, o->user ? o->user : RX_HUB_USER, err)) < 0)
		goto out;
	if (geteuid() != 0 && geteuid() != u.uid) {
		rc = rx_error_set(err, RX_EUSAGE, "需要 root: sudo runxin -C %s hub setup (must be "
			"run as root to give the home to %s)", home, u.name);
		goto out;
	}
	if (asprintf(&avail, "%s/conf-available", conf_dir) < 0) {
		rc = rx_error_nomem(err);
		goto out;
	}
	if (access(RX_HUB_LIGHTTPD, X_OK) < 0 || stat(avail, &st) < 0 || !S_ISDIR(st.st_mode)) {
		rc = rx_error_set(err, RX_EUSAGE, "未安装 lighttpd (没有 %s): sudo apt-get install "
			"lighttpd (lighttpd is not installed)", avail);
		goto out;
	}
	if (access(RX_HUB_HTTP_BACKEND, X_OK) < 0) {
		rc = rx_error_set(err, RX_EUSAGE, "没有 git http-backend: sudo apt-get install git "
			"(git is not installed)");
		goto out;
	}
	if (!valid_path(path) || o->port < 0 || o->port > 65535 || strpbrk(home, "\"\\'\n")) {
		rc = rx_error_set(err, RX_EUSAGE, "--url-path 应如 /git, --port 1-65535, 目录名"
			"不能含引号 (bad --url-path, --port or home path)");
		goto out;
	}
	role = home_role(home);
	if (role != RX_ROLE_COUNTY && role != RX_ROLE_CITY) {
		rc = rx_error_set(err, RX_EUSAGE, "%s 不是县级或市级中心 (not a county or city "
			"home): 先 runxin -C %s init --role county", home, home);
		goto out;
	}
	if ((bad = rx_hub_unreachable(&u, home)) || (bad = rx_hub_unreachable(&u, exe))) {
		rc = rx_error_set(err, RX_EINPUT, "%s 无法进入 %s: sudo chmod o+x %s, 或把中心放到 "
			"/srv/runxin (the service user cannot reach it)", u.name, bad, bad);
		goto out;
	}
	printf("检查: 用户 %s, lighttpd, git http-backend, %s 中心 %s, 均可用 (checked)\n",
		u.name, role == RX_ROLE_CITY ? "市级" : "县级", home);
	if ((rc = rx_hub_walk(&n, home, &u, 1, NULL, NULL, err)) < 0)
		goto out;
	if (n)
		printf("所有者: %s 的 %zu 处所有者或权限已改为 %s 可读写 (%zu files given to %s)\n",
			home, n, u.name, n, u.name);
	else
		printf("所有者: %s 已属于 %s, 未变 (owner unchanged)\n", home, u.name);
	install_ctx ic = { home, conf_dir, path };
	if ((rc = rx_hub_as_user(&ignored, &u, install, &ic, err)) < 0)
		goto out;
	printf("钩子: 以 %s 安装了 pre-receive, post-receive 和每所学校的视图 (hooks and school "
		"views installed)\n", u.name);
	if ((rc = write_conf(o, conf_dir, home, path, err)) < 0 || (rc = test_conf(conf_dir, err)) < 0)
		goto out;
	rx_hub_serve_opts co = *o;
	co.home = home;
	if ((rc = rx_hub_check(&problems, &co, err)) < 0)
		goto out;
	if (problems) {
		rc = rx_error_set(err, RX_EINPUT, "检查发现 %zu 个问题 (见上) (the check found "
			"%zu problems, see above)", problems, problems);
		goto out;
	}
	if (o->port)
		printf("完成: sudo systemctl restart lighttpd 后, 学校的同步地址为 http://本机地址:%d%s/repo.git "
			"(done: restart lighttpd; schools sync with http://THIS-HOST:%d%s/repo.git)\n",
			o->port, path, o->port, path);
	else
		printf("完成: sudo systemctl restart lighttpd 后, 学校的同步地址为 http://本机地址%s/repo.git "
			"(done: restart lighttpd; schools sync with http://THIS-HOST%s/repo.git)\n",
			path, path);
out:
	free(home), free(exe), free(bad), free(avail);
	return rc;
}
