# Shared by the reliability suites (docs/RELIABILITY.md): one school year's
# world (city, county hub, school, device, USB stick) built once, snapshots
# of it before each operation, the uninterrupted run of each operation, and
# the checks that must hold after a crash, a power cut or a full disk.
. "$(dirname "${BASH_SOURCE[0]}")/../node/lib.sh"
: "${T:?lib.sh gives a temp dir}"
export RUNXIN_TODAY=2024-10-20
W="$T/w"     # the world; snapshots are restored here, always at this path
SNAP="$T/snap"
mkdir -p "$W" "$SNAP"
DAEMON_PID=
trap 'rel_stop_daemon; rm -rf "$T"' EXIT

rel_stop_daemon() {
	[ -n "$DAEMON_PID" ] && kill "$DAEMON_PID" 2>/dev/null && wait "$DAEMON_PID" 2>/dev/null
	DAEMON_PID=
}

# rel_gen N: a roster of N students and one PHQ-9 administration, in $T.
rel_gen() {
	awk -v n="$1" -v dir="$T" 'BEGIN {
		r = dir "/roster.csv"; p = dir "/phq1.csv"
		print "学号,姓名,性别,出生日期,年级,班级,重点标记" > r
		print "学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9" > p
		for (i = 1; i <= n; i++) {
			no = sprintf("T%04d", i)
			printf "%s,测试甲%d,%s,2011-0%d-1%d,%d,%d,%s\n", no, i, (i % 2 ? "男" : "女"),
				1 + i % 9, i % 10, 7 + i % 3, 1 + i % 8, (i % 5 ? "" : "留守") > r
			printf "%s,2024-09-10,%d,1,%d,0,1,0,0,0,%d\n", no, i % 4, i % 3, (i % 50 == 0) > p
		}
	}'
}

# A git daemon serving the county's repository (its pre-receive hook
# installed) as the hub; HUB_URL names it. Returns 1 if none can start.
rel_start_daemon() {
	local port i
	for i in 1 2 3 4 5; do
		port=$((20000 + (($$ * 7 + i * 7919 + $(date +%N | sed 's/^0*//;s/^$/0/')) % 30000)))
		# git-daemon itself, not the git wrapper: its children are the connections
		"$(git --exec-path)/git-daemon" --reuseaddr --listen=127.0.0.1 --port=$port --base-path="$W" \
			--export-all --enable=receive-pack --informative-errors "$W" \
			>"$T/daemon.log" 2>&1 &
		DAEMON_PID=$!
		HUB_URL="git://127.0.0.1:$port/county/repo.git"
		sleep 0.3
		if kill -0 "$DAEMON_PID" 2>/dev/null &&
		   git ls-remote "$HUB_URL" >/dev/null 2>&1; then
			return 0
		fi
		rel_stop_daemon
	done
	return 1
}

# Wait until the daemon has no connection left (a killed client's
# receive-pack and hook may still be running at the hub).
rel_hub_quiet() {
	local i
	[ -n "$DAEMON_PID" ] || return 0
	for i in $(seq 1 300); do
		pgrep -P "$DAEMON_PID" >/dev/null || return 0
		sleep 0.1
	done
	echo "note: the hub still busy after 30 s"
}

# rel_world N [daemon]: build the world in $W with snapshots
#   s0: enrolled, directories at the hub and on the stick, nothing imported
#   s1: roster imported          s2: screening imported too
#   s3: stats published, the school synced to hub and stick, the device
#       holds one record of its own that neither has seen
rel_world() {
	local n=$1 hub
	rel_gen "$n"
	cd "$W" || return 1
	enrol_chain || return 1
	rx -C county hub-hook --install >/dev/null || return 1
	if [ "${2:-}" = daemon ] && rel_start_daemon; then
		hub=$HUB_URL
	else
		[ "${2:-}" = daemon ] && echo "note: no git daemon; the hub is a path"
		HUB_URL="$W/county/repo.git"
		hub=$HUB_URL
	fi
	rx -C school remote add usb "$W/stick.git" --create >/dev/null &&
	rx -C school sync "$hub" >/dev/null && rx -C school sync usb >/dev/null &&
	rx -C dev sync "$hub" >/dev/null || return 1
	rel_snap s0 &&
	rx -C school import roster "$T/roster.csv" >/dev/null && rel_snap s1 &&
	rx -C school import screening --scale phq9 --round 2024a "$T/phq1.csv" >/dev/null &&
	rel_snap s2 &&
	rx -C school stats publish >/dev/null && rx -C school sync "$hub" >/dev/null &&
	rx -C school sync usb >/dev/null && rx -C dev add staff n=王老师 ro=fp >/dev/null &&
	rel_snap s3
}

