#!/usr/bin/env bash
# Revocation by cut (issue 10, Broken #1): a revoked device that backdates its
# clock and writes on is refused at the hub's door and at every peer, and the
# peers' syncs still go through, with one warning naming the device.
. "$(dirname "$0")/lib.sh"

command -v faketime >/dev/null || { echo "SKIP faketime missing"; exit 77; }
enrol_chain || { echo "FAIL enrolment"; exit 1; }
rx -C dev2 init --role device --name 第二台电脑 >/dev/null &&
rx -C dev2 identity >dev2.req && rx -C school enroll dev2.req >dev2.bundle 2>/dev/null &&
rx -C dev2 join dev2.bundle --root-fingerprint "$ROOT_FP" >/dev/null || { echo "FAIL enrolment dev2"; exit 1; }
DEV=$(rx -C dev identity --json 2>/dev/null | sed -n 's/.*"node": *"\([0-9a-f]*\)".*/\1/p')
[ -n "$DEV" ] || DEV=$(sed -n 's/^node: //p' dev.req | head -1)
cp -a city city0 # the same city, before it learns anything: takes it all in at the end
cp -a city city1 # and once more, as a hub's door
expect 0 "the county serves a hub with the hook" -- rx -C county hub-hook --install
printf '学号,姓名,性别,出生日期,年级,班级\n2024001,张三,男,2012-03-05,7,1\n' >r1.csv
expect 0 "school imports" -- rx -C school import roster r1.csv
expect 0 "school makes a stick" -- rx -C school sync "$T/stick.git" --create
expect 0 "device takes the roster in" -- rx -C dev sync "$T/stick.git"
expect 0 "second device too" -- rx -C dev2 sync "$T/stick.git"
printf '学号,姓名,性别,出生日期,年级,班级\n2024002,李四,女,2012-05-06,7,1\n' >r2.csv
expect 0 "device writes before it is lost" -- rx -C dev import roster r2.csv
expect 0 "device syncs" -- rx -C dev sync "$T/stick.git"
expect 0 "school takes it in" -- rx -C school sync "$T/stick.git"
sleep 2 # the device's last genuine change-set is older than the revocation
cut=$(git --git-dir=school/repo.git rev-parse "refs/runxin/nodes/$DEV")

expect 0 "school revokes the lost device" -- rx -C school revoke "$DEV" --reason 丢失
check "  the record names the cut" grep -q "^cut: nodes=[0-9]*@$cut dir=0 checkpoints=0" out
revtime=$(date -d "$(sed -n 's/^time: //p' out | head -1)" +%s)
expect 0 "school publishes the revocation" -- rx -C school sync "$T/stick.git"
expect 0 "the hub takes the school's directory at its door" -- \
	git --git-dir=school/repo.git push -q "$T/county/repo.git" "refs/runxin/dir/*:refs/runxin/dir/*"
expect 0 "the hub takes the device's branch up to the cut" -- \
	git --git-dir=school/repo.git push -q "$T/county/repo.git" "refs/runxin/nodes/$DEV:refs/runxin/nodes/$DEV"

# the thief sets the device's clock back before the revocation and writes on
printf '学号,姓名,性别,出生日期,年级,班级\n2024009,假名字,男,2012-01-01,7,1\n' >evil.csv
expect 0 "the revoked device writes, its clock set before the revocation" -- \
	env ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
	faketime "@$((revtime - 1))" "$RUNXIN" -C dev import roster evil.csv
after=$(git --git-dir=dev/repo.git rev-parse "refs/runxin/nodes/$DEV")
check "  it did write a change-set after the cut" [ "$after" != "$cut" ]

# the hub's door: a stock git push of the branch past the cut
expect 1 "stock git push past the cut is refused at the door" -- \
	git --git-dir=dev/repo.git push -q "$T/county/repo.git" "refs/runxin/nodes/$DEV:refs/runxin/nodes/$DEV"
check "  with the reason" grep -q "revoked" err
check "  the hub's branch stays at the cut" \
	[ "$(git --git-dir=county/repo.git rev-parse "refs/runxin/nodes/$DEV")" = "$cut" ]

# the thief's copy on a stick that also holds everything else
git clone -q --mirror stick.git evil.git
git --git-dir=dev/repo.git push -q -f "$T/evil.git" "refs/runxin/nodes/$DEV:refs/runxin/nodes/$DEV"
printf '学号,姓名,性别,出生日期,年级,班级\n2024003,王五,男,2012-07-07,7,2\n' >r3.csv
expect 0 "the second device writes" -- rx -C dev2 import roster r3.csv
expect 0 "and syncs through the thief's stick: exit 0" -- rx -C dev2 sync "$T/evil.git"
check "  one Chinese warning naming the device" grep -q "警告：心理室电脑（$DEV）已被吊销" err
check "  its own change-sets go out" \
	[ "$(git --git-dir=evil.git rev-parse "refs/runxin/nodes/$(sed -n 's/^node: //p' dev2.req | head -1)" 2>/dev/null)" != "" ]
