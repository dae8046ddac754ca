# Shared helpers for the command-line tests: a temp dir, expectations.
set -u
: "${RUNXIN:?RUNXIN must name the runxin binary}"
RUNXIN=$(realpath "$RUNXIN")
T=$(mktemp -d "${TMPDIR:-/tmp}/runxin-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"
# Hermetic: a git identity and no user or system git config, HOME of our own,
# UTC, a UTF-8 locale, umask 022, whatever this machine holds.
mkdir "$T/home"
export HOME="$T/home" TZ=UTC LC_ALL=C.UTF-8 GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME="runxin test" GIT_AUTHOR_EMAIL=test@runxin.invalid
export GIT_COMMITTER_NAME="runxin test" GIT_COMMITTER_EMAIL=test@runxin.invalid
umask 022
export RUNXIN_PASSPHRASE=correct-horse-电池
# keystores at Argon2id INTERACTIVE: tests only (docs/keystore.md)
export RUNXIN_TEST_WEAK_KDF=1
FAILED=0
CHECKS=0

rx() { "$RUNXIN" "$@"; }

# expect CODE DESCRIPTION -- COMMAND...
expect() {
	local want=$1 what=$2 got
	shift 3
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	CHECKS=$((CHECKS + 1))
	if [ "$got" != "$want" ]; then
		FAILED=$((FAILED + 1))
		echo "FAIL $what: exit $got, wanted $want"
		sed 's/^/  stderr: /' "$T/err" | head -5
	else
		echo "ok   $what"
	fi
}

# check DESCRIPTION CONDITION...
check() {
	local what=$1
	shift
	CHECKS=$((CHECKS + 1))
	if "$@"; then echo "ok   $what"; else FAILED=$((FAILED + 1)); echo "FAIL $what"; fi
}

finish() {
	echo "$((CHECKS - FAILED)) passed, $FAILED failed"
	[ "$FAILED" = 0 ]
}

# enrol_chain: city -> county -> school -> device in ./city ./county ./school ./dev
enrol_chain() {
	rx -C city init --role city --name 扬州市 >/dev/null &&
	rx -C county init --role county --name 宝应县 >/dev/null &&
	rx -C school init --role school --name 城关中学 >/dev/null &&
	rx -C dev init --role device --name 心理室电脑 >/dev/null &&
	ROOT_FP=$(rx -C city identity --fingerprint) &&
	rx -C county identity >county.req && rx -C city enroll county.req >county.bundle 2>/dev/null &&
	rx -C county join county.bundle --root-fingerprint "$ROOT_FP" >/dev/null &&
	rx -C school identity >school.req && rx -C county enroll school.req >school.bundle 2>/dev/null &&
	rx -C school join school.bundle --root-fingerprint "$ROOT_FP" >/dev/null &&
	rx -C dev identity >dev.req && rx -C school enroll dev.req >dev.bundle 2>/dev/null &&
	rx -C dev join dev.bundle --root-fingerprint "$ROOT_FP" >/dev/null
}

# timed NAME COMMAND...: run it; set SECS (wall) and CPU (user+sys of the
# children), both in seconds with 3 decimals: figures to print, never to
# check (speed belongs to runxin bench).
timed() {
	local t0 t1 c0 c1
	t0=$(date +%s%N)
	times >"$T/times"
	c0=$(awk 'NR==2 { gsub(/[ms]/, " "); print ($1*60+$2+$3*60+$4)*1000 }' "$T/times")
	"$@" >"$T/out" 2>"$T/err"
	TIMED_RC=$?
	t1=$(date +%s%N)
	times >"$T/times"
	c1=$(awk 'NR==2 { gsub(/[ms]/, " "); print ($1*60+$2+$3*60+$4)*1000 }' "$T/times")
	SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
	CPU=$(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.3f", (b - a) / 1000 }')
}

