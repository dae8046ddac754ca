# Key groups as data, mentors, the calendar, observation reports, students who leave, deleting a record.
. "$(dirname "$0")/lib.sh"
export RUNXIN_TODAY=2025-10-08
enrol_chain || { echo "FAIL enrol_chain"; exit 1; }

cat >roster.csv <<'CSV'
学号,姓名,性别,出生日期,年级,班级,重点标记
K001,甲一,男,2011-03-05,8,1,困境儿童
K002,甲二,女,2011-04-05,8,1,
K003,甲三,男,2011-05-05,9,2,残疾、受欺凌
K004,甲四,女,2011-06-05,8,2,
CSV
expect 0 "a 困境儿童 roster row is accepted" -- rx -C school import roster roster.csv
rx -C school show K003 >show3 2>&1
check "show names the new groups" grep -q "残疾、受欺凌/家暴" show3

# key-group students owe a mentor; a care plan naming one clears it
rx -C school due >due1 2>&1
check "K001 owes a mentor" grep -q "K001.*选配成长导师" due1
check "K002 (no group) owes no mentor" sh -c '! grep -q "K002.*选配成长导师" due1'
check "key student owes this term's screening" grep -q "K001.*本学期重点人员筛查" due1
check "the 9/30 screening item is shown once for the school" \
	[ "$(grep -c '全校.*开展一轮全员心理健康测评' due1)" = 1 ]
check "every student owes the 9/4 family contact" grep -q "K002.*全覆盖沟通联系" due1
expect 0 "add a care plan with a mentor" -- rx -C school add care-plan no=K001 d=2025-10-01 mt=王老师
rx -C school due >due2 2>&1
check "mentor no longer owed" sh -c '! grep -q "K001.*选配成长导师" due2'

# an observation report proposes a level and owes a one-to-one assessment
expect 0 "a 心理委员 reports" -- rx -C school add observation no=K002 d=2025-10-07 ro=心理委员 lv=橙 nt=情绪低落
rx -C school due >due3 2>&1
check "the report owes an assessment" grep -q "K002.*一对一专业评估.*2025-10-14.*橙" due3
rx -C school show K002 >show2 2>&1
check "show: proposal from the report" grep -q "建议等级 橙" show2
expect 2 "a report without a level is refused" -- rx -C school add observation no=K002 d=2025-10-07 ro=班主任
expect 0 "confirm after the assessment" -- rx -C school confirm K002 --level 黄 --reason 评估后
rx -C school due >due4 2>&1
check "assessment no longer owed" sh -c '! grep -q "K002.*一对一专业评估" due4'

# leave: a graduated student drops out of due and keeps the history
expect 2 "leave with a bad reason is refused" -- rx -C school leave K003 --reason 旅游
expect 2 "leave of an unknown student is refused" -- rx -C school leave X999 --reason 毕业
expect 1 "leave without a reason is a usage error" -- rx -C school leave K003
expect 2 "leave dated after today is refused" -- rx -C school leave K003 --reason 毕业 --date 2099-07-01
expect 2 "a bad --date is refused" -- rx -C school leave K003 --reason 毕业 --date 2025-13-01
expect 0 "K003 graduates" -- rx -C school leave K003 --reason 毕业 --date 2025-10-01
expect 2 "leaving twice is refused" -- rx -C school leave K003 --reason graduated
rx -C school due >due5 2>&1
check "a graduated student leaves due" sh -c '! grep -q K003 due5'
rx -C school show K003 >show3b 2>&1
check "show says 已离校 with date and reason" grep -q "已离校 2025-10-01 (毕业)" show3b

# --complete: the student absent from the complete roster is marked left, records kept
head -4 roster.csv | grep -v K003 >complete.csv
grep K003 roster.csv >>complete.csv
expect 0 "a complete roster" -- rx -C school import roster complete.csv --complete
check "one marked left" grep -q "^1 名学生不在完整花名册中" out
rx -C school show K004 >show4 2>&1
check "K004 left (not on roster), records kept" grep -q "已离校 2025-10-08 (不在完整花名册中)" show4
cp roster.csv back.csv
expect 0 "K004 back on a complete roster" -- rx -C school import roster back.csv --complete
check "one back" grep -q "^1 名学生重新出现在完整花名册中" out
rx -C school show K004 >show4b 2>&1
check "K004 no longer left" sh -c '! grep -q 已离校 show4b'
rx -C school show K003 >show3c 2>&1
check "the graduate stays left" grep -q "已离校 2025-10-01 (毕业)" show3c
printf '学号,姓名,性别,出生日期,年级,班级,重点标记\nK001,甲一,男,2011-03-05,8,1,外星\nK002,甲二,女,2011-04-05,8,1,\n' >bad.csv
before=$(git --git-dir=school/repo.git rev-list --all | wc -l)
expect 2 "a complete roster with a refused row marks nobody" -- rx -C school import roster bad.csv --complete
rx -C school show K001 >show1 2>&1
check "K001 not marked left" sh -c '! grep -q 已离校 show1'
expect 1 "--complete only for a roster" -- rx -C school import screening --scale phq9 --round r1 --complete bad.csv

# delete: a tombstone, logged; refused types and unknown ids write nothing
rx -C school add home-visit no=K001 d=2025-10-02 m=实地 >addhv 2>&1
id=$(sed -n 's/^已添加 \([^ ]*\) .*/\1/p' addhv)
check "the visit is listed" [ -n "$id" ]
before=$(git --git-dir=school/repo.git rev-list --all | wc -l)
expect 2 "delete of the access log is refused" -- rx -C school delete access @abcdef/1 --reason x
expect 2 "delete of a student is refused" -- rx -C school delete student K001 --reason x
expect 2 "delete of an unknown record is refused" -- rx -C school delete home-visit K001/ffffff.9 --reason x
after=$(git --git-dir=school/repo.git rev-list --all | wc -l)
check "refused deletes write nothing" [ "$before" = "$after" ]
expect 0 "delete the visit" -- rx -C school delete home-visit "$id" --reason 录错学生
rx -C school show K001 >show1b 2>&1
check "show no longer lists it" sh -c '! grep -q "家访 $id" show1b'
rx -C school list access --json >acc 2>&1
check "the delete is in the access log" grep -q "delete hv $id: 录错学生" acc

# statistics count current students: K003 graduated, the other three are in
expect 0 "stats publish" -- rx -C school stats publish
check "3 current students published" grep -q ": 3 students published" out
# one class's list given as the whole school's: refused, nobody marked left
{ head -1 roster.csv; for i in $(seq 10 39); do echo "E$i,学生$i,男,2011-03-05,7,2,"; done; } >more.csv
expect 0 "thirty more students" -- rx -C school import roster more.csv
{ head -1 roster.csv; grep -h "^E1[0-1]," more.csv; } >oneclass.csv
expect 2 "a two-row list as the complete roster is refused" -- rx -C school import roster oneclass.csv --complete
check "  says why" grep -q "不像全校的完整名单" err
rx -C school show E20 >show20 2>&1
check "  E20 not marked left" sh -c '! grep -q 已离校 show20'
finish
