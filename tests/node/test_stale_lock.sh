#!/usr/bin/env bash
# A power cut can leave git's lock file beside a branch; the next runxin
# alone on the home clears it, and never while another runxin has it open.
. "$(dirname "$0")/lib.sh"

rx -C school init --role school --name 城关中学 >/dev/null || { echo "FAIL init"; exit 1; }
node=$(rx -C school status --json | sed -n 's/.*"node":"\([0-9a-f]*\)".*/\1/p' | head -1)
printf '学号,姓名,性别,出生日期,年级,班级\n2024001,张三,男,2012-03-05,7,1\n' >r.csv
printf '学号,姓名,性别,出生日期,年级,班级\n2024001,张三,男,2012-03-05,7,2\n' >r2.csv
expect 0 "import a roster" -- rx -C school import roster r.csv
lock="school/repo.git/refs/runxin/nodes/$node.lock"
check "the branch exists" test -f "school/repo.git/refs/runxin/nodes/$node"

# another runxin process has the home open: the lock may be its own
touch "$lock"
( exec 9>>school/lock; flock -s 9; exec sleep 30 ) &
holder=$!
sleep 1
expect 5 "a branch locked by another writer is not forced" -- rx -C school import roster r2.csv
check "  the lock file is left alone" test -f "$lock"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null

# alone on the home: the lock is a leftover of a power cut
expect 0 "alone, the leftover lock is cleared and the import goes through" -- rx -C school import roster r2.csv
check "  says what it removed" grep -q "removed .*$node.lock" err
check "  the lock file is gone" test ! -e "$lock"
expect 0 "the change is there" -- rx -C school list student --json
check "  class 2" grep -q '"class":"2"\|"c":"2"\|2班\|"2"' out
finish