rel_snap() { rm -rf "${SNAP:?}/$1" && cp -a "$W" "$SNAP/$1"; }
rel_restore() { cd "$T" && rm -rf "${T:?}/w" && cp -a "$SNAP/$1" "$W" && cd "$W"; }

# The operations under test: name, snapshot before, home it writes, remote
# it writes ("" if none); rel_cmd NAME runs it in the foreground.
REL_OPS="roster screening stats sync_hub sync_stick"
rel_pre() {
	case $1 in roster) echo s0 ;; screening) echo s1 ;; stats) echo s2 ;; *) echo s3 ;; esac
}
rel_home() { case $1 in sync_*) echo dev ;; *) echo school ;; esac; }
rel_remote() {
	case $1 in sync_hub) echo county/repo.git ;; sync_stick) echo stick.git ;; *) echo "" ;; esac
}
rel_argv() {
	case $1 in
	roster) echo "-C school import roster $T/roster.csv" ;;
	screening) echo "-C school import screening --scale phq9 --round 2024a $T/phq1.csv" ;;
	stats) echo "-C school stats publish" ;;
	sync_hub) echo "-C dev sync $HUB_URL" ;;
	sync_stick) echo "-C dev sync $W/stick.git" ;;
	esac
}

# rel_dump HOME OUT [all]: what the node shows and its branches with their
# change-set numbers. Listing records reading personal data as an access
# record (a change-set), so the lists are taken from a scratch copy of the
# home, which leaves the world as it is; opening the copy applies a
# change-set written but not yet applied, as a reboot would.
rel_dump() {
	local t peek="$T/peek/$1"
	rm -rf "${T:?}/peek" && mkdir -p "$T/peek" && cp -a "$W/$1" "$peek"
	for t in student screening staff; do
		echo "== $t"
		# one record a line, so that a difference reads as a diff
		{ "$RUNXIN" -C "$peek" list $t --json 2>&1 || echo "list $t failed: $?"; } |
			sed 's/},{/},\n{/g'
	done >"$2"
	echo "== refs" >>"$2"
	if [ "${3:-}" = all ]; then rel_all_refs "$W/$1/repo.git"; else rel_refs "$W/$1/repo.git"; fi >>"$2"
}

# rel_refs GITDIR: branch names and subjects, not commit ids (two runs of
# the same operation sign different bytes: random content keys, times).
# Temporary refs of an interrupted sync are left out here; they are
# compared after the re-run, where none may be left.
rel_refs() {
	git --git-dir="$1" for-each-ref --format='%(refname) %(subject)' refs/runxin |
		grep -v -e '^refs/runxin/incoming/' -e '^refs/runxin/tmp/'
}
rel_all_refs() {
	git --git-dir="$1" for-each-ref --format='%(refname) %(subject)' refs/runxin
}

# rel_sound HOME REMOTE: verify passes, the state db is sound, and no ref
# names a missing or damaged object, at the home and at the remote. Prints
# the failures; returns their count.
rel_sound() {
	local home=$1 remote=$2 bad=0 ic
	"$RUNXIN" -C "$home" verify >"$T/verify.out" 2>&1 ||
		{ echo "  verify $home: exit $?: $(grep -v '^$' "$T/verify.out" | tail -2 | tr '\n' ' ')"; bad=$((bad + 1)); }
	ic=$(sqlite3 "$W/$home/node.db" 'PRAGMA integrity_check' 2>&1)
	[ "$ic" = ok ] || { echo "  integrity_check $home: $ic"; bad=$((bad + 1)); }
	git --git-dir="$W/$home/repo.git" fsck --strict --no-dangling >"$T/fsck.out" 2>&1 ||
		{ echo "  fsck $home: $(head -3 "$T/fsck.out" | tr '\n' ' ')"; bad=$((bad + 1)); }
	if [ -n "$remote" ]; then
		git --git-dir="$W/$remote" fsck --strict --no-dangling >"$T/fsck.out" 2>&1 ||
			{ echo "  fsck $remote: $(head -3 "$T/fsck.out" | tr '\n' ' ')"; bad=$((bad + 1)); }
	fi
	return $bad
}

