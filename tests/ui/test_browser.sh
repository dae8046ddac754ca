# runxin ui in headless Chromium (Debian's chromium over the DevTools pipe, tests/ui/cdp.py):
# what a teacher does with the mouse and keyboard. RX_UI_SHOTS=DIR also writes the screenshots (docs/ui.md).
. "$(dirname "$0")/../node/lib.sh"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export RUNXIN_TODAY=2024-10-20
command -v python3 >/dev/null || { echo "FAIL python3 is missing (.ci/packages lists it)"; exit 1; }
python3 -c "import sys; sys.path.insert(0, '$HERE'); import cdp; sys.exit(not cdp.find_chromium())" ||
	{ echo "FAIL chromium is missing: apt-get install chromium (.ci/packages lists it)"; exit 1; }
t0=$(date +%s)
# a school (not yet enrolled: its letters name it all the same) and its psychology teacher
rx -C school init --role school --name 城关中学 >/dev/null &&
	rx -C school add staff n=张静 ro=fp >/dev/null || { echo "FAIL init"; exit 1; }

# 48 students in 9 classes, with names; 林晓雨 (S0001, 9年级1班) answers PHQ-9 item 9:
# red. S0002 and S0005 moderate; 王老师 leads 8年级3班 (S0010 is in it).
awk 'BEGIN {
	split("王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 何", sn, " ")
	split("子涵 欣怡 梓萱 浩然 宇轩 思远 雨桐 一诺 俊杰 佳怡 明轩 诗涵", gn, " ")
	print "学号,姓名,性别,出生日期,年级,班级,重点标记" > "roster.csv"
	print "学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9" > "phq.csv"
	for (i = 1; i <= 48; i++) {
		name = i == 1 ? "林晓雨" : sn[1 + i % 16] gn[1 + (i * 7) % 12]
		grade = 7 + i % 3; klass = 1 + int(i / 3) % 3
		if (i == 1) { grade = 9; klass = 1 }
		if (i == 10) { grade = 8; klass = 3 }
		printf "S%04d,%s,%s,2011-0%d-1%d,%d,%d,%s\n", i, name, i % 2 ? "女" : "男",
			1 + i % 9, i % 10, grade, klass, i % 5 ? "" : "留守" > "roster.csv"
		if (i == 1) q = "2,2,2,2,2,1,1,1,1"
		else if (i == 2 || i == 5) q = "2,2,1,2,1,1,1,1,0"
		else q = sprintf("%d,1,0,1,0,0,0,0,0", i % 3)
		printf "S%04d,2024-10-10,%s\n", i, q > "phq.csv"
	}
}'
rx -C school import roster roster.csv >/dev/null 2>setup.err &&
	rx -C school import screening --scale phq9 --round 2024a phq.csv >/dev/null 2>setup.err &&
	RUNXIN_TODAY=2024-10-14 rx -C school confirm S0001 --level 红 --reason 一对一评估确认 >/dev/null 2>setup.err &&
	rx -C school add class gr=8 c=3 ht=王老师 >/dev/null 2>setup.err &&
	rx -C school add class gr=9 c=1 ht=李老师 >/dev/null 2>setup.err ||
	{ echo "FAIL setup"; cat setup.err; exit 1; }
# the screening file a teacher uploads: line 3 names a student not on the roster
printf '学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9\nS0007,2024-10-18,1,1,0,1,0,0,0,0,0\nS9999,2024-10-18,0,0,0,0,0,0,0,0,0\n' >upload.csv

env -u RUNXIN_PASSPHRASE "$RUNXIN" -C school ui --port 0 >ui.out 2>ui.err &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$T"' EXIT
for i in $(seq 1 100); do grep -q http ui.out 2>/dev/null && break; sleep 0.1; done
U=$(grep -o 'http://127.0.0.1:[0-9]*' ui.out)
[ -n "$U" ] || { echo "FAIL the server did not start"; cat ui.err; exit 1; }
echo "setup: $(($(date +%s) - t0)) s"

# The browser's part prints one ok/FAIL line per check, as lib.sh does.
RX_UI_URL=$U RX_UI_REPO=$T/school/repo.git RX_UI_UPLOAD=$T/upload.csv RX_UI_PROFILE=$T/chrome \
	python3 "$HERE/browser.py" >browser.out 2>browser.err
brc=$?
cat browser.out
[ -s browser.err ] && sed 's/^/  browser: /' browser.err | tail -20
CHECKS=$((CHECKS + 1))
if [ $brc = 0 ]; then echo "ok   the browser's checks"; else FAILED=$((FAILED + 1)); echo "FAIL the browser's checks (exit $brc)"; fi

# What the clicks wrote is in the archive, as the commands see it.
expect 0 "show S0001" -- rx -C school show S0001
check "the referral recorded in the browser is in runxin show" grep -q '转介.*县人民医院' out
expect 0 "show S0007" -- rx -C school show S0007
check "the screening imported in the browser too" grep -q '2024-10-18' out
expect 0 "list access" -- rx -C school list access
check "the head teacher's view is in the access log" grep -q '查看档案 S0010.*王老师' out
check "the head teacher's refused view is not" sh -c "! grep -q '查看档案 S0001.*王老师' out"
kill $PID
wait $PID
check "the server stops cleanly" [ $? = 0 ]
echo "figure: whole browser test $(($(date +%s) - t0)) s"
finish
