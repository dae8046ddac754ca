# runxin hub setup and hub check (docs/hub.md): a county hub served by
# lighttpd + git http-backend under a service user (www-data when the test
# runs as root, as CI does; the test's own user otherwise), a school's sync
# through it, a deliberately broken permission named by hub check, and a
# school that never pushed flagged by hub status.
. "$(dirname "$0")/lib.sh"

LIGHTTPD=/usr/sbin/lighttpd
[ -x "$LIGHTTPD" ] || { echo "skipped: lighttpd is not installed (apt-get install lighttpd)"; exit 0; }
if [ "$(id -u)" = 0 ] && getent passwd www-data >/dev/null; then U=www-data; else U=$(id -un); fi
# asu COMMAND...: run as the service user (what county IT does with sudo -u www-data)
asu() {
	if [ "$(id -un)" = "$U" ]; then "$@"; else
		setpriv --reuid="$U" --regid="$U" --clear-groups env HOME="$T/county" "$@"; fi
}
LPID=
trap '[ -n "$LPID" ] && kill "$LPID" 2>/dev/null; rm -rf "$T"' EXIT

enrol_chain || { echo "FAIL enrolment"; exit 1; }
rx -C s2 init --role school --name 实验小学 >/dev/null && rx -C s2 identity >s2.req &&
	rx -C county enroll s2.req >s2.bundle 2>/dev/null && rx -C s2 join s2.bundle --root-fingerprint "$ROOT_FP" >/dev/null ||
	{ echo "FAIL enrolment of s2"; exit 1; }
node_id() { sqlite3 "$1/node.db" "SELECT value FROM settings WHERE key = 'self.node'"; }
S=$(node_id school) S2=$(node_id s2)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ETC="$T/etc/lighttpd"
mkdir -p "$ETC/conf-available" "$ETC/conf-enabled" "$T/www" "$T/log"
chown "$U" "$T/log"   # lighttpd opens its log as the user it runs as
# the shape of Debian 12's /etc/lighttpd/lighttpd.conf, on loopback and a free port
{
	printf 'server.modules = ("mod_indexfile", "mod_access", "mod_alias", "mod_redirect")\n'
	printf 'server.document-root = "%s/www"\nserver.errorlog = "%s/log/lighttpd.err"\n' "$T" "$T"
	printf 'server.bind = "127.0.0.1"\nserver.port = %s\n' "$PORT"
	[ "$(id -u)" = 0 ] && printf 'server.username = "%s"\nserver.groupname = "%s"\n' "$U" "$U"
	printf 'include "%s/conf-enabled/*.conf"\n' "$ETC"
} >"$ETC/lighttpd.conf"
SETUP="hub setup --user $U --conf-dir $ETC"

# refusals: each says what to do, and nothing is changed
expect 1 "hub setup without lighttpd's configuration" -- rx -C county hub setup --user "$U" --conf-dir "$T/none"
check "  says the apt-get command" grep -q 'apt-get install lighttpd' err
expect 1 "hub setup for a user that does not exist" -- rx -C county hub setup --user no-such-user-rx --conf-dir "$ETC"
expect 1 "hub setup at a school" -- rx -C school $SETUP
if [ "$(id -u)" != 0 ]; then
	expect 1 "hub setup for another user, not as root" -- rx -C county hub setup --user root --conf-dir "$ETC"
	check "  says it needs root" grep -q 'root' err
else
	chmod 0700 "$T"
	expect 2 "hub setup: $U cannot reach the home" -- rx -C county $SETUP
	check "  names the directory and the chmod" grep -q "chmod o+x $T" err
	check "  nothing changed: node.db still root's" test "$(stat -c %U county/node.db)" = root
	chmod 0711 "$T"
fi
check "  no configuration written" test ! -e "$ETC/conf-enabled/90-runxin.conf"

expect 0 "hub setup" -- rx -C county $SETUP
cp out setup.out
check "  one line per step, Chinese first" grep -q '^完成: .*(done' out
check "  the home belongs to $U" test "$(stat -c %U county/node.db)" = "$U" -a "$(stat -c %U county/repo.git/objects)" = "$U"
check "  the hooks are installed" test -x county/repo.git/hooks/pre-receive -a -x county/repo.git/view-hooks/reference-transaction
check "  the lighttpd snippet is enabled" test -L "$ETC/conf-enabled/90-runxin.conf"
check "  it serves the home" grep -q "\"GIT_PROJECT_ROOT\" => \"$T/county\"" "$ETC/conf-available/90-runxin.conf"
check "  and says the schools' URL" grep -q '/git/repo.git' out
expect 0 "hub setup again: idempotent" -- rx -C county $SETUP
check "  says the configuration is unchanged" grep -q '未变' out
expect 0 "hub setup --port 8080 writes a listening port" -- rx -C county $SETUP --port 8080
check "  \$SERVER[\"socket\"] == \":8080\"" grep -q '"socket"\] == ":8080"' "$ETC/conf-available/90-runxin.conf"
expect 0 "lighttpd accepts the configuration" -- "$LIGHTTPD" -tt -f "$ETC/lighttpd.conf"
expect 0 "hub setup without --port again" -- rx -C county $SETUP
check "  the port is gone" sh -c '! grep -q socket "$1"' _ "$ETC/conf-available/90-runxin.conf"

