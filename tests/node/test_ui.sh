# runxin ui driven with curl: login, sessions, CSRF, Host checks, headers, escaping, access log; figures.
. "$(dirname "$0")/lib.sh"
export RUNXIN_TODAY=2024-10-20
command -v curl >/dev/null || { echo "FAIL curl is missing (.ci/packages lists it)"; exit 1; }
rx -C school init --role school --name 城关中学 >/dev/null || { echo "FAIL init"; exit 1; }

# 400 students; S0002's name is markup; S0001 answers item 9 (red)
awk 'BEGIN {
	print "学号,姓名,性别,出生日期,年级,班级,重点标记" > "roster.csv"
	print "学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9" > "phq.csv"
	for (i = 1; i <= 400; i++) {
		name = i == 2 ? "<script>alert(1)</script>" : sprintf("学生%d", i)
		printf "S%04d,%s,%s,2011-01-02,%d,%d,%s\n", i, name, i % 2 ? "男" : "女",
			7 + i % 3, 1 + i % 8, i % 5 ? "" : "留守" > "roster.csv"
		printf "S%04d,2024-10-10,%d,1,1,0,1,0,0,0,%d\n", i, i % 4, i % 40 == 1 > "phq.csv"
	}
}'
rx -C school import roster roster.csv >/dev/null 2>import.err &&
	rx -C school import screening --scale phq9 --round 2024a phq.csv >/dev/null 2>import.err ||
	{ echo "FAIL import"; cat import.err; exit 1; }

# The server gets no passphrase but the one typed on the login page.
env -u RUNXIN_PASSPHRASE "$RUNXIN" -C school ui --port 0 >ui.out 2>ui.err &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$T"' EXIT
for i in $(seq 1 100); do grep -q http ui.out 2>/dev/null && break; sleep 0.1; done
U=$(grep -o 'http://127.0.0.1:[0-9]*' ui.out)
check "server says where it listens" [ -n "$U" ]
[ -n "$U" ] || { cat ui.err; finish; exit 1; }

get() { curl -s -o "$T/page" -w '%{http_code}' -b "$T/jar" -c "$T/jar" "$@"; }
commits() { git --git-dir=school/repo.git rev-list --all | wc -l; }
token() { grep -o 'name="csrf" value="[0-9a-f]*' "$T/page" | head -1 | sed 's/.*value="//'; }

check "a page without a session goes to the login page" [ "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$U/students")" = "303 $U/login" ]
check "a student's page without a session too" [ "$(curl -s -o /dev/null -w '%{http_code}' "$U/student?no=S0001")" = 303 ]
check "a POST without a session is refused" [ "$(curl -s -o /dev/null -w '%{http_code}' -d no=S0001 -d level=红 "$U/confirm")" = 403 ]

