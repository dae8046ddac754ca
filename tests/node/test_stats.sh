# Statistics end to end: a school publishes, the county reports and publishes, the city reports.
. "$(dirname "$0")/lib.sh"
export RUNXIN_TODAY=2024-10-20
enrol_chain || { echo "FAIL enrol_chain"; exit 1; }

# gen N: roster and two PHQ-9 administrations; 1 in 50 answers item 9 (red)
gen() {
	awk -v n="$1" 'BEGIN {
		print "学号,姓名,性别,出生日期,年级,班级,重点标记" > "roster.csv"
		print "学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9" > "phq1.csv"
		print "学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9" > "phq2.csv"
		for (i = 1; i <= n; i++) {
			no = sprintf("T%04d", i)
			printf "%s,测试甲%d,%s,2011-0%d-1%d,%d,%d,%s\n", no, i, (i % 2 ? "男" : "女"),
				1 + i % 9, i % 10, 7 + i % 3, 1 + i % 8, (i % 5 ? "" : "留守") > "roster.csv"
			if (i % 10 == 0) continue
			q9 = (i % 50 == 1)
			printf "%s,2024-09-10,%d,1,%d,0,1,0,0,0,%d\n", no, i % 4, i % 3, q9 > "phq1.csv"
			if (i % 7 == 0) continue
			printf "%s,2024-10-10,%d,0,1,0,1,%d,0,0,%d\n", no, (i + 1) % 4, i % 2, q9 > "phq2.csv"
		}
	}'
}
gen 300
expect 0 "import roster" -- rx -C school import roster roster.csv
expect 0 "import phq9 1" -- rx -C school import screening --scale phq9 --round 2024a phq1.csv
expect 0 "import phq9 2" -- rx -C school import screening --scale phq9 --round 2024a phq2.csv
expect 0 "a full-time teacher" -- rx -C school add staff n=王老师 ro=fp
expect 0 "room open 10 h" -- rx -C school add activity d=2024-10-08 k=or h=10

