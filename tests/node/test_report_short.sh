# A review report under the required length reaches the county as incomplete, not 按时, and the county refuses to countersign it; the inbox is an aligned table.
. "$(dirname "$0")/lib.sh"
export RUNXIN_TODAY=2024-10-20
enrol_chain || { echo "FAIL enrol_chain"; exit 1; }
printf '学号,姓名,性别,出生日期,年级,班级,重点标记\nS001,测试甲,男,2010-03-01,8,2,\n' >roster.csv
expect 0 "import roster" -- rx -C school import roster roster.csv
expect 0 "an incident" -- rx -C school add incident no=S001 d=2024-10-01 k=自伤
inc=$(rx -C school list incident --json | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -1)
# 4 x 500 characters: on time, signed by the school, but short of 3,000
short=$(awk 'BEGIN { for (i = 0; i < 249; i++) printf "情况"; }')
expect 0 "a short review is submitted" -- rx -C school add review id="$inc" a1="日常$short" \
	a2="家庭$short" a3="诱因$short" a4="措施$short" si=李老师 ss=王书记 sp=赵校长 sd=2024-10-12
expect 0 "school syncs to the hub" -- rx -C school sync ./hub.git --create
expect 0 "county syncs" -- rx -C county sync hub.git
expect 0 "county inbox" -- rx -C county inbox
check "  not shown as on time" sh -c "! grep -q 按时 out"
check "  shown as incomplete" grep -q "内容不全" out
check "  says how short" grep -q "2000 字" out
check "  Chinese headings" grep -q "^编号 *学校 *事件日期 *上报期限" out
check "  no tab separators" sh -c "! grep -q '	' out"
# aligned: the column 事件日期 starts at the same display column in header and row
col() { awk -v w="$1" 'NR == 1 { print index($0, w) }' "$2"; }
hdr=$(sed -n 1p out | sed 's/事件日期.*//' | wc -L); row=$(sed -n 2p out | sed 's/2024-10-01.*//' | wc -L)
check "  aligned columns ($hdr = $row)" [ "$hdr" = "$row" ]
expect 0 "county inbox json" -- rx -C county inbox --json
check "  status incomplete" grep -q '"status":"incomplete"' out
check "  complete false" grep -q '"complete":false' out
check "  characters" grep -q '"characters":2000' out
id=$(sed -n 's/.*"id":"\([0-9a-f]*\)".*/\1/p' out)
expect 0 "county shows it" -- rx -C county report show "$id"
check "  the show says short" grep -q "不足 3000 字" out
expect 2 "the county refuses to countersign a short report" -- rx -C county report sign "$id" --name 张局长
check "  says why in Chinese first" grep -q "复盘报告只有 2000 字, 不足 3000 字" err
expect 0 "county inbox json" -- rx -C county inbox --json
check "  still not countersigned" grep -q '"countersigned":false' out

# completed by the school, the county signs
long=$(awk 'BEGIN { for (i = 0; i < 400; i++) printf "情况"; }')
expect 0 "the review is completed" -- rx -C school add review id="$inc" a1="日常$long" \
	a2="家庭$long" a3="诱因$long" a4="措施$long"
expect 0 "school syncs" -- rx -C school sync hub.git
expect 0 "county syncs" -- rx -C county sync hub.git
expect 0 "county inbox" -- rx -C county inbox
check "  now on time" grep -q "按时" out
expect 0 "county countersigns" -- rx -C county report sign "$id" --name 张局长
finish