curl -s -D hdr -o /dev/null "$U/login"
check "CSP default-src 'self', no inline script" grep -qi "^Content-Security-Policy: default-src 'self'; script-src 'self';" hdr
check "X-Frame-Options DENY" grep -qi '^X-Frame-Options: DENY' hdr
check "nosniff" grep -qi '^X-Content-Type-Options: nosniff' hdr
check "Referrer-Policy same-origin (no-referrer makes a browser's every form Origin: null)" grep -qi '^Referrer-Policy: same-origin' hdr
check "login cookie HttpOnly SameSite=Strict" grep -qi '^Set-Cookie: rx_l=[0-9a-f]*; Path=/login; HttpOnly; SameSite=Strict' hdr
check "another Host is refused (DNS rebinding)" [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: evil.example' "$U/login")" = 403 ]
check "another Host with our port too" [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: evil.example:${U##*:}" "$U/login")" = 403 ]
check "localhost is accepted" [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: localhost:${U##*:}" "$U/login")" = 200 ]

get "$U/login" >/dev/null
L=$(token)
check "login without its token is refused" [ "$(get --data-urlencode passphrase=correct-horse-电池 "$U/login")" = 403 ]
check "a wrong passphrase is refused" [ "$(get --data-urlencode csrf="$L" --data-urlencode passphrase=wrong "$U/login")" = 403 ]
check "  and says so" grep -q '口令不对' "$T/page"
check "  no session cookie" sh -c "! grep -q rx_s '$T/jar'"
check "the right passphrase logs in" [ "$(get --data-urlencode csrf="$L" --data-urlencode passphrase=correct-horse-电池 "$U/login")" = 303 ]
check "  session cookie HttpOnly" grep -q '^#HttpOnly_127.0.0.1.*rx_s' "$T/jar"

check "dashboard" [ "$(get "$U/")" = 200 ]
C=$(token)
check "dashboard names the red student and why" grep -q 'student?no=S0001">S0001</a></td><td>学生1</td><td>[^<]*</td><td>PHQ-9 第9题 阳性' "$T/page"
check "dashboard lists overdue obligations" grep -q '逾期' "$T/page"
check "student list" [ "$(get "$U/students?level=%E7%BA%A2")" = 200 ]
check "  filtered by level: red only" sh -c "grep -q 'S0001' '$T/page' && ! grep -q '>S0003<' '$T/page'"
check "student list by class" [ "$(get "$U/students?grade=8&class=3")" = 200 ]
check "  holds 8年级3班 only" sh -c "grep -q '8年级3班' '$T/page' && ! grep -q '7年级' '$T/page'"
get "$U/students" >/dev/null
check "  escaped in the list" sh -c "grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' '$T/page' && ! grep -q '<script>' '$T/page'"
check "student page" [ "$(get "$U/student?no=S0002")" = 200 ]
check "  escaped on the student's page" sh -c "grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' '$T/page' && ! grep -q '<script>' '$T/page'"
check "  no inline script on any page" sh -c "! grep -qi '<script' '$T/page'"

n0=$(commits)
check "a POST without a CSRF token is refused (403)" [ "$(get -d no=S0001 -d level=红 "$U/confirm")" = 403 ]
check "a POST with a wrong CSRF token is refused" [ "$(get -d csrf=0000 -d no=S0001 -d level=红 "$U/confirm")" = 403 ]
check "a POST with another session's token length but wrong is refused" [ "$(get -d "csrf=$(printf %064d 0)" -d no=S0001 -d level=红 "$U/confirm")" = 403 ]
check "a cross-site Origin is refused" [ "$(get -H 'Origin: http://evil.example' -d csrf="$C" -d no=S0001 -d level=红 "$U/confirm")" = 403 ]
check "  and nothing was written" [ "$(commits)" = "$n0" ]

check "confirm a level with a reason" [ "$(get -d csrf="$C" -d no=S0003 --data-urlencode level=黄 --data-urlencode reason=评估后有轻度焦虑 "$U/confirm")" = 303 ]
check "an override without a reason is refused, in words" [ "$(get -d csrf="$C" -d no=S0001 --data-urlencode level=无 "$U/confirm")" = 400 ]
check "counselling form from the type table" [ "$(get "$U/record?type=cs&no=S0001")" = 200 ]
check "  has its kinds" sh -c "grep -q '<option value=\"iv\">面谈</option>' '$T/page'"
check "home visit form" [ "$(get "$U/record?type=hv&no=S0001")" = 200 ]
check "add a counselling record" [ "$(get -d csrf="$C" -d type=cs -d no=S0001 -d k=iv --data-urlencode nt=谈话顺利 "$U/record")" = 303 ]
check "add a home visit" [ "$(get -d csrf="$C" -d type=hv -d no=S0001 -d m=os -d d=2024-10-19 "$U/record")" = 303 ]
check "a bad date is refused in words" [ "$(get -d csrf="$C" -d type=cs -d no=S0001 -d k=iv -d d=2024-13-40 "$U/record")" = 400 ]
check "a home visit without its required mode is refused, in words" [ "$(get -d csrf="$C" -d type=hv -d no=S0001 "$U/record")" = 400 ]
check "  naming the field" grep -q '缺少必填字段 方式' "$T/page"
expect 0 "show S0003" -- rx -C school show S0003
check "the level confirmed in the UI is in runxin show" grep -q '确认等级  黄' out
expect 0 "show S0001" -- rx -C school show S0001
check "the counselling record is in runxin show" grep -q '辅导.*面谈.*谈话顺利' out
check "the home visit too" grep -q '2024-10-19  家访' out
expect 0 "list access" -- rx -C school list access
check "the access log has the UI's view of S0002" grep -q 'S0002' out
check "sync without a remote says so in words" [ "$(get -d csrf="$C" "$U/sync")" = 200 ]
check "  in Chinese" grep -q '同步未全部完成' "$T/page"

# a printable letter (print letter's HTML); its style allowed by hash only
check "a 知情书 for a confirmed student" [ "$(curl -s -D lhdr -o "$T/page" -b "$T/jar" -w '%{http_code}' "$U/letter?kind=inf&no=S0003")" = 200 ]
check "  is the letter" grep -q '知情书' "$T/page"
check "  its style allowed by its hash, no script" grep -qi "^Content-Security-Policy: default-src 'none'; style-src 'self' 'sha256-" lhdr
check "no letter for a student without a confirmed level" [ "$(get "$U/letter?kind=sug&no=S0010")" = 400 ]
expect 0 "list access" -- rx -C school list access
check "the letter is in the access log" grep -q '打印家长信.*S0003' out

# import with a preview: a GBK file with two bad lines; nothing is written before the commit
printf '学号,日期,q1,q2,q3,q4,q5,q6,q7,q8,q9\nS0005,2024-10-12,1,1,1,1,1,1,1,1,0\nS9999,2024-10-12,0,0,0,0,0,0,0,0,0\nS0006,2024-10-12,9,0,0,0,0,0,0,0,0\n' |
	iconv -f UTF-8 -t GBK >scr.csv
check "import page" [ "$(get "$U/import")" = 200 ]
check "  offers the scales" grep -q '<option value="phq9">' "$T/page"
n0=$(commits)
check "preview an upload" [ "$(get -F csrf="$C" -F kind=screening -F scale=phq9 -F round=2024b -F adm= -F file=@scr.csv "$U/import")" = 200 ]
check "  reads GBK" grep -q 'GB' "$T/page"
check "  one line can be imported" grep -q '1 行可以导入' "$T/page"
check "  names line 3: unknown student" grep -q "<li>第 3 行: 学号 &#39;S9999&#39; 不在花名册中" "$T/page"
check "  names line 4: a bad answer" grep -q '<li>第 4 行' "$T/page"
check "  nothing written by the preview" [ "$(commits)" = "$n0" ]
ID=$(grep -o 'name="commit" value="[0-9a-f]*' "$T/page" | sed 's/.*value="//')
check "an upload without the CSRF token is refused" [ "$(get -F kind=roster -F file=@scr.csv "$U/import")" = 403 ]
check "a commit without the CSRF token is refused" [ "$(get -d commit="$ID" "$U/import")" = 403 ]
check "  nothing written" [ "$(commits)" = "$n0" ]
check "commit the previewed import" [ "$(get -d csrf="$C" -d commit="$ID" "$U/import")" = 200 ]
check "  says what was written" grep -q '1 行已导入' "$T/page"
check "the same preview cannot be committed twice" [ "$(get -d csrf="$C" -d commit="$ID" "$U/import")" = 409 ]
expect 0 "show S0005" -- rx -C school show S0005
check "the imported screening is in runxin show" grep -q '轮次 2024b' out

# a head teacher's login sees the classes they lead only, and changes nothing
rx -C school add class gr=8 c=3 ht=王老师 >/dev/null && rx -C school add class gr=8 c=2 ht=李老师 >/dev/null ||
	echo "FAIL add class"
check "set a head teacher's password" [ "$(get -d csrf="$C" --data-urlencode who=王老师 -d password=wang-pass-1 "$U/users")" = 303 ]
check "only for a class's head teacher" [ "$(get -d csrf="$C" --data-urlencode who=赵老师 -d password=zhao-pass-1 "$U/users")" = 400 ]
hget() { curl -s -o "$T/hpage" -w '%{http_code}' -b "$T/hjar" -c "$T/hjar" "$@"; }
hget "$U/login" >/dev/null
HL=$(grep -o 'name="csrf" value="[0-9a-f]*' "$T/hpage" | sed 's/.*value="//')
check "a head teacher with a wrong password is refused" [ "$(hget --data-urlencode csrf="$HL" --data-urlencode who=王老师 -d passphrase=wrong-pass "$U/login")" = 403 ]
check "a head teacher logs in" [ "$(hget --data-urlencode csrf="$HL" --data-urlencode who=王老师 -d passphrase=wang-pass-1 "$U/login")" = 303 ]
check "  opens a student of their class" [ "$(hget "$U/student?no=S0010")" = 200 ]
check "  cannot open a student of another class" [ "$(hget "$U/student?no=S0001")" = 403 ]
check "  nor print their letter" [ "$(hget "$U/letter?kind=inf&no=S0003")" = 403 ]
check "  lists only their class" [ "$(hget "$U/students")" = 200 ]
check "    8年级3班 only" sh -c "grep -q '>S0010<' '$T/hpage' && ! grep -q '>S0001<' '$T/hpage' && ! grep -q '8年级2班' '$T/hpage'"
check "  dashboard of their class" [ "$(hget "$U/")" = 200 ]
check "    no other class's red student" sh -c "! grep -q 'S0001' '$T/hpage'"
HC=$(grep -o 'name="csrf" value="[0-9a-f]*' "$T/hpage" | head -1 | sed 's/.*value="//')
check "  cannot confirm a level" [ "$(hget -d csrf="$HC" -d no=S0010 --data-urlencode level=红 --data-urlencode reason=x "$U/confirm")" = 403 ]
check "  nor add records" [ "$(hget -d csrf="$HC" -d type=cs -d no=S0010 -d k=iv "$U/record")" = 403 ]
expect 0 "list access" -- rx -C school list access
check "the access log names the head teacher's view" grep -q '查看档案 S0010.*王老师' out

# figures: time per page at 400 students, memory of the server
for p in / /students "/student?no=S0001"; do
	t=$(curl -s -o /dev/null -w '%{time_total}' -b "$T/jar" "$U$p")
	echo "figure: GET $p at 400 students: $t s"
done
echo "figure: server memory: $(grep -E '^(VmRSS|VmHWM)' /proc/$PID/status | tr -s ' \t' ' ' | tr '\n' ' ')"

check "logout" [ "$(get -d csrf="$C" "$U/logout")" = 303 ]
check "after logout pages go to login" [ "$(get "$U/")" = 303 ]
check "after logout the old token is useless" [ "$(get -d csrf="$C" -d no=S0001 -d level=红 "$U/confirm")" = 403 ]
kill $PID
wait $PID
check "stops cleanly on SIGTERM" [ $? = 0 ]
finish
