# Transfer (档案转接) across two counties under one city, with real syncs through three hubs: sealed to the receiving school, unread at every hub, accepted once, refused and reported, the sender keeps only the transfer record.
. "$(dirname "$0")/lib.sh"
export RUNXIN_TODAY=2024-10-20
enrol_chain || { echo "FAIL enrol_chain"; exit 1; }
# county 2 under the same city, with its school
rx -C county2 init --role county --name 高邮市 >/dev/null &&
	rx -C county2 identity >county2.req && rx -C city enroll county2.req >county2.bundle 2>/dev/null &&
	rx -C county2 join county2.bundle --root-fingerprint "$ROOT_FP" >/dev/null &&
	rx -C school2 init --role school --name 高邮实验初中 >/dev/null &&
	rx -C school2 identity >school2.req && rx -C county2 enroll school2.req >school2.bundle 2>/dev/null &&
	rx -C school2 join school2.bundle --root-fingerprint "$ROOT_FP" >/dev/null || { echo "FAIL county2"; exit 1; }

printf '学号,姓名,性别,出生日期,年级,班级,重点标记\nT0001,王小明,男,2010-03-01,8,2,留守\nT0002,李小红,女,2010-05-01,8,2,\n' >a.csv
# the receiving school already has a T0001 of its own
printf '学号,姓名,性别,出生日期,年级,班级,重点标记\nT0001,赵本校,女,2010-01-01,8,1,\n' >b.csv
expect 0 "school imports" -- rx -C school import roster a.csv
expect 0 "school2 imports" -- rx -C school2 import roster b.csv
expect 0 "a home visit" -- rx -C school add home-visit no=T0001 d=2024-10-01 m=实地 nt=家访记录甲
expect 0 "a counselling" -- rx -C school add counselling no=T0001 d=2024-10-05 k=iv nt=面谈记录乙

# county A's hub, the city's hub, county B's hub; the county and city homes relay
q() { "$@" >/dev/null 2>>"$T/syncerr" || echo "sync failed: $*" >>"$T/syncerr"; }
# up: from school A to county B's hub (school B syncs apart); down: back
up() {
	q rx -C school sync ./hubA.git; q rx -C county sync ./hubA.git; q rx -C county sync ./hubC.git
	q rx -C city sync ./hubC.git; q rx -C county2 sync ./hubC.git; q rx -C county2 sync ./hubB.git
}
down() {
	q rx -C school2 sync ./hubB.git; q rx -C county2 sync ./hubB.git; q rx -C county2 sync ./hubC.git
	q rx -C county sync ./hubC.git; q rx -C county sync ./hubA.git; q rx -C school sync ./hubA.git
}
for h in hubA hubB hubC; do git init -q --bare $h.git; done
# the directory first: each school learns the other's certificate through the city
q rx -C city sync ./hubC.git; q rx -C county2 sync ./hubC.git; q rx -C county sync ./hubC.git
q rx -C county sync ./hubA.git; q rx -C school sync ./hubA.git
check "  syncs through the hubs" sh -c "! grep -q 'sync failed' $T/syncerr"

