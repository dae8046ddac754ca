#!/usr/bin/env bash
# A power cut in the middle of a push to a stick can leave git's lock file
# beside a branch on the stick (docs/RELIABILITY.md, "Power loss"): the next
# sync alone on the stick clears it and pushes the branch again; never while
# another runxin is syncing with that stick.
. "$(dirname "$0")/lib.sh"

enrol_chain || { echo "FAIL enrolment"; exit 1; }
node=$(rx -C school status --json | sed -n 's/.*"node":"\([0-9a-f]*\)".*/\1/p' | head -1)
S="$T/stick.git"
ref="refs/runxin/nodes/$node"
printf '学号,姓名,性别,出生日期,年级,班级\n2024001,张三,男,2012-03-05,7,1\n' >r1.csv
printf '学号,姓名,性别,出生日期,年级,班级\n2024001,张三,男,2012-03-05,7,2\n' >r2.csv
printf '学号,姓名,性别,出生日期,年级,班级\n2024001,张三,男,2012-03-05,7,3\n' >r3.csv
expect 0 "import a roster" -- rx -C school import roster r1.csv
expect 0 "make the stick" -- rx -C school remote add usb "$S" --create
expect 0 "sync with the stick" -- rx -C school sync usb
tip() { git --git-dir="$1" rev-parse -q --verify "$ref"; }
check "the branch is on the stick" [ "$(tip "$S")" = "$(tip school/repo.git)" ]

# The cut came after git wrote <branch>.lock and before it renamed it: the
# objects are on the stick, the branch is not moved, the lock stays.
expect 0 "a change to push" -- rx -C school import roster r2.csv
old=$(tip "$S")
tip school/repo.git >"$S/$ref.lock"

# another runxin syncing with the stick: the lock may be its own
( exec 9>>"$S/runxin-lock"; flock -s 9; exec sleep 30 ) &
holder=$!
sleep 1
rx -C school sync usb >out 2>err
check "a branch locked by another sync is not forced" [ $? != 0 ]
check "  the lock file is left alone" test -f "$S/$ref.lock"
check "  the stick's branch is as it was" [ "$(tip "$S")" = "$old" ]
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null

# alone on the stick: the lock is a leftover of a power cut
expect 0 "alone, the leftover lock is cleared and the branch pushed" -- rx -C school sync usb
check "  says what it removed" grep -q "removed .*$node.lock" err
check "  the lock file is gone" test ! -e "$S/$ref.lock"
check "  the stick has the branch" [ "$(tip "$S")" = "$(tip school/repo.git)" ]
check "  the stick is sound" git --git-dir="$S" fsck --strict --no-dangling

# cut right after the lock was created: an empty lock is not a damaged copy
expect 0 "another change" -- rx -C school import roster r3.csv
: >"$S/$ref.lock"
# and a temporary pack whose indexing was cut
printf 'PACK\0\0\0\2' >"$S/objects/pack/pack_git2_0123456789abcdef"
expect 0 "an empty leftover lock: cleared, not taken as damage" -- rx -C school sync usb
check "  not called damaged" [ -z "$(grep damaged err)" ]
check "  the lock file is gone" test ! -e "$S/$ref.lock"
check "  the temporary pack is gone" test ! -e "$S/objects/pack/pack_git2_0123456789abcdef"
check "  the stick has the branch" [ "$(tip "$S")" = "$(tip school/repo.git)" ]

# the device takes the school's data in from the stick
expect 0 "the device syncs from the stick" -- rx -C dev sync "$S"
expect 0 "and lists the student" -- rx -C dev list student --json
check "  in class 3" grep -q '"3"' out
finish
