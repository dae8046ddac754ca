#!/usr/bin/env bash
# The USB stick as a teacher meets it: a stick that is not mounted, a typo of
# a remote's name, a folder of photos, a stick damaged in a bag, a new stick.
. "$(dirname "$0")/lib.sh"

enrol_chain || { echo "FAIL enrolment"; exit 1; }
printf '学号,姓名,性别,出生日期,年级,班级\n2024001,张三,男,2012-03-05,7,1\n2024002,李四,女,2012-05-06,7,1\n' >roster.csv
expect 0 "import roster" -- rx -C school import roster roster.csv

# nothing is created where nothing was asked for
expect 4 "an unmounted stick exits 4" -- rx -C school sync "$T/media/usb/hub.git"
check "  and creates nothing" test ! -e "$T/media"
check "  and says what to do" grep -q 'does not exist.*mounted.*--create' err
expect 4 "a stick path without --create exits 4" -- rx -C school sync "$T/stick.git"
check "  and creates nothing" test ! -e "$T/stick.git"
expect 1 "a typo of a remote's name exits 1" -- rx -C school sync nosuchremote
check "  and creates nothing here" test ! -e nosuchremote
check "  and says so" grep -q 'neither a remote nor a path' err
mkdir photos && echo jpeg >photos/a.jpg
expect 4 "a folder of other files is not a stick" -- rx -C school sync ./photos
check "  and is not turned into a repository" test ! -e photos/HEAD -a ! -e photos/objects
check "  and says so" grep -q 'not a runxin repository' err
expect 4 "--create under a missing mount creates nothing" -- rx -C school sync "$T/media/usb/hub.git" --create
check "  nothing at all" test ! -e "$T/media"

# a new stick, by name
expect 0 "remote add --create makes the stick" -- rx -C school remote add usb "$T/stick.git" --create
check "  a bare repository" test -f "$T/stick.git/HEAD"
expect 0 "remote add without --create only remembers" -- rx -C school remote add later "$T/later.git"
check "  nothing made" test ! -e "$T/later.git"
expect 0 "remote list" -- rx -C school remote list
check "  names both" grep -q "^usb	$T/stick.git" out
expect 0 "remote remove" -- rx -C school remote remove later
expect 1 "remove twice" -- rx -C school remote remove later
expect 0 "sync by name" -- rx -C school sync usb
# a sync killed mid-push leaves its temporary ref; the next sync removes it
# even when it has nothing to push (found by tests/reliability/test_crash.sh)
git --git-dir=school/repo.git update-ref refs/runxin/tmp/0 \
	"$(git --git-dir=school/repo.git for-each-ref --format='%(objectname)' refs/runxin/nodes | head -1)"
expect 0 "sync again, nothing to push" -- rx -C school sync usb
check "  no temporary ref left" [ -z "$(git --git-dir=school/repo.git for-each-ref refs/runxin/tmp)" ]

# the device takes it in from a copy of the stick that a bag damaged
cp -a "$T/stick.git" "$T/bad.git"
for f in $(find "$T/bad.git/objects" -type f \( -name '*.pack' -o -path '*/objects/??/*' \)); do
	sz=$(stat -c %s "$f"); chmod u+w "$f"
	for off in $((sz / 3)) $((sz / 2)) $((sz * 2 / 3)); do
		printf '\377\000\377\000' | dd of="$f" bs=1 seek="$off" conv=notrunc 2>/dev/null
	done
done
expect 3 "a damaged stick exits 3" -- rx -C dev sync "$T/bad.git"
check "  says the copy is damaged, not 'retry'" grep -q 'damaged' err
expect 0 "the device's archive is still empty" -- rx -C dev list student --json
check "  no student taken in" grep -qv 2024001 out
# a copy whose branch file was damaged
cp -a "$T/stick.git" "$T/badref.git"
git --git-dir="$T/badref.git" pack-refs --all 2>/dev/null || true
ref=$(git --git-dir="$T/badref.git" for-each-ref --format='%(refname)' refs/runxin/nodes | head -1)
rm -f "$T/badref.git/packed-refs"; mkdir -p "$T/badref.git/$(dirname "$ref")"
printf 'zz\001garbage\n' >"$T/badref.git/$ref"
expect 3 "a stick with a damaged branch exits 3" -- rx -C dev sync "$T/badref.git"
check "  says the copy is damaged" grep -q 'damaged' err
expect 0 "the good stick still works" -- rx -C dev sync "$T/stick.git"
expect 0 "  and the device sees the students" -- rx -C dev list student
check "  both of them" test "$(grep -c 2024 out)" = 2
finish
