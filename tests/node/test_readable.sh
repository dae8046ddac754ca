# What a teacher reads: list, show and due in Chinese, aligned, with a header and
# a summary; due filters; show by name; dates as words; --help and --version.
. "$(dirname "$0")/lib.sh"
export RUNXIN_TODAY=2024-10-20
rx -C school init --role school --name 城关中学 >/dev/null || { echo "FAIL init"; exit 1; }

cat >roster.csv <<'EOF'
学号,姓名,性别,出生日期,年级,班级,重点标记
A001,张三,男,2011-03-05,8,3,留守
A002,李四,女,2011-05-06,8,3,
A003,张三,男,2012-01-01,7,1,单亲;随迁
A004,欧阳娜娜,女,2011-02-02,8,2,
A005,王五,男,2011-07-07,8,3,
EOF
# A001: 0 then 15 (无 then 橙: a real discordant pair); A002: item 9 once (red, one administration)
printf '学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9\nA001,2024-09-10,0,0,0,0,0,0,0,0,0\nA002,2024-09-10,0,0,0,0,0,0,0,0,1\n' >p1.csv
printf '学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9\nA001,2024-09-20,3,3,3,3,2,1,0,0,0\n' >p2.csv
expect 0 "import roster" -- rx -C school import roster roster.csv
expect 0 "import first administration" -- rx -C school import screening --scale phq9 --round r1 p1.csv
expect 0 "import second administration" -- rx -C school import screening --scale phq9 --round r1 p2.csv
expect 0 "class 8/3 with its head teacher" -- rx -C school add class gr=8 c=3 ht=王老师
expect 0 "class 8/2 with its head teacher" -- rx -C school add class 年级=8 班级=2 班主任=赵老师

# list: Chinese labels and values, no field codes, a header and a summary
expect 0 "list student" -- rx -C school list student
check "header names 学号 姓名 性别" sh -c 'head -1 out | grep -q "^学号 *姓名 *性别"'
check "no field codes (n=, f=, ...)" sh -c '! grep -Eq "[a-z]+=" out'
check "gender and key groups in Chinese" sh -c 'grep -q "^A003 *张三 *男 .*单亲/离异、随迁" out'
check "levels in Chinese" sh -c 'grep -q "^A002 .* 红 *红$" out'
check "summary line" grep -qx "共 5 名学生: 红 1, 橙 1, 黄 0, 无 3" out
# each column starts at the same display column in every row (汉字 are two wide)
cat >starts.py <<'EOF'
import sys, unicodedata
def w(s): return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
rows = [l.rstrip("\n") for l in open(sys.argv[1]) if l[:2] in ("学号", "A0")]
# where the birth date column starts: after 学号, 姓名 (张三, 欧阳娜娜), 性别
starts = {w(l[:l.index("出生日期" if l.startswith("学号") else "20")]) for l in rows}
sys.exit(0 if len(rows) == 6 and len(starts) == 1 else 1)
EOF
check "columns aligned (CJK two columns wide)" python3 starts.py out
expect 0 "list class" -- rx -C school list class
check "class list names the head teacher" sh -c 'grep -q "班主任" out && grep -q "王老师" out && ! grep -Eq "[a-z]+=" out'
expect 0 "list student --json keeps its keys" -- rx -C school list student --json
check "  id, name, level" sh -c 'grep -q "\"id\":\"A002\",\"name\":\"李四\"" out && grep -q "\"level\":\"red\"" out'

# show: by 学号 or name; an ambiguous name lists both (exit 1); unknown exits 2
expect 0 "show by name" -- rx -C school show 李四
check "  the student, in Chinese" grep -q "^学生  A002  李四  女  8年级3班" out
check "  one administration is not called discordant" sh -c 'grep -q "只测了一次" out && ! grep -q 不一致 out'
check "  no field codes" sh -c '! grep -Eq "(^| )[a-z]+=" out'
expect 0 "show by 学号" -- rx -C school show A001
check "  a real pair two levels apart is discordant" grep -q "建议等级  橙 (轮次 r1, 两次测评不一致)" out
check "  the answers in Chinese" grep -q "量表 PHQ-9  轮次 r1  施测次 2  总分 15  建议等级 橙" out
expect 1 "show an ambiguous name" -- rx -C school show 张三
check "  lists both with their classes" sh -c 'grep -q "A001 (8年级3班)" err && grep -q "A003 (7年级1班)" err && grep -q 请用学号 err'
expect 2 "show an unknown student" -- rx -C school show 无名氏
check "  one line" test "$(grep -c . err)" = 1

