# Policy as signed data: the city and a county publish, schools apply after sync; bad files and roles refused.
. "$(dirname "$0")/lib.sh"
export RUNXIN_TODAY=2026-09-15
enrol_chain || { echo "FAIL enrol_chain"; exit 1; }
S=$RX_SOURCE_DIR/schema/rules
npolicy() { git --git-dir="$1/repo.git" log --format=%s --all | grep -c '^runxin policy' || true; }

expect 0 "school status before any policy" -- rx -C school status
check "  built-in files in force" grep -q "内置文件 (built-in files" out
check "  ratio 1:500 built in" grep -q "师生比 1:500" out

# a roster and a PHQ-9 screening scored under the built-in rules (total 9: no level)
printf '学号,姓名,性别,出生日期,年级,班级,重点标记\nA001,测试甲,男,2012-03-01,8,1,\nA002,测试乙,女,2012-04-01,8,1,\n' >roster.csv
printf '学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9\nA001,2026-09-10,1,1,1,1,1,1,1,2,0\n' >s1.csv
printf '学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9\nA002,2026-09-16,1,1,1,1,1,1,1,2,0\n' >s2.csv
expect 0 "import roster" -- rx -C school import roster roster.csv
expect 0 "screening under the built-in rules" -- rx -C school import screening --scale phq9 --round 2026a s1.csv

# the city's rule change: PHQ-9 yellow from 8, not 10
sed 's/^yellow = phq9 total >= 10$/yellow = phq9 total >= 8/' "$S/default.rules" >default.rules
check "the rule change is made" grep -q "^yellow = phq9 total >= 8$" default.rules
printf 'id = bad\nname = 坏量表\nitems = 3\nmin = 0\nmax = 3\nscoring = sum\nreverse = q9\n' >bad.scale
expect 2 "a bad scale file is refused" -- rx -C city policy add default.rules bad.scale
check "  with its file and line" grep -q "^bad.scale: .*line 7" err
check "  nothing published (not even the good file)" [ "$(npolicy city)" = 0 ]
printf 'x = 1\n' >notes.txt
expect 2 "a file not named NAME.KIND is refused" -- rx -C city policy add notes.txt
expect 1 "a school may not publish policy" -- rx -C school policy add default.rules
expect 1 "a bad --effective" -- rx -C city policy add default.rules --effective 2026-13-01
expect 0 "the city publishes the rule change" -- rx -C city policy add default.rules --effective 2026-09-01
check "  version 1" grep -q "v1" out
expect 0 "policy list at the city" -- rx -C city policy list
check "  names the file, version, date and setter" grep -q "^default .*rules .*v1 .*2026-09-01 .*市 扬州市" out

# a county: 1:800; it may not set warning rules nor lower the city's disclosure threshold
sed 's/^ratio = 500$/ratio = 800/' "$S/default.compliance" >default.compliance
expect 2 "a county may not set warning rules" -- rx -C county policy add default.rules
check "  says so, naming the file" grep -q "^default.rules: .*county may not set rules" err
mkdir low && sed 's/^disclosure_threshold = 4$/disclosure_threshold = 2/' "$S/default.compliance" >low/default.compliance
expect 2 "a county may not lower the disclosure threshold" -- rx -C county policy add low/default.compliance
expect 0 "the county sets 1:800" -- rx -C county policy add default.compliance --effective 2026-09-01
check "  county published one policy" [ "$(npolicy county)" = 1 ]

expect 0 "city syncs to the hub" -- rx -C city sync ./hub.git --create
expect 0 "county syncs" -- rx -C county sync hub.git
expect 0 "school syncs" -- rx -C school sync hub.git
expect 0 "device syncs" -- rx -C dev sync hub.git
expect 0 "school status" -- rx -C school status
check "  the city's policy v1 in force since 2026-09-01" grep -q "扬州市 第 1 版, 2026-09-01 起" out
check "  the county's policy v1 in force" grep -q "宝应县 第 1 版, 2026-09-01 起" out
check "  the county's 1:800 reaches the school" grep -q "师生比 1:800" out
expect 0 "device status" -- rx -C dev status
check "  the device too: 1:800" grep -q "师生比 1:800" out
expect 0 "school policy list" -- rx -C school policy list --json
check "  json lists both" sh -c 'grep -q "\"kind\":\"rules\"" out && grep -q "\"kind\":\"compliance\"" out'
expect 0 "school policy show" -- rx -C school policy show default.rules
check "  the city's file, with its origin" sh -c 'head -1 out | grep -q "v1" && grep -q "^yellow = phq9 total >= 8$" out'
expect 2 "policy show of an unknown name" -- rx -C school policy show nosuch

# the new rules score a new screening; the old one keeps its score and level
expect 0 "screening under the city's rules" -- rx -C school import screening --scale phq9 --round 2026a s2.csv
expect 0 "list screenings" -- rx -C school list screening
check "  A002 (total 9) is yellow under the city's rules" grep -q "^A002 .* 9 *黄 " out
check "  A001 (total 9) scored before keeps no level" grep -q "^A001 .* 9 *无 " out
expect 0 "list screenings as json" -- rx -C school list screening --json
check "  A002 records the policy that scored it" sh -c 'grep -o "{[^}]*A002[^}]*}" out | grep -q "\"scored_by\":\"builtin [0-9a-f]* v1\""'
check "  A001 records none (built-in)" sh -c '! grep -o "{[^}]*A001[^}]*}" out | grep -q "scored_by"'

# a later policy, effective in the future, does not apply yet
sed 's/^yellow = phq9 total >= 10$/yellow = phq9 total >= 5/' "$S/default.rules" >default.rules
expect 0 "the city publishes v2 effective 2027-01-01" -- rx -C city policy add default.rules --effective 2027-01-01
expect 0 "city syncs" -- rx -C city sync hub.git
expect 0 "school syncs" -- rx -C school sync hub.git
expect 0 "school policy show" -- rx -C school policy show default.rules
check "  still v1 today" sh -c 'head -1 out | grep -q " v1$" && grep -q "^yellow = phq9 total >= 8$" out'
RUNXIN_TODAY=2027-01-02 expect 0 "school policy show in 2027" -- rx -C school policy show default.rules
check "  v2 from its date" sh -c 'head -1 out | grep -q " v2$"'
finish
