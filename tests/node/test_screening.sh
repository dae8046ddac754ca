# Screening on a fresh school (docs/rules.md section 1): two administrations
# combined so a worsening student is never hidden, discordance and item 9
# owe an assessment, care duties wait for the confirmation, scales' age and
# grade ranges, the minimum interval, PHQ-A's suicide items.
. "$(dirname "$0")/lib.sh"
export RUNXIN_TODAY=2024-10-20
enrol_chain || { echo "FAIL enrol_chain"; exit 1; }

cat >roster.csv <<'EOF'
学号,姓名,性别,出生日期,年级,班级,重点标记
S01,变差甲,男,2011-03-01,8,1,
S02,好转乙,女,2011-04-01,8,1,
S03,九题丙,男,2011-05-01,8,2,
S04,一年级丁,女,2017-06-01,1,1,
S05,十岁戊,男,2014-01-15,5,1,
S06,太近己,女,2011-07-01,8,2,
S07,补充庚,女,2011-08-01,8,2,
S08,平稳辛,男,2011-09-01,8,2,
EOF
expect 0 "import roster" -- rx -C school import roster roster.csv

# first administration; S04 is in grade 1, aged 7: PHQ-9 is for grade 7 up or age 12 up
cat >phq1.csv <<'EOF'
学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9
S01,2024-09-10,0,0,0,0,0,0,0,0,0
S02,2024-09-10,2,2,2,2,2,2,2,2,0
S03,2024-09-10,0,0,0,0,0,0,0,0,0
S04,2024-09-10,0,0,0,0,0,0,0,0,0
S06,2024-09-10,1,0,0,0,0,0,0,0,0
S08,2024-09-10,1,1,0,0,0,0,0,0,0
EOF
expect 2 "a grade-1 pupil's PHQ-9 is refused, exit 2" -- rx -C school import screening --scale phq9 --round 2024a phq1.csv
check "the refusal names the line and the range" \
	grep -q "第 5 行: 学号 'S04' (1 年级, 7 岁) 不在 PHQ-9 的适用范围 (7 年级及以上或 12 岁及以上) 内" err
check "the rest kept" grep -q "^5 行已导入" out

# second administration: S01 worse (0 -> 16), S02 better (16 -> 0), S03
# item 9 today, S06 one day after its first (refused: 7 days at least)
cat >phq2.csv <<'EOF'
学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9
S01,2024-10-10,2,2,2,2,2,2,2,2,0
S02,2024-10-10,0,0,0,0,0,0,0,0,0
S03,2024-10-20,0,0,0,0,0,0,0,0,1
S06,2024-09-11,1,0,0,0,0,0,0,0,0
S08,2024-10-10,1,0,0,0,0,0,0,0,0
EOF
expect 2 "a second administration one day after the first is refused" -- rx -C school import screening --scale phq9 --round 2024a phq2.csv
check "the refusal names the line and the interval" \
	grep -q "第 5 行: 学号 'S06' 与第 1 次施测 (2024-09-10) 只隔 1 天, 两次至少间隔 7 天" err
check "the other four kept" grep -q "^4 行已导入" out

# PHQ-A: 11-17 only; its supplementary item 12 (serious thoughts of ending
# one's life in the past month) is not summed but is red and same-day
cat >phqa.csv <<'EOF'
学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,q12,q13
S05,2024-10-20,0,0,0,0,0,0,0,0,0,0,0,0,0
S07,2024-10-20,0,0,0,0,0,0,0,0,0,0,0,1,
EOF
expect 2 "a 10-year-old's PHQ-A is refused" -- rx -C school import screening --scale phqa --round 2024p phqa.csv
check "PHQ-A's range named" grep -q "第 2 行: 学号 'S05' (5 年级, 10 岁) 不在 PHQ-A 的适用范围 (11–17 岁) 内" err
expect 0 "list S07's screening" -- rx -C school list screening --json
check "supplementary answers kept, not summed; red" \
	grep -q '"id":"S07/phqa/2024p/1"[^}]*"total":"0","proposed":"3"[^}]*"q12":"1"}' out