"$LIGHTTPD" -D -f "$ETC/lighttpd.conf" 2>lighttpd.out &
LPID=$!
for _ in $(seq 50); do
	python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$PORT" 2>/dev/null && break
	sleep 0.1
done
URL="http://127.0.0.1:$PORT/git/repo.git"
expect 0 "hub check: all is well" -- rx -C county hub check
check "  says so" grep -q '正常' out

printf '学号,姓名,性别,出生日期,年级,班级\n2024001,张三,男,2012-03-05,7,1\n' >a.csv
expect 0 "the school imports" -- rx -C school import roster a.csv
expect 0 "the school syncs through lighttpd" -- rx -C school sync "$URL"
check "  its branch reached the hub" test \
	"$(git -c safe.directory='*' --git-dir=county/repo.git rev-parse "refs/runxin/nodes/$S")" = \
	"$(git --git-dir=school/repo.git rev-parse "refs/runxin/nodes/$S")"
check "  hub.log: accepted" grep -q "	accepted	$S	" county/hub.log
check "  the hub's files are still $U's" sh -c '[ -z "$(find county ! -user "$1" | head -1)" ]' _ "$U"
expect 0 "hub status (as $U)" -- asu "$RUNXIN" -C county hub status --json
check "  the school that never pushed is flagged silent" python3 -c '
import json, sys
s = {x["node"]: x for x in json.load(open(sys.argv[1]))["schools"]}
sys.exit(not (s[sys.argv[2]]["silent"] and not s[sys.argv[3]]["silent"]))' out "$S2" "$S"

# deliberately broken: each named in one line with what to do
if [ "$(id -u)" = 0 ]; then chown root:root county/node.db; else chmod 0400 county/node.db; fi
expect 2 "hub check: node.db broken (a file made by root)" -- rx -C county hub check
check "  names node.db and what to do" grep -q "node.db.*处理 (do): sudo chown" out
expect_not4() {
	"$@" >"$T/out" 2>"$T/err"
	local got=$?
	CHECKS=$((CHECKS + 1))
	if [ "$got" = 0 ] || [ "$got" = 4 ] || [ "$(wc -l <"$T/err")" -gt 2 ]; then
		FAILED=$((FAILED + 1)); echo "FAIL a sync against the broken hub: exit $got"; sed 's/^/  stderr: /' "$T/err" | head -5
	else echo "ok   a sync against the broken hub fails with a clear line (exit $got, not 4)"; fi
}
printf '学号,姓名,性别,出生日期,年级,班级\n2024002,李四,女,2012-05-06,7,1\n' >b.csv
expect 0 "the school writes again" -- rx -C school import roster b.csv
expect_not4 rx -C school sync "$URL"
check "  the line says the hub's setup is at fault" grep -q 'hub check' err
expect 0 "hub setup repairs it" -- rx -C county $SETUP
expect 0 "hub check: well again" -- rx -C county hub check
if [ "$(id -u)" = 0 ]; then chown root:root county/repo.git && chmod 0700 county/repo.git; else chmod 0 county/repo.git; fi
expect 2 "a sync when the server cannot read repo.git: refused, not 'retry' (4)" -- rx -C school sync "$URL"
check "  one line" test "$(wc -l <err)" = 1
check "  saying to run hub check" grep -q 'hub check' err
expect 2 "hub check names repo.git" -- rx -C county hub check
check "  in one line with what to do" grep -Eq "repo.git (属于 root|.* 不能读写|无法列出).*处理" out
chmod 0700 county/repo.git
expect 0 "hub setup repairs it" -- rx -C county $SETUP

chmod -x county/repo.git/hooks/pre-receive
rm -f "county/repo.git/views/$S2.git/hooks"
asu git --git-dir=county/repo.git config receive.denyDeletes false
expect 2 "hub check: three things broken" -- rx -C county hub check
check "  the hook" grep -q 'hooks/pre-receive 缺失或不可执行' out
check "  the view" grep -q "views/$S2.git" out
check "  the setting" grep -q 'receive.denyDeletes' out
check "  three lines" test "$(grep -c '^问题' out)" = 3
check "  the count" grep -q '3 个问题' err
expect 0 "hub setup repairs it" -- rx -C county $SETUP
expect 0 "hub check: well again" -- rx -C county hub check
expect 0 "the school syncs through lighttpd again" -- rx -C school sync "$URL"
check "  its new branch tip reached the hub" test \
	"$(git -c safe.directory='*' --git-dir=county/repo.git rev-parse "refs/runxin/nodes/$S")" = \
	"$(git --git-dir=school/repo.git rev-parse "refs/runxin/nodes/$S")"
finish
