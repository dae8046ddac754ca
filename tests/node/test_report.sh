# Review reports end to end: a school's incident and report sealed up, the county reads and countersigns, the school sees it, the city reads it.
. "$(dirname "$0")/lib.sh"
export RUNXIN_TODAY=2024-10-20
enrol_chain || { echo "FAIL enrol_chain"; exit 1; }
# another county under the same city, with a school of its own
rx -C county2 init --role county --name 高邮市 >/dev/null &&
	rx -C county2 identity >county2.req && rx -C city enroll county2.req >county2.bundle 2>/dev/null &&
	rx -C county2 join county2.bundle --root-fingerprint "$ROOT_FP" >/dev/null || { echo "FAIL county2"; exit 1; }

printf '学号,姓名,性别,出生日期,年级,班级,重点标记\nS001,测试甲,男,2010-03-01,8,2,\n' >roster.csv
expect 0 "import roster" -- rx -C school import roster roster.csv
expect 0 "an incident" -- rx -C school add incident no=S001 d=2024-10-01 k=自伤
check "  the notice is sealed up at once" grep -q "事件通知 1" out
inc=$(rx -C school list incident --json | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -1)
check "  incident id known" [ -n "$inc" ]
nrep() { git --git-dir="$1"/repo.git log --format=%s --all | grep -c '^runxin report'; }
check "  one report change-set" [ "$(nrep school)" = 1 ]
expect 0 "add again, nothing new to send" -- rx -C school add incident id="$inc" nt=经过
check "  still one report change-set" [ "$(nrep school)" = 1 ]

