#!/usr/bin/env bash
# Issue 10, as judged, end to end through a git daemon on 127.0.0.1 serving a
# hub with runxin hub-hook: a device revoked at T writes with its clock set
# back before T (faketime) and syncs: refused at the hub and at every peer,
# the reason in one line; a re-wrapped copy of another device's next
# change-set pushed first with stock git is refused at the door and the
# device's own next sync succeeds; a copy already taken by a stick without
# the hook loses to the genuine one and the device's sync recovers.
. "$(dirname "$0")/lib.sh"

command -v faketime >/dev/null || { echo "SKIP faketime missing"; exit 77; }
DAEMON_PID=
trap '[ -n "$DAEMON_PID" ] && kill "$DAEMON_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT
enrol_chain || { echo "FAIL enrolment"; exit 1; }
rx -C dev2 init --role device --name 第二台电脑 >/dev/null &&
rx -C dev2 identity >dev2.req && rx -C school enroll dev2.req >dev2.bundle 2>/dev/null &&
rx -C dev2 join dev2.bundle --root-fingerprint "$ROOT_FP" >/dev/null || { echo "FAIL enrolment dev2"; exit 1; }
DEV=$(sed -n 's/^node: //p' dev.req | head -1)
DEV2=$(sed -n 's/^node: //p' dev2.req | head -1)
[ -n "$DEV" ] && [ -n "$DEV2" ] || { echo "FAIL node ids"; exit 1; }
faked() { env ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" faketime "$@"; }

expect 0 "the county serves a hub with the hook" -- rx -C county hub-hook --install
for i in 1 2 3 4 5; do
	port=$((20000 + (($$ * 7 + i * 7919 + $(date +%N | sed 's/^0*//;s/^$/0/')) % 30000)))
	"$(git --exec-path)/git-daemon" --reuseaddr --listen=127.0.0.1 --port=$port --base-path="$T" \
		--export-all --enable=receive-pack --informative-errors "$T" >"$T/daemon.log" 2>&1 &
	DAEMON_PID=$!
	HUB="git://127.0.0.1:$port/county/repo.git"
	sleep 0.3
	kill -0 "$DAEMON_PID" 2>/dev/null && git ls-remote "$HUB" >/dev/null 2>&1 && break
	kill "$DAEMON_PID" 2>/dev/null; wait "$DAEMON_PID" 2>/dev/null; DAEMON_PID=
done
[ -n "$DAEMON_PID" ] || { echo "SKIP no git daemon could start"; exit 77; }

printf '学号,姓名,性别,出生日期,年级,班级\n2024001,张三,男,2012-03-05,7,1\n' >r1.csv
expect 0 "school imports" -- rx -C school import roster r1.csv
expect 0 "school syncs with the hub" -- rx -C school sync "$HUB"
expect 0 "device takes the roster in" -- rx -C dev sync "$HUB"
expect 0 "second device too" -- rx -C dev2 sync "$HUB"
printf '学号,姓名,性别,出生日期,年级,班级\n2024002,李四,女,2012-05-06,7,1\n' >r2.csv
expect 0 "device writes before it is lost" -- rx -C dev import roster r2.csv
expect 0 "device syncs" -- rx -C dev sync "$HUB"
expect 0 "school takes it in" -- rx -C school sync "$HUB"
sleep 2 # the revocation is later than the device's last genuine change-set
cut=$(git --git-dir=school/repo.git rev-parse "refs/runxin/nodes/$DEV")
expect 0 "school revokes the lost device" -- rx -C school revoke "$DEV" --reason 丢失
revtime=$(date -d "$(sed -n 's/^time: //p' out | head -1)" +%s)
expect 0 "school publishes the revocation at the hub" -- rx -C school sync "$HUB"
expect 0 "second device learns of it" -- rx -C dev2 sync "$HUB"

# the thief sets the device's clock back before T and writes on
printf '学号,姓名,性别,出生日期,年级,班级\n2024009,假名字,男,2012-01-01,7,1\n' >evil.csv
expect 0 "the revoked device writes, its clock before the revocation" -- \
	faked "@$((revtime - 1))" "$RUNXIN" -C dev import roster evil.csv
evil=$(git --git-dir=dev/repo.git rev-parse "refs/runxin/nodes/$DEV")
check "  a change-set past the cut" [ "$evil" != "$cut" ]
expect 3 "its runxin sync is refused at the hub" -- faked "@$((revtime - 1))" "$RUNXIN" -C dev sync "$HUB"
check "  the reason in one line: revoked" grep -q "revoked" err
expect 1 "a stock git push of it is refused at the door" -- \
	git --git-dir=dev/repo.git push -q "$HUB" "refs/runxin/nodes/$DEV:refs/runxin/nodes/$DEV"
check "  the reason: revoked" grep -q "revoked" err
check "  the hub's branch stays at the cut" \
	[ "$(git --git-dir=county/repo.git rev-parse "refs/runxin/nodes/$DEV")" = "$cut" ]
# every peer: the thief's branch on a stick, taken by each other node
git clone -q --mirror county/repo.git evil.git
git --git-dir=dev/repo.git push -q -f "$T/evil.git" "refs/runxin/nodes/$DEV:refs/runxin/nodes/$DEV"
for n in school dev2; do
	expect 0 "$n syncs through the thief's stick" -- rx -C $n sync "$T/evil.git"
	check "  one line naming the revoked device" grep -q "心理室电脑（$DEV）已被吊销" err
	check "  its branch stops at the cut" \
		[ "$(git --git-dir=$n/repo.git rev-parse "refs/runxin/nodes/$DEV" 2>/dev/null)" = "$cut" ]
done
expect 0 "school lists students" -- rx -C school list student --json
check "  the forged student is not there" sh -c '! grep -q 2024009 "$0"' "$T/out"
check "  what the device wrote before the cut is" grep -q 2024002 out

# the re-wrapped copy: the second device's next change-set, passed on by a
# stick the attacker reads, re-wrapped and pushed first with stock git
printf '学号,姓名,性别,出生日期,年级,班级\n2024003,王五,男,2012-07-07,7,2\n' >r3.csv
expect 0 "the second device writes" -- rx -C dev2 import roster r3.csv
tip2=$(git --git-dir=dev2/repo.git rev-parse "refs/runxin/nodes/$DEV2")
git --git-dir=dev2/repo.git cat-file commit "$tip2" |
	perl -0pe 's/(gpgsig -----BEGIN SSH SIGNATURE-----\n )(\S+)(\S)\n (\S)/$1$2\n $3$4/' >wrapped.txt
wrapped=$(git --git-dir=dev2/repo.git hash-object -w -t commit wrapped.txt)
check "  the copy is another commit" [ -n "$wrapped" ] && [ "$wrapped" != "$tip2" ]
expect 1 "the attacker's stock push of the copy is refused at the door" -- \
	git --git-dir=dev2/repo.git push -q "$HUB" "$wrapped:refs/runxin/nodes/$DEV2"
check "  as not canonical" grep -q "canonical" err
expect 0 "the second device's own next sync succeeds" -- rx -C dev2 sync "$HUB"
check "  the hub holds the genuine change-set" \
	[ "$(git --git-dir=county/repo.git rev-parse "refs/runxin/nodes/$DEV2")" = "$tip2" ]

# a copy already taken where no door stands (a stick): the genuine one wins
printf '学号,姓名,性别,出生日期,年级,班级\n2024004,钱七,女,2012-08-08,7,2\n' >r4.csv
expect 0 "the second device writes again" -- rx -C dev2 import roster r4.csv
tip3=$(git --git-dir=dev2/repo.git rev-parse "refs/runxin/nodes/$DEV2")
git --git-dir=dev2/repo.git cat-file commit "$tip3" |
	perl -0pe 's/(gpgsig -----BEGIN SSH SIGNATURE-----\n )(\S+)(\S)\n (\S)/$1$2\n $3$4/' >wrapped3.txt
wrapped3=$(git --git-dir=dev2/repo.git hash-object -w -t commit wrapped3.txt)
git clone -q --mirror county/repo.git stick.git
git --git-dir=dev2/repo.git push -q "$T/stick.git" "$wrapped3:refs/runxin/nodes/$DEV2"
check "  the stick took the copy (no door there)" \
	[ "$(git --git-dir=stick.git rev-parse "refs/runxin/nodes/$DEV2")" = "$wrapped3" ]
expect 3 "the school, syncing with that stick, refuses the copy" -- rx -C school sync "$T/stick.git"
check "  as not canonical" grep -q "canonical" err
printf '学号,姓名,性别,出生日期,年级,班级\n2024005,孙八,男,2012-09-09,7,2\n' >r5.csv
expect 0 "the second device writes once more" -- rx -C dev2 import roster r5.csv
expect 0 "its sync with that stick recovers: exit 0" -- rx -C dev2 sync "$T/stick.git"
check "  the stick now holds the genuine branch" \
	[ "$(git --git-dir=stick.git rev-parse "refs/runxin/nodes/$DEV2")" = \
	  "$(git --git-dir=dev2/repo.git rev-parse "refs/runxin/nodes/$DEV2")" ]
expect 0 "its next sync too" -- rx -C dev2 sync "$T/stick.git"
expect 0 "the school takes the genuine branch from the stick" -- rx -C school sync "$T/stick.git"
expect 0 "school lists students" -- rx -C school list student --json
check "  both of the second device's students are in" sh -c 'grep -q 2024004 "$0" && grep -q 2024005 "$0"' "$T/out"
expect 0 "the hub takes it all at its door" -- rx -C dev2 sync "$HUB"
expect 0 "the school's verify is clean" -- rx -C school verify
finish
