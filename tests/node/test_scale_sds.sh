# An SDS screening at a school (docs/scales.md): answers 1-4, ten reversed
# items, standard score int(raw × 1.25) and the Chinese bands 53/63/73, kept
# with the screening and shown by show and list; default rules give the
# levels. Every figure below is hand-computed.
. "$(dirname "$0")/lib.sh"
export RUNXIN_TODAY=2024-10-20
enrol_chain || { echo "FAIL enrol_chain"; exit 1; }

cat >roster.csv <<'EOF2'
学号,姓名,性别,出生日期,年级,班级,重点标记
S01,重度甲,男,2011-03-01,8,1,
S02,全一乙,女,2011-04-01,8,1,
S03,健康丙,男,2011-05-01,8,2,
S04,中度丁,女,2011-06-01,8,1,
S05,轻度戊,男,2011-01-15,8,1,
S06,边缘己,女,2011-07-01,8,2,
S07,五年级庚,女,2014-08-01,5,2,
EOF2
expect 0 "import roster" -- rx -C school import roster roster.csv

# Reversed items 2,5,6,11,12,14,16,17,18,20 count 5 - answer.
# S01: plain 3+3+3+2+1+2+3+3+3+2 = 25, reversed 4+3+3+3+4+4+4+4+4+3 = 36: raw 61, 76 重度
# S02: all 1: plain 10, reversed 40: raw 50, int(62.5) = 62 轻度 (the reversal makes it)
# S03: plain 1, reversed 4: raw 20, 25 无抑郁
# S04: S02 with q1 = 2: raw 51, int(63.75) = 63 中度 (at the cut)
# S05: plain 4+4+4+4+4+3+3+3+3+1 = 33, reversed all 4 = 10: raw 43, 53 轻度 (at the cut)
# S06: S05 with q8 = 3: raw 42, 52 无抑郁 (just below)
cat >sds.csv <<'EOF2'
学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,q12,q13,q14,q15,q16,q17,q18,q19,q20
S01,2024-10-10,3,1,3,3,2,2,2,1,2,3,2,1,3,1,3,1,1,1,2,2
S02,2024-10-10,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1
S03,2024-10-10,1,4,1,1,4,4,1,1,1,1,4,4,1,4,1,4,4,4,1,4
S04,2024-10-10,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1
S05,2024-10-10,4,4,4,4,4,4,4,4,3,3,4,4,3,4,3,4,4,4,1,4
S06,2024-10-10,4,4,4,4,4,4,4,3,3,3,4,4,3,4,3,4,4,4,1,4
EOF2
expect 0 "import the SDS screening" -- rx -C school import screening --scale sds --round 2024a sds.csv
check "six rows" grep -q "^6 行已导入" out

expect 0 "list screening --json" -- rx -C school list screening --json
cp out list.json
row() { grep -q "\"id\":\"$1/sds/2024a/1\"[^}]*\"total\":\"$2\",\"proposed\":\"$3\",\"standard\":\"$4\",\"result\":\"标准分 $4 ($5)\"" list.json; }
check "S01 raw 61, standard 76, 重度, red" row S01 61 3 76 重度抑郁
check "S02 all 1: raw 50, standard 62, 轻度, yellow" row S02 50 1 62 轻度抑郁
check "S03 raw 20, standard 25, 无抑郁" row S03 20 0 25 无抑郁
check "S04 raw 51, standard 63, 中度, orange" row S04 51 2 63 中度抑郁
check "S05 raw 43, standard 53, 轻度" row S05 43 1 53 轻度抑郁
check "S06 raw 42, standard 52, 无抑郁" row S06 42 0 52 无抑郁

expect 0 "list screening (text)" -- rx -C school list screening
check "the text list shows the result" sh -c 'grep S04 out | grep -q "标准分 63 (中度抑郁)"'
expect 0 "show S01" -- rx -C school show S01
check "show gives the standard score and band" grep -q "标准分 76 (重度抑郁)" out
check "show's reason names the standard score" grep -q "SDS 标准分 76 (重度抑郁)" out
expect 0 "show S05" -- rx -C school show S05
check "show S05: 53 轻度" grep -q "标准分 53 (轻度抑郁)" out

# answers are 1-4; SDS is for grade 7 up or age 12 up
cat >bad.csv <<'EOF2'
学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,q12,q13,q14,q15,q16,q17,q18,q19,q20
S03,2024-10-18,0,4,1,1,4,4,1,1,1,1,4,4,1,4,1,4,4,4,1,4
S07,2024-10-18,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1
EOF2
expect 2 "an answer 0 and a grade-5 pupil are refused" -- rx -C school import screening --scale sds --round 2024b bad.csv
check "the answer 0 named" grep -q "第 2 行" err
check "the grade-5 pupil named" grep -q "第 3 行: 学号 'S07'" err
finish
