# Care fixes after a cold review: a re-confirmation keeps the clocks; an incident's student is not
# also its classmate; leavers out of every count; deleting reported records; Chinese messages.
. "$(dirname "$0")/lib.sh"
export RUNXIN_TODAY=2024-10-01
enrol_chain || { echo "FAIL enrol_chain"; exit 1; }
cat >roster.csv <<'EOF2'
学号,姓名,性别,出生日期,年级,班级
S001,张一,男,2011-03-05,8,2
S002,李二,女,2011-04-06,8,2
S003,王三,男,2011-05-07,8,2
S004,赵四,女,2011-06-08,8,3
EOF2
expect 0 "import roster" -- rx -C school import roster roster.csv
due_has() {
	grep -q "\"student\":\"$1\",[^}]*\"action\":\"$2\",[^}]*\"deadline\":\"$3\"" due.json
}
count() { grep -o "\"student\":\"$1\",[^}]*\"action\":\"$2\"" due.json | wc -l; }

# -- 2. the same level confirmed again keeps the clocks; a new level starts new duties
expect 0 "an observer reports S001 orange" -- rx -C school add observation no=S001 d=2024-10-01 ro=心理委员 lv=橙
expect 0 "confirmed orange" -- rx -C school confirm S001 --level 橙
rx -C school due --json >due.json
check "  care plan owed by 10-08" due_has S001 care_plan 2024-10-08
export RUNXIN_TODAY=2024-10-10
expect 0 "confirmed orange again" -- rx -C school confirm S001 --level 橙 --reason 复评
rx -C school due --json >due.json
check "  the care plan keeps its deadline" due_has S001 care_plan 2024-10-08
check "  the 知情书 keeps its deadline" due_has S001 parents 2024-10-04
check "  one care plan line, not two" [ "$(count S001 care_plan)" = 1 ]
export RUNXIN_TODAY=2024-10-12
expect 0 "confirmed red: a level change" -- rx -C school confirm S001 --level 红 --reason 复评加重
rx -C school due --json >due.json
check "  red duties start from the change" due_has S001 referral 2024-10-15

# -- 3. a student involved in an incident is not also a classmate to follow up
commits() { git --git-dir=school/repo.git rev-list --all | wc -l; }
before=$(commits)
expect 2 "the same student as st and cm is refused" -- rx -C school add incident d=2024-10-12 st=S002 "cm=S003、S002" k=自伤
check "  says which student, in Chinese" grep -q "S002 既是涉及学生又是需随访同学" err
check "  nothing written" [ "$before" = "$(commits)" ]
expect 2 "no= and cm= naming the same student" -- rx -C school add incident d=2024-10-12 no=S003 cm=S003
expect 0 "a proper incident" -- rx -C school add incident d=2024-10-12 st=S002 cm=S003 k=自伤
inc=$(sed -n 's/^已添加 \(@[^ ]*\) .*/\1/p' out)
expect 2 "an edit adding the classmate as involved is refused" -- rx -C school add incident "id=$inc" no=S003

# -- 4. a student who left is out of the summary counts of list
expect 0 "S004 graduates" -- rx -C school leave S004 --reason graduated
expect 0 "list students" -- rx -C school list student
check "  3 current students counted" grep -q "^共 3 名学生: " out
check "  the leaver said apart" grep -q "另有 1 名已离校, 不计入" out
check "  the leaver's row says 已离校" grep -q "^S004 .*已离校" out
expect 0 "list students json" -- rx -C school list student --json
check "  json: left" grep -q '"id":"S004",[^}]*"left":true' out
expect 0 "list students of class 3 (only the leaver)" -- rx -C school list student --class 3
check "  0 current" grep -q "^共 0 名学生: " out
rx -C school due --json >due.json
check "  S004 owes nothing" sh -c "! grep -q '\"student\":\"S004\"' due.json"

# -- 5. letters: a blank, labelled contact line when none is known; the basis said as it was
# S001: red confirmed after an observer's report (no screening ever)
expect 0 "the 知情书 of S001" -- rx -C school print letter S001 --kind inf
check "  no claim of a screening" sh -c "! grep -q 心理健康测评 out"
check "  says it came from daily observation" grep -q "日常观察" out
check "  contact line left blank to fill by hand" grep -q '联系人：<span class="blank"></span>' out
check "  labelled for the teacher" grep -q "联系人一栏留空" err
# S002: involved in the incident, then confirmed red
expect 0 "confirm S002 red" -- rx -C school confirm S002 --level 红
expect 0 "add a psychology teacher" -- rx -C school add staff n=钱老师 ro=专职心理教师
expect 0 "the 知情书 of S002" -- rx -C school print letter S002 --kind inf
check "  no claim of a screening" sh -c "! grep -q 心理健康测评 out"
check "  says what happened" grep -q "近期发生的情况" out
check "  the psychology teacher as contact" grep -q "钱老师" out
check "  no warning now" sh -c "! grep -q 联系人一栏留空 err"

