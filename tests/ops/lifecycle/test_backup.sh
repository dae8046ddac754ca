#!/usr/bin/env bash
# Backup (issue 12): runxin backup FILE writes a node's home as one
# encrypted, signed file; restore --backup brings it back whole (same dump,
# same files) or, for a wrong passphrase or a file altered anywhere, not at
# all; it never writes over a home.
. "$(dirname "$0")/../../node/lib.sh"

enrol_chain || { echo "FAIL enrolment"; exit 1; }
printf '学号,姓名,性别,出生日期,年级,班级\n2024001,张三,男,2012-03-05,7,1\n2024002,李四,女,2012-05-06,7,1\n' >r1.csv
expect 0 "school imports" -- rx -C school import roster r1.csv
expect 0 "school's dump" -- rx -C school dump
cp out before.dump
expect 0 "backup" -- rx -C school backup "$T/school.rxb"
check "  says what it holds" grep -q '已加密并签名' out
check "  the file is there, 0600" [ "$(stat -c %a school.rxb)" = 600 ]
check "  no name in clear" bash -c "! grep -q '张三' school.rxb"
check "  the keystore is in it as it was (sealed under the passphrase)" \
	cmp -s -n "$(stat -c %s school/keystore)" -i 0:29 school/keystore school.rxb
cp -a school school.lost
rm -rf school

expect 1 "restore needs a new folder" -- rx restore --backup school.rxb dev
expect 3 "a wrong passphrase opens nothing" -- \
	env RUNXIN_PASSPHRASE=wrong-passphrase-xyz "$RUNXIN" restore --backup school.rxb school
check "  nothing left" [ ! -e school ] && [ ! -e school.restoring ]
size=$(stat -c %s school.rxb)
for at in 3 20 40 $((size / 2)) $((size - 70)) $((size - 1)); do
	cp school.rxb bad.rxb
	printf "$(printf '\\%03o' $(( ($(od -An -tu1 -j$at -N1 school.rxb) + 1) % 256 )))" |
		dd of=bad.rxb bs=1 seek=$at conv=notrunc 2>/dev/null
	expect 3 "a file altered at byte $at is refused" -- rx restore --backup bad.rxb school
	check "  in one line, nothing left" bash -c "[ \$(wc -l <err) = 1 ] && [ ! -e school ] && [ ! -e school.restoring ]"
done
head -c $((size - 100)) school.rxb >short.rxb
expect 3 "a truncated file is refused" -- rx restore --backup short.rxb school
check "  nothing left" [ ! -e school ] && [ ! -e school.restoring ]

expect 0 "restore from the backup" -- rx restore --backup school.rxb school
check "  no folder left aside" [ ! -e school.restoring ]
expect 0 "the restored dump" -- rx -C school dump
check "  equals the one before, byte for byte" cmp -s out before.dump
check "  every file but the database is the same" \
	diff -r -x node.db -x 'node.db-*' -x lock school.lost school
check "  the home stays 0700" [ "$(stat -c %a school)" = 700 ]
printf '学号,姓名,性别,出生日期,年级,班级\n2024003,王五,男,2012-07-07,7,2\n' >r2.csv
expect 0 "the restored school writes on" -- rx -C school import roster r2.csv
expect 0 "and verifies" -- rx -C school verify
finish