check "  the device's branch stops at the cut" \
	[ "$(git --git-dir=dev2/repo.git rev-parse "refs/runxin/nodes/$DEV")" = "$cut" ]
# Broken #2 at the door: a re-wrapped copy of the second device's change-set pushed first
DEV2=$(sed -n 's/^node: //p' dev2.req | head -1)
[ -n "$DEV2" ] || DEV2=$(git --git-dir=dev2/repo.git for-each-ref --format='%(refname:lstrip=3)' refs/runxin/dir | head -1)
tip2=$(git --git-dir=dev2/repo.git for-each-ref --format='%(objectname) %(refname)' refs/runxin/nodes | grep -v "$DEV" | grep -v "$(git --git-dir=school/repo.git for-each-ref --format='%(refname:lstrip=3)' refs/runxin/dir | head -1)" | head -1)
ref2=${tip2#* }; tip2=${tip2%% *}
git --git-dir=dev2/repo.git cat-file commit "$tip2" |
	perl -0pe 's/(gpgsig -----BEGIN SSH SIGNATURE-----\n )(\S+)(\S)\n (\S)/$1$2\n $3$4/' >wrapped.txt
wrapped=$(git --git-dir=dev2/repo.git hash-object -w -t commit wrapped.txt)
check "  the copy is another commit" [ -n "$wrapped" ] && [ "$wrapped" != "$tip2" ]
expect 1 "a stock push of the re-wrapped copy is refused at the door" -- \
	git --git-dir=dev2/repo.git push -q "$T/county/repo.git" "$wrapped:$ref2"
check "  as not canonical" grep -q "canonical" err
expect 0 "the genuine change-set still goes in" -- \
	git --git-dir=dev2/repo.git push -q "$T/county/repo.git" "$tip2:$ref2"
expect 0 "the school syncs through it too: exit 0" -- rx -C school sync "$T/evil.git"
check "  with the warning" grep -q "心理室电脑" err
expect 0 "school lists students" -- rx -C school list student --json
check "  what the device wrote before the cut stays" grep -q 2024002 out
check "  what another device wrote is in" grep -q 2024003 out
check "  what it wrote after the cut is not" sh -c '! grep -q 2024009 "$0"' "$T/out"
expect 0 "the next sync again exits 0" -- rx -C school sync "$T/evil.git"
expect 0 "the school's own verify is clean" -- rx -C school verify
expect 0 "the second device's too" -- rx -C dev2 verify
# the city's audit, the thief's branch slipped into its repository
expect 0 "the county syncs" -- rx -C county sync "$T/stick.git"
expect 0 "the city syncs" -- rx -C city sync "$T/stick.git"
git --git-dir=dev/repo.git push -q -f "$T/city/repo.git" "refs/runxin/nodes/$DEV:refs/runxin/nodes/$DEV"
expect 3 "the city's audit refuses the branch past the cut" -- rx -C city audit
check "  as revoked" grep -q "revoked" out

# the county revokes the school: every node below it is revoked too, each at its cut
SCHOOL=$(git --git-dir=school/repo.git for-each-ref --format='%(refname:lstrip=3)' refs/runxin/dir | head -1)
expect 0 "the county revokes the school" -- rx -C county revoke "$SCHOOL" --reason 撤销
check "  three records: the school and its two devices" [ "$(grep -c '^runxin-revocation 2' out)" = 3 ]
expect 2 "revoking it again is refused" -- rx -C county revoke "$SCHOOL" --reason 撤销
expect 0 "the county publishes" -- rx -C county sync "$T/stick.git"
# its revocations of the devices name certificates the school's directory brings
expect 0 "a node that knew none of it takes all directories in" -- rx -C city0 sync "$T/stick.git"
expect 0 "a fresh hub's door takes both directories in one stock push" -- sh -c \
	"'$RUNXIN' -C city1 hub-hook --install && git --git-dir=county/repo.git push -q '$T/city1/repo.git' 'refs/runxin/dir/*:refs/runxin/dir/*'"
printf '学号,姓名,性别,出生日期,年级,班级\n2024010,赵六,男,2012-07-07,7,2\n' >r4.csv
expect 0 "the revoked school writes on" -- rx -C school import roster r4.csv
expect 0 "the stick takes it (no door there)" -- rx -C school sync "$T/stick.git"
expect 0 "the city syncs: exit 0" -- rx -C city0 sync "$T/stick.git"
check "  with a warning naming the school" grep -q "城关中学.*已被吊销" err
finish