expect 0 "due --json" -- rx -C school due --json
cp out due.json
owes() { grep -q "\"student\":\"$1\",[^}]*\"action\":\"$2\"${3:-}" due.json; }
check "0 then 16: an orange assessment owed" owes S01 assessment '[^}]*"level":"orange"'
check "16 then 0: discordant, an assessment owed" owes S02 assessment '[^}]*"deadline":"2024-10-17"'
check "item 9 today: assessment the same day" owes S03 assessment '[^}]*"deadline":"2024-10-20"'
check "the due line says item 9" owes S03 assessment '[^}]*"why":"PHQ-9 第9题 阳性'
check "PHQ-A item 12: assessment the same day" owes S07 assessment '[^}]*"deadline":"2024-10-20"'
check "a steady student owes no assessment" sh -c '! grep -q "\"student\":\"S08\",[^}]*\"action\":\"assessment\"" due.json'
check "an unconfirmed proposal owes no parent letter" sh -c '! grep -q "\"student\":\"S01\",[^}]*\"action\":\"parents\"" due.json'
check "... nor a care plan" sh -c '! grep -q "\"student\":\"S01\",[^}]*\"action\":\"care_plan\"" due.json'
check "a grade-1 pupil owes no screening" sh -c '! grep -q "\"student\":\"S04\",[^}]*\"action\":\"screening\"" due.json'
check "a grade-8 pupil does" owes S06 screening
expect 0 "due (text)" -- rx -C school due
check "item 9 said on the due line" sh -c 'grep "S03" out | grep 一对一专业评估 | grep -q "第9题 阳性"'

expect 0 "show S01" -- rx -C school show S01
check "worse later: proposed orange" grep -q "建议等级 橙" out
check "show says scale, total and band" grep -q "依据: PHQ-9 总分 16 (中重度)" out
expect 0 "show S02 --json" -- rx -C school show S02 --json
check "16 then 0: discordant" grep -q '"discordant":true' out
check "the reason in --json" grep -q '"why":"PHQ-9 两次等级相差两级以上 (橙 → 无; 总分 16 → 0)"' out
expect 0 "show S07" -- rx -C school show S07
check "PHQ-A item 12 named" grep -q "依据: PHQ-A 第12题 阳性, 总分 0 (无或极轻)" out

# the care duties start at the confirmation
export RUNXIN_TODAY=2024-10-21
expect 0 "confirm S01 orange" -- rx -C school confirm S01 --level 橙
expect 0 "due after the confirmation" -- rx -C school due --json
check "assessment done" sh -c '! grep -q "\"student\":\"S01\",[^}]*\"action\":\"assessment\"" out'
check "parents owed 3 days from the confirmation" \
	grep -q '"student":"S01",[^}]*"action":"parents"[^}]*"deadline":"2024-10-24"' out
check "care plan owed 7 days from the confirmation" \
	grep -q '"student":"S01",[^}]*"action":"care_plan"[^}]*"deadline":"2024-10-28"' out

# a lone administration (S06's second was refused) is discordant once the
# round's window (30 days from 2024-09-10) has passed
export RUNXIN_TODAY=2024-10-09
expect 0 "show S06 within the window" -- rx -C school show S06 --json
check "lone administration: not yet discordant" grep -q '"discordant":false' out
expect 0 "due on the window's last day" -- rx -C school due --json
check "no assessment owed yet" sh -c '! grep -q "\"student\":\"S06\",[^}]*\"action\":\"assessment\"" out'
export RUNXIN_TODAY=2024-10-10
expect 0 "due after the window" -- rx -C school due --json
check "then an assessment within 7 days" \
	grep -q '"student":"S06",[^}]*"action":"assessment"[^}]*"deadline":"2024-10-17"' out

# confirmed 无 in the morning, item 9 positive in a new round that afternoon:
# the morning's confirmation was of the earlier round and settles nothing
export RUNXIN_TODAY=2024-11-05
expect 0 "confirm S08 none" -- rx -C school confirm S08 --level 无
printf '学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9\nS08,2024-11-05,0,0,0,0,0,0,0,0,2\n' >phq3.csv
expect 0 "a new round the same day, item 9" -- rx -C school import screening --scale phq9 --round 2024b phq3.csv
expect 0 "due" -- rx -C school due --json
check "the assessment is owed today" \
	grep -q '"student":"S08",[^}]*"action":"assessment"[^}]*"deadline":"2024-11-05"' out
expect 0 "show S08" -- rx -C school show S08
check "  shown red, not hidden by the morning's 无" grep -q "^当前等级  红" out
finish
