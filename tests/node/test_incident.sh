# Incidents start the emergency steps; a return to school needs a certificate; feedback after a
# referral; both parent letters after a confirmation; a printed letter (docs/rules.md §2-4).
. "$(dirname "$0")/lib.sh"
export RUNXIN_TODAY=2024-10-20
enrol_chain || { echo "FAIL enrol_chain"; exit 1; }

cat >roster.csv <<'EOF'
学号,姓名,性别,出生日期,年级,班级
S001,张一,男,2011-03-05,8,2
S002,李二,女,2011-04-06,8,2
S003,王三,男,2011-05-07,8,2
S004,赵四,女,2011-06-08,8,3
EOF
expect 0 "import roster" -- rx -C school import roster roster.csv
commits() { git --git-dir=school/repo.git rev-list --all | wc -l; }
# due_has STUDENT ACTION DEADLINE [LEVEL]: due.json holds that line
due_has() {
	grep -q "\"student\":\"$1\",[^}]*\"action\":\"$2\",[^}]*\"deadline\":\"$3\"" due.json &&
		{ [ -z "${4:-}" ] || grep -q "\"student\":\"$1\",[^}]*\"action\":\"$2\",[^}]*\"level\":\"$4\"" due.json; }
}
due_json() { rx -C school due --json >due.json; }

# an incident with two students and one classmate to follow up
expect 0 "incident with two students and a classmate" -- \
	rx -C school add incident d=2024-10-20 "st=S001、S002" cm=S003 k=自伤未遂
inc=$(sed -n 's/^已添加 \(@[^ ]*\) .*/\1/p' "$T/out")
check "incident has its own id" [ -n "$inc" ]
due_json
for s in S001 S002; do
	check "$s: parents contacted the same day" due_has $s incident_parents 2024-10-20
	check "$s: one-to-one assessment the same day, red" due_has $s assessment 2024-10-20 red
	check "$s: a care plan after the incident" due_has $s incident_care_plan 2024-10-23