expect 1 "stats report at a school is a usage error" -- rx -C school stats report
expect 0 "stats publish at the school" -- rx -C school stats publish
# recipients of the latest stats change-set on a home's own branch
rcpts() {
	git --git-dir="$1/repo.git" for-each-ref --format='%(refname)' refs/runxin/nodes/ |
	while read -r ref; do
		c=$(git --git-dir="$1/repo.git" log --format='%H %s' "$ref" | awk '/ stats /{print $1; exit}')
		[ -n "$c" ] && git --git-dir="$1/repo.git" show "$c:meta" | awk '/^recipients/{print NF - 1}'
	done
}
check "a school's exact figures are sealed to its county only, never to the city" test "$(rcpts school | sort -u)" = 1
check "300 students published" grep -q "300 students" out
# re-running publish (after a power cut, the teacher cannot know whether it
# went through) with the same figures publishes nothing new
nstats() { git --git-dir=school/repo.git log --format=%s --all | grep -c '^runxin stats'; }
expect 0 "publish again, figures unchanged" -- rx -C school stats publish
check "  says nothing changed" grep -q "unchanged" out
check "  no second stats change-set" [ "$(nstats)" = 1 ]
# a cut after the change-set was written, before the state db noted it
sqlite3 school/node.db "DELETE FROM settings WHERE key='stats.published'"
expect 0 "publish after a cut between git and the state db" -- rx -C school stats publish
check "  still no second stats change-set" [ "$(nstats)" = 1 ]
expect 0 "school makes the hub repo and syncs to it" -- rx -C school sync ./hub.git --create
expect 0 "county syncs from the hub" -- rx -C county sync hub.git
expect 0 "county report csv, for tools" -- rx -C county stats report --format csv --no-bom
cp out county.csv
check "csv header" grep -q "^scope,node,name,year,round,table,grade,gender,group,action,level,status,count" county.csv
check "total enrolled 300 shown" grep -q "^total,.*,levels,total,total,,,total,,300$" county.csv
check "no shown count in 1..4" sh -c "! grep -E '^(school|total),.*,(levels|groups|coverage|obligations|incidents),.*,[1-4]$' county.csv"
check "hidden cells shown as *" grep -q ',\*$' county.csv
# for a spreadsheet (the default): UTF-8 BOM and CRLF, the same fields
expect 0 "county report csv for Excel" -- rx -C county stats report --format csv --out excel.csv
check "  starts with the UTF-8 BOM" sh -c "head -c 3 excel.csv | od -An -tx1 | grep -q 'ef bb bf'"
crlf_all() { [ "$(tr -cd '\r' <"$1" | wc -c)" = "$(wc -l <"$1")" ] && [ "$(grep -c $'[^\r]$' "$1")" = 0 ]; }
check "  every line ends in CRLF" crlf_all excel.csv
check "  same rows as the tool's CSV" sh -c "tail -c +4 excel.csv | tr -d '\\r' | cmp -s - county.csv"
expect 0 "county report csv, Chinese headers" -- rx -C county stats report --lang zh --out zh.csv
check "  Chinese header" sh -c "head -1 zh.csv | grep -q '^.*范围,节点,名称,学年,轮次,表,年级,性别,重点群体,工作,预警等级,状态,人数'"
check "  Chinese labels and values" sh -c "grep -q ',年级×性别×预警等级,.*,男,.*,红,' zh.csv && grep -q ',专职心理教师,' zh.csv"
check "  no English code left in the levels rows" sh -c "! grep '年级×性别×预警等级' zh.csv | grep -q -E ',(m|f|red|total),'"
expect 1 "an unknown language" -- rx -C county stats report --lang fr
expect 0 "county report json" -- rx -C county stats report --format json
check "json has epsilon_spent 0" grep -q '"epsilon_spent":0' out
expect 0 "county report html" -- rx -C county stats report --format html --out county.html
check "html has svg" grep -q "<svg" county.html
check "html has no http" sh -c "! grep -q 'http' county.html"
expect 0 "county report with noise" -- rx -C county stats report --format json --epsilon 1
check "epsilon spent recorded" grep -q '"epsilon_spent":5' out
expect 1 "bad epsilon" -- rx -C county stats report --epsilon 0
expect 0 "threshold setting" -- rx -C county stats setting threshold=9
expect 0 "county report threshold 9" -- rx -C county stats report --no-bom
check "no shown count in 1..9" sh -c "! grep -E '^(school|total),.*,(levels|groups|coverage|obligations|incidents),.*,[1-9]$' out"
expect 0 "county publishes" -- rx -C county stats publish
check "the county's suppressed view is sealed to the city" test "$(rcpts county | sort -u)" = 1
expect 0 "county syncs" -- rx -C county sync hub.git
expect 0 "city syncs" -- rx -C city sync hub.git
expect 0 "city report csv" -- rx -C city stats report --no-bom
cp out city.csv
check "city shows the school" grep -q "城关中学" city.csv
check "city: no shown count in 1..9" sh -c "! grep -E '^(school|total),.*,(levels|groups|coverage|obligations|incidents),.*,[1-9]$' city.csv"
expect 1 "city refuses --epsilon" -- rx -C city stats report --epsilon 1
# re-publishing replaces the figures: add a teacher, publish, the county sees 2
expect 0 "another teacher" -- rx -C school add staff n=李老师 ro=pp
expect 0 "publish again" -- rx -C school stats publish
expect 0 "school syncs again" -- rx -C school sync hub.git
expect 0 "county syncs again" -- rx -C county sync hub.git
expect 0 "county report" -- rx -C county stats report --no-bom
check "latest wins: one part-time teacher" grep -q "^school,.*,staff,.*,teachers_part,1$" out
check "one school row per cell" [ "$(grep -c '^school,.*,levels,total,total,,,total,' out)" = 1 ]
finish