expect 2 "to a school not in the directory" -- rx -C school transfer T0001 --to 不存在的学校
check "  says so" grep -q "目录中没有学校" err
expect 0 "T0001 is involved in an incident: red, care owed" -- rx -C school add incident d=2024-10-19 st=T0001 k=自伤
expect 0 "transfer to a school of the other county" -- rx -C school transfer T0001 --to 高邮实验初中
check "  warns that the level and care owed travel with the archive" grep -q "^注意: T0001 的预警等级和未完成的关爱任务已作为观察报告随档案转交" err
id=$(sed -n 's/^档案转接 \([0-9a-f]\{8\}\):.*/\1/p' out)
check "  an 8-hex id" [ ${#id} = 8 ]
expect 2 "the same student again while pending" -- rx -C school transfer T0001 --to 高邮实验初中
expect 0 "the sender's list" -- rx -C school transfer --list
check "  pending" grep -q "$id  转出 到	高邮实验初中	T0001	王小明	2024-10-20	待接收" out
expect 0 "meanwhile the student stays at the sender" -- rx -C school list student
check "  on its roster" grep -q "T0001" out

school=$(rx -C school status --json | sed -n 's/.*"node":"\([^"]*\)".*/\1/p' | head -1)
school2=$(rx -C school2 status --json | sed -n 's/.*"node":"\([^"]*\)".*/\1/p' | head -1)
ref=refs/runxin/xfer/$school2/$school
up
# what a hub holds: the chain, its message and meta, no student data
for h in hubA hubC hubB; do
	check "  hub $h holds the chain" git --git-dir=$h.git rev-parse -q --verify $ref >/dev/null
done
check "  message without student data" [ "$(git --git-dir=hubC.git log --format=%B -1 $ref)" = "runxin transfer #1" ]
git --git-dir=hubC.git cat-file blob $ref:meta >meta
check "  meta names two recipients only" grep -qE '^recipients [0-9a-f]{16} [0-9a-f]{16}$' meta
check "  meta without student data" sh -c "! grep -qE 'T0001|王小明' meta"
for n in county county2 city; do
	expect 0 "the $n home tries to open what it relays" -- rx -C $n inbox
	check "  cannot read it" grep -q "档案转接 1 份, 本节点无法读取" out
	check "  learns no student data" sh -c "! grep -qE 'T0001|王小明' out"
	check "  and no key opened it" sh -c "! grep -q 安全警告 out"
done

# a hub that alters the offer: refused at the door of the receiving school
rm -rf evil.git && cp -r hubB.git evil.git
python3 - "$ref" <<'PY'
import subprocess, sys
g = ['git', '--git-dir=evil.git']
ref = sys.argv[1]
run = lambda args, inp=None: subprocess.run(g + args, input=inp, capture_output=True, check=True).stdout
tip = run(['rev-parse', ref]).decode().strip()
out = []
for line in run(['ls-tree', tip]).decode().splitlines():
    meta, name = line.split('\t')
    mode, typ, oid = meta.split()
    if name == 'payload':
        b = bytearray(run(['cat-file', 'blob', oid]))
        b[len(b) // 2] ^= 1
        oid = run(['hash-object', '-w', '--stdin'], bytes(b)).decode().strip()
    out.append('%s %s %s\t%s' % (mode, typ, oid, name))
tree = run(['mktree'], ('\n'.join(out) + '\n').encode()).decode().strip()
lines = run(['cat-file', 'commit', tip]).split(b'\n')
lines[0] = b'tree ' + tree.encode()
new = run(['hash-object', '-t', 'commit', '-w', '--stdin'], b'\n'.join(lines)).decode().strip()
run(['update-ref', ref, new])
PY
# the hostile hub serves the altered offer in its school views too
for v in evil.git/views/*.git; do
	[ -d "$v" ] && git --git-dir="$v" update-ref "$ref" "$(git --git-dir=evil.git rev-parse "$ref")"
done
expect 3 "a tampered offer is refused at the receiving school" -- rx -C school2 sync ./evil.git
check "  the reason: its payload" grep -qi "payload" err
expect 0 "the genuine hub" -- rx -C school2 sync ./hubB.git

expect 0 "the receiving school's inbox" -- rx -C school2 inbox
check "  lists the offer from the other county's school" grep -q "$id  转入 来自	城关中学	T0001	王小明	2024-10-20	待接收" out
expect 0 "inbox json" -- rx -C school2 inbox --json
check "  as a transfer object" grep -q "\"type\":\"transfer\",\"id\":\"$id\",\"direction\":\"in\"" out
expect 0 "not in the roster before accepting" -- rx -C school2 list student
check "  not taken in" sh -c "! grep -q 王小明 out"
expect 2 "accept under a student number taken here" -- rx -C school2 accept "$id"
check "  says use --as" grep -q -- "--as" err
expect 0 "accept under a number of this school" -- rx -C school2 accept "$id" --as B0101
check "  4 records (student, visit, counselling, the carried level)" grep -q "4 条记录转入" out
expect 2 "a replay is not taken twice" -- rx -C school2 accept "$id" --as B0102
check "  already accepted" grep -q "already accepted" err
expect 0 "the roster" -- rx -C school2 list student
check "  the student is there" grep -q "B0101  王小明" out
check "  the school's own T0001 untouched" grep -q "T0001  赵本校" out
check "  not twice" sh -c "! grep -q B0102 out"
expect 0 "the history readable at the receiving school" -- rx -C school2 show B0101
check "  the home visit" grep -q "家访记录甲" out
check "  the counselling" grep -q "面谈记录乙" out
check "  marked received: from, date" grep -q "2024-10-20  档案转接.*方向 转入  学校 城关中学" out
check "  the level it left with, as an observation" grep -q "转出学校转交: 红色预警; 转出时 [1-9][0-9]* 项关爱任务未完成" out
expect 0 "the receiving school's due" -- rx -C school2 due --json
check "  owes B0101 an assessment" grep -q '"student":"B0101",[^}]*"action":"assessment"' out
expect 2 "a transfer record cannot be typed by hand" -- rx -C school2 add transfer no=B0101 x=1 dr=in sn=某校 d=2024-10-01

down
check "  syncs back" sh -c "! grep -q 'sync failed' $T/syncerr"
expect 0 "the old school shows only the transfer record" -- rx -C school show T0001
check "  the transfer record" grep -q "方向 转出  学校 高邮实验初中  学校编号 [0-9a-f]*  日期 2024-10-20" out
check "  nothing else" sh -c "! grep -qE '家访记录甲|面谈记录乙|王小明|留守' out"
expect 0 "the old school's roster" -- rx -C school list student
check "  the student left it" sh -c "! grep -q T0001 out"
expect 0 "the old school's due" -- rx -C school due
check "  no longer owed" sh -c "! grep -q T0001 out"
expect 0 "the sender's list" -- rx -C school transfer --list
check "  accepted, no name kept" grep -q "$id  转出 到	高邮实验初中	T0001		2024-10-20	已接收 2024-10-20" out

# a refusal is reported to the sender; the student stays
expect 0 "transfer another student" -- rx -C school transfer T0002 --to 高邮实验初中
id2=$(sed -n 's/^档案转接 \([0-9a-f]\{8\}\):.*/\1/p' out)
up; q rx -C school2 sync ./hubB.git
expect 1 "a refusal needs a reason" -- rx -C school2 accept "$id2" --refuse
expect 0 "the receiving school refuses" -- rx -C school2 accept "$id2" --refuse --reason 学籍未到
expect 2 "then cannot accept it" -- rx -C school2 accept "$id2"
down
expect 0 "the sender learns it" -- rx -C school transfer --list
check "  refused with the reason" grep -q "$id2  转出 到	高邮实验初中	T0002	李小红	2024-10-20	被拒绝 2024-10-20 理由: 学籍未到" out
expect 0 "the student stays" -- rx -C school show T0002
check "  full archive" grep -q "李小红" out
expect 0 "it can be sent again after a refusal" -- rx -C school transfer T0002 --to 高邮实验初中
expect 0 "the city audit passes with transfer chains" -- rx -C city sync ./hubC.git
expect 0 "city verify" -- rx -C city verify
finish