# dates as words; add without a date is dated today
expect 0 "add counselling d=today" -- rx -C school add counselling no=A002 d=today k=面谈 by=王老师
check "  says added, in Chinese" grep -q "^已添加 A002/" out
expect 0 "add home-visit d=昨天" -- rx -C school add home-visit 学号=A002 日期=昨天 方式=实地
expect 0 "add notice without a date" -- rx -C school add notice no=A002 t=知情书
check "  says it is dated today" grep -q "记为今天 2024-10-20" out
expect 2 "add d=明天 is refused" -- rx -C school add counselling no=A002 d=明天 k=面谈
expect 0 "show A002 after adding" -- rx -C school show A002
check "  counselling dated today" grep -q "^2024-10-20  辅导 *类型 面谈  辅导教师 王老师" out
check "  home visit dated yesterday" grep -q "^2024-10-19  家访 *方式 实地" out
check "  notice dated today" grep -q "^2024-10-20  家长告知 *类型 知情书" out
expect 0 "list counselling" -- rx -C school list counselling
check "  Chinese labels, no codes" sh -c 'head -1 out | grep -q "辅导教师" && ! grep -Eq "[a-z]+=" out'
check "  summary" grep -qx "共 1 条辅导记录 (1 名学生)" out

# due: a head teacher's class, with a title, days overdue and a summary
expect 0 "due --grade 8 --class 3" -- rx -C school due --grade 8 --class 3
check "  title" grep -qx "截至 2024-10-20 的待办事项 (8年级, 3班)" out
check "  header" sh -c 'sed -n 2p out | grep -q "^期限状态 *学号 *姓名 *年级班级 *事项 *期限 *等级"'
check "  only class 8/3" sh -c '[ "$(sed "1,2d;\$d" out | grep -vc " 8年级3班 ")" = 0 ] && [ "$(sed "1,2d;\$d" out | wc -l)" -gt 3 ]'
check "  days overdue" grep -q "^逾期 40 天 *A002 *李四 *8年级3班 *一对一专业评估 (PHQ-9 第9题 阳性.* *2024-09-10 *红" out
check "  days left" grep -q "^还剩 315 天 " out
check "  summary" sh -c 'tail -1 out | grep -Eq "^共 [0-9]+ 项: 逾期 [0-9]+, 今天到期 [0-9]+, 待办 [0-9]+$"'
check "  no field codes" sh -c '! grep -Eq "[a-z]+=" out'
expect 0 "due --class 3班 --grade 初二 (as teachers write them)" -- rx -C school due --class 3班 --grade 初二
cp out due83
expect 0 "due --teacher 王老师" -- rx -C school due --teacher 王老师
sed 1d out >due_t; sed 1d due83 >due_gc
check "  the same as --grade 8 --class 3 but for the title" cmp -s due_t due_gc
check "  head teacher shown" grep -q " 王老师$" out
expect 2 "due --teacher nobody" -- rx -C school due --teacher 无此人
check "  says no class has that head teacher" grep -q "没有哪个班的班主任是 无此人" err
expect 1 "due --grade nonsense" -- rx -C school due --grade 十三年级
expect 0 "due --overdue" -- rx -C school due --overdue
check "  only overdue rows" sh -c '[ "$(sed "1,2d;\$d" out | grep -vc "^逾期 ")" = 0 ]'
check "  summary: nothing upcoming" sh -c 'tail -1 out | grep -q "今天到期 0, 待办 0$"'
expect 0 "due --json --class 2" -- rx -C school due --json --class 2
check "  stable keys and new ones" sh -c 'grep -q "\"student\":\"A004\",\"name\":\"欧阳娜娜\",\"action\":\"screening\"" out && grep -q "\"days_left\":315" out && grep -q "\"grade\":\"8\",\"class\":\"2\"" out && grep -q "\"head_teacher\":\"赵老师\"" out && ! grep -q A002 out'

# --help for every command in the table, -h too, and the version
expect 0 "runxin --help" -- rx --help
grep -E '^  [a-z][a-z-]+ ' out | awk '{ print $1 }' >commands
check "--help lists at least 23 commands" [ "$(wc -l <commands)" -ge 23 ]
check "--help describes them in Chinese" grep -q "^  due  *待办事项" out
while read -r c; do
	expect 0 "$c --help" -- rx "$c" --help
	check "  usage in Chinese and English" sh -c 'grep -q "^用法 (usage): runxin '"$c"'" out && grep -qP "\\p{Han}" out'
	expect 0 "$c -h" -- rx "$c" -h
done <commands
expect 0 "help due" -- rx help due
check "  due's options" grep -q -- "--teacher NAME" out
expect 0 "add counselling --help" -- rx add counselling --help
check "  fields with Chinese names, required, values" sh -c 'grep -q "类型 *k *kind *必填 *预约 (ap" out && grep -q "日期 .*不写则为今天" out'
expect 0 "add student --help" -- rx add 学生 --help
check "  key groups and genders by name" sh -c 'grep -q "留守、单亲/离异" out && grep -q "男/女" out'
expect 1 "add screening --help (not added by hand)" -- rx add screening --help
expect 0 "--version" -- rx --version
check "  a version number" grep -Eqx "runxin [0-9]+\.[0-9]+\.[0-9]+" out
expect 0 "version" -- rx version
expect 1 "an unknown command" -- rx nosuch
finish