# rel_reference OP: the uninterrupted run from its snapshot; leaves the
# states before and after in $T/ref/OP.{pre,post}[.remote] and its
# duration in milliseconds in $T/ref/OP.ms.
rel_reference() {
	local op=$1 home remote t0 t1
	home=$(rel_home "$op") remote=$(rel_remote "$op")
	mkdir -p "$T/ref"
	rel_restore "$(rel_pre "$op")" || return 1
	rel_dump "$home" "$T/ref/$op.pre"
	[ -n "$remote" ] && rel_refs "$W/$remote" >"$T/ref/$op.pre.remote"
	t0=$(date +%s%N)
	# shellcheck disable=SC2046
	"$RUNXIN" $(rel_argv "$op") >"$T/ref/$op.out" 2>&1 || { echo "FAIL $op: exit $?"; cat "$T/ref/$op.out"; return 1; }
	t1=$(date +%s%N)
	rel_hub_quiet
	echo $(((t1 - t0) / 1000000)) >"$T/ref/$op.ms"
	rel_dump "$home" "$T/ref/$op.post" all
	[ -n "$remote" ] && rel_all_refs "$W/$remote" >"$T/ref/$op.post.remote"
	return 0
}

# rel_rand MAX: a number uniform in [0, MAX] from bash's seeded RANDOM.
rel_rand() { echo $(((RANDOM * 32768 + RANDOM) % ($1 + 1))); }

# rel_judge OP: after OP was interrupted (killed, cut, refused), "reboot":
# the home and the remote must be sound, show the state before or after OP
# (each branch of the remote before or after), and running OP again must
# end in the uninterrupted run's state. Prints what is wrong; returns the
# number of failures.
rel_judge() {
	local op=$1 home remote fails=0
	home=$(rel_home "$op") remote=$(rel_remote "$op")
	rel_sound "$home" "$remote" || fails=$((fails + $?))
	rel_dump "$home" "$T/now"
	if ! cmp -s "$T/now" "$T/ref/$op.pre" && ! cmp -s "$T/now" "$T/ref/$op.post"; then
		# the post state has no temporary refs by then; compare without them
		grep -v -e '^refs/runxin/incoming/' -e '^refs/runxin/tmp/' "$T/ref/$op.post" >"$T/post.clean"
		cmp -s "$T/now" "$T/post.clean" || {
			echo "  half-applied: neither before nor after; against after:"
			diff "$T/ref/$op.post" "$T/now" | head -8 | cut -c1-160 | sed 's/^/    /'
			fails=$((fails + 1)); }
	fi
	if [ -n "$remote" ]; then
		rel_refs "$W/$remote" | while read -r line; do
			grep -qxF "$line" "$T/ref/$op.pre.remote" "$T/ref/$op.post.remote" ||
				echo "  the remote holds a branch neither before nor after: $line"
		done >"$T/mid.remote"
		[ -s "$T/mid.remote" ] && { cat "$T/mid.remote"; fails=$((fails + 1)); }
	fi
	# shellcheck disable=SC2046
	"$RUNXIN" $(rel_argv "$op") >"$T/rerun.out" 2>&1 ||
		{ echo "  re-run: exit $?: $(tail -1 "$T/rerun.out")"; fails=$((fails + 1)); }
	rel_hub_quiet
	rel_sound "$home" "$remote" || fails=$((fails + $?))
	rel_dump "$home" "$T/now" all
	cmp -s "$T/now" "$T/ref/$op.post" || {
		echo "  after the re-run: not the uninterrupted state"
		diff "$T/ref/$op.post" "$T/now" | head -8 | cut -c1-160 | sed 's/^/    /'
		fails=$((fails + 1)); }
	if [ -n "$remote" ]; then
		rel_all_refs "$W/$remote" >"$T/now.remote"
		cmp -s "$T/now.remote" "$T/ref/$op.post.remote" || {
			echo "  the remote after the re-run: not the uninterrupted state"
			diff "$T/ref/$op.post.remote" "$T/now.remote" | head -8 | cut -c1-160 | sed 's/^/    /'
			fails=$((fails + 1)); }
	fi
	return $fails
}