# -- 6. deleting: a reason for screenings, incidents, reviews and confirmations; nothing a sent report names
printf '学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9\nS003,2024-10-12,0,0,0,0,0,0,0,0,0\n' >phq.csv
expect 0 "a screening" -- rx -C school import screening --scale phq9 --round 2024a phq.csv
sid=$(rx -C school list screening --json | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -1)
check "  its id" [ -n "$sid" ]
before=$(commits)
expect 1 "deleting a screening without a reason" -- rx -C school delete screening "$sid"
check "  says a reason is needed, in Chinese" grep -q "删除测评记录须写明原因 --reason" err
check "  nothing written" [ "$before" = "$(commits)" ]
expect 0 "deleting it with a reason" -- rx -C school delete screening "$sid" --reason 录入错误
expect 2 "deleting an incident already reported up" -- rx -C school delete incident "$inc" --reason 录错
check "  says what to do instead" grep -q "已上报县局, 不能删除: 请用 runxin add incident id=$inc 更正" err
check "  nothing written" [ "$before" != "$(commits)" ] # (the screening's delete above)
aspect=$(awk 'BEGIN { for (i = 0; i < 10; i++) printf "情况"; }')
expect 0 "a review submitted (sent up)" -- rx -C school add review "id=$inc" a1="$aspect" sd=2024-10-12
expect 2 "deleting a review sent up" -- rx -C school delete review "$inc" --reason 录错
check "  names the report" grep -q "复盘报告已上报县局" err
expect 0 "an ordinary record still deletes without a reason" -- rx -C school add counselling no=S003 d=2024-10-12 k=面谈
cid=$(sed -n 's/^已添加 \([^ ]*\) .*/\1/p' out)
expect 0 "delete counselling without a reason (DESIGN's delete TYPE ID)" -- rx -C school delete counselling "$cid"

# -- 7. messages Chinese first, with the valid values in Chinese
zh_first() { head -1 err | grep -q '^runxin [a-z]*: [^ -~]'; }
expect 1 "an option without its value" -- rx -C school due --grade
check "  Chinese first" zh_first
check "  names the option" grep -q "选项 --grade 缺少取值" err
expect 1 "an unknown option" -- rx -C school due --nosuch
check "  Chinese first" zh_first
expect 1 "an extra argument" -- rx -C school due extra
check "  Chinese first" zh_first
expect 1 "a missing argument" -- rx -C school show
check "  Chinese first" zh_first
expect 1 "an unknown level" -- rx -C school list student --level 紫
check "  Chinese first, values listed" grep -q "无法识别的等级 '紫': 应为 无、黄、橙、红" err
expect 1 "an unknown level to confirm" -- rx -C school confirm S002 --level 紫
check "  values listed in Chinese" grep -q "应为 无、黄、橙、红" err
expect 1 "an unknown key group" -- rx -C school list student --flag 外星
check "  Chinese first, groups listed" grep -q "无法识别的重点群体 '外星': 应为 留守" err
expect 2 "an enum value not allowed" -- rx -C school add counselling no=S002 d=2024-10-12 k=聊天
check "  the allowed values listed in Chinese" grep -q "应为 .*面谈" err
check "  no bare 'listed values'" sh -c "! grep -q 列出的取值之一 err"
expect 1 "an unknown type" -- rx -C school list 外星
check "  types listed in Chinese" grep -q "学生 (student)" err

# -- 9. primary grades 4-6: the CES-DC fits them, the yearly screening is owed and imported
printf '学号,姓名,性别,出生日期,年级,班级\nP501,小五,女,2014-05-01,5,1\n' >p.csv
expect 0 "a grade-5 pupil" -- rx -C school import roster p.csv
rx -C school due --json >due.json
check "  owes the yearly screening" grep -q '"student":"P501",[^}]*"action":"screening"' due.json
printf '学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,q12,q13,q14,q15,q16,q17,q18,q19,q20\nP501,2024-10-12,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1\n' >c.csv
expect 0 "CES-DC imported for her" -- rx -C school import screening --scale cesdc --round 2024a c.csv
expect 0 "show P501" -- rx -C school show P501 --json
check "  24 is yellow" grep -q '"proposed":"yellow"' out
# -- an incident at a school not yet joined to a county: recorded whole, the report waits (never half-applied)
rx -C lone init --role school --name 未入网学校 >/dev/null
printf '学号,姓名,性别,出生日期,年级,班级\nL001,孤一,男,2011-03-05,8,2\n' >lone.csv
expect 0 "lone school imports" -- rx -C lone import roster lone.csv
expect 0 "an incident at the lone school is recorded" -- rx -C lone add incident no=L001 d=2024-10-10 k=自伤
check "  it says the report waits for the county" grep -q "report send" err
expect 0 "  the incident is in the archive" -- rx -C lone list incident --json
check "  one incident listed" grep -q '"L001"' out

# -- leavers with a warning level or care work owed are named and warned about, not silently out of due
printf '学号,姓名,性别,出生日期,年级,班级\nS001,张一,男,2011-03-05,8,2\nS003,王三,男,2011-05-07,8,2\n' >partial.csv
expect 0 "a complete roster without S002" -- rx -C school import roster partial.csv --complete
check "  names who was marked left" grep -q "已标记离校 (marked left): .*S002 李二" out
check "  warns: S002 is red" grep -q "^注意: S002 李二 为红色预警" err
check "  no warning for the graduate marked before" sh -c '! grep -q S004 "$1"' _ "$T/err"
expect 0 "S001 leaves" -- rx -C school leave S001 --reason 转学
check "  warns: red, care work owed" grep -q "^注意: S001 张一 为红色预警, 有 [1-9][0-9]* 项关爱任务未完成" err

finish