expect 0 "school syncs to the hub" -- rx -C school sync ./hub.git --create
expect 0 "county syncs" -- rx -C county sync hub.git
expect 0 "county inbox" -- rx -C county inbox
check "  lists the school" grep -q "城关中学" out
check "  deadline 14 days on" grep -q "2024-10-15" out
check "  overdue, no report" grep -q "逾期未报" out
check "  no student number shown" sh -c "! grep -q S001 out"
id=$(rx -C county inbox --json | sed -n 's/.*"id":"\([0-9a-f]*\)".*/\1/p')
check "  a short id" [ ${#id} = 8 ]
expect 0 "county inbox json" -- rx -C county inbox --json
check "  status overdue" grep -q '"status":"overdue"' out
expect 2 "countersign before the report arrives" -- rx -C county report sign "$id" --name 张局长

aspect=$(awk 'BEGIN { for (i = 0; i < 760; i++) printf "情况"; }')
expect 0 "the review is submitted" -- rx -C school add review id="$inc" a1="日常$aspect" \
	a2="家庭$aspect" a3="诱因$aspect" a4="措施$aspect" si=李老师 ss=王书记 sp=赵校长 sd=2024-10-12
check "  the report is sealed up" grep -q "复盘报告 1" out
expect 0 "school due" -- rx -C school due
check "  review still owed: not countersigned" grep -q "复盘报告" out
expect 2 "a school cannot type the county's countersignature" -- \
	rx -C school add review id="$inc" cx=0123456789abcdef cn=张局长 cd=2024-10-13
expect 0 "the old typed county name is still accepted" -- rx -C school add review id="$inc" sc=孙局长
expect 0 "school due" -- rx -C school due
check "  but does not complete the review" grep -q "复盘报告" out
expect 0 "school syncs" -- rx -C school sync hub.git
expect 0 "county syncs" -- rx -C county sync hub.git
expect 0 "county inbox" -- rx -C county inbox
check "  on time" grep -q "按时" out
check "  not countersigned" grep -q "未会签$" out
expect 0 "county reads the report" -- rx -C county report show "$id"
check "  aspect 1" grep -q "^日常情况" out
check "  aspect 4" grep -q "^措施情况" out
check "  signatures" grep -q "赵校长" out
expect 2 "an unknown id" -- rx -C county report show 00000000

expect 0 "the other county syncs" -- rx -C county2 sync hub.git
expect 0 "the other county's inbox" -- rx -C county2 inbox --json
check "  cannot read it" [ "$(cat out)" = "[]" ]
expect 2 "the other county cannot show it" -- rx -C county2 report show "$id"

expect 0 "county countersigns" -- rx -C county report sign "$id" --name 张局长
expect 0 "countersign again: nothing new" -- rx -C county report sign "$id" --name 张局长
check "  says already" grep -q "already" out
expect 0 "county inbox" -- rx -C county inbox --json
check "  countersigned" grep -q '"countersigned":true' out
expect 0 "county syncs" -- rx -C county sync hub.git
expect 0 "school syncs" -- rx -C school sync hub.git
check "  takes in the countersignature" grep -q "县局会签 1" out
expect 0 "school due" -- rx -C school due
check "  review no longer owed" sh -c "! grep -q 复盘报告 out"
expect 0 "school inbox" -- rx -C school inbox --json
check "  school sees the countersignature" grep -q '"countersigned":true' out

expect 0 "city syncs" -- rx -C city sync hub.git
expect 0 "city inbox" -- rx -C city inbox --json
check "  the city reads it, countersigned" grep -q '"countersigned":true' out
expect 0 "city reads the report" -- rx -C city report show "$id"
check "  aspect 2" grep -q "^家庭情况" out
expect 1 "only a county countersigns" -- rx -C city report sign "$id" --name 某人

# a resubmission after edits supersedes: the countersignature is for the old version
expect 0 "the review is edited" -- rx -C school add review id="$inc" a4="措施改$aspect"
check "  a new report is sealed" grep -q "复盘报告 1" out
expect 0 "school due" -- rx -C school due
check "  owed again until the new version is signed" grep -q "复盘报告" out
expect 0 "school syncs" -- rx -C school sync hub.git

# a tampered copy of the new report change-set is refused by verification (exit 3), nothing of it applied
rm -rf evil.git && cp -r hub.git evil.git
school=$(rx -C school status --json | sed -n 's/.*"node":"\([^"]*\)".*/\1/p' | head -1)
# the latest report change-set becomes the branch's tip (the access records after it dropped)
tip=$(git --git-dir=evil.git log --format='%H %s' "refs/runxin/nodes/$school" | awk '/ runxin report / { print $1; exit }')
check "  the school's latest report found" [ -n "$tip" ]
python3 - "$tip" "$school" <<'PY'
import subprocess, sys
g = ['git', '--git-dir=evil.git']
tip, school = sys.argv[1], sys.argv[2]
run = lambda args, inp=None: subprocess.run(g + args, input=inp, capture_output=True, check=True).stdout
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
run(['update-ref', 'refs/runxin/nodes/' + school, new])
PY
check "  the copy differs" [ "$(git --git-dir=evil.git rev-parse refs/runxin/nodes/$school)" != "$tip" ]
expect 3 "the county refuses the tampered report change-set" -- rx -C county sync evil.git
check "  the reason: its payload" grep -qi "payload" err
expect 0 "county inbox" -- rx -C county inbox
check "  still the countersigned version" grep -q "已会签$" out
expect 0 "county syncs the genuine hub" -- rx -C county sync hub.git
expect 0 "county inbox" -- rx -C county inbox
check "  needs a new countersignature" grep -q "需重新会签" out
expect 0 "county shows the new version" -- rx -C county report show "$id"
check "  aspect 4 edited" grep -q "^措施改" out

# a second and a third incident, after the first was sent: each reaches the county
expect 0 "a second incident" -- rx -C school add incident no=S001 d=2024-10-12 k=出走
check "  sealed up" grep -q "已封存上报" out
expect 0 "a third, without a 学号" -- rx -C school add incident d=2024-10-13 k=冲突
check "  sealed up" grep -q "已封存上报" out
expect 0 "school syncs" -- rx -C school sync hub.git
expect 0 "county syncs" -- rx -C county sync hub.git
expect 0 "county inbox" -- rx -C county inbox --json
check "  three incidents" test "$(grep -o '"id":"[0-9a-f]*"' out | sort -u | wc -l)" = 3
finish