done
check "one assessment line each, not two" [ "$(grep -o '"student":"S001","name":"[^"]*","action":"assessment"' due.json | wc -l)" = 1 ]
check "classmate S003: follow-up owed" due_has S003 classmate_follow_up 2024-10-23
check "classmate S003: no parent contact" sh -c "! grep -q '\"student\":\"S003\",[^}]*\"action\":\"incident_parents\"' due.json"
check "the review report owed by the incident" grep -q "\"student\":\"$inc\",[^}]*\"action\":\"review\",[^}]*\"deadline\":\"2024-11-03\"" due.json
expect 0 "show S001" -- rx -C school show S001 --json
check "incident proposes red" grep -q '"proposed":"red"' out
check "show lists the incident" grep -q "\"id\":\"$inc\"" out
expect 0 "due (text)" -- rx -C school due
check "text due names the same-day contact" grep -q "S002 *李二.*事发当天联系家长.*2024-10-20" out

# recorded without any 学号; with the old no=; unknown and malformed students refused
expect 0 "incident without a 学号" -- rx -C school add incident d=2024-10-19 k=其他 nt=校外人员
before=$(commits)
expect 2 "incident naming an unknown student" -- rx -C school add incident d=2024-10-20 st=S001,X999
check "unknown student named" grep -q "X999 不在花名册中" err
expect 2 "incident with a malformed 学号" -- rx -C school add incident d=2024-10-20 "st=S0/01"
check "nothing written when refused" [ "$before" = "$(commits)" ]
expect 0 "incident with no= (one student)" -- rx -C school add incident d=2024-10-18 no=S004
expect 0 "list incidents" -- rx -C school list incident --json
check "no= kept as the student involved" grep -q '"students":"S004"' out
check "lists stored as S001;S002" grep -q '"students":"S001;S002"' out

# the review report is still keyed by the incident's id
expect 0 "review of the incident" -- rx -C school add review "id=$inc" a1=平时表现 sd=2024-10-20
expect 2 "review of no incident" -- rx -C school add review id=@000000/99 a1=x
# what happened is never dated after today: a future record would clear duties not done
before=$(git --git-dir=school/repo.git rev-list --all | wc -l)
expect 2 "a care plan dated 2099 is refused" -- rx -C school add care-plan no=S001 d=2099-12-31 pl=x
check "  says the date is after today" grep -q "晚于今天" err
expect 2 "an incident dated tomorrow is refused" -- rx -C school add incident d=2024-10-21 st=S002
check "  nothing written" [ "$before" = "$(git --git-dir=school/repo.git rev-list --all | wc -l)" ]

# the steps done: parents phoned, assessed, a plan, a session with the classmate
expect 0 "phone the parents of S001" -- rx -C school add home-visit no=S001 d=2024-10-20 m=电话
expect 0 "assess S001" -- rx -C school confirm S001 --level 红
# the next day (a record is never dated after today)
RUNXIN_TODAY=2024-10-21 expect 0 "care plan S001" -- rx -C school add care-plan no=S001 d=2024-10-21 pl=每日谈心
RUNXIN_TODAY=2024-10-21 expect 0 "session with S003" -- rx -C school add counselling no=S003 d=2024-10-21 k=面谈
RUNXIN_TODAY=2024-10-21 rx -C school due --json >due.json
check "S001 contact done" sh -c "! grep -q '\"student\":\"S001\",[^}]*\"action\":\"incident_parents\"' due.json"
check "S001 assessment done" sh -c "! grep -q '\"student\":\"S001\",[^}]*\"action\":\"assessment\"' due.json"
check "S001 care plan done" sh -c "! grep -q '\"student\":\"S001\",[^}]*\"action\":\"incident_care_plan\"' due.json"
check "S003 follow-up done" sh -c "! grep -q '\"student\":\"S003\",[^}]*\"action\":\"classmate_follow_up\"' due.json"
check "S002 contact overdue the next day" grep -q '"student":"S002",[^}]*"action":"incident_parents",[^}]*"overdue":true' due.json

# referral: green channel shown; feedback owed; no return without a certificate
expect 0 "refer S004 by the green channel" -- rx -C school add referral no=S004 d=2024-10-01 h=市第四人民医院 gc=是
rf=$(sed -n 's/^已添加 \([^ ]*\) .*/\1/p' "$T/out")
due_json
check "feedback owed 14 days after the referral" due_has S004 hospital_feedback_green 2024-10-15
expect 0 "due (text)" -- rx -C school due
check "due line says 绿色通道" grep -q "S004 *赵四.*绿色通道.*2024-10-15" out
before=$(commits)
expect 2 "return without a certificate" -- rx -C school add referral "id=$rf" rd=2024-10-18
check "one line saying what is needed" sh -c "[ \$(wc -l <'$T/err') = 1 ] && grep -q '诊断证明' '$T/err'"
expect 2 "a new referral with a return and mc=0" -- rx -C school add referral no=S004 d=2024-10-02 h=医院 rd=2024-10-18 mc=否
check "nothing written" [ "$before" = "$(commits)" ]
expect 0 "list referral" -- rx -C school list referral --json
check "no return date stored" sh -c "! grep -q return_date '$T/out'"
expect 0 "return with a certificate" -- rx -C school add referral "id=$rf" rd=2024-10-18 诊断证明=是
expect 0 "the hospital's feedback" -- rx -C school add referral "id=$rf" fb=门诊随访 fd=2024-10-12
due_json
check "feedback no longer owed" sh -c "! grep -q 'hospital_feedback' due.json"
expect 0 "show S004" -- rx -C school show S004 --json
check "show has the green channel" grep -q '"green_channel":"1"' out

# parent letters: none for a proposal nobody assessed; after a confirmation
# both the 知情书 signed and the 建议书 sent are owed
due_json
check "S002 (proposed by the incident, not assessed): no letter owed" sh -c "! grep -Eq '\"student\":\"S002\",[^}]*\"action\":\"(parents|suggestion_letter)\"' due.json"
expect 0 "confirm S004 orange" -- rx -C school confirm S004 --level 橙 --reason 面谈评估
due_json
check "知情书 owed 3 days from the confirmation" due_has S004 parents 2024-10-23 orange
check "建议书 owed 3 days from the confirmation" due_has S004 suggestion_letter 2024-10-23 orange
expect 0 "an unsigned 知情书" -- rx -C school add notice no=S004 d=2024-10-20 t=知情书
expect 0 "a 建议书 sent" -- rx -C school add notice no=S004 d=2024-10-20 t=建议书
due_json
check "unsigned 知情书 does not clear the duty" due_has S004 parents 2024-10-23
check "建议书 sent clears its duty" sh -c "! grep -q '\"student\":\"S004\",[^}]*\"action\":\"suggestion_letter\"' due.json"
RUNXIN_TODAY=2024-10-21 expect 0 "the 知情书 signed" -- rx -C school add notice no=S004 d=2024-10-21 t=知情书 家长已签=是
due_json
check "signed 知情书 clears its duty" sh -c "! grep -q '\"student\":\"S004\",[^}]*\"action\":\"parents\"' due.json"

# print letter: HTML with the name escaped, no placeholder left; --out never overwrites
expect 0 "a student with markup in the name" -- rx -C school add student no=S005 'n=<b>小&明</b>' g=男 b=2011-01-01 gr=8 c=3
expect 0 "a psychology teacher" -- rx -C school add staff n=王老师 ro=fp
expect 0 "the class's head teacher" -- rx -C school add class gr=8 c=3 ht=李老师
expect 2 "no letter before a confirmed level" -- rx -C school print letter S005 --kind inf
check "says a confirmation is needed" grep -q "confirm" err
expect 0 "confirm S005 yellow" -- rx -C school confirm S005 --level 黄 --reason 面谈评估
expect 0 "print the 知情书" -- rx -C school print letter S005 --kind inf
check "name escaped" grep -q '&lt;b&gt;小&amp;明&lt;/b&gt;' out
check "no raw markup of the name" sh -c "! grep -q '<b>小' '$T/out'"
check "no placeholder left" sh -c "! grep -q '{{' '$T/out'"
check "school, class, level, date, teachers filled" sh -c "grep -q '城关中学' '$T/out' && grep -q '8年级3班' '$T/out' && grep -q '黄色预警' '$T/out' && grep -q '2024年10月20日' '$T/out' && grep -q '王老师' '$T/out' && grep -q '李老师' '$T/out'"
check "only the yellow part" sh -c "grep -q '黄色预警表示' '$T/out' && ! grep -q '红色预警表示' '$T/out'"
expect 0 "print the 建议书 to a file" -- rx -C school print letter S005 --kind sug --out sug.html
check "the file holds the 1+1+3 suggestion" grep -q '快乐成长小组' sug.html
check "the file is private" [ "$(stat -c %a sug.html)" = 600 ]
expect 1 "an existing file is not overwritten" -- rx -C school print letter S005 --kind sug --out sug.html
expect 1 "an unknown kind" -- rx -C school print letter S005 --kind xyz
expect 0 "list access" -- rx -C school list access
check "letters logged as accesses, in Chinese" grep -q "打印家长信 建议书 S005" out
mkdir -p school/letters && printf '<p>{{name}} {{level}} {{school}}</p>\n' >school/letters/inf.html
expect 0 "a school's own template" -- rx -C school print letter S005 --kind inf
check "the school's template used" grep -q '^<p>&lt;b&gt;小&amp;明&lt;/b&gt; 黄色 城关中学</p>$' out
printf '<p>{{nom}}</p>\n' >school/letters/inf.html
expect 2 "a template with an unknown placeholder" -- rx -C school print letter S005 --kind inf
finish
