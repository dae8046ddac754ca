# The demo runs, builds the whole tree, and syncs it up to the city (once: a second run costs minutes and tests nothing new).
. "$(dirname "$0")/../../node/lib.sh"

export RUNXIN_DEMO_STUDENTS=60
# a fixed day late in the autumn term, so the weeks the audit judges are the same every run
export RUNXIN_TODAY=2025-11-28
expect 0 "demo into a named directory" -- rx demo d1
check "summary line" grep -q "^runxin demo: 11 nodes" out
cp out d1.out
check "every home initialised" test "$(ls d1/*/keystore | wc -l)" = 11
expect 1 "demo into an existing directory is refused" -- rx demo d1

check "the city's audit passed" grep -q "audit passed (exit 0)" d1.out
check "two incidents with their emergency steps, reports sent up and countersigned" \
	grep -q "^care: 2 incidents .*; 2 review reports sent up, 2 countersigned at the county; 12 students left" d1.out
check "a pupil transferred between counties, accepted" \
	grep -q "; 1 transferred to another county's school and accepted there$" d1.out
expect 0 "the receiving school lists the transfer in" -- env RUNXIN_PASSPHRASE=runxin-demo-演示口令 "$RUNXIN" -C d1/school-byzx transfer --list --json
check "  received, from the other county's school" grep -q '"direction":"in".*"state":"accepted"' out
for f in county-baoying.csv county-gaoyou.html city.csv city.html city-audit.txt city-audit.html; do
	check "report $f written" test -s "d1/reports/$f"
done
check "no shown count of 1 to 4 in the city report (staffing figures aside)" sh -c '! grep -v ",staff," d1/reports/city.csv | grep -E ",([1-4])$"'
check "reports need no network" sh -c '! grep -l "http://\|https://" d1/reports/*.html'
check "the audit checked compliance" grep -q "合规 compliance" d1/reports/city-audit.txt
A=d1/reports/city-audit.txt
check "the senior high school without a full-time teacher falls short" grep -q "宝应县中学.*\[full_time\]" $A
check "the week the room was short is found" grep -q "高邮市第一中学.*\[room_hours\]" $A
check "the class without a fortnight's lesson is found" grep -q "宝应县实验小学.*\[lessons\]" $A
check "the committee without a girl is found" grep -q "高邮市汪曾祺学校.*\[committee\]" $A
check "no school falls short of the ratio; the village school's part-time teacher is enough" sh -c "! grep -E '\[teachers\]|郭集小学.*\[full_time\]' $A"
check "no other room, lesson or committee shortfall" test "$(grep -cE '\[(room_hours|lessons|committee|full_time)\]' $A)" = 4
check "no home visit judged before Aug 31" sh -c "! grep -qE '\[(visits|coverage)\]' $A"
check "no count of 1 to 4 of students or their work in the audit" sh -c "! grep -E '\[(overdue|late|review|visits|coverage)\]' $A | sed 's/([0-9a-f]*)//; s/1+1+3//g' | grep -E '(^|[^0-9])[1-4]([^0-9]|\$)'"

export RUNXIN_PASSPHRASE=runxin-demo-演示口令
expect 0 "device of the demo is valid" -- rx -C d1/device-bycz-b status
check "device chain valid" grep -q "valid:  yes" out
check "the device has a receipt from its county" grep -q "receipt: safe at 宝应县教育局" out
expect 0 "the other device sees the school's students" -- rx -C d1/device-bycz-b list student
check "58 current students there (2 left)" grep -q "^共 58 名学生: .*另有 2 名已离校" out
check "the city's repository is clean" sh -c 'git -C d1/city/repo.git fsck --strict --no-dangling >/dev/null 2>&1'
rx -C d1/city allowed-signers >allowed
check "every change-set at the city verifies with stock git" sh -c '
	cd d1/city/repo.git && for c in $(git rev-list --all); do
		git -c gpg.format=ssh -c gpg.ssh.allowedSignersFile=../../../allowed verify-commit $c >/dev/null 2>&1 || exit 1
	done'
finish
